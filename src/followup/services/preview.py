"""Previews that change nothing: what a decision-date phrase resolves to before it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain import calendar as cal
from followup.services.context import (
    Deps,
    holidays_around,
    parse_date_or_phrase,
    parse_moment,
    required,
    user_of,
)
from followup.services.views import doc


@dataclass(frozen=True, slots=True)
class DatePreview:
    phrase: str
    date: date
    label: str = doc("The date in words: 'Fri 11 Dec 2026'.")


def decision_date(deps: Deps, phrase: str, at: str | None = None,
                  timezone: str | None = None) -> DatePreview:
    """The date `phrase` ("in two weeks", "next Friday") means, counted from the interview's
    day `at` (in `timezone`, else the user's) or, without one, from today."""
    text = required(phrase, "the decision date")
    with deps.uow() as uow:
        user = user_of(uow.repo)
    tz = timezone.strip() if timezone and timezone.strip() else user.timezone
    cal.zone(tz)
    start = parse_moment(at, tz) if at and at.strip() else deps.clock()
    found = parse_date_or_phrase(deps, text, cal.local_date(start, tz),
                                 holidays_around(deps, user, start))
    return DatePreview(text, found, f"{found:%a %d %b %Y}")
