"""What every use case needs: its dependencies, the user, the policy, dates and re-planning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from followup.config import policy_from
from followup.domain import calendar as cal
from followup.domain import limits
from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.domain.model import ApplicationState, AppStatus, User
from followup.domain.notes.facts import Letter, Speller
from followup.domain.phrases import resolve_date
from followup.domain.playbook import plan
from followup.domain.policy import Policy
from followup.services.account_ports import Credentials, LoginLimits
from followup.services.coach_ports import (
    CoachRecordsFactory,
    CoachTemplatesFactory,
    InstallationCountsFactory,
    RenderTemplate,
)
from followup.services.ports import (
    DateWords,
    Holidays,
    InboxFactory,
    InsightRecordsFactory,
    InvitationReader,
    MailerFactory,
    MailLogFactory,
    MailPasswords,
    MailServer,
    MessageBuilder,
    Person,
    PhotoReader,
    Repository,
    Templates,
    UnitOfWork,
)
from followup.services.review_ports import ReviewsFactory


def _no_printer(letter: Letter, path: str) -> None:
    raise NotAllowed("printing letters is not set up here")


def _nobody() -> int | None:
    return None


@dataclass(frozen=True)
class Hosting:
    """What hosted mode adds: how passwords are hashed, failed logins counted, and the
    installation's settings for logins and links."""

    credentials: Credentials
    login_limits: LoginLimits
    base_url: str
    """The public address links in emails start with."""
    session_idle: timedelta
    session_max: timedelta


UnitsOfWork = Callable[[int | None], UnitOfWork]
"""Opens a unit of work acting for a user's id (None: for nobody, as before a profile exists)."""


@dataclass
class Deps:
    """The ports a use case talks to and the user it acts for; built once by the composition
    root, which binds the acting user at the edge (`acting_user`)."""

    unit_for: UnitsOfWork
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
    read_for: UnitsOfWork | None = None
    """A unit of work that only reads (on SQLite it does not wait for writers); else `unit_for`."""
    cards: PhotoReader | None = None
    """Reads business-card photos; None where no OCR is wired (scanning then refuses)."""
    acting_user: Callable[[], int | None] = _nobody
    """The id of the user every use case acts for (None before a profile exists): the home's
    one user in local mode, a login in hosted mode; never guessed by a query of a service."""
    insights: InsightRecordsFactory | None = None
    """The records Insights counts, on a unit of work; None where it is not wired."""
    read_invitation: InvitationReader | None = None
    """Reads calendar invitations; None where it is not wired (invitations then refused)."""
    hosting: Hosting | None = None
    """Hosted mode's settings, accounts' credentials and login limits; None in local mode."""
    mail_passwords: MailPasswords | None = None
    """Each user's SMTP and IMAP passwords; None: `password` (the one local user's) instead."""
    relay: MailServer | None = None
    """The installation's own SMTP relay (invitations, password resets); None: not set."""
    relay_sender: Person | None = None
    """The sender of the installation's own mail (FOLLOWUP_RELAY_FROM)."""
    check_mail_host: Callable[[str], None] | None = None
    """Refuses (InvalidInput) a user's SMTP or IMAP host that is or resolves to a private
    address of the host's network (hosted mode); None: any host is taken."""
    coaching: CoachRecordsFactory | None = None
    """What a coach reads of their clients' records, on a unit of work; None: not wired."""
    coach_templates: CoachTemplatesFactory | None = None
    """Coaches' templates and clients' shares, on a unit of work; None where not wired."""
    installation_counts: InstallationCountsFactory | None = None
    """The admin's installation-wide counts, on a unit of work; None where not wired."""
    render_template: RenderTemplate | None = None
    """Renders a template's text with a note's facts (sandboxed); None where not wired."""
    reviews: ReviewsFactory | None = None
    """The notes clients share with their coach and the comments, on a unit of work."""

    def uow(self) -> UnitOfWork:
        """A unit of work acting for the acting user."""
        return self.unit_for(self.acting_user())

    def reading(self) -> UnitOfWork:
        """A unit of work for a query that writes nothing, acting for the acting user."""
        return (self.read_for or self.unit_for)(self.acting_user())

    def for_owners(self) -> UnitOfWork:
        """A unit of work acting for nobody: the worker's, which serves every owner's outbox
        and acts for each row's owner explicitly (`UnitOfWork.acting_for`)."""
        return self.unit_for(None)

    def acting(self, user_id: int | None) -> Deps:
        """The same dependencies acting for another user."""
        return replace(self, acting_user=lambda: user_id)


def user_of(repo: Repository) -> User:
    """The acting user's profile; NotAllowed before one exists."""
    user = repo.user()
    if user is None:
        raise NotAllowed("no profile yet", remedy=Remedy.INIT)
    return user


def policy_of(repo: Repository) -> Policy:
    return policy_from(repo.settings())


def holidays_around(deps: Deps, user: User, moment: datetime) -> frozenset[date]:
    """Public holidays of the user's country from the year before `moment` to two years after."""
    return deps.holidays(user.country, range(moment.year - 1, moment.year + 3))


def replan(deps: Deps, repo: Repository, application_id: int, now: datetime
           ) -> ApplicationState:
    """Re-runs the playbook over one application (read once, its row held until commit) and
    stores what changed; returns the application as re-planned."""
    return replanned(deps, repo, repo.state(application_id, for_update=True), now)


def replanned(deps: Deps, repo: Repository, state: ApplicationState, now: datetime
              ) -> ApplicationState:
    """Re-runs the playbook over the state a use case read (held for update) and kept up to
    date as it recorded what happened; stores what changed and returns the state re-planned,
    so that nothing is read twice."""
    result = plan(state, now, policy_of(repo), holidays_around(deps, user_of(repo), now))
    repo.save_actions(result.changed_from(state.actions))
    if result.status is not state.application.status:
        state.application.status = result.status
        repo.update_application(state.application)
    return replace(state, actions=result.actions)


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


def check_email(address: str, field: str | None = "email") -> str:
    """An email address as typed, without surrounding blanks (`limits.email`)."""
    return limits.email(address, field)


def required(value: str | None, what: str, longest: int = limits.SHORT,
             field: str | None = None) -> str:
    """`value` cleaned by the one rule for stored text (`limits.text`): composed, not empty, not
    too long, no control characters."""
    return limits.text(value, what, longest, field)


def parse_moment(text: str, tz: str, what: str | None = None, field: str | None = None
                 ) -> datetime:
    """An ISO 8601 date-time within the plausible dates; without an offset it is read in `tz`
    (PLAYBOOK conventions)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date and time; write it like 2026-11-25T14:00",
            field=field) from None
    limits.moment(moment, what or repr(text.strip()), field)
    if moment.tzinfo is None:
        return cal.at(moment.date(), moment.time(), tz)
    return moment


def parse_date_or_phrase(deps: Deps, text: str, anchor: date,
                         holidays: frozenset[date]) -> date:
    """A date or an employer's phrase ("in two weeks", "next Friday"), counted from `anchor`;
    a date before `anchor` (the interview, call or reply it was given with) is refused."""
    try:
        found = resolve_date(text, anchor, holidays)
    except InvalidInput as exc:
        guess = deps.date_words(text, anchor) if deps.date_words else None
        if guess is None:
            raise InvalidInput(str(exc), field="decision_by") from None
        found = guess
    if found < anchor:
        raise InvalidInput(f"{text!r} is {found:%a %d %b %Y}, before {anchor:%a %d %b %Y}; "
                           "a decision date lies ahead", field="decision_by")
    return limits.day(found, repr(text.strip()), "decision_by")


def minutes(value: int | None, default: int) -> timedelta:
    """A length typed in minutes (`limits.duration`), or the default one."""
    return limits.duration(value) if value is not None else timedelta(minutes=default)
