"""The agenda read model: open actions up to the end of a day (kept light for the fast path)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput, NotAllowed
from followup.services.views import Json, agenda_json, moment

if TYPE_CHECKING:
    from followup.services.ports import AgendaReader, Row


MAX_DAYS = 3650


def agenda_until(reader: AgendaReader, now: datetime, days: int = 0) -> Json:
    """Open actions that may start before the end of the user's day `days` from today,
    overdue ones first, then by when they may start."""
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(f"--days must be from 0 to {MAX_DAYS}")
    tz = reader.timezone()
    if tz is None:
        raise NotAllowed("no profile yet: run `followup init` first")
    today = cal.local_date(now, tz)
    until = cal.end_of_day(today + timedelta(days=days), tz)
    rows = sorted((r for r in reader.agenda(until) if not _missed_checklist(r, now)),
                  key=lambda r: (r["deadline"] >= now, r["earliest"]))
    return {"now": moment(now, tz), "actions": [agenda_json(r, tz, now) for r in rows]}


def _missed_checklist(row: Row, now: datetime) -> bool:
    """R1's checklist is for the interview itself: once the interview is over it is moot
    (the next re-plan cancels it), so the agenda does not list it as overdue work."""
    return bool(row["kind"] == "checklist" and row["deadline"] < now)
