"""Hostile calendar files given to `followup interview import`: each is refused in one line
with exit 4, quickly, and nothing is saved, even with --yes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.integration.test_cli_errors import failed, snapshot

NOW = "2026-12-04T09:00:00+00:00"


def calendar(*lines: str) -> bytes:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
                        "UID:x@acme.example", *lines, "END:VEVENT", "END:VCALENDAR", ""]
                       ).encode()


HOSTILE = {
    "no event": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    "binary": bytes(range(256)) * 64,
    "huge": b"BEGIN:VCALENDAR\r\nX-A:" + b"a" * (3 * 1024 * 1024) + b"\r\nEND:VCALENDAR\r\n",
    "absurd date": calendar("DTSTART:30001208T100000Z", "SUMMARY:Acme interview"),
    "week-long": calendar("DTSTART:20261208T100000Z", "DTEND:20270108T100000Z",
                          "SUMMARY:Acme interview"),
    "deep folding": calendar("DTSTART:20261208T100000Z",
                             "SUMMARY:" + "\r\n ".join(["Acme"] * 50_000)),
    "many attendees": calendar("DTSTART:20261208T100000Z", "SUMMARY:Acme interview",
                               *(f"ATTENDEE;CN=P{n}:mailto:p{n}@acme.example"
                                 for n in range(500))),
    "long uid": calendar("DTSTART:20261208T100000Z").replace(b"UID:x", b"UID:" + b"u" * 400),
    "not a calendar": "Name,Email\r\nJosé,jose@acme.example\r\n".encode(),
}


@pytest.fixture
def ada(user: Cli) -> Cli:
    return user


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_invitation_is_refused_and_nothing_saved(ada: Cli, tmp_path: Path,
                                                         name: str) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(HOSTILE[name])
    before = snapshot(ada)
    started = time.perf_counter()
    result = ada("interview", "import", str(path), "--company", "Acme", "--position", "X",
                 "--yes", FOLLOWUP_NOW=NOW)
    assert time.perf_counter() - started < 5
    assert failed(result, 4)
    assert snapshot(ada) == before
