"""The Sent folder as the witness of delivery: a message whose fate is unknown is looked for
there, never sent again by itself; a message sent is copied there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from followup.domain.errors import FollowupError, NotAllowed
from followup.services.actions import complete
from followup.services.context import Deps, user_of
from followup.services.note_views import PollView, Reconciled, ReconcileView
from followup.services.replies import act_for, mail_log, open_account, session
from followup.services.views import maybe_local


def reconcile(deps: Deps, owner_id: int | None = None) -> ReconcileView:
    """Every outbox row in state `unknown` is looked for by its Message-ID in the Sent folder:
    found, it is `sent` and its step done; not found, it stays `unknown` for the user to
    resend by hand."""
    account, _ = open_account(deps, owner_id)
    with deps.uow() as uow:
        act_for(uow, owner_id)
        tz = user_of(uow.repo).timezone
        rows = [dict(r) for r in mail_log(deps, uow).unknown()]
    if not rows:
        return ReconcileView(None, 0, (), ())
    with session(deps, account) as inbox:
        folder = inbox.sent_folder()
        found = {r["id"] for r in rows if inbox.has_message(folder, r["message_id"])}
    now = deps.clock()
    with deps.uow() as uow:
        act_for(uow, owner_id)
        for row in rows:
            if row["id"] not in found:
                continue
            # The attempt is when it went out; the copy in Sent proves it did.
            at = min(row.get("claimed_at") or now, now)
            uow.outbox.finish(row["id"], "sent", at,
                              f"found in the folder {folder!r} after an unknown outcome")
            if row["action_id"] is not None and row.get("kind", "note") == "note":
                complete(deps, uow.repo, row["action_id"], at)
        uow.commit()
    listed = [Reconciled(r["id"], r["message_id"], r["action_id"],
                         maybe_local(r.get("claimed_at"), tz)) for r in rows]
    return ReconcileView(folder, len(rows), tuple(r for r in listed if r.id in found),
                         tuple(r for r in listed if r.id not in found))


def record_sent_copy(deps: Deps, raw: bytes | str, when: datetime | None = None,
                     owner_id: int | None = None) -> bool:
    """Appends a copy of a message just sent to the Sent folder when IMAP is set up (and the
    copy is not there yet: many providers file one themselves). False when nothing was
    appended; a failure here never undoes the send."""
    return record_sent_copies(deps, [raw], when, owner_id) == 1


def record_sent_copies(deps: Deps, raws: Sequence[bytes | str], when: datetime | None = None,
                       owner_id: int | None = None) -> int:
    """`record_sent_copy` of several messages of one user over one IMAP session; how many
    were appended (0 on any trouble with IMAP)."""
    try:
        account, _ = open_account(deps, owner_id)
    except NotAllowed:  # no IMAP: nothing to copy to
        return 0
    from followup.domain.incoming import Unreadable, parse

    appended = 0
    try:
        with session(deps, account) as inbox:
            folder = inbox.sent_folder()
            for raw in raws:
                data = raw.encode("ascii", "surrogateescape") if isinstance(raw, str) else raw
                try:
                    message_id = parse(data).message_id
                except Unreadable:  # past the limits: appended without looking for a copy
                    message_id = None
                if message_id and inbox.has_message(folder, message_id):
                    continue
                inbox.append(folder, data, when or deps.clock())
                appended += 1
    except FollowupError:
        return appended
    return appended


def poll(deps: Deps, owner_id: int | None = None) -> PollView:
    """One pass of the worker over IMAP: new replies, then messages of unknown fate. Nothing
    is raised: IMAP not set up is `skipped`, a server problem is `error`, in plain words."""
    from followup.services.replies import sync

    try:
        open_account(deps, owner_id)
    except NotAllowed as exc:
        return PollView(skipped=str(exc))
    synced = None
    try:
        synced = sync(deps, owner_id)
        return PollView(sync=synced, reconcile=reconcile(deps, owner_id))
    except FollowupError as exc:
        return PollView(sync=synced, error=str(exc))
