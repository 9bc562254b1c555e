"""Invitations that arrive by mail (a real Dovecot): Today proposes them with Add and Ignore,
an update proposes the move, a cancellation proposes the cancel; each version once."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from tests.dovecot import dovecot as dovecot  # the session's server, as a fixture here
from tests.integration.test_imap import Setup, fast_today_of
from tests.integration.test_imap import setup as setup  # the user and their mailbox

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def invitation(start: datetime, sequence: int = 0, method: str = "REQUEST") -> str:
    """An Exchange invitation from José (a known contact of the Acme application)."""
    end = start + timedelta(hours=1)
    lines = [
        "BEGIN:VCALENDAR", f"METHOD:{method}", "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0", VTIMEZONE, "BEGIN:VEVENT",
        "ORGANIZER;CN=José Núñez:mailto:jose@acme.example",
        "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Siobhán Ó Briain:"
        "mailto:siobhan@example.com",
        "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Ana Lima:"
        "mailto:ana.lima@acme.example",
        "UID:040000008200E00074C5B7101A82E008000000001111", "SUMMARY;LANGUAGE=en-US:"
        "Second interview: Data Analyst",
        f"DTSTART;TZID=W. Europe Standard Time:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=W. Europe Standard Time:{end:%Y%m%dT%H%M%S}",
        f"SEQUENCE:{sequence}", "STATUS:" + ("CANCELLED" if method == "CANCEL" else "CONFIRMED"),
        "LOCATION:https://acme.zoom.us/j/93012345678", "DTSTAMP:20261201T090000Z",
        "END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


def mail(calendar: str, number: int, method: str = "REQUEST") -> str:
    message = MIMEMultipart("alternative")
    message["From"] = "José Núñez <jose@acme.example>"
    message["To"] = "siobhan@example.com"
    message["Subject"] = "Invitation: Second interview: Data Analyst"
    message["Message-ID"] = f"<invite-{number}@acme.example>"
    message["Date"] = "Tue, 01 Dec 2026 09:00:00 +0000"
    message.attach(MIMEText("You have been invited to a second interview.", "plain", "utf-8"))
    message.attach(MIMEText(calendar, "calendar", "utf-8"))
    message.get_payload()[1].set_param("method", method)
    return message.as_string()


@pytest.fixture
def inbox(setup: Setup) -> Setup:
    """A user with an interview at Acme (José Núñez) and an IMAP mailbox."""
    return setup


def today(setup: Setup) -> list[dict]:  # type: ignore[type-arg]
    found: list[dict] = setup.run("today")["invitations"]  # type: ignore[type-arg]
    return found


def test_a_mailed_invitation_is_proposed_added_moved_and_cancelled(inbox: Setup) -> None:
    start = (inbox.now + timedelta(days=5)).replace(hour=14, minute=0, second=0,
                                                     tzinfo=None)
    first = invitation(start)
    inbox.deliver("INBOX", mail(first, 1))
    synced = inbox.sync()
    [found] = synced["invitations"]
    assert found["change"] == "new" and found["organizer"] == "José Núñez"
    [shown] = today(inbox)
    assert shown["id"] == found["id"]
    assert shown["summary"] == "Second interview: Data Analyst"
    assert datetime.fromisoformat(shown["start"]).utcoffset() is not None
    text = inbox.cli("today", FOLLOWUP_NOW=inbox.now.isoformat()).stdout
    assert "Proposed interview: Second interview: Data Analyst" in text
    assert "(from the invitation of José Núñez)" in text
    assert inbox.sync()["invitations"] == [] and len(today(inbox)) == 1  # seen once

    added = inbox.run("interview", "import", "--mailed", str(found["id"]), "--yes")
    interview = added["interview"]["interview"]
    assert added["interview"]["application"]["id"] == inbox.application_id  # a later round
    assert interview["round"] == 2 and interview["timezone"] == "Europe/Berlin"
    assert interview["format"] == "video"
    assert [p["name"] for p in interview["participants"]] == ["José Núñez", "Ana Lima"]
    assert today(inbox) == []  # the interview carries it now

    inbox.deliver("INBOX", mail(invitation(start + timedelta(days=1), 1), 2))
    inbox.sync()
    [moved] = today(inbox)
    assert moved["change"] == "reschedule" and moved["interview_id"] == interview["id"]
    inbox.cli("interview", "ignore", str(moved["id"]))
    assert today(inbox) == []

    inbox.deliver("INBOX", mail(invitation(start, 2, "CANCEL"), 3, "CANCEL"))
    inbox.sync()
    [cancel] = today(inbox)
    assert cancel["change"] == "cancel"
    done = inbox.run("interview", "import", "--mailed", str(cancel["id"]), "--yes")
    assert done["interview"]["interview"]["cancelled"] is True
    assert today(inbox) == []


def test_the_fast_today_lists_the_same_invitations(inbox: Setup) -> None:
    if not inbox.cli.env["FOLLOWUP_DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the fast path reads only a SQLite home")
    start = (inbox.now + timedelta(days=3)).replace(hour=9, minute=30, tzinfo=None)
    inbox.deliver("INBOX", mail(invitation(start), 9))
    inbox.sync()
    fast_today = fast_today_of(inbox)
    assert fast_today == inbox.run("today")
    assert len(fast_today["invitations"]) == 1


def test_a_message_with_a_broken_calendar_is_read_as_mail_and_proposes_nothing(
        inbox: Setup) -> None:
    inbox.deliver("INBOX", mail("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:bad\r\n", 5))
    result = inbox.sync()
    assert result["invitations"] == [] and result["skipped"] == []
    assert today(inbox) == []
