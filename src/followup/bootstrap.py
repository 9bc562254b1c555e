"""The composition root: settings -> adapters -> the services' dependencies.

Module-level imports stay light: `followup today` uses the paths and the clock from here
without loading SQLAlchemy; `build()` imports the database layer only when called.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from followup.adapters.db.faults import refuse_empty, sqlite_fault
from followup.domain import calendar as cal
from followup.domain.errors import EnvironmentFault, InvalidInput, NotAllowed
from followup.installation import hosted, installation
from followup.paths import home as home  # the data folder, which the commands name too

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.adapters.db.fastread import SqliteAgenda
    from followup.domain.cards import CardPerson
    from followup.domain.invitation import Invitation
    from followup.domain.model import Contact
    from followup.domain.notes.facts import Draft, NoteFacts, Tone
    from followup.services.calendar import CalendarPlan
    from followup.services.coach_ports import CoachRecords, CoachTemplates, InstallationCounts
    from followup.services.context import Deps, Hosting
    from followup.services.operations import HealthProbe
    from followup.services.ports import (
        ImapAccount,
        Inbox,
        InsightRecords,
        Mailer,
        MailLog,
        MailPasswords,
        MailServer,
        PhotoReader,
    )
    from followup.services.reports import ActivityReport
    from followup.services.review_ports import Reviews


def database_url() -> str | None:
    """FOLLOWUP_DATABASE_URL, or None for the SQLite file in the home."""
    return os.environ.get("FOLLOWUP_DATABASE_URL") or None


def sqlite_path(url: str | None) -> str | None:
    """The SQLite file the data lives in, or None for any other database."""
    if url is None:
        return os.path.join(home(), "followup.db")
    prefix = "sqlite:///"
    return url[len(prefix):] if url.startswith(prefix) and url != prefix else None


# Files this program creates are the user's alone: the data names the people they met.
PRIVATE_UMASK = 0o077


def tighten(paths: Iterable[str]) -> None:
    """Takes from group and others every right on each existing path (never adds one): a home
    made before Followup kept its files private, or restored from a backup, becomes private."""
    for path in paths:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode & 0o077 and not mode & stat.S_ISVTX:  # sticky: shared, such as /tmp
                os.chmod(path, mode & 0o700)
        except OSError:  # absent, or not ours to change: opening it says what is wrong
            continue


def _own_files(path: str) -> list[str]:
    """The home and the SQLite file with its companions, which hold the user's data."""
    return [home(), path, path + "-wal", path + "-shm", path + "-journal"]


def prepare_sqlite(path: str) -> None:
    """The SQLite file's folder exists, the home and the file are private, and a file that was
    cut off is refused rather than taken for a new home."""
    folder = os.path.dirname(path) or "."
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise EnvironmentFault(f"{folder} is a file, not a folder; set FOLLOWUP_HOME to a "
                               "folder, or move the file away")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFault(f"cannot create the folder {folder} ({exc.strerror or exc}); "
                               "set FOLLOWUP_HOME to a folder you may write to") from None
    tighten(_own_files(path))
    refuse_empty(path)


def clock(user_zone: Callable[[], str | None]) -> Callable[[], datetime]:
    """The time of every command: FOLLOWUP_NOW when set (without an offset, in the user's zone,
    which is looked up once, now, before any unit of work is open)."""
    fixed = os.environ.get("FOLLOWUP_NOW")
    if not fixed:
        return lambda: datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError:
        raise InvalidInput(f"FOLLOWUP_NOW={fixed!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        moment = cal.at(moment.date(), moment.time(), user_zone() or "UTC")
    return lambda: moment


def local_user(ids: Sequence[int], accounts: bool = False) -> int | None:
    """The user a local home acts for: its one user, None before `init`. A database holding
    several people's records, or a hosted installation's accounts, is refused: only a login
    (hosted mode) may choose among them."""
    if accounts:
        raise NotAllowed(
            "this database belongs to a hosted installation (it has accounts); run with "
            "FOLLOWUP_MODE=hosted and --user EMAIL, or set FOLLOWUP_DATABASE_URL to your own")
    if len(ids) > 1:
        raise EnvironmentFault(
            f"this database holds the records of {len(ids)} people, and Followup run on your "
            "own machine acts for one; set FOLLOWUP_DATABASE_URL to your own database")
    return ids[0] if ids else None


class LocalUser:
    """The acting user of a local home (`local_user`), looked up until it exists (`init` may
    create it meanwhile), then kept."""

    def __init__(self, user_ids: Callable[[], tuple[Sequence[int], bool]]) -> None:
        self._user_ids = user_ids
        self._found: int | None = None

    def __call__(self) -> int | None:
        if self._found is None:
            self._found = local_user(*self._user_ids())
        return self._found


def fast_reader() -> SqliteAgenda | None:
    """The stdlib reader of the agenda when the database is a current SQLite file, acting for
    the home's user as chosen by `local_user`, like every other command."""
    path = sqlite_path(database_url())
    if path is None:
        return None
    from followup.adapters.db.fastread import SqliteAgenda

    tighten(_own_files(path))
    reader = SqliteAgenda.open(path)
    if reader is not None:
        reader.acting_for(local_user(reader.user_ids(), reader.has_accounts()))
    return reader


def database() -> Engine:
    """The engine of the configured database; the home's SQLite file by default."""
    from sqlalchemy.engine import URL

    from followup.adapters.db.engine import make_engine

    url, path = database_url(), sqlite_path(database_url())
    if path is not None:
        prepare_sqlite(path)
    else:
        tighten([home()])  # it still keeps the mail passwords and the web app's secret
    if url is None:  # built, not written: a home path with ? or # in it stays a path
        return make_engine(URL.create("sqlite", database=path))
    return make_engine(url)


def upgrade_schema() -> bool:
    """Brings the configured database's schema to the newest revision; True when anything ran."""
    from followup.adapters.db.engine import migrate

    return migrate(database())


def fault_of(error: BaseException) -> EnvironmentFault | None:
    """The plain words for an error of the home's SQLite file; None when it is not one."""
    return sqlite_fault(error, sqlite_path(database_url()))


def render_activity(report: ActivityReport) -> bytes:
    """The activity report as a PDF (fpdf2 is imported only by what prints one)."""
    from followup.adapters.pdf import render_activity as render

    return render(report)


def render_calendar(plan: CalendarPlan) -> bytes:
    """The plan as an iCalendar file (icalendar is imported only by what writes one)."""
    from followup.adapters.ics import render

    return render(plan)


def read_vcards(data: bytes) -> list[CardPerson]:
    """The people of a vCard file (vobject is imported only by what reads or writes one)."""
    from followup.adapters.vcard import read

    return read(data)


def write_vcards(contacts: list[Contact]) -> str:
    """Contacts as a vCard 3.0 file."""
    from followup.adapters.vcard import write

    return write(contacts)


def password_services() -> tuple[str, ...]:
    """The mail services whose password Followup keeps: smtp and imap."""
    from followup.adapters.mail.secrets import SERVICES

    return SERVICES


def keep_password(deps: Deps, service: str, secret: str | None) -> str:
    """Keeps (or with None forgets) the acting user's password of a mail service; returns
    where it is kept."""
    return _mail_passwords(deps).keep(deps.acting_user(), service, secret)


def password_kept(deps: Deps, service: str) -> str | None:
    """Where the acting user's password of a mail service is kept (never the password
    itself), or None."""
    return _mail_passwords(deps).where(deps.acting_user(), service)


def _mail_passwords(deps: Deps) -> MailPasswords:
    """The passwords the services use: the encrypted table in hosted mode, else the local
    home's (the environment, the keyring or a file)."""
    if deps.mail_passwords is not None:
        return deps.mail_passwords
    from followup.adapters.mail.secrets import LocalPasswords

    return LocalPasswords()


def _secret_keys() -> tuple[bytes, tuple[bytes, ...]]:
    """FOLLOWUP_SECRET_KEY and FOLLOWUP_OLD_SECRET_KEYS, read when a password is."""
    from followup.installation import secret_key, value

    old = tuple(k.strip().encode() for k in value("FOLLOWUP_OLD_SECRET_KEYS").split(",")
                if k.strip())
    return secret_key(), old


def rotate_mail_key() -> int:
    """Encrypts every kept mail password again under the current FOLLOWUP_SECRET_KEY; how
    many there are."""
    from followup.adapters.db.engine import migrate
    from followup.adapters.db.mail_passwords import SqlMailPasswords

    engine = database()
    migrate(engine)
    try:
        return SqlMailPasswords(engine, _secret_keys).rotate()
    finally:
        engine.dispose()


def rotate_second_factors() -> int:
    """Encrypts every second factor's key again under the current FOLLOWUP_SECRET_KEY (all or
    none); how many there are."""
    from followup.adapters.credentials import Argon2Credentials
    from followup.adapters.db.engine import SqlUnitOfWork

    credentials = Argon2Credentials(_secret_keys)
    engine = database()
    try:
        with SqlUnitOfWork(engine) as uow:
            keys = uow.accounts.second_factors()
            for user_id, sealed in keys.items():
                uow.accounts.set_second_factor(user_id, credentials.reseal(user_id, sealed),
                                               keep_step=True)
            uow.commit()
        return len(keys)
    finally:
        engine.dispose()


def _mail_wiring(engine: Engine) -> dict[str, Any]:
    """The mail ports: in hosted mode each user's passwords encrypted in the database and
    users' servers kept out of the host's network (FOLLOWUP_ALLOW_PRIVATE_HOSTS=1 lifts
    that); the installation's relay when FOLLOWUP_RELAY_HOST is set."""
    from followup.adapters import mail
    from followup.adapters.mail.relay import relay
    from followup.installation import hosted, value

    found = relay()
    wiring: dict[str, Any] = {"mailer": mail.open_smtp, "password": mail.password,
                              "inbox": _open_inbox, "relay": found and found[0],
                              "relay_sender": found and found[1]}
    if not hosted():
        return wiring
    from functools import partial

    from followup.adapters.db.mail_passwords import SqlMailPasswords
    from followup.adapters.mail import hosts

    users = hosts.PINNED if value("FOLLOWUP_ALLOW_PRIVATE_HOSTS") == "1" else hosts.CHECKED
    relay_server = found and found[0]

    def mailer(server: MailServer) -> Mailer:
        # The installation's relay is its operator's choice, so it may well be on loopback.
        return mail.open_smtp(server, hosts.PINNED if server == relay_server else users)

    def check(host: str) -> None:
        if users == hosts.CHECKED:
            hosts.check_host(host, "the mail server")

    return wiring | {"mailer": mailer, "password": None,
                     "inbox": partial(_open_inbox, guard=users),
                     "mail_passwords": SqlMailPasswords(engine, _secret_keys),
                     "check_mail_host": check}


def build(migrate: bool = True) -> Deps:
    """Every dependency of the services, on the configured database (migrated on first use)."""
    from followup.adapters import mail
    from followup.adapters.dates import date_words
    from followup.adapters.db.engine import SqlUnitOfWork
    from followup.adapters.db.engine import migrate as run_migrations
    from followup.adapters.holidays import public_holidays
    from followup.adapters.pdf import render_letter
    from followup.adapters.speller import english
    from followup.adapters.templates import TemplateFolder
    from followup.services.context import Deps

    engine = database()
    if migrate:
        run_migrations(engine)

    hosting = _hosting() if hosted() else None

    def user_ids() -> tuple[list[int], bool]:
        with SqlUnitOfWork(engine, read_only=True) as uow:
            return uow.user_ids(), uow.accounts.exist()

    # Hosted mode acts for nobody until a login (or `--user`) binds the user at the edge.
    acting: Callable[[], int | None] = (lambda: None) if hosting else LocalUser(user_ids)

    def user_zone() -> str | None:
        with SqlUnitOfWork(engine, acting(), read_only=True) as uow:
            user = uow.repo.user()
        return user.timezone if user else None

    return Deps(lambda user: SqlUnitOfWork(engine, user), clock(user_zone), public_holidays,
                date_words, english,
                # A folder of the home would be every user's: hosted mode has none.
                None if hosting else TemplateFolder(os.path.join(home(), "templates")),
                render_letter, **_mail_wiring(engine),
                messages=mail.Messages(), mail_log=_mail_log,
                read_for=lambda user: SqlUnitOfWork(engine, user, read_only=True),
                acting_user=acting, insights=_insights, cards=card_reader(),
                read_invitation=_read_invitation, hosting=hosting, coaching=_coaching,
                coach_templates=_coach_templates, installation_counts=_installation_counts,
                render_template=_render_template, reviews=_reviews)


def _hosting() -> Hosting:
    """Hosted mode's settings (checked: a missing secret key stops here) and credentials."""
    from followup.adapters.credentials import Argon2Credentials
    from followup.adapters.login_limits import WindowLimits
    from followup.services.context import Hosting

    settings = installation()
    return Hosting(Argon2Credentials(_secret_keys),
                   WindowLimits(settings.login_limit, settings.rate_limit_storage),
                   settings.base_url, settings.session_idle, settings.session_max)


def card_reader() -> PhotoReader:
    """Reads card photos with the OCR engine FOLLOWUP_OCR_ENGINE names (auto, both, rapidocr,
    tesseract; auto: both when installed); kept card images go to the home's cards folder.
    OpenCV and the engines are imported only when a photo is read."""
    from followup.adapters.cards import CardScanner

    return CardScanner(os.path.join(home(), "cards"), os.environ.get("FOLLOWUP_OCR_ENGINE",
                                                                     "auto"))


def _read_invitation(data: bytes) -> Invitation:
    """Reads a calendar invitation (icalendar is imported only when one is read)."""
    from followup.adapters.invitation import read

    return read(data)


def _open_inbox(account: ImapAccount, guard: str | None = None) -> Inbox:
    """An IMAP session (imap-tools is imported only by the commands that read mail)."""
    from followup.adapters.mail.imap import ImapInbox

    return ImapInbox(account, guard)


def _mail_log(uow: Any) -> MailLog:
    """The mail log on the unit of work's connection, for its owner."""
    from followup.adapters.db.mailseen import SqlMailLog

    return SqlMailLog(uow.connection, uow.repo.owner_id)


def _insights(uow: Any) -> InsightRecords:
    """The records Insights counts, on the unit of work's connection, for its owner."""
    from followup.adapters.db.insights import SqlInsights

    return SqlInsights(uow.connection, uow.repo.owner_id)


def _coaching(uow: Any) -> CoachRecords:
    """What a coach reads of their clients' records, on the unit of work's connection."""
    from followup.adapters.db.coaching import SqlCoaching

    return SqlCoaching(uow.connection)


def _coach_templates(uow: Any) -> CoachTemplates:
    """Coaches' templates on the unit of work's connection."""
    from followup.adapters.db.coach_templates import SqlCoachTemplates

    return SqlCoachTemplates(uow.connection)


def _installation_counts(uow: Any) -> InstallationCounts:
    """The admin's counts on the unit of work's connection."""
    from followup.adapters.db.admin import SqlInstallationCounts

    return SqlInstallationCounts(uow.connection)


def _render_template(text: str, facts: NoteFacts, tone: Tone, what: str) -> Draft:
    """A template's text rendered sandboxed (Jinja2 is imported only when one is)."""
    from followup.adapters.templates import render

    return render(text, facts, tone, what)


def _reviews(uow: Any) -> Reviews:
    """Note review's shares and comments on the unit of work's connection, for its owner."""
    from followup.adapters.db.reviews import SqlReviews

    return SqlReviews(uow.connection, uow.repo.owner_id)


def health_probe(uow: Any) -> HealthProbe:
    """The readiness and outbox queries on the unit of work's connection."""
    from followup.adapters.db.health import SqlHealth

    return SqlHealth(uow.connection)
