"""Faults around the input (the database, the home, an output path, the bytes of an argument)
are one line that says what is wrong and what to do: exit 1 for the environment, 4 for a bad
argument, never "unexpected error", and nothing is changed on the way."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import Cli, missing

NOW = "2026-11-24T12:00:00+00:00"
INIT = ("init", "--name", "Siobhán Ó Briain", "--email", "siobhan@example.com",
        "--timezone", "Europe/Dublin", "--country", "IE")
ADD = ("interview", "add", "--company", "Acme", "--position", "Data Analyst",
       "--at", "2026-11-24T10:00", "--interviewer", "王芳 <wang@acme.example>")


def one_line(result: Result | subprocess.CompletedProcess[str], code: int) -> str:
    """The error line of a failed command, checked for its form."""
    stderr = result.stderr
    assert result.returncode == code if isinstance(result, subprocess.CompletedProcess) \
        else result.exit_code == code, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup: "), stderr
    assert "unexpected error" not in stderr and "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def local(home: Path) -> Cli:
    """The CLI on the home's own SQLite file, as a user runs it."""
    return Cli(CliRunner(), {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW})


@pytest.fixture
def recorded(local: Cli, home: Path) -> Path:
    """A home with a profile and an interview; returns its database file."""
    for args in (INIT, ADD):
        assert local(*args).exit_code == 0
    gc.collect()  # the commands' engines let the file go (SQLite shares it within a process)
    return home / "followup.db"


def fast_today(home: Path, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`followup today` through the program's entry point (stdlib fast path first)."""
    from followup.entrypoints import fast

    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setattr(sys, "argv", ["followup", "today"])
    with pytest.raises(SystemExit) as stopped:
        fast.main()
    return int(stopped.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("content", [b"this is not a database" * 300,
                                     b"SQLite format 3\x00" + b"\xff" * 8000],
                         ids=["not-sqlite", "damaged-header"])
def test_a_damaged_database_is_named_and_left_as_it_is(
        local: Cli, recorded: Path, content: bytes, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    recorded.write_bytes(content)
    for companion in ("-wal", "-shm"):
        Path(f"{recorded}{companion}").unlink(missing_ok=True)

    line = one_line(local("plan", "1"), 1)
    assert f"the database {recorded} is damaged" in line and "backup" in line
    assert one_line(local(*ADD), 1) == line
    code, err = fast_today(recorded.parent, monkeypatch, capsys)
    assert code == 1 and err == line + "\n"
    assert recorded.read_bytes() == content


def test_a_zero_length_database_is_refused_not_taken_for_a_new_home(
        local: Cli, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir()
    (home / "followup.db").write_bytes(b"")

    for args in (INIT, ("plan", "1"), ("db", "upgrade")):
        line = one_line(local(*args), 1)
        assert "is empty (0 bytes)" in line and "backup" in line
    code, err = fast_today(home, monkeypatch, capsys)
    assert code == 1 and "is empty (0 bytes)" in err
    assert (home / "followup.db").stat().st_size == 0
    assert not {"export.json", "secrets.json", "secrets.json.tmp"} & set(os.listdir(home))


def test_an_unreachable_postgresql_is_named_without_its_password(local: Cli) -> None:
    url = "postgresql+psycopg://followup:hunter2@127.0.0.1:1/test"

    line = one_line(local("plan", "1", FOLLOWUP_DATABASE_URL=url), 1)

    assert "cannot use the database postgresql+psycopg://followup:***@127.0.0.1:1/test" in line
    assert "PostgreSQL is running" in line and "hunter2" not in line


def test_a_home_that_is_a_file_is_named_and_left_alone(local: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine\n")

    line = one_line(local(*INIT, FOLLOWUP_HOME=str(a_file)), 1)
    assert line == (f"followup: {a_file} is a file, not a folder; set FOLLOWUP_HOME to a "
                    "folder, or move the file away")
    line = one_line(local("plan", "1", FOLLOWUP_HOME=str(a_file / "home")), 1)
    assert f"cannot create the folder {a_file / 'home'}" in line
    assert a_file.read_text() == "mine\n"


@pytest.mark.parametrize("command", [("export", "-o"), ("calendar", "export", "-o"),
                                     ("note", "pdf", "1", "-o")],
                         ids=["export", "calendar", "pdf"])
def test_an_output_file_in_a_missing_folder_is_a_bad_argument(
        local: Cli, recorded: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    target = tmp_path / "missing" / "out.file"

    line = one_line(local(*command, str(target)), 4)

    assert line == (f"followup: cannot write {target}: the folder {target.parent} does not "
                    "exist; create it, or give another path")
    assert not target.parent.exists()


def test_an_argument_that_is_not_utf8_is_a_bad_argument_and_stores_nothing(
        local: Cli, recorded: Path) -> None:
    undecodable = b"Acme \xff Ltd".decode("utf-8", "surrogateescape")
    args = list(ADD)
    args[2] = undecodable

    line = one_line(local(*args), 4)

    assert line == ("followup: the argument 'Acme \\xff Ltd' is not UTF-8 text; give it in "
                    "UTF-8 (check the encoding of your terminal or script)")
    assert len(local.json("application", "list")) == 1


def test_a_damaged_secrets_file_is_an_error_that_keeps_it(local: Cli, home: Path) -> None:
    home.mkdir()
    damaged = b'{"smtp": "old password", "imap": '
    (home / "secrets.json").write_bytes(damaged)

    line = one_line(local("mail", "password", "smtp", input="new\n",
                          FOLLOWUP_NO_KEYRING="1"), 1)

    assert f"the mail passwords file {home / 'secrets.json'} is damaged" in line
    assert "left as it is" in line
    assert (home / "secrets.json").read_bytes() == damaged


@pytest.fixture
def read_only_home() -> Iterator[tuple[Path, list[str]]]:
    """A home the program may read but not write, and the command prefix that makes it so:
    root ignores file modes, so it runs without the capabilities that let it."""
    place = Path(tempfile.mkdtemp(prefix="followup-ro-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            missing("setpriv", "root needs it to drop the right to write anywhere")
        prefix = [str(setpriv), "--bounding-set=-dac_override,-dac_read_search"]
    try:
        yield place / "home", prefix
    finally:
        for folder, _, files in os.walk(place):
            os.chmod(folder, 0o700)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o600)
        shutil.rmtree(place)


def test_a_read_only_home_says_it_cannot_write_and_changes_nothing(
        read_only_home: tuple[Path, list[str]]) -> None:
    home, prefix = read_only_home
    runner = Cli(CliRunner(), {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW})
    for args in (INIT, ADD):
        assert runner(*args).exit_code == 0
    database = home / "followup.db"
    before = database.read_bytes()
    database.chmod(0o400)
    home.chmod(0o500)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW, FOLLOWUP_NO_KEYRING="1",
               PYTHONWARNINGS="ignore")


    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, sys.executable, "-m", "followup", *args], env=env,
                              input="s3cret\n", capture_output=True, text=True, timeout=60,
                              check=False)

    line = one_line(run(*ADD), 1)
    assert f"the database {database} cannot be written" in line
    assert "check that you may write" in line
    line = one_line(run("export", "-o", str(home / "export.json")), 1)
    assert line.startswith(f"followup: cannot use {home / 'export.json'} (Permission denied)")
    line = one_line(run("mail", "password", "smtp"), 1)
    assert line.startswith(f"followup: cannot keep the password in {home / 'secrets.json'}")
    assert database.read_bytes() == before
    assert not {"export.json", "secrets.json", "secrets.json.tmp"} & set(os.listdir(home))


def test_the_web_app_says_in_plain_words_that_the_database_is_damaged(
        local: Cli, recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from followup import bootstrap
    from followup.entrypoints.web.app import create_app

    content = b"this is not a database" * 300
    recorded.write_bytes(content)
    for companion in ("-wal", "-shm"):
        Path(f"{recorded}{companion}").unlink(missing_ok=True)
    monkeypatch.setenv("FOLLOWUP_HOME", str(recorded.parent))
    app = create_app(bootstrap.build(migrate=False))

    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        answer = client.get("/api/v1/today")

    assert answer.status_code == 503, answer.text
    assert answer.json()["error"]["message"].startswith(f"the database {recorded} is damaged")
    assert recorded.read_bytes() == content
