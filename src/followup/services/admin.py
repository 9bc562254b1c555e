"""The operator's report: installation-wide counts, never a user's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from followup.domain import calendar as cal
from followup.domain.accounts import Account, Role
from followup.domain.errors import NotAllowed
from followup.services.accounts import me_as
from followup.services.context import Deps
from followup.services.results import doc
from followup.services.stats import DEFAULT_DAYS, thank_you

ACTIVE_DAYS = 30
"""A user is active with a record or a login in this many days."""


@dataclass(frozen=True)
class UserCounts:
    """Accounts by role."""

    total: int = doc("Every account, disabled ones included.")
    seekers: int = doc("Accounts that follow up their own interviews.")
    coaches: int = doc("Accounts with clients.")
    admins: int = doc("Accounts that keep the installation.")
    disabled: int = doc("Accounts that cannot log in.")


@dataclass(frozen=True)
class ThankYouCounts:
    """Thank-you notes against their deadline (R2), every user's together."""

    due: int
    on_time: int
    late: int
    missed: int
    on_time_rate: float | None = doc("On time over due; None when none was due.")


@dataclass(frozen=True)
class AdminSummary:
    """The installation in numbers (counts only: no user's record, name or address)."""

    as_of: datetime = doc("When the numbers were counted.")
    users: UserCounts = doc("Accounts by role.")
    active_users: int = doc(
        "Accounts with a record written (an application, an interview held, a call, a reply, "
        "a step done, a note saved) or a login (a page seen, an access token used) in the "
        "last 30 days.")
    notes_sent: int = doc("Notes sent in the last 90 days (by email, or marked sent).")
    thank_you: ThankYouCounts = doc(
        "Thank-you notes of the interviews of the last 90 days (each user's days, in their "
        "time zone), counted as Insights counts them; summed over every user.")
    days: int = doc("The window of notes_sent and thank_you, in days.")


def me_as_admin(deps: Deps) -> Account:
    """The acting user when they are an admin; NotFound otherwise."""
    return me_as(deps, Role.ADMIN)


def summary(deps: Deps) -> AdminSummary:
    """The installation's counts, for an admin."""
    me_as_admin(deps)
    if deps.installation_counts is None or deps.insights is None:
        raise NotAllowed("the installation's counts are not available here")
    now = deps.clock()
    with (deps.read_for or deps.unit_for)(None) as uow:
        counts = deps.installation_counts(uow)
        users = counts.users()
        active = counts.active_users(now - timedelta(days=ACTIVE_DAYS))
        sent = counts.notes_sent(now - timedelta(days=DEFAULT_DAYS), now)
        due = on_time = late = missed = 0
        for owner, zone in counts.owners():
            # Each user's window as their Insights page shows it: the 90 days up to today.
            uow.acting_for(owner)
            today = cal.local_date(now, zone)
            lo = cal.at(today - timedelta(days=DEFAULT_DAYS - 1), time(), zone)
            hi = cal.at(today + timedelta(days=1), time(), zone)
            found = thank_you(deps.insights(uow), lo, hi, now)
            due, on_time = due + found.due, on_time + found.on_time
            late, missed = late + found.late, missed + found.missed
    user_counts = UserCounts(sum(v for k, v in users.items() if k != "disabled"),
                             users.get(Role.SEEKER.value, 0), users.get(Role.COACH.value, 0),
                             users.get(Role.ADMIN.value, 0), users.get("disabled", 0))
    return AdminSummary(now, user_counts, active, sent, ThankYouCounts(
        due, on_time, late, missed, round(on_time / due, 4) if due else None), DEFAULT_DAYS)
