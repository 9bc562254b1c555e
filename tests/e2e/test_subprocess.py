"""The installed `followup` program and `python -m followup`, run as real processes on SQLite."""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
FOLLOWUP = BIN / "followup"
NOW = "2026-11-24T12:00:00+00:00"
HEAVY = ("sqlalchemy", "fastapi", "dateparser", "holidays")
INIT = (
    "init --name 'Siobhán Ó Briain' --email siobhan@example.com "
    "--timezone Europe/Dublin --country IE"
)
ADD = (
    "interview add --company Acme --position 'Data Analyst' --at 2026-11-24T10:00 "
    "--interviewer 'José Núñez <jose@acme.example>'"
)


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    return {
        **env,
        "FOLLOWUP_HOME": str(home),
        "FOLLOWUP_NOW": NOW,
        "NO_COLOR": "1",
        "PYTHONWARNINGS": "ignore",
    }


def run(
    home: Path, *args: str, module: bool = False, python_flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *python_flags, "-m", "followup"] if module else [str(FOLLOWUP)]
    return subprocess.run(
        [*command, *args],
        env=environment(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def succeeds(home: Path, *args: str, module: bool = False) -> str:
    result = run(home, *args, module=module)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with a profile and one interview: the SQLite file exists and is migrated.

    Shared by the tests of this module, which only read it (failing commands write nothing).
    """
    if not FOLLOWUP.exists():
        pytest.fail(f"{FOLLOWUP} is not installed next to {sys.executable}")
    place = tmp_path_factory.mktemp("e2e") / "home"
    succeeds(place, *shlex.split(INIT))
    out = succeeds(place, *shlex.split(ADD), "--json")
    assert json.loads(out)["interview"]["round"] == 1
    assert (place / "followup.db").is_file()
    return place


def test_init_interview_add_and_today_json_through_the_installed_program(ready: Path) -> None:
    today = json.loads(succeeds(ready, "today", "--json"))
    assert set(today) == {"now", "actions", "replies", "bounces", "undelivered", "invitations"}
    assert today["replies"] == today["bounces"] == today["undelivered"] == []
    assert today["now"] == NOW
    assert [(a["kind"], a["contact"]["name"]) for a in today["actions"]] == [
        ("thank_you", "José Núñez")
    ]


def test_python_m_followup_reads_the_same_home(ready: Path) -> None:
    by_module = json.loads(succeeds(ready, "today", "--json", module=True))
    assert by_module == json.loads(succeeds(ready, "today", "--json"))
    plan = json.loads(succeeds(ready, "plan", "1", "--json", module=True))
    assert plan["application"]["company"] == "Acme"
    assert "Data Analyst" in succeeds(ready, "application", "list", module=True)


def test_the_readable_today_names_the_step_and_the_person(ready: Path) -> None:
    out = succeeds(ready, "today")
    assert "Thank-you note to José Núñez" in out and "José Núñez" in out
    assert "\x1b[" not in out  # no colour codes when NO_COLOR is set and not on a terminal


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("plan", "99"), 3),
        (("interview", "add", "--company", "Acme", "--position", "X", "--at", "2026-02-30"), 4),
        (("done", "1", "--at", "2030-01-01T00:00"), 4),
        (("nonsense",), 2),
    ],
    ids=["not-found", "impossible-date", "done-in-the-future", "usage"],
)
@pytest.mark.parametrize("module", [False, True], ids=["program", "module"])
def test_a_failing_command_prints_one_line_and_no_traceback(
    ready: Path, args: tuple[str, ...], code: int, module: bool
) -> None:
    result = run(ready, *args, module=module)
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup: "), result.stderr


@pytest.mark.parametrize("days", ["100000000", "99999999999"])
def test_a_huge_agenda_span_is_one_line_of_invalid_input(ready: Path, days: str) -> None:
    result = run(ready, "agenda", "--days", days)
    assert "Traceback" not in result.stderr
    assert result.returncode == 4
    assert len(result.stderr.splitlines()) == 1


def test_before_init_a_command_exits_5(tmp_path: Path) -> None:
    result = run(tmp_path / "empty", "today", "--json")
    assert result.returncode == 5
    assert result.stderr.startswith("followup: ") and len(result.stderr.splitlines()) == 1


def test_today_on_sqlite_does_not_import_the_heavy_libraries(ready: Path) -> None:
    result = run(ready, "today", module=True, python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    modules = set()
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        name = line.rsplit("|", 1)[1].strip()
        if name != "imported package":
            modules.add(name)
    assert "followup" in modules  # the trace is what we think it is
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded == [], loaded


def test_the_version_is_printed(ready: Path) -> None:
    out = succeeds(ready, "--version")
    assert out.startswith("followup") or "version" in out


def test_a_new_home_is_private_whatever_the_umask(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = subprocess.run(
        [str(FOLLOWUP), *shlex.split(INIT)], env=environment(home), capture_output=True,
        text=True, timeout=60, check=False, preexec_fn=lambda: os.umask(0o022))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in home.iterdir()} == {
        "followup.db": 0o600}


def test_an_argument_that_is_not_utf8_is_one_line_and_exit_4(ready: Path) -> None:
    result = subprocess.run(
        [str(FOLLOWUP), "interview", "add", "--company", b"Acme\xff", "--position", "X",
         "--at", "2026-11-25T10:00"], env=environment(ready), capture_output=True,
        timeout=60, check=False)

    assert result.returncode == 4
    assert result.stderr.decode() == (
        "followup: the argument 'Acme\\xff' is not UTF-8 text; give it in UTF-8 (check the "
        "encoding of your terminal or script)\n")
