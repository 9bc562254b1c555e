"""Hostile vCard files and signatures: each is refused with exit 4 in one line, quickly, and
changes nothing in the home (the whole file is saved, or none of it)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from followup.domain import limits
from tests.conftest import Cli
from tests.integration.test_cli_errors import NOW, rejects

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
GOOD = CARD.format(name="José Núñez", email="jose@acme.example").encode()
HOSTILE = {
    "too large": (GOOD + b"NOTE:" + b"x" * limits.CARD_FILE, "too large"),
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100, "binary"),
    "cut off": (GOOD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mary Byrne\r\n", "never closed"),
    "a card inside another": (b"BEGIN:VCARD\r\n" * 50_000, "inside another"),
    "a line of a megabyte": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + b"A" * 1_000_000
                             + b"\r\nEND:VCARD\r\n", "longer than"),
    "too many people": (GOOD * (limits.CARDS + 1), "more than 1000 people"),
    "too many addresses": (("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n"
                            + "".join(f"EMAIL:a{n}@x.example\r\n" for n in range(60))
                            + "END:VCARD\r\n").encode(), "more than 50 email addresses"),
    "a terminal escape in a name": (CARD.format(name="A\x1b]0;owned\x07B",
                                                email="a@x.example").encode(),
                                    "control character"),
    "a second card with a bad address": (GOOD + CARD.format(name="Mary", email="@").encode(),
                                         "'@' is not an email address"),
    "not text": ("BEGIN:VCARD\r\nFN:Ω\r\nEND:VCARD\r\n".encode("utf-16"), "binary"),
}


@pytest.fixture
def home_with_interview(user: Cli) -> Cli:
    user.json("interview", "add", "--company", "Acme", "--position", "Analyst",
              "--at", "2026-11-24T10:00", "--interviewer", "Jose Nunez <jose@acme.example>",
              FOLLOWUP_NOW=NOW)
    return user


def test_a_hostile_vcard_is_refused_quickly_and_saves_nothing(home_with_interview: Cli,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "hostile.vcf"
    for case, (data, said) in HOSTILE.items():
        path.write_bytes(data)
        started = time.perf_counter()

        line = rejects(home_with_interview, 4, "contact", "import", str(path),
                       "--application", "1")

        assert time.perf_counter() - started < 3, case
        assert said in line, (case, line)


def test_a_signature_too_long_or_not_text_is_refused(home_with_interview: Cli) -> None:
    too_long = "Kind regards,\nMary Byrne\n" + "x" * (limits.LONG + 1)
    rejects(home_with_interview, 4, "contact", "parse", "--application", "1", "--yes",
            input=too_long)
    from followup.entrypoints.cli import cli

    bad = home_with_interview.runner.invoke(cli, ["contact", "parse"], input=b"\xff\xfe\x00bin",
                                            env=home_with_interview.env)
    assert bad.exit_code == 4 and "not UTF-8" in bad.stderr


def test_an_export_whose_contact_lists_are_not_lists_is_refused(user: Cli,
                                                               tmp_path: Path) -> None:
    user.json("interview", "add", "--company", "Acme", "--position", "Analyst",
              "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
              FOLLOWUP_NOW=NOW)
    document = json.loads(user("export").stdout)
    fresh = Cli(user.runner, {**user.env, "FOLLOWUP_HOME": str(tmp_path / "fresh"),
                              "FOLLOWUP_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"})
    for emails in ("not json", json.dumps([1, 2]), json.dumps(["not-an-address"])):
        document["contacts"][0]["emails"] = emails
        path = tmp_path / "export.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        result = fresh("import", str(path))
        assert result.exit_code == 4, (emails, result.stderr)
        assert fresh("contact", "list").exit_code != 0  # nothing was loaded: no profile
