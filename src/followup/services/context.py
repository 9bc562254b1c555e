"""What every use case needs: its dependencies, the user, the policy, dates and re-planning."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from followup.config import policy_from
from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import AppStatus, User
from followup.domain.notes.facts import Letter, Speller
from followup.domain.phrases import resolve_date
from followup.domain.playbook import Plan, plan
from followup.domain.policy import Policy
from followup.services.ports import (
    DateWords,
    Holidays,
    InboxFactory,
    MailerFactory,
    MailLogFactory,
    MessageBuilder,
    Repository,
    Templates,
    UnitOfWork,
)

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$")


def _no_printer(letter: Letter, path: str) -> None:
    raise NotAllowed("printing letters is not set up here")


@dataclass
class Deps:
    """The ports a use case talks to; built once by the composition root."""

    uow: Callable[[], UnitOfWork]
    clock: Callable[[], datetime]
    holidays: Holidays
    date_words: DateWords | None = None
    speller: Callable[[], Speller] | None = None
    templates: Templates | None = None
    print_letter: Callable[[Letter, str], None] = _no_printer
    inbox: InboxFactory | None = None
    """Opens an IMAP session; None where IMAP is not wired (mail sync then refuses)."""
    mail_log: MailLogFactory | None = None
    """The IMAP messages seen and the outbox's Message-IDs, on a unit of work."""
    mailer: MailerFactory | None = None
    """Opens an SMTP session; None where mail is not wired (mail commands then refuse)."""
    password: Callable[[str], str | None] | None = None
    """The kept password of a mail service ("smtp" or "imap"), or None."""
    messages: MessageBuilder | None = None
    read: Callable[[], UnitOfWork] | None = None
    """A unit of work that only reads (on SQLite it does not wait for writers); else `uow`."""

    def reading(self) -> UnitOfWork:
        """A unit of work for a query that writes nothing."""
        return (self.read or self.uow)()


def user_of(repo: Repository) -> User:
    user = repo.user()
    if user is None:
        raise NotAllowed("no profile yet: run `followup init` first")
    return user


def policy_of(repo: Repository) -> Policy:
    return policy_from(repo.settings())


def holidays_around(deps: Deps, user: User, moment: datetime) -> frozenset[date]:
    """Public holidays of the user's country from the year before `moment` to two years after."""
    return deps.holidays(user.country, range(moment.year - 1, moment.year + 3))


def replan(deps: Deps, repo: Repository, application_id: int, now: datetime) -> Plan:
    """Re-runs the playbook over one application and stores what changed."""
    user = user_of(repo)
    state = repo.state(application_id, for_update=True)
    result = plan(state, now, policy_of(repo), holidays_around(deps, user, now))
    repo.save_actions(result.changed_from(state.actions))
    if result.status is not state.application.status:
        state.application.status = result.status
        repo.update_application(state.application)
    return result


def replan_all(deps: Deps, repo: Repository, now: datetime) -> int:
    """Re-plans every application still being followed up (after a change of settings)."""
    live = [a for a in repo.applications() if a.status in (AppStatus.ACTIVE, AppStatus.STALE)]
    for app in live:
        replan(deps, repo, app.id or 0, now)
    return len(live)


def check_country(deps: Deps, code: str | None) -> str | None:
    """A country code whose public holidays are known, upper-cased; None for none."""
    if not code or not code.strip():
        return None
    code = code.strip().upper()
    try:
        deps.holidays(code, [2026])
    except LookupError:
        raise InvalidInput(f"no public holidays are known for country {code!r}; "
                           "use a code such as IE, GB, US or DE") from None
    return code


def check_email(address: str) -> str:
    address = address.strip()
    if not EMAIL.match(address) or len(address) > 320:
        raise InvalidInput(f"{address!r} is not an email address")
    return address


def required(value: str | None, what: str, longest: int = 200) -> str:
    """`value` without surrounding blanks, in Unicode's composed form (so that "José" typed with
    a combining accent is the same name); empty, too long or with a NUL is an error."""
    text = unicodedata.normalize("NFC", (value or "").strip())
    if "\x00" in text:
        raise InvalidInput(f"{what} contains a NUL character")
    if not text:
        raise InvalidInput(f"{what} must not be empty")
    if len(text) > longest:
        raise InvalidInput(f"{what} is too long ({len(text)} characters; at most {longest})")
    return text


def one_line(value: str | None, what: str, longest: int = 200, field: str | None = None) -> str:
    """`required`, and on one line (a subject or a header: no line break may end it early)."""
    try:
        text = required(value, what, longest)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field=field) from None
    if len(text.splitlines()) > 1:
        raise InvalidInput(f"{what} must be one line", field=field)
    return text


def parse_moment(text: str, tz: str) -> datetime:
    """An ISO 8601 date-time; without an offset it is read in `tz` (PLAYBOOK conventions)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date and time; write it like 2026-11-25T14:00") from None
    if moment.tzinfo is None:
        return cal.at(moment.date(), moment.time(), tz)
    return moment


def parse_date_or_phrase(deps: Deps, text: str, anchor: date,
                         holidays: frozenset[date]) -> date:
    """A date or an employer's phrase ("in two weeks", "next Friday"), counted from `anchor`;
    a date before `anchor` (the interview, call or reply it was given with) is refused."""
    try:
        found = resolve_date(text, anchor, holidays)
    except InvalidInput:
        guess = deps.date_words(text, anchor) if deps.date_words else None
        if guess is None:
            raise
        found = guess
    if found < anchor:
        raise InvalidInput(f"{text!r} is {found:%a %d %b %Y}, before {anchor:%a %d %b %Y}; "
                           "a decision date lies ahead")
    return found


def minutes(value: int | None, default: int) -> timedelta:
    if value is not None and value <= 0:
        raise InvalidInput("the duration must be a positive number of minutes")
    return timedelta(minutes=value if value is not None else default)
