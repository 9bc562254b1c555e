"""An application's plan laid out on a time axis, for the page's SVG drawing (_timeline.html).

Time runs down the page so that the drawing reads on a phone: each event is a mark on one
vertical axis with its date on the left and what it is on the right. Gaps between events grow
with the days between them (up to a limit), so a long wait looks long without pushing the
rest off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followup.domain.model import CALLS, DECIDED
from followup.entrypoints.web.deps import step_title

WIDTH = 360
AXIS = 92
TOP = 26
ROW = 38
PER_DAY = 5
LONGEST_GAP = 80
LABEL_CHARS = 34

CALL_KINDS = frozenset(str(k) for k in CALLS)
TOUCHES = {"call_made": "Call made", "call_received": "They got in touch",
           "reply": "They replied", "note_sent": "Note sent"}
OUTCOMES = {"reached": "reached", "voicemail": "voicemail", "no_answer": "no answer"}


@dataclass
class Event:
    """One mark: its moment, its shape, the status that colours it, and two lines of text."""

    at: datetime
    shape: str  # interview | note | call | decision | touch | outcome | today
    status: str  # done | planned | overdue | cancelled | skipped | expected | past | today
    title: str
    detail: str
    y: int = 0

    @property
    def date(self) -> str:
        return f"{self.at:%a} {self.at.day} {self.at:%b}"

    @property
    def label(self) -> str:
        text = self.title
        return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _day(value: str, zone: Any) -> datetime:
    """A date of the read model at noon, in the zone of the plan's moments."""
    return datetime.fromisoformat(value).replace(hour=12, tzinfo=zone)


def events(plan: dict[str, Any]) -> list[Event]:
    """Every dated thing of the plan, in time order, with today among them."""
    now = _when(plan["now"])
    zone = now.tzinfo
    found: list[Event] = []
    for i in plan["interviews"]:
        state = "cancelled" if i["cancelled"] else ("done" if _when(i["end"]) <= now
                                                     else "planned")
        found.append(Event(_when(i["start"]), "interview", state,
                           f"Interview, round {i['round']} ({i['format']})",
                           "cancelled" if i["cancelled"] else f"at {_when(i['start']):%H:%M}"))
        if i["decision_date"] and not i["cancelled"]:
            found.append(_decision(_day(i["decision_date"], zone), now, i["decision_phrase"]))
    for t in plan["touches"]:
        if t["kind"] == "note_sent" and t["action_id"]:
            continue  # the step it completed is drawn already, as done
        outcome = OUTCOMES.get(t["outcome"] or "", "")
        found.append(Event(_when(t["at"]), "touch", "past", TOUCHES.get(t["kind"], t["kind"]),
                           outcome or "happened"))
        if t["decision_date"]:
            found.append(_decision(_day(t["decision_date"], zone), now, t["decision_phrase"]))
    for a in plan["actions"]:
        if a["status"] == "cancelled" or (a["kind"] == "checklist" and a["status"] != "planned"):
            continue  # re-planning's leftovers: listed under Steps, not worth a glance
        status = a["status"]
        if status == "planned" and _when(a["deadline"]) < now:
            status = "overdue"
        shape = "call" if a["kind"] in CALL_KINDS and a["channel"] == "phone" else "note"
        detail = {"planned": f"planned, by {_when(a['deadline']):%a} {_when(a['deadline']).day}"
                             f" {_when(a['deadline']):%b %H:%M}",
                  "overdue": "overdue"}.get(status, status)
        found.append(Event(_when(a["due"]), shape, status, step_title(a), detail))
    app = plan["application"]
    if app["status"] in {str(s) for s in DECIDED} and app["status_at"]:
        found.append(Event(_when(app["status_at"]), "outcome", "done",
                           f"Outcome: {app['status']}", "recorded"))
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


def layout(plan: dict[str, Any]) -> dict[str, Any]:
    """The events with their places, and the drawing's size (a viewBox WIDTH units wide)."""
    placed = events(plan)
    y = TOP
    for index, event in enumerate(placed):
        if index:
            days = (event.at - placed[index - 1].at).total_seconds() / 86400
            y += ROW + min(LONGEST_GAP, max(0, round(days * PER_DAY)))
        event.y = y
    height = y + ROW
    return {"events": placed, "width": WIDTH, "height": height, "axis": AXIS,
            "top": TOP - 14, "bottom": height - 14}
