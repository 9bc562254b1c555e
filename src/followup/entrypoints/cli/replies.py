"""`followup mail sync` and `followup mail reconcile`: replies and the Sent folder over IMAP."""

from __future__ import annotations

import click

from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.mail import mail
from followup.entrypoints.cli.output import emit_json, say
from followup.services.note_views import SkippedView, SyncView


def _sync_text(result: SyncView) -> str:
    lines = []
    for folder in result.folders:
        lines.append(f"{folder.folder}: {folder.new} new")
    for reply in result.replies:
        who = (reply.contact.name if reply.contact else None) or reply.sender
        lines.append(f"Reply from {who} about {reply.company} ({reply.how}): "
                     f"{reply.subject}")
        if reply.snippet:
            lines.append(f"  {reply.snippet}")
    for bounce in result.bounces:
        about = f" ({bounce.company})" if bounce.company else ""
        lines.append(f"BOUNCED: {bounce.address}{about} does not take mail; "
                     "check the address")
    for item in result.skipped:
        lines.append(f"Skipped {skipped_words(item)}")
    quiet = [f"{n} {word}" for n, word in (
        (result.automatic, "automatic"), (result.unrelated, "unrelated"),
        (result.again, "seen before")) if n]
    if quiet:
        lines.append("Not counted: " + ", ".join(quiet) + ".")
    if not result.replies and not result.bounces:
        lines.append("No replies.")
    return "\n".join(lines)


def skipped_words(item: SkippedView) -> str:
    """Where a message the sync could not read is, what it is, and why it was not read."""
    about = ", ".join(p for p in (item.subject, item.sender and f"from {item.sender}") if p)
    return (f"{item.folder} UID {item.uid}{f' ({about})' if about else ''}: "
            f"{item.reason}; it was left unread and is not looked at again.")


@mail.command("sync")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def mail_sync(as_json: bool) -> None:
    """Fetch new mail from the watched folders: a reply from the employer stops the chasing
    (R10) and is listed on Today; automatic replies do not count; a bounce is reported.

    Each message is looked at once (by folder, UIDVALIDITY and UID); running it again
    changes nothing. A message that cannot be read (too deeply nested, a header too large)
    is listed as skipped and passed over; only the start of a big message is fetched.
    """
    from followup.services.replies import sync

    result = sync(deps())
    if as_json:
        emit_json(result)
    else:
        say(_sync_text(result))


@mail.command("reconcile")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def mail_reconcile(as_json: bool) -> None:
    """Look for each message whose sending ended unknown in the Sent folder: found, it is
    sent and its step done; not found, it stays unknown (resend it with `followup outbox`)."""
    from followup.services.reconcile import reconcile

    result = reconcile(deps())
    if as_json:
        emit_json(result)
        return
    if not result.checked:
        say("No message has an unknown outcome.")
        return
    for item in result.sent:
        say(f"Message {item.id} was sent: it is in {result.folder!r}.")
    for item in result.unknown:
        say(f"Message {item.id} is not in {result.folder!r}: it may not have arrived; "
            f"resend it by hand if it should.")
