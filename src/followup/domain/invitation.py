"""Calendar invitations (RFC 5545 / iTIP): what an interview invitation says, the limits a
file is read within, and what a summary says of the position. Reading the file is the
adapter's (`adapters/invitation.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from followup.domain.incoming import FREE_MAIL, domain_of
from followup.domain.model import Format

LARGEST = 1024 * 1024
"""The largest calendar file read (invitations are a few kilobytes; attachments make more)."""
EVENTS = 50
"""Events (an invitation and its changed occurrences) read from one file."""
PEOPLE = 200
"""Attendees looked at; an invitation to more is a company-wide meeting, not an interview."""
LONGEST_SUMMARY = 1000
"""A title longer than this is not an invitation's (a longer location is only cut)."""
SKIPPED_TYPES = frozenset({"RESOURCE", "ROOM", "GROUP"})
"""Attendees that are not people: rooms, equipment, mailing lists."""
VIDEO = re.compile(
    r"https://(?:[\w-]+\.)*(?:zoom\.us|zoom\.com|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com"
    r"|meet\.google\.com|webex\.com|whereby\.com|gotomeeting\.com|meet\.goto\.com|chime\.aws"
    r"|bluejeans\.com|meet\.jit\.si|skype\.com)/[^\s<>\"')\]]*", re.IGNORECASE)
"""The join links of the video services interviews use."""
PHONE_WORDS = re.compile(r"\b(?:phone|telephone|call me|we will call|we'll call|dial[- ]in)\b"
                         r"|\btel:", re.IGNORECASE)
PHONE_NUMBER = re.compile(r"^\+?[\d\s().-]{6,}$")
FILLER = re.compile(
    r"\b(?:(?:first|second|third|final|technical|phone|video|onsite|on-site|panel)\s+)?"
    r"(?:interview|call|meeting|screen(?:ing)?|chat)(?:\s+(?:with|for|at))?\b",
    re.IGNORECASE)
"""The words around a position in an invitation's summary ("Interview for …", "… call")."""
ROUND = re.compile(r"\b(?:(?:first|second|third|final|\d(?:st|nd|rd|th))\s+round|panel|onsite|"
                   r"on-site)\b", re.IGNORECASE)
"""Words of a summary that name the kind of meeting, not the job."""
ROLE_MAILBOXES = frozenset({
    "recruiting", "recruitment", "recruiter", "recruiters", "careers", "career", "jobs", "talent",
    "hr", "people", "hiring", "interviews", "interview", "scheduling", "calendar", "noreply",
    "no-reply", "donotreply", "do-not-reply", "notifications"})
"""Shared mailboxes that send invitations for a team: not a person to thank."""
SEPARATORS = " \t-–—:|/,@()[]·•"


class Method(StrEnum):
    """What the invitation asks: record (or re-plan) the interview, or cancel it."""

    REQUEST = "request"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the invitation names: their name as the sender's calendar spells it, their
    address, and whether they organised the meeting."""

    name: str
    email: str
    organizer: bool = False


@dataclass(frozen=True, slots=True)
class Invitation:
    """What one invitation file says about one interview."""

    uid: str
    sequence: int
    method: Method
    start: datetime
    """Aware when the file gives a zone or UTC; naive for a floating time (the user's zone)."""
    end: datetime | None
    timezone: str | None
    """The IANA name of the zone the times were written in (None: UTC, floating or unknown)."""
    summary: str | None
    location: str | None
    link: str | None
    """The video link (Teams, Zoom, Meet...), from the location, the description or the
    vendor's own property."""
    people: tuple[Person, ...]
    """The organizer first, then the attendees, each address once; rooms left out."""
    phone: bool = False
    """The invitation speaks of a phone call (and gives no video link)."""

    @property
    def organizer(self) -> Person | None:
        return next((p for p in self.people if p.organizer), None)

    @property
    def format(self) -> Format | None:
        """Video with a join link, phone when it speaks of a call, on site at a place."""
        if self.link:
            return Format.VIDEO
        if self.phone:
            return Format.PHONE
        if self.location:
            return Format.ONSITE
        return None

    def interviewers(self, own: Iterable[str]) -> tuple[Person, ...]:
        """The people of the invitation other than the user (by any of their addresses)."""
        mine = {a.strip().lower() for a in own if a and a.strip()}
        return tuple(p for p in self.people if p.email.lower() not in mine)

    def domains(self, own: Iterable[str]) -> tuple[str, ...]:
        """The company domains of the other people (free-mail domains left out), organizer's
        first."""
        found = [domain_of(p.email) for p in self.interviewers(own)]
        return tuple(dict.fromkeys(d for d in found if d and d not in FREE_MAIL))


def position_in(summary: str, company: str | None) -> str:
    """The position an invitation's summary names: the summary without the company's name and
    the words of a meeting ("Interview: Data Analyst – Contoso" gives "Data Analyst")."""
    text = summary
    if company:
        text = re.sub(re.escape(company), " ", text, flags=re.IGNORECASE)
    text = ROUND.sub(" ", FILLER.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip(SEPARATORS)
    text = re.sub(r"\s+", " ", text).strip(SEPARATORS)
    return text or summary


def names_company(summary: str | None, company: str) -> bool:
    """Whether the summary names the company (any case, accents as written)."""
    return bool(summary and _fold(company) in _fold(summary))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


class Proposal(StrEnum):
    """Where an invitation that arrived by mail stands."""

    PROPOSED = "proposed"
    IGNORED = "ignored"


@dataclass
class MailedInvitation:
    """An invitation found in the user's mail, on Today until an interview carries it (added
    from Today, a file or an upload) or the user ignores it."""

    id: int | None
    uid: str
    sequence: int
    method: Method
    summary: str | None
    organizer: str | None
    """The organizer's name (or address), for "from the invitation of …"."""
    start: datetime
    calendar: str
    """The invitation's text, read again when the user adds it."""
    message_id: str | None
    received_at: datetime
    state: Proposal = Proposal.PROPOSED
