"""Replies over IMAP: new messages of the watched folders, each looked at once; a reply from the
employer is a touch that stops the chasing (R10), a bounce marks its address as bad."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from followup.config import mail_values
from followup.domain.errors import NotAllowed, Remedy
from followup.domain.incoming import (
    Finding,
    Incoming,
    Known,
    Verdict,
    calendar_parts,
    classify,
    company_domains,
    glance,
    parse,
    unreadable,
)
from followup.domain.model import AppStatus, Touch, TouchKind
from followup.services.context import Deps, replan, user_of
from followup.services.invitations import found_in_mail
from followup.services.mail_passwords import kept_password
from followup.services.note_views import (
    FolderSynced,
    FoundReply,
    ServiceCheck,
    SkippedView,
    SyncView,
    skipped_view,
)
from followup.services.ports import (
    Fetched,
    ImapAccount,
    Inbox,
    MailLog,
    MailServer,
    Repository,
    UnitOfWork,
)
from followup.services.views import (
    BounceView,
    ProposedInvitation,
    bounce_view,
    extended,
    reply_view,
)

FIRST_LOOK_DAYS = 30
"""A folder never synced before is read back this far, not from its first message."""
BATCH = 200
"""Messages fetched and recorded per transaction."""
LONGEST_SUBJECT = 500
SKIPPED = "skipped"
"""The verdict of a message that could not be read (its reason is kept as its snippet)."""
EARLIEST_YEAR = 1990
"""A message dated before this is taken to have arrived when it was seen."""


def imap_account(deps: Deps, stored: Mapping[str, str], owner_id: int | None = None
                 ) -> ImapAccount:
    """The IMAP server and folders of the user (or of `owner_id`), from the settings and the
    kept password."""
    values = mail_values(dict(stored))
    username = values["imap.username"] or None
    server = MailServer(values["imap.host"] or "", values["imap.port"], values["imap.security"],
                        username, kept_password(deps, "imap", owner_id) if username else None)
    folders = tuple(dict.fromkeys(
        f.strip() for f in str(values["imap.folders"] or "INBOX").split(",") if f.strip()))
    return ImapAccount(server, folders or ("INBOX",), str(values["imap.sent_folder"] or "").strip())


def open_account(deps: Deps, owner_id: int | None = None) -> tuple[ImapAccount, dict[str, Any]]:
    """The IMAP account of the user (or of `owner_id`) and their mail settings; NotAllowed
    when IMAP is not set up."""
    if deps.inbox is None or deps.mail_log is None:
        raise NotAllowed("reading mail is not set up here")
    with deps.uow() as uow:
        act_for(uow, owner_id)
        user_of(uow.repo)
        stored = uow.repo.settings()
    account = imap_account(deps, stored, owner_id)
    if not account.server.host:
        raise NotAllowed("no IMAP server is set", remedy=Remedy.IMAP)
    return account, mail_values(dict(stored))


def session(deps: Deps, account: ImapAccount) -> AbstractContextManager[Inbox]:
    assert deps.inbox is not None
    return deps.inbox(account)


def act_for(uow: UnitOfWork, owner_id: int | None) -> None:
    if owner_id is not None:
        uow.acting_for(owner_id)


def mail_log(deps: Deps, uow: UnitOfWork) -> MailLog:
    assert deps.mail_log is not None
    return deps.mail_log(uow)


@dataclass
class _Tally:
    """What a sync has found so far."""

    folders: list[FolderSynced] = field(default_factory=list)
    replies: list[FoundReply] = field(default_factory=list)
    bounces: list[BounceView] = field(default_factory=list)
    automatic: int = 0
    unrelated: int = 0
    again: int = 0
    skipped: list[SkippedView] = field(default_factory=list)
    invitations: list[ProposedInvitation] = field(default_factory=list)


def sync(deps: Deps, owner_id: int | None = None) -> SyncView:
    """Looks at every new message of the watched folders once, by (folder, UIDVALIDITY, UID)."""
    account, values = open_account(deps, owner_id)
    result = _Tally()
    with session(deps, account) as inbox:
        for folder in account.folders:
            uidvalidity = inbox.select(folder)
            with deps.uow() as uow:
                act_for(uow, owner_id)
                user_of(uow.repo)
                last = mail_log(deps, uow).last_uid(folder, uidvalidity)
            since = None if last is not None else \
                (deps.clock() - timedelta(days=FIRST_LOOK_DAYS)).date()
            after, count = last or 0, 0
            while True:
                fetched = inbox.fetch(after, since, BATCH)
                if not fetched:
                    break
                _record(deps, owner_id, folder, uidvalidity, fetched, values, result)
                after, count = fetched[-1].uid, count + len(fetched)
                if len(fetched) < BATCH:
                    break
            result.folders.append(FolderSynced(folder, uidvalidity, count))
    return SyncView(tuple(result.folders), tuple(result.replies), tuple(result.bounces),
                    result.automatic, result.unrelated, result.again, tuple(result.skipped),
                    tuple(result.invitations))


def _known(repo: Repository, log: MailLog, mails: list[Incoming], values: Mapping[str, Any],
           own: set[str]) -> Known:
    """Who and what the user's records know, for classifying this batch."""
    thread = {i for m in mails for i in (*m.thread, m.original_id) if i}
    # Later, and live, applications win an address or a domain they share with another.
    apps = sorted(repo.applications(), key=lambda a: (
        a.status in (AppStatus.ACTIVE, AppStatus.STALE), a.id or 0))
    rank = {a.id: n for n, a in enumerate(apps)}
    contacts = sorted((c for c in repo.contacts() if c.email),
                      key=lambda c: (rank.get(c.application_id, -1), c.id or 0))
    emails = {(c.email or "").strip().lower(): (c.application_id or 0, c.id or 0)
              for c in contacts}
    domains: dict[str, int] = {}
    if values.get("imap.company_domain"):
        domains = company_domains(
            (a.id or 0, [*(c.email or "" for c in contacts if c.application_id == a.id),
                         a.url or ""]) for a in apps)
    return Known(frozenset(own), log.sent_applications(thread), emails, domains)


def _record(deps: Deps, owner_id: int | None, folder: str, uidvalidity: int,
            fetched: list[Fetched], values: Mapping[str, Any], result: _Tally) -> None:
    """Classifies and records one batch in one transaction; replies re-plan their application."""
    with deps.uow() as uow:
        act_for(uow, owner_id)
        repo = uow.repo
        user = user_of(repo)
        log = mail_log(deps, uow)
        now = deps.clock()
        tz = user.timezone
        read: list[tuple[Fetched, Incoming]] = []
        for item in fetched:
            try:
                read.append((item, parse(item.raw, item.received)))
            except Exception as exc:  # one hostile message must not stop the sync of the rest
                _skip(log, folder, uidvalidity, item, unreadable(exc), now, tz, result)
        mails = [mail for _, mail in read]
        own = {user.email.strip().lower(), str(values.get("mail.from_address") or "").lower()}
        known = _known(repo, log, mails, values, own - {""})
        companies = {a.id: a for a in repo.applications()}
        touched: set[int] = set()
        for item, mail in read:
            finding = classify(mail, known)
            # A message without a Message-ID is known again by its bytes.
            key = mail.message_id or "sha256:" + hashlib.sha256(item.raw).hexdigest()
            earlier = log.seen_message(key)
            received = _arrival(mail.received, now)
            row = {
                "folder": folder, "uidvalidity": uidvalidity, "uid": item.uid,
                "message_id": key, "verdict": str(finding.verdict),
                "application_id": finding.application_id, "address": finding.address,
                "subject": mail.subject[:LONGEST_SUBJECT], "snippet": mail.snippet,
                "received_at": received, "seen_at": now,
            }
            seen_id = log.record(row)
            if seen_id is None:  # another sync recorded it first
                continue
            if earlier is not None:  # the same message again: counted once, the first time
                result.again += 1
                continue
            result.invitations += _invitations(deps, repo, item.raw, key, received)
            app = companies.get(finding.application_id)
            shown = {**row, "id": seen_id, "company": app.company if app else None,
                     "position": app.position if app else None,
                     "contact_id": finding.contact_id, "contact_name": None}
            if finding.verdict is Verdict.REPLY and finding.application_id is not None:
                touch = _reply_touch(repo, finding, mail, received)
                log.link_touch(seen_id, touch.id or 0)
                touched.add(finding.application_id)
                if finding.contact_id is not None:
                    shown["contact_name"] = repo.contact(finding.contact_id).name
                result.replies.append(extended(reply_view(shown, tz), FoundReply,
                                               how=finding.how))
            elif finding.verdict is Verdict.BOUNCE:
                result.bounces.append(bounce_view(shown, tz))
            elif finding.verdict is Verdict.AUTO:
                result.automatic += 1
            else:
                result.unrelated += 1
        for application_id in sorted(touched):
            replan(deps, repo, application_id, now)
        uow.commit()


def _invitations(deps: Deps, repo: Repository, raw: bytes, key: str, received: datetime
                 ) -> list[ProposedInvitation]:
    """The calendar invitations a message carries, kept for Today (each version once)."""
    read = deps.read_invitation
    if read is None:
        return []
    found = (found_in_mail(repo, read, part, key, received) for part in calendar_parts(raw))
    return [invited for invited in found if invited is not None]


def _arrival(when: datetime | None, now: datetime) -> datetime:
    """When a message arrived: never in the future, nor before any plan could hold it."""
    if when is None or when > now or when.year < EARLIEST_YEAR:
        return now
    return when


def _skip(log: MailLog, folder: str, uidvalidity: int, item: Fetched, reason: str,
          now: datetime, tz: str, result: _Tally) -> None:
    """Records a message that cannot be read as seen and skipped, so that the position moves
    past it (the next sync does not stumble on it again) and the user can see why."""
    subject, sender = glance(item.raw)
    row = {"folder": folder, "uidvalidity": uidvalidity, "uid": item.uid, "message_id": None,
           "verdict": SKIPPED, "application_id": None, "address": sender or None,
           "subject": subject[:LONGEST_SUBJECT], "snippet": reason,
           "received_at": _arrival(item.received, now), "seen_at": now}
    seen_id = log.record(row)
    if seen_id is not None:
        result.skipped.append(skipped_view({**row, "id": seen_id, "size": item.size}, tz))


def skipped(deps: Deps, owner_id: int | None = None) -> list[SkippedView]:
    """The latest messages the sync could not read (the Outbox page lists them)."""
    if deps.mail_log is None:
        return []
    with deps.uow() as uow:
        act_for(uow, owner_id)
        tz = user_of(uow.repo).timezone
        return [skipped_view(r, tz) for r in mail_log(deps, uow).skipped()]


def _reply_touch(repo: Repository, finding: Finding, mail: Incoming, at: datetime) -> Touch:
    """R10: the employer got in touch, by email, at the time the message arrived."""
    words = f"Email: {mail.subject}" if mail.subject else "Email"
    if mail.snippet:
        words += f" — {mail.snippet}"
    return repo.add_touch(Touch(None, finding.application_id, TouchKind.REPLY, at,
                                finding.contact_id, notes=words[:2000]))


def bounced(deps: Deps, addresses: Collection[str]) -> set[str]:
    """Which of `addresses` bounced before (lower-cased): a note to one is likely lost too."""
    if deps.mail_log is None:
        return set()
    with deps.uow() as uow:
        user_of(uow.repo)
        return mail_log(deps, uow).bounced(addresses)


def check_connection(deps: Deps) -> ServiceCheck:
    """Logs in to the IMAP server and finds the Sent folder; says in plain words what is wrong."""
    from followup.domain.errors import FollowupError

    try:
        account, _ = open_account(deps)
        with session(deps, account) as inbox:
            for folder in account.folders:
                inbox.select(folder)
            sent = inbox.sent_folder()
    except FollowupError as exc:
        return ServiceCheck("IMAP", False, str(exc))
    server = account.server
    return ServiceCheck("IMAP", True,
                        f"connected to {server.host}:{server.port} ({server.security}) as "
                        f"{server.username}; watching {', '.join(account.folders)}; "
                        f"Sent folder: {sent}")
