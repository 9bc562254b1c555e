"""Read models shared by the CLI, the web pages and the API: today, agenda, plans, lists."""

from __future__ import annotations

from followup.domain import calendar as cal
from followup.domain.board import stage
from followup.domain.errors import InvalidInput
from followup.domain.model import AppStatus
from followup.domain.playbook import settled
from followup.domain.timing import Timing
from followup.services.agenda import agenda_until, mail_news
from followup.services.context import Deps, user_of
from followup.services.views import Json, agenda_json, application_json, moment, plan_json


def today(deps: Deps) -> Json:
    """Today's steps, and the replies and bounces of the last two weeks."""
    with deps.reading() as uow:
        news = deps.mail_log(uow) if deps.mail_log and uow.repo.user() else None
        return agenda_until(uow.repo, deps.clock(), news=news)


def today_sections(deps: Deps, shown: int | None) -> Json:
    """Today for a page, in the CLI's sections and order: the first `shown` (all with None)
    overdue steps, steps past their target and steps to do today, how many of each there
    are, and the mailbox's news (a long list is not read whole)."""
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        until = cal.end_of_day(cal.local_date(now, tz), tz)
        result: Json = {"now": moment(now, tz)}
        sections = repo.agenda_sections(now, until, shown)
        for name, section in (("overdue", Timing.OVERDUE), ("past_target", Timing.PAST_TARGET),
                              ("due", Timing.DUE)):
            rows, count = sections[section]
            result[name] = [agenda_json(r, tz, now) for r in rows]
            result[f"{name}_count"] = count
        if deps.mail_log:
            result.update(mail_news(deps.mail_log(uow), now, tz))
        return result


def agenda(deps: Deps, days: int = 7) -> Json:
    with deps.reading() as uow:
        return agenda_until(uow.repo, deps.clock(), days)


def application_plan(deps: Deps, application_id: int) -> Json:
    with deps.reading() as uow:
        repo = uow.repo
        return plan_json(settled(repo.state(application_id), deps.clock()),
                         user_of(repo).timezone)


def applications(deps: Deps, status: str | None = None) -> list[Json]:
    """Every application with its stage on the board and its next open step."""
    if status is not None and status not in {s.value for s in AppStatus}:
        raise InvalidInput(f"unknown status {status!r}")
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        next_steps: dict[int, Json] = {}
        for row in repo.agenda(None):
            next_steps.setdefault(row["application_id"], agenda_json(row, tz, now))
        return [{**application_json(s.application, tz),
                 "stage": str(stage(s.application.status, s.latest_interview, now)),
                 "next_action": next_steps.get(s.application.id or 0)}
                for s in repo.overview(now) if status is None or s.application.status == status]
