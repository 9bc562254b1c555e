"""Read models shared by the CLI, the web pages and the API: today, agenda, plans, lists."""

from __future__ import annotations

from datetime import datetime, timedelta

from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import AppStatus
from followup.services.context import Deps, user_of
from followup.services.ports import AgendaReader
from followup.services.views import Json, agenda_json, application_json, moment, plan_json


def agenda_until(reader: AgendaReader, now: datetime, days: int = 0) -> Json:
    """Open actions that may start before the end of the user's day `days` from today."""
    if days < 0:
        raise InvalidInput("--days must be 0 or more")
    user = reader.user()
    if user is None:
        raise NotAllowed("no profile yet: run `followup init` first")
    today = cal.local_date(now, user.timezone)
    until = cal.end_of_day(today + timedelta(days=days), user.timezone)
    rows = reader.agenda(until)
    return {"now": moment(now, user.timezone),
            "actions": [agenda_json(r, user.timezone, now) for r in rows]}


def today(deps: Deps) -> Json:
    with deps.uow() as uow:
        return agenda_until(uow.repo, deps.clock())


def agenda(deps: Deps, days: int = 7) -> Json:
    with deps.uow() as uow:
        return agenda_until(uow.repo, deps.clock(), days)


def application_plan(deps: Deps, application_id: int) -> Json:
    with deps.uow() as uow:
        repo = uow.repo
        return plan_json(repo.state(application_id), user_of(repo).timezone)


def applications(deps: Deps, status: str | None = None) -> list[Json]:
    """Every application with its next open step."""
    if status is not None and status not in {s.value for s in AppStatus}:
        raise InvalidInput(f"unknown status {status!r}")
    with deps.uow() as uow:
        repo = uow.repo
        tz = user_of(repo).timezone
        next_steps: dict[int, Json] = {}
        for row in repo.agenda(None):
            next_steps.setdefault(row["application_id"], agenda_json(row, tz, deps.clock()))
        return [{**application_json(a, tz), "next_action": next_steps.get(a.id or 0)}
                for a in repo.applications() if status is None or a.status == status]
