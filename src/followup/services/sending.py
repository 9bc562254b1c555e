"""Sending a note by email: checked, written to the outbox with the user's intent, delivered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from followup.config import mail_values
from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.domain.model import Channel, Contact
from followup.domain.notes.facts import Note, Severity, Tone
from followup.services import notes, reviews
from followup.services.context import Deps, parse_moment, required, user_of
from followup.services.note_views import OutgoingView, SentView, outgoing_view
from followup.services.outbox import deliver_due
from followup.services.ports import ACTIVE, Outgoing, Person, Repository
from followup.services.views import ContactView, contact_view, extended

ConfirmSpelling = Callable[[Contact], bool | None]
"""Asks the user whether a contact's name is spelled right: True yes, False no, None when
nobody can be asked (no terminal)."""

def _note(deps: Deps, repo: Repository, scene: notes._Scene, text: str | None) -> Note:
    """The note to send: `text` (kept as the user's edit), else the kept note checked anew,
    else a fresh draft."""
    action_id = scene.action.id or 0
    kept = repo.note(action_id)
    if text is not None:
        body = required(text, "the note", notes.MAX_NOTE)
        subject = kept.subject if kept else notes._draft(
            deps, scene, notes._facts(scene), Tone.FORMAL).subject
        return notes._save(deps, repo, scene, Note(
            action_id, subject, body, kept.tone if kept else Tone.FORMAL, edited=True))
    if kept is None:
        written = notes._draft(deps, scene, notes._facts(scene), Tone.FORMAL)
        return notes._save(deps, repo, scene, Note(action_id, written.subject, written.body))
    return notes._save(deps, repo, scene, kept)


def send_note(deps: Deps, action_id: int, at: str | None = None, force: bool = False,
              text: str | None = None, confirm_spelling: ConfirmSpelling | None = None,
              deliver: bool = True) -> SentView:
    """Puts a note in the outbox, in the same transaction as the note itself; delivered now
    (unless `at` is later or `deliver` is False). The checker's errors block it unless
    `force`; the step is done once the server accepts the message."""
    if deps.messages is None:
        raise NotAllowed("sending mail is not set up here")
    warnings: list[str] = []
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        # The step's application is held before anything is read, as re-planning does: two
        # sends of one note take turns, and the second finds the first in the outbox.
        scene = notes._scene(repo, action_id, lock=True)
        action = scene.action
        if not action.is_open:
            raise NotAllowed(f"action {action_id} is already {action.status}")
        if action.channel is not Channel.EMAIL:
            raise NotAllowed(f"action {action_id} goes by {action.channel}",
                             remedy=Remedy.LETTER, record=action_id)
        for item in uow.outbox.for_action(user.id or 0, action_id):
            if item.state in ACTIVE:
                raise NotAllowed(f"the note of action {action_id} is already {item.state} "
                                 f"(outbox message {item.id})", record=item.id,
                                 remedy=Remedy.RESEND if item.state == "unknown" else None)
        values = mail_values(repo.settings())
        if not values["smtp.host"]:
            raise NotAllowed("mail is not set up", remedy=Remedy.SMTP)
        contact = scene.state.contact(action.contact_id)
        if contact is None or not contact.email:
            who = contact.name if contact else "this step's recipient"
            raise InvalidInput(f"no email address is recorded for {who}",
                               remedy=Remedy.CONTACT_EMAIL, record=contact.id if contact else None)
        now = deps.clock()
        due = parse_moment(at, user.timezone) if at else now
        if due < now:
            raise InvalidInput(f"{at!r} has passed; give a time ahead, or none to send now",
                               field="at")
        note = _note(deps, repo, scene, text)
        errors = sorted({f.rule for f in note.findings if f.severity is Severity.ERROR})
        if errors and not force:
            raise NotAllowed(f"the note of action {action_id} has errors ({', '.join(errors)})",
                             remedy=Remedy.FIX_NOTE, record=action_id)
        if not contact.confirmed:
            answer = confirm_spelling(contact) if confirm_spelling else None
            if answer is False:
                raise NotAllowed(f"not sent: the spelling of {contact.name!r} is not right",
                                 remedy=Remedy.SPELLING, record=contact.id)
            if answer:
                contact.confirmed = True
                repo.update_contact(contact)
            else:
                warnings.append(f"the spelling of {contact.name!r} is not confirmed; "
                                "confirm it once checked")
        sender = Person(values["mail.from_name"] or user.name,
                        values["mail.from_address"] or user.email)
        message_id = deps.messages.new_message_id(sender.address)
        composed = deps.messages.build(
            sender, [Person(contact.name, contact.email)], note.subject, note.body,
            max(now, due), message_id, [sender.address] if values["mail.bcc_self"] else ())
        item = Outgoing(None, user.id or 0, action_id, "note", message_id, composed.sender,
                        composed.recipients, composed.subject, composed.text, due,
                        created_at=now)
        uow.outbox.add(item)
        reviews.note_sent(deps, uow, action_id)  # the coach's review of it ends here
        uow.commit()
    if deliver and due <= now:
        deliver_due(deps, f"send:{item.id}", 1, only=item.id)
    with deps.uow() as uow:
        sent = outgoing_view(uow.outbox.get(user.id or 0, item.id or 0), user.timezone)
        return extended(sent, SentView, action_status=uow.repo.action(action_id).status,
                        warnings=tuple(warnings))


@dataclass(frozen=True, slots=True)
class Readiness:
    """What a send form needs: what is missing before a note can go by email (None, "setup",
    "smtp" or "address"), its recipient, and the step's messages so far, newest first (`busy`
    when one of them is on its way or may have arrived)."""

    missing: str | None
    contact: ContactView | None
    messages: tuple[OutgoingView, ...]
    busy: bool


def readiness(deps: Deps, action_id: int) -> Readiness:
    """What a send form needs: what is missing before a note can go by email (`missing`:
    None, "setup", "smtp" or "address"), its recipient, and the messages sent so far for the
    step, newest first (`busy` when one of them is on its way or may have arrived)."""
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        action = repo.action(action_id)
        contact = repo.contact(action.contact_id) if action.contact_id else None
        values = mail_values(repo.settings())
        rows = uow.outbox.for_action(user.id or 0, action_id)
        messages = tuple(outgoing_view(item, user.timezone) for item in reversed(rows))
    missing = ("setup" if deps.messages is None else "smtp" if not values["smtp.host"]
               else "address" if contact is None or not contact.email else None)
    return Readiness(missing, contact_view(contact) if contact else None, messages,
                     any(m.state in ACTIVE for m in messages))
