"""The agenda read model: open actions up to the end of a day (kept light for the fast path)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain import calendar as cal
from followup.domain import timing
from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.services.results import (
    AgendaView,
    NewsView,
    agenda_item,
    bounce_view,
    local,
    proposed,
    reply_view,
    undelivered_view,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from followup.services.ports import AgendaReader, MailNews, Row


MAX_DAYS = 3650
NEWS_DAYS = 14
"""Today lists the replies and bounces that arrived in the last two weeks."""


def agenda_until(reader: AgendaReader, now: datetime, days: int = 0,
                 news: MailNews | None = None) -> AgendaView:
    """Open actions that may start before the end of the user's day `days` from today, in
    Today's order (overdue, then past target, then by deadline); with `news`, also the recent
    replies and bounces and the notes whose delivery is unknown or failed (Today's)."""
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(f"the number of days must be from 0 to {MAX_DAYS}", field="days")
    tz = reader.timezone()
    if tz is None:
        raise NotAllowed("no profile yet", remedy=Remedy.INIT)
    today = cal.local_date(now, tz)
    until = cal.end_of_day(today + timedelta(days=days), tz)
    rows = sorted((r for r in reader.agenda(until) if not _missed_checklist(r, now)),
                  key=lambda r: (*timing.order(r["earliest"], r["due"], r["deadline"], now),
                                 r["id"]))
    items = tuple(agenda_item(r, tz, now) for r in rows)
    if news is None:
        return AgendaView(local(now, tz), items)
    found = mail_news(news, now, tz)
    return AgendaView(local(now, tz), items, found.replies, found.bounces, found.undelivered,
                      found.invitations)


def mail_news(news: MailNews, now: datetime, tz: str) -> NewsView:
    """Today's news from the mailbox: recent replies and bounces, notes not delivered, and
    invitations that came by mail."""
    found = _once(news.mail_news(now - timedelta(days=NEWS_DAYS)))
    return NewsView(tuple(reply_view(r, tz) for r in found if r["verdict"] == "reply"),
                    tuple(bounce_view(r, tz) for r in found if r["verdict"] == "bounce"),
                    tuple(undelivered_view(r, tz) for r in news.undelivered()),
                    tuple(proposed(r, tz) for r in news.invitations()))


def _once(rows: Iterable[Row]) -> list[Row]:
    """Each message once: the same Message-ID seen again (in another folder, or after the
    server renumbered a folder) is not news twice."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = row["message_id"] or f"#{row['id']}"
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _missed_checklist(row: Row, now: datetime) -> bool:
    """R1's checklist is for before the interview: once it has started the checklist is
    settled (`playbook.settled`; the next re-plan cancels it), so no agenda lists it."""
    return bool(row["kind"] == "checklist" and row["earliest"] <= now)
