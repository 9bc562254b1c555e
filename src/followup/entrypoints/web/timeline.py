"""An application's plan laid out on a time axis, for the page's SVG drawing (_timeline.html).

Time runs down the page so that the drawing reads on a phone: each event is a mark on one
vertical axis with its date on the left and what it is on the right. Gaps between events grow
with the days between them (up to a limit), so a long wait looks long without pushing the
rest off the screen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from typing import Any

from followup.domain import timing
from followup.domain.model import CALLS, DECIDED
from followup.entrypoints.web.deps import step_title
from followup.services.views import PlanNow

WIDTH = 360
AXIS = 100
TEXT_X = AXIS + 14
TOP = 26
ROW = 40
LINE = 17
PER_DAY = 5
LONGEST_GAP = 80
# Font sizes in viewBox units, as pages.css sets them: the page scales the drawing (about 0.9 at
# 375 px wide), so these keep every text at 12 CSS px or more on a phone.
TITLE_SIZE = 14.5  # bold
DETAIL_SIZE = 13.5
REGULAR = 0.95  # DejaVu Sans's regular letters are at most 95% as wide as its bold ones
LINE_WIDTH = WIDTH - TEXT_X - 4

CALL_KINDS = frozenset(str(k) for k in CALLS)
TOUCHES = {"call_made": "Call made", "call_received": "They got in touch",
           "reply": "They replied", "note_sent": "Note sent"}
OUTCOMES = {"reached": "reached", "voicemail": "voicemail", "no_answer": "no answer"}


@dataclass
class Event:
    """One mark: its moment, its shape, the status that colours it, and its text: a title and a
    detail, each on as many lines as it needs."""

    at: datetime
    shape: str  # interview | note | call | decision | touch | outcome | today
    status: str  # done | planned | overdue | cancelled | skipped | expected | past | today
    title: str
    detail: str
    person: str = ""  # the name the title ends with, if any
    y: int = 0

    @property
    def date(self) -> str:
        return f"{self.at:%a} {self.at.day} {self.at:%b}"

    @cached_property
    def title_lines(self) -> list[str]:
        """The title over as many lines as it needs, never cut short; when it needs more than
        one, the person's name starts a line of its own."""
        lines = wrap(self.title, TITLE_SIZE)
        head = self.title.removesuffix(self.person)
        if len(lines) == 1 or not self.person or not head.endswith(" "):
            return lines
        *first, last = wrap(head, TITLE_SIZE)
        return [*first, last + " ", *wrap(self.person, TITLE_SIZE)]

    @cached_property
    def detail_lines(self) -> list[str]:
        return wrap(self.detail, DETAIL_SIZE * REGULAR)

    @property
    def extra(self) -> int:
        """How much taller than one title and one detail line the event's text is."""
        return (len(self.title_lines) + len(self.detail_lines) - 2) * LINE


def _em(char: str) -> float:
    """A generous guess of a character's width in ems, measured on DejaVu Sans Bold (the widest
    of the usual sans fonts), so that a line never overflows whatever font the browser picks."""
    if unicodedata.combining(char):
        return 0
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in "mwMWæœÆŒ@%":
        return 1.1
    if char == " ":
        return 0.35
    if char in "iljfrtI.,;:'!|()[]-":
        return 0.5
    return 0.86 if char.isupper() or char == "&" else 0.72


def _fits(text: str, size: float) -> bool:
    return sum(_em(c) for c in text) * size <= LINE_WIDTH


def _split(word: str, size: float) -> tuple[str, str]:
    """The longest head of a word too long for a line, and the rest."""
    cut = 1
    while cut < len(word) and _fits(word[: cut + 1], size):
        cut += 1
    return word[:cut], word[cut:]


def wrap(text: str, size: float) -> list[str]:
    """`text` in lines that fit beside the axis at `size` (in bold), broken after a space or a
    hyphen where it can; the lines joined give the text back (a space ends its line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for index, piece in enumerate(re.findall(r"[^-]+-*|-+", word)):
            gap = "" if index else " "  # a piece after a hyphen follows it directly
            joined = f"{line}{gap}{piece}" if line else piece
            if _fits(joined, size):
                line = joined
                continue
            if line:
                lines.append(line + gap)
            while not _fits(piece, size):
                head, piece = _split(piece, size)
                lines.append(head)
            line = piece
    return [*lines, line]


def _day(value: date, zone: Any) -> datetime:
    """A date of the plan at noon, in the zone of the plan's times."""
    return datetime.combine(value, time(12), tzinfo=zone)


def events(plan: PlanNow) -> list[Event]:
    """Every dated thing of the plan, in time order, with today among them."""
    now = plan.now
    zone = now.tzinfo
    found: list[Event] = []
    for i in plan.interviews:
        state = "cancelled" if i.cancelled else ("done" if i.end <= now else "planned")
        found.append(Event(i.start, "interview", state,
                           f"Interview, round {i.round} ({i.format})",
                           "cancelled" if i.cancelled else f"at {i.start:%H:%M}"))
        if i.decision_date and not i.cancelled:
            found.append(_decision(_day(i.decision_date, zone), now, i.decision_phrase))
    for t in plan.touches:
        if t.kind == "note_sent" and t.action_id:
            continue  # the step it completed is drawn already, as done
        outcome = OUTCOMES.get(t.outcome or "", "")
        found.append(Event(t.at, "touch", "past", TOUCHES.get(t.kind, t.kind),
                           outcome or "happened"))
        if t.decision_date:
            found.append(_decision(_day(t.decision_date, zone), now, t.decision_phrase))
    for a in plan.actions:
        if a.status == "cancelled" or (a.kind == "checklist" and a.status != "planned"):
            continue  # re-planning's leftovers: listed under Steps, not worth a glance
        status, detail = str(a.status), str(a.status)
        if status == "planned":  # said as every view says it: 'due today, 14:59'...
            earliest, due, deadline = a.earliest, a.due, a.deadline
            detail = timing.label(earliest, due, deadline, now, zone or UTC)
            if timing.state(earliest, due, deadline, now) is timing.Timing.OVERDUE:
                status = "overdue"
        shape = "call" if a.kind in CALL_KINDS and a.channel == "phone" else "note"
        person = a.contact.name if a.contact else ""
        found.append(Event(a.due, shape, status, step_title(a), detail, person))
    app = plan.application
    if app.status in {str(s) for s in DECIDED} and app.status_at:
        found.append(Event(app.status_at, "outcome", "done",
                           f"Outcome: {app.status}", "recorded"))
    found.append(Event(now, "today", "today", "Today", f"{now:%H:%M}"))
    found.sort(key=lambda e: (e.at, e.shape != "today"))
    seen: set[tuple[datetime, str]] = set()
    unique = []
    for event in found:  # every round repeats the decision date it was given
        key = (event.at, event.detail)
        if event.shape != "decision" or key not in seen:
            unique.append(event)
            seen.add(key)
    return unique


def _decision(day: datetime, now: datetime, phrase: str | None) -> Event:
    detail = f"“{phrase}”" if phrase else "date given"
    return Event(day, "decision", "expected" if day >= now else "past", "Decision expected",
                 detail)


def layout(plan: PlanNow) -> dict[str, Any]:
    """The events with their places, and the drawing's size (a viewBox WIDTH units wide)."""
    placed = events(plan)
    y = TOP
    for index, event in enumerate(placed):
        if index:
            before = placed[index - 1]
            days = (event.at - before.at).total_seconds() / 86400
            y += ROW + before.extra + min(LONGEST_GAP, max(0, round(days * PER_DAY)))
        event.y = y
    height = y + ROW + (placed[-1].extra if placed else 0)
    return {"events": placed, "width": WIDTH, "height": height, "axis": AXIS, "text_x": TEXT_X,
            "line": LINE, "top": TOP - 14, "bottom": height - 14}
