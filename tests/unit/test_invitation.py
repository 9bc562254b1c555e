"""Reading interview invitations as Google Calendar, Outlook/Exchange and Teams send them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.adapters.invitation import iana, read
from followup.domain.errors import InvalidInput
from followup.domain.invitation import Method, position_in
from followup.domain.model import Format

FILES = Path(__file__).parent.parent / "invitations"
ME = ["ada@example.org"]


def invitation(name: str) -> bytes:
    return (FILES / name).read_bytes()


def event(*lines: str, method: str = "REQUEST") -> bytes:
    """A minimal invitation with the given VEVENT lines."""
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", f"METHOD:{method}",
            "BEGIN:VEVENT", "UID:abc-123@example.com", "DTSTAMP:20261201T090000Z", *lines,
            "END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(body).encode()


def test_google_invitation_gives_time_zone_people_and_meet_link() -> None:
    found = read(invitation("google.ics"))
    assert found.method is Method.REQUEST and found.sequence == 0
    assert found.start == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    assert found.end == datetime(2026, 12, 8, 16, 0, tzinfo=UTC)
    assert found.timezone == "America/New_York"
    assert found.link == "https://meet.google.com/abc-defg-hij"
    assert found.format is Format.VIDEO
    people = found.interviewers(ME)
    assert [(p.name, p.email, p.organizer) for p in people] == [
        ("José García", "jose.garcia@globex.com", True),
        ("priya.n@globex.com", "priya.n@globex.com", False)]  # the meeting room is left out
    assert found.domains(ME) == ("globex.com",)


def test_outlook_windows_zone_names_are_read_as_iana_zones() -> None:
    found = read(invitation("outlook.ics"))
    assert found.timezone == "Europe/Berlin"
    assert found.start == datetime(2026, 12, 10, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert found.end is not None and found.end - found.start == (
        datetime(2026, 1, 1, 1, 30) - datetime(2026, 1, 1))
    assert found.format is Format.ONSITE
    assert found.location == "Contoso HQ, Room 4.12, Herengracht 1, Amsterdam"
    names = [p.name for p in found.interviewers(ME)]
    assert names == ["Siobhán Ó Briain", "王芳"]  # the room (CUTYPE=RESOURCE) is left out


def test_teams_invitation_is_video_and_leaves_out_the_shared_recruiting_mailbox() -> None:
    found = read(invitation("teams.ics"))
    assert found.timezone == "America/Los_Angeles"
    assert found.start.utcoffset() is not None
    assert found.start.astimezone(UTC) == datetime(2026, 12, 11, 17, 30, tzinfo=UTC)
    assert found.link is not None
    assert found.link.startswith("https://teams.microsoft.com/l/meetup-join/")
    assert found.format is Format.VIDEO
    assert [p.name for p in found.interviewers(ME)] == ["Liam O'Neill", "Dana White"]
    assert found.organizer is None  # recruiting@ is a team's mailbox, not a person to thank


def test_an_update_and_a_cancellation_carry_the_same_uid_and_a_higher_sequence() -> None:
    first, update, cancel = (read(invitation(n)) for n in
                             ("outlook.ics", "outlook-update.ics", "outlook-cancel.ics"))
    assert first.uid == update.uid == cancel.uid
    assert first.sequence < update.sequence < cancel.sequence
    assert update.method is Method.REQUEST and cancel.method is Method.CANCEL


@pytest.mark.parametrize(("windows", "zone"), [
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("GMT Standard Time", "Europe/London"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Europe/Dublin", "Europe/Dublin"),
    ("/mozilla.org/20050126_1/Not a zone", None),
])
def test_zone_names_map_through_cldr(windows: str, zone: str | None) -> None:
    assert iana(windows) == zone


def test_a_floating_time_stays_naive_for_the_users_zone() -> None:
    found = read(event("DTSTART:20261208T100000", "DURATION:PT45M", "SUMMARY:Phone screen"))
    assert found.start == datetime(2026, 12, 8, 10, 0) and found.timezone is None
    assert found.end == datetime(2026, 12, 8, 10, 45)
    assert found.format is Format.PHONE


def test_a_utc_time_has_no_zone_of_its_own() -> None:
    found = read(event("DTSTART:20261208T100000Z", "LOCATION:https://acme.zoom.us/j/123456789"))
    assert found.timezone is None and found.start.tzinfo is not None
    assert found.link == "https://acme.zoom.us/j/123456789" and found.format is Format.VIDEO


def test_status_cancelled_cancels_even_without_method_cancel() -> None:
    found = read(event("DTSTART:20261208T100000Z", "STATUS:CANCELLED", method="PUBLISH"))
    assert found.method is Method.CANCEL


@pytest.mark.parametrize(("summary", "company", "position"), [
    ("Interview: Backend Engineer @ Globex", "Globex", "Backend Engineer"),
    ("Fabrikam | Product Designer - Panel", "Fabrikam", "Product Designer"),
    ("Data Analyst – Contoso – second round interview", "Contoso", "Data Analyst"),
    ("Phone screen for Site Reliability Engineer", "Initech", "Site Reliability Engineer"),
    ("Interview", "Acme", "Interview"),
])
def test_the_position_is_the_summary_without_company_and_meeting_words(
        summary: str, company: str, position: str) -> None:
    assert position_in(summary, company) == position


@pytest.mark.parametrize(("data", "words"), [
    (b"", "not a calendar file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Grüße".encode("latin-1"), "not UTF-8"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", "cannot be read"),
    (event("DTSTART:20261208T100000Z").replace(b"UID:abc-123@example.com\r\n", b""), "no UID"),
    (event("SUMMARY:No start"), "no start"),
    (event("DTSTART;VALUE=DATE:20261208"), "all day"),
    (event("DTSTART:99991208T100000Z"), "must lie between"),
    (event("DTSTART:18001208T100000Z"), "must lie between"),
    (event("DTSTART:20261208T100000Z", "DTEND:20261201T100000Z"), "end after it starts"),
    (event("DTSTART:20261208T100000Z", "SEQUENCE:many"), "SEQUENCE"),
    (b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * 1_100_000 + b"\r\nEND:VCALENDAR\r\n",
     "too large"),
])
def test_what_is_not_an_invitation_is_a_clear_error(data: bytes, words: str) -> None:
    with pytest.raises(InvalidInput) as error:
        read(data)
    assert words in str(error.value) and error.value.field == "invitation"


def test_two_different_events_in_one_file_are_refused() -> None:
    two = event("DTSTART:20261208T100000Z").replace(
        b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:other\r\nDTSTART:20261209T100000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR")
    with pytest.raises(InvalidInput, match="2 different events"):
        read(two)


def test_control_characters_never_reach_a_name_or_the_summary() -> None:
    found = read(event("DTSTART:20261208T100000Z", "SUMMARY:Interview\\n\x1b[31mEngineer",
                       "ORGANIZER;CN=\"Jo\x07 Bloggs\":mailto:jo@acme.example",
                       "ATTENDEE;CN=Ann Lee:mailto:ann@acme.example"))
    assert found.summary == "Interview [31mEngineer"
    assert [p.name for p in found.people] == ["Ann Lee"]  # the broken line is left out
