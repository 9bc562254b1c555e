"""The outbox: messages written with the user's intent, delivered by workers, never twice."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from followup.config import mail_values
from followup.domain.errors import FollowupError, InvalidInput, NotAllowed
from followup.domain.model import Action
from followup.services.actions import complete_many, locked_action
from followup.services.context import Deps, user_of
from followup.services.mail_passwords import kept_password
from followup.services.note_views import OutgoingView, outgoing_view
from followup.services.ports import (
    ACTIVE,
    DeliveryError,
    Mailer,
    MailServer,
    NotHandedOver,
    Outgoing,
    UnitOfWork,
)
from followup.services.reconcile import record_sent_copies

LEASE = timedelta(minutes=10)
"""How long a worker's claim on a row lasts unless renewed: past it, the worker is taken for
dead (row `unknown`). Each claim keeps its own, whatever lease other workers run with."""
RESENDABLE = ("unknown", "failed")
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
MAX_ATTEMPTS = 10
"""Transient failures in a row after which a message is given up (`failed`)."""
LOST = "lost"
"""A claimed row another worker took for dead before it was sent: left alone, unsent."""
FLUSH = 25
"""Outcomes recorded per transaction: fewer commits, and a small window for `unknown`."""
NO_RELAY = ("the installation has no mail relay (FOLLOWUP_RELAY_HOST) to send its own "
            "messages through")


ACCOUNT = "account"
"""The kind of the installation's own messages (invitations, password resets): they go out
through its relay (`Deps.relay`), never through a user's server; notes and digests never
through the relay."""


def smtp_server(deps: Deps, stored: Mapping[str, str], owner_id: int | None = None
                ) -> MailServer:
    """The SMTP server of the user (or of `owner_id`), from the settings and the kept password."""
    values = mail_values(dict(stored))
    username = values["smtp.username"] or None
    return MailServer(values["smtp.host"] or "", values["smtp.port"], values["smtp.security"],
                      username, kept_password(deps, "smtp", owner_id) if username else None)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 ... minutes, at most an hour."""
    wait: timedelta = FIRST_RETRY * 2 ** min(max(attempts - 1, 0), 10)
    return min(wait, LAST_RETRY)


class Sessions:
    """Open SMTP sessions by server, kept across a worker's passes (one login, many sends)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.open: dict[MailServer, Mailer] = {}

    def get(self, server: MailServer) -> Mailer:
        mailer = self.open.get(server)
        if mailer is None:
            if self.deps.mailer is None:
                raise DeliveryError(DeliveryError.PERMANENT, "sending mail is not set up here")
            mailer = self.deps.mailer(server)
            self.open[server] = mailer
        return mailer

    def forget(self, server: MailServer) -> None:
        mailer = self.open.pop(server, None)
        if mailer is not None:
            mailer.close()

    def close(self) -> None:
        for server in list(self.open):
            self.forget(server)


def _settle(deps: Deps, outcomes: list[tuple[Outgoing, str, str | None]]) -> None:
    """Records what became of each attempt; a sent note completes its step in the same
    transaction."""
    if not outcomes:
        return
    now = deps.clock()
    with deps.for_owners() as uow:
        plain = [item.id for item, outcome, words in outcomes
                 if outcome == "sent" and words is None and item.id is not None]
        uow.outbox.sent(plain, now)
        for item, outcome, words in outcomes:
            _record(uow, item, outcome, words, now, recorded=item.id in plain)
        _complete_steps(deps, uow, [item for item, outcome, _ in outcomes if outcome == "sent"],
                        now)
        uow.commit()


def _complete_steps(deps: Deps, uow: UnitOfWork, sent: list[Outgoing], now: datetime) -> None:
    """The steps of the notes sent are done, read and written for the whole batch at once,
    each application re-planned once however many of its notes the batch holds. Its rows are
    held in one order (by owner and application), the same for every worker: none waits for
    another in a circle."""
    steps = {(item.owner_id, item.action_id) for item in sent
             if item.kind == "note" and item.action_id is not None}
    complete_many(deps, uow.batches, steps, now)


def _record(uow: UnitOfWork, item: Outgoing, outcome: str, words: str | None,
            now: datetime, recorded: bool = False) -> None:
    assert item.id is not None
    # A failure is this claim's to record only while the row is still its own: once taken
    # back and sent again (by the user's resend), the other claim's outcome decides. A
    # success is recorded whoever sent it: the message did go.
    claim = item.claim_token
    if outcome == "sent":
        if not recorded:
            uow.outbox.finish(item.id, "sent", now, words)
    elif outcome == LOST:
        return
    elif outcome == DeliveryError.TRANSIENT and item.attempts < MAX_ATTEMPTS:
        uow.outbox.retry(item.id, now + backoff(item.attempts), words or "", claim=claim)
    elif outcome == DeliveryError.TRANSIENT:
        uow.outbox.finish(item.id, "failed", now,
                          f"gave up after {item.attempts} attempts; the last: {words}",
                          claim=claim)
    elif outcome == DeliveryError.UNKNOWN:
        uow.outbox.finish(item.id, "unknown", now, words, claim=claim)
    else:
        uow.outbox.finish(item.id, "failed", now, words, claim=claim)


def deliver_due(deps: Deps, worker: str, batch: int = 100, sessions: Sessions | None = None,
                only: int | None = None, lease: timedelta = LEASE) -> dict[str, int]:
    """One pass: claims due rows (committed before any SMTP talk), hands them to the server
    over one session per server, records each outcome. Returns counts by outcome."""
    counts = {"claimed": 0, "sent": 0, "retry": 0, "failed": 0, "unknown": 0, "cancelled": 0,
              "expired": 0, "requeued": 0, "lost": 0}
    now = deps.clock()
    with deps.for_owners() as uow:
        counts["expired"], counts["requeued"] = uow.outbox.expire(now)
        claimed, counts["cancelled"] = uow.outbox.claim(worker, now, batch, only, lease=lease)
        servers: dict[int, MailServer] = {}
        copies: set[int] = set()
        owners = uow.batches.settings({item.owner_id for item in claimed
                                       if item.kind != ACCOUNT})
        for owner, stored in sorted(owners.items()):
            servers[owner] = smtp_server(deps, stored, owner)
            if mail_values(stored)["imap.host"]:
                copies.add(owner)
        uow.commit()
    counts["claimed"] = len(claimed)
    own = sessions is None
    pool = sessions or Sessions(deps)
    refused: dict[MailServer, DeliveryError] = {}
    pending: list[tuple[Outgoing, str, str | None]] = []
    filed: list[Outgoing] = []
    lease_from, held = now, {item.id for item in claimed}
    try:
        for index, item in enumerate(claimed):
            if deps.clock() - lease_from >= lease / 4:
                # Slow going: renew the lease of the rows still to send, so that a live worker
                # is never taken for a dead one while it sends (one message takes far less than
                # the lease); a row another worker meanwhile declared unknown (and the user may
                # have sent again) is no longer this worker's to send.
                lease_from = deps.clock()
                held = _renew(deps, claimed[index:], lease_from + lease)
            server = deps.relay if item.kind == ACCOUNT else servers[item.owner_id]
            if item.id not in held:
                outcome, words = LOST, None
            elif server is None:
                outcome, words = DeliveryError.PERMANENT, NO_RELAY
            else:
                try:
                    outcome, words = _attempt(pool, server, item, refused,
                                              _hand_over(deps, item))
                except Exception as exc:  # a bug: the message may have gone, so no retry
                    pool.forget(server)
                    outcome = DeliveryError.UNKNOWN
                    words = f"unexpected error while sending: {exc}"
            counts["sent" if outcome == "sent" else
                   "retry" if outcome == DeliveryError.TRANSIENT else
                   "unknown" if outcome == DeliveryError.UNKNOWN else
                   "lost" if outcome == LOST else "failed"] += 1
            pending.append((item, outcome, words))
            if outcome == "sent" and item.kind == "note" and item.owner_id in copies:
                filed.append(item)
            if len(pending) >= FLUSH:
                _settle(deps, pending)
                pending = []
        _settle(deps, pending)
    finally:
        if own:
            pool.close()
    _file_copies(deps, filed)
    return counts


def _file_copies(deps: Deps, sent: list[Outgoing]) -> None:
    """A copy of each note sent goes to its user's Sent folder when IMAP is set up (after the
    outcome is recorded: a trouble with IMAP never makes a sent message look unsent), over
    one IMAP session per user."""
    by_owner: dict[int, list[Outgoing]] = {}
    for item in sent:
        by_owner.setdefault(item.owner_id, []).append(item)
    for owner, items in sorted(by_owner.items()):
        try:
            record_sent_copies(deps.acting(owner), [item.message for item in items],
                               deps.clock(), owner)
        except (FollowupError, OSError):
            continue


def _renew(deps: Deps, items: list[Outgoing], until: datetime) -> set[int | None]:
    if not items:
        return set()
    with deps.for_owners() as uow:
        held = uow.outbox.renew([item.id or 0 for item in items], items[0].claim_token or "",
                                until)
        uow.commit()
    return set(held)


def _hand_over(deps: Deps, item: Outgoing) -> Callable[[], None]:
    """What runs just before a row's data goes to the server: the row is marked as handed
    over (committed), or, when its claim no longer holds it, the message stops there."""
    def mark() -> None:
        with deps.for_owners() as uow:
            held = uow.outbox.handed(item.id or 0, item.claim_token or "", deps.clock())
            uow.commit()
        if not held:
            raise NotHandedOver(f"outbox message {item.id} is no longer this worker's")
    return mark


def _attempt(pool: Sessions, server: MailServer, item: Outgoing,
             refused: dict[MailServer, DeliveryError],
             before_data: Callable[[], None] | None = None) -> tuple[str, str | None]:
    """Sends one row: ("sent", a warning or None) or (the failure's outcome, its words)."""
    if server in refused:  # the server would not even let us in: not again in this pass
        return refused[server].outcome, refused[server].reason
    try:
        mailer = pool.get(server)
    except DeliveryError as exc:
        refused[server] = exc
        return exc.outcome, exc.reason
    try:
        return "sent", mailer.send(item.sender, item.recipients, item.message.encode("utf-8"),
                                   before_data)
    except NotHandedOver:
        return LOST, None
    except DeliveryError as exc:
        if exc.outcome != DeliveryError.PERMANENT:
            pool.forget(server)  # the session may be broken; the next row opens another
        return exc.outcome, exc.reason


def listing(deps: Deps, limit: int = 200) -> list[OutgoingView]:
    """The user's outbox, newest first, with each message's state."""
    with deps.uow() as uow:
        user = user_of(uow.repo)
        return [outgoing_view(item, user.timezone)
                for item in uow.outbox.listing(user.id or 0, limit)]


def show(deps: Deps, outbox_id: int) -> OutgoingView:
    with deps.uow() as uow:
        user = user_of(uow.repo)
        return outgoing_view(uow.outbox.get(user.id or 0, outbox_id), user.timezone)


def resend(deps: Deps, outbox_id: int) -> OutgoingView:
    """At the user's explicit request: a new attempt at an `unknown` or `failed` message,
    with the same Message-ID (so that a copy which did arrive is recognised as the same)."""
    with deps.uow() as uow:
        user = user_of(uow.repo)
        owner = user.id or 0
        item = uow.outbox.get(owner, outbox_id)
        step = item.action_id if item.kind == "note" else None
        # The step's application first, as a send does: two resends (or a resend and a send)
        # of one step take turns, and the second sees what the first did.
        action = locked_action(uow.repo, step) if step is not None else None
        item = uow.outbox.get(owner, outbox_id)
        if item.state not in RESENDABLE:
            raise _not_resendable(item)
        if action is not None:
            _step_waits(uow.outbox.for_action(owner, action.id or 0), item, action)
        if not uow.outbox.reschedule(outbox_id, deps.clock()):  # another resend came first
            raise _not_resendable(uow.outbox.get(owner, outbox_id))
        result = outgoing_view(uow.outbox.get(owner, outbox_id), user.timezone)
        uow.commit()
        return result


def _not_resendable(item: Outgoing) -> NotAllowed:
    return NotAllowed(f"message {item.id} is {item.state}; only a message whose delivery is "
                      "unknown or failed can be sent again")


def _step_waits(messages: list[Outgoing], item: Outgoing, action: Action) -> None:
    """Refuses a resend when its step is closed or has another note on its way."""
    if not action.is_open:
        raise NotAllowed(f"its step (action {action.id}) is already {action.status}; "
                         "nothing to send")
    for other in messages:
        if other.id != item.id and other.kind == "note" and other.state in ACTIVE:
            raise NotAllowed(f"the note of action {action.id} is already {other.state} "
                             f"(outbox message {other.id})")


def resend_now(deps: Deps, outbox_id: int) -> OutgoingView:
    """`resend`, then one attempt right away (the one click of the web app): the message
    as it stands after that attempt."""
    resend(deps, outbox_id)
    deliver_due(deps, f"resend:{outbox_id}", 1, only=outbox_id)
    return show(deps, outbox_id)


def latest_by_action(deps: Deps, action_ids: list[int]) -> dict[int, OutgoingView]:
    """The newest message of each of these steps that has one (an application page's notes)."""
    found: dict[int, OutgoingView] = {}
    with deps.uow() as uow:
        user = user_of(uow.repo)
        for action_id in action_ids:
            rows = uow.outbox.for_action(user.id or 0, action_id)
            if rows:
                found[action_id] = outgoing_view(rows[-1], user.timezone)
    return found


def cancel(deps: Deps, outbox_id: int) -> OutgoingView:
    """Withdraws a message that has not gone out yet."""
    with deps.uow() as uow:
        user = user_of(uow.repo)
        item = uow.outbox.get(user.id or 0, outbox_id)
        if item.state != "scheduled":
            raise NotAllowed(f"message {outbox_id} is {item.state}; only a scheduled message "
                             "can be cancelled")
        uow.outbox.cancel(outbox_id)
        result = outgoing_view(uow.outbox.get(user.id or 0, outbox_id), user.timezone)
        uow.commit()
        return result


def check_worker_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(not c.isprintable() for c in name):
        raise InvalidInput("a worker's name is 1 to 100 printable characters")
    return name


def counts_line(counts: Mapping[str, Any]) -> str:
    """A pass's counts in words, for logs and the CLI."""
    shown = [f"{n} {what}" for what, n in counts.items() if n and what != "claimed"]
    return ", ".join(shown) or "nothing due"
