"""Read models shared by the CLI, the web pages and the API: today, agenda, plans, lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.domain import calendar as cal
from followup.domain.board import stage
from followup.domain.errors import InvalidInput
from followup.domain.model import AppStatus
from followup.domain.playbook import settled
from followup.domain.timing import Timing
from followup.services import cursor
from followup.services.agenda import agenda_until, mail_news
from followup.services.context import Deps, user_of
from followup.services.results import doc
from followup.services.views import (
    AgendaItem,
    AgendaView,
    ApplicationItem,
    NewsView,
    PlanView,
    agenda_item,
    application_view,
    extended,
    local,
    plan_view,
)


@dataclass(frozen=True, slots=True)
class TodaySections:
    """Today for a page: the first steps of each section, how many each holds, the news."""

    now: datetime
    overdue: tuple[AgendaItem, ...]
    overdue_count: int
    past_target: tuple[AgendaItem, ...]
    past_target_count: int
    due: tuple[AgendaItem, ...]
    due_count: int
    news: NewsView | None


PAGE_MOST = 500
"""The most steps one page of Today holds."""


@dataclass(frozen=True, slots=True)
class TodayPage(AgendaView):
    """A page of Today: the same document with only some of its steps."""

    next_cursor: str | None = doc(
        "Paged Today only: give it as `cursor` for the next page; null on the last page.",
        default=None)


def today_page(deps: Deps, limit: int, after: str | None = None) -> TodayPage:
    """Up to `limit` of Today's steps in Today's order, from the start or after the cursor
    `after` (`services.cursor`), with the news as Today has it and the next page's cursor."""
    if not 1 <= limit <= PAGE_MOST:
        raise InvalidInput(f"the page size must be from 1 to {PAGE_MOST}", field="limit")
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        position = cursor.read(after, now) if after is not None else None
        # Every page lists and ranks the steps as of the first page's moment.
        at = position.at if position else now
        until = cal.end_of_day(cal.local_date(at, tz), tz)
        rows = repo.agenda_page(at, until, position.after if position else None, limit + 1)
        shown = rows[:limit]
        last = shown[-1] if shown else None
        following = (cursor.write(cursor.Position(at, (last["rank"], last["deadline"],
                                                       last["earliest"], last["id"])))
                     if last is not None and len(rows) > limit else None)
        items = tuple(agenda_item(r, tz, now) for r in shown)
        if not deps.mail_log:
            return TodayPage(local(now, tz), items, next_cursor=following)
        news = mail_news(deps.mail_log(uow), now, tz)
        return TodayPage(local(now, tz), items, news.replies, news.bounces, news.undelivered,
                         news.invitations, following)


def today(deps: Deps) -> AgendaView:
    """Today's steps, and the replies and bounces of the last two weeks."""
    with deps.reading() as uow:
        news = deps.mail_log(uow) if deps.mail_log and uow.repo.user() else None
        return agenda_until(uow.repo, deps.clock(), news=news)


def today_sections(deps: Deps, shown: int | None) -> TodaySections:
    """Today for a page, in the CLI's sections and order: the first `shown` (all with None)
    overdue steps, steps past their target and steps to do today, how many of each there
    are, and the mailbox's news (a long list is not read whole)."""
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        until = cal.end_of_day(cal.local_date(now, tz), tz)
        sections = repo.agenda_sections(now, until, shown)
        (overdue, overdue_count), (past, past_count), (due, due_count) = (
            (tuple(agenda_item(r, tz, now) for r in rows), count)
            for rows, count in (sections[s] for s in (Timing.OVERDUE, Timing.PAST_TARGET,
                                                       Timing.DUE)))
        news = mail_news(deps.mail_log(uow), now, tz) if deps.mail_log else None
        return TodaySections(local(now, tz), overdue, overdue_count, past, past_count, due,
                             due_count, news)


def agenda(deps: Deps, days: int = 7) -> AgendaView:
    with deps.reading() as uow:
        return agenda_until(uow.repo, deps.clock(), days)


def application_plan(deps: Deps, application_id: int) -> PlanView:
    with deps.reading() as uow:
        repo = uow.repo
        return plan_view(settled(repo.state(application_id), deps.clock()),
                         user_of(repo).timezone)


def applications(deps: Deps, status: str | None = None) -> list[ApplicationItem]:
    """Every application with its stage on the board and its next open step."""
    if status is not None and status not in {s.value for s in AppStatus}:
        raise InvalidInput(f"unknown status {status!r}")
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        next_steps: dict[int, AgendaItem] = {}
        for row in repo.agenda(None):
            if row["application_id"] not in next_steps:
                next_steps[row["application_id"]] = agenda_item(row, tz, now)
        return [extended(application_view(s.application, tz), ApplicationItem,
                         stage=stage(s.application.status, s.latest_interview, now),
                         next_action=next_steps.get(s.application.id or 0))
                for s in repo.overview(now) if status is None or s.application.status == status]
