"""Notes: draft, show, edit, check, print as a letter, and the templates in use."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from followup.domain import choices, wording
from followup.domain.errors import InvalidInput
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say, to_stderr
from followup.services.note_views import CheckView, NoteView


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None


def _findings(result: CheckView) -> None:
    if not result.findings:
        say("The checker found nothing to change.")
        return
    for f in result.findings:
        where = f" (characters {f.start}-{f.end})" if f.start is not None else ""
        say(f"  {f.severity:<7} {wording.check(f.rule)}: {f.message}{where}")
    if not result.ok:
        say("Errors hold this note back until they are fixed.")


def _show(result: NoteView) -> None:
    to = result.to
    say(f"To: {to.name} <{to.email or 'no email recorded'}>" if to else "To: the team")
    say(f"Subject: {result.subject}\n\n{result.body.rstrip()}\n")
    say(f"[{result.state}, {result.tone}{', edited by you' if result.edited else ''}]")
    _findings(result)
    if result.arrival:
        say(result.arrival.message)


@cli.group()
def note() -> None:
    """Thank-you notes and other messages: drafts, your edits, and the checker."""


@note.command("draft")
@click.argument("action_id", type=int)
@click.option("--tone", type=click.Choice(choices.TONES), help="Default: formal.")
@click.option("--channel", type=click.Choice(choices.NOTE_CHANNELS), help="How it will go out.")
@click.option("--force", is_flag=True, help="Replace a note you have edited.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_draft(action_id: int, tone: str | None, channel: str | None, force: bool,
               as_json: bool) -> None:
    """Write a personal draft of a planned note, checked against the playbook, and keep it."""
    from followup.services import notes

    result = notes.draft(deps(), action_id, tone, force, channel)
    emit_json(result) if as_json else _show(result)


@note.command("show")
@click.argument("action_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_show(action_id: int, as_json: bool) -> None:
    """The note kept for an action, with the checker's findings."""
    from followup.services import notes

    result = notes.show(deps(), action_id)
    emit_json(result) if as_json else _show(result)


def _split_subject(text: str) -> tuple[str | None, str]:
    """A first line `Subject: ...` sets the subject; the body is what follows it."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:"):].strip(), rest.lstrip("\r\n")
    return None, text


@note.command("edit")
@click.argument("action_id", type=int)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Take the text from this file instead of opening $EDITOR; a first line "
                   "`Subject: ...` sets the subject.")
@click.option("--subject", help="The note's subject (alone, it changes only the subject).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_edit(action_id: int, file: Path | None, subject: str | None, as_json: bool) -> None:
    """Change a note's text and subject (in $EDITOR, or from --file); it is checked again."""
    from followup.services import notes

    services = deps()
    text: str | None = None
    if file is not None:
        given, text = _split_subject(_read(file))
        if given is not None and subject is not None:
            raise click.UsageError("the subject is given twice: by --subject and by the "
                                   "file's first line")
        subject = subject if given is None else given
    elif subject is None:
        current = notes.show(services, action_id)
        shown = f"Subject: {current.subject}\n\n{current.body}"
        edited = click.edit(shown, extension=".txt")
        if edited is None or edited == shown:
            say("No change.")
            return
        subject, text = _split_subject(edited)
    result = notes.edit(services, action_id, text, subject)
    emit_json(result) if as_json else _show(result)


@note.command("check")
@click.argument("action_id", type=int, required=False)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check this text instead of a kept note.")
@click.option("--application", "application_id", type=int, help="With --file: the application.")
@click.option("--interview", "interview_id", type=int, help="With --file: the interview.")
@click.option("--to", "to", metavar="NAME_OR_CONTACT_ID", help="With --file: the recipient.")
@click.option("--kind", type=click.Choice(choices.NOTE_KINDS_OFFERED), default="thank_you",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_check(action_id: int | None, file: Path | None, application_id: int | None,
               interview_id: int | None, to: str | None, kind: str, as_json: bool) -> None:
    """Check a note against the playbook: a kept note, or a text from --file."""
    from followup.services import notes

    result: CheckView
    if action_id is not None and file is None:
        result = notes.check_action(deps(), action_id)
    elif file is not None and action_id is None:
        if not to:
            raise click.UsageError("--file needs --to (a name or a contact id)")
        if (application_id is None) == (interview_id is None):
            raise click.UsageError("--file needs one of --application or --interview")
        result = notes.check_text(deps(), _read(file), to, kind, application_id, interview_id)
    else:
        raise click.UsageError("give an ACTION_ID or --file, not both")
    emit_json(result) if as_json else _findings(result)


@note.command("pdf")
@click.argument("action_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF file to write.")
@click.option("--force", is_flag=True, help="Print it even though the checker found errors.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_pdf(action_id: int, output: Path, force: bool, as_json: bool) -> None:
    """Print a note as a one-page business letter."""
    from followup.services import notes

    result = notes.letter(deps(), action_id, str(output), force)
    if as_json:
        emit_json(result)
    else:
        say(f"Wrote {output}.")
        if result.arrival:
            say(result.arrival.message)


def _confirm_spelling(contact: Any) -> bool | None:
    """On a terminal, asks whether the contact's name is spelled right; elsewhere None."""
    if not sys.stdin.isatty():
        return None
    return click.confirm(f"Is {contact.name!r} spelled exactly as on their card or signature?",
                         default=True)


@note.command("send")
@click.argument("action_id", type=int)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Send this text (kept as your edit of the note).")
@click.option("--at", "at", metavar="DATETIME",
              help="Send later, such as 2026-11-26T08:30 (your time zone).")
@click.option("--force", is_flag=True, help="Send even though the checker found errors.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_send(action_id: int, file: Path | None, at: str | None, force: bool,
              as_json: bool) -> None:
    """Send a note by email now (or --at a later time); the step is done once it is accepted."""
    from followup.services import sending

    unasked: list[int] = []

    def confirm(contact: Any) -> bool | None:
        answer = _confirm_spelling(contact)
        if answer is None:
            unasked.append(contact.id)
        return answer

    result = sending.send_note(deps(), action_id, at, force,
                               _read(file) if file is not None else None, confirm)
    # A message refused, or of unknown fate, is not an error of the command, but a script
    # must be able to tell it was not sent.
    failed = result.state in ("failed", "unknown")
    if as_json:
        emit_json(result)
        if failed:
            sys.exit(1)
        return
    for warning in result.warnings:
        to_stderr(f"warning: {warning}")
    for contact_id in unasked:
        to_stderr(f"`followup contact edit {contact_id} --confirmed` confirms the spelling")
    to = ", ".join(result.to)
    state = result.state
    if state == "sent":
        say(f"Sent to {to}; action {action_id} is done.")
    elif state == "scheduled" and result.attempts == 0:
        say(f"Scheduled for {result.due_at:%Y-%m-%d %H:%M} to {to}; "
            "`followup worker` sends it then.")
    elif state == "scheduled":
        say(f"Not sent yet ({result.error}); the worker tries again at "
            f"{result.due_at:%Y-%m-%d %H:%M}.")
    else:
        say(f"Not sent: {state}: {result.error}")
        if state == "unknown":
            say("It may have arrived; check your Sent folder, or "
                f"`followup outbox resend {result.id}`.")
    if failed:
        sys.exit(1)


@note.command("templates")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def note_templates(as_json: bool) -> None:
    """Which template each kind of note uses: yours ($FOLLOWUP_HOME/templates) or built in."""
    services = deps()
    rows = services.templates.listing() if services.templates else []
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        say(f"{row['kind']:<22} {row['tone']:<7} {row['template']}")
