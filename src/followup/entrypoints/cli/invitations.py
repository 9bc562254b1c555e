"""`followup interview import`: an interview from the calendar invitation the employer sent."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from followup.domain.invitation import LARGEST
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.cli.records import interview, show_interview
from followup.services import invitations
from followup.services.invitations import InvitationImport, ProposedInterview
from followup.services.views import Change, jsonable


def _when(p: ProposedInterview) -> str:
    start = p.start.astimezone(_zone(p))
    end = f"–{p.end.astimezone(_zone(p)):%H:%M}" if p.end else ""
    return f"{start:%a %d %b %Y %H:%M}{end} ({p.timezone})"


def _zone(p: ProposedInterview) -> ZoneInfo:
    return ZoneInfo(p.timezone)


def _describe(p: ProposedInterview) -> None:
    """The interview the invitation describes, as the user will check it."""
    what = " at ".join(x for x in (p.position, p.company) if x) or p.summary or "An interview"
    say(f"  {what}")
    say(f"  {_when(p)}")
    if p.format:
        place = p.link or p.location
        say(f"  {str(p.format).capitalize()}" + (f": {place}" if place else ""))
    if p.interviewers:
        say("  Interviewers: " + ", ".join(
            i.name if i.name == i.email else f"{i.name} <{i.email}>" for i in p.interviewers))
    if p.organizer:
        say(f"  Invitation from {p.organizer}")


def _preview(p: ProposedInterview) -> None:
    if p.change is Change.UNCHANGED:
        say(f"Interview {p.interview_id} already has this version of the invitation; "
            "nothing to do.")
        return
    if p.change is Change.NEW:
        say("The invitation is for a new interview" + (
            f" (round of application {p.application_id})" if p.application_id else "") + ":")
        _describe(p)
    elif p.change is Change.RESCHEDULE:
        say(f"The invitation moves interview {p.interview_id} to {_when(p)}; its steps would "
            "be planned again.")
    else:
        say(f"The invitation cancels interview {p.interview_id}; its steps would be cancelled.")
    if p.missing:
        options = " and ".join(f'--{name} "…"' for name in p.missing)
        say(f"It does not say which {' or '.join(p.missing)} it is for: give {options}.")
    say("Nothing is recorded yet: run again with --yes to record it.")


def _done(result: InvitationImport, now: datetime) -> None:
    p = result.proposal
    if not result.recorded or result.result is None:
        _preview(p)
    elif p.change is Change.CANCEL:
        say(f"Interview {p.interview_id} is cancelled, as the invitation says; its steps were "
            "cancelled too.")
    else:
        verb = "Rescheduled" if p.change is Change.RESCHEDULE else "Recorded"
        show_interview(result.result, verb, now)


@interview.command("import")
@click.argument("file", required=False,
                type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--mailed", type=int, metavar="ID",
              help="The invitation that arrived by mail (its number on Today) instead of a file.")
@click.option("--company", help="The company, when the invitation does not say.")
@click.option("--position", help="The job, when the invitation's title does not say.")
@click.option("--yes", "apply", is_flag=True,
              help="Record it (without --yes, only show what would be recorded).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def interview_import(file: Path | None, mailed: int | None, company: str | None,
                     position: str | None, apply: bool, as_json: bool) -> None:
    """Record the interview of a calendar invitation (.ics from Google, Outlook, Teams...);
    an updated invitation reschedules it, a cancellation cancels it."""
    if (file is None) == (mailed is None):
        raise click.UsageError("give the invitation's file, or --mailed ID (not both)")
    services = deps()
    if mailed is not None:
        data = invitations.calendar_of(services, mailed)
    elif str(file) == "-":
        data = sys.stdin.buffer.read(LARGEST + 1)
    else:
        with Path(str(file)).open("rb") as stream:
            data = stream.read(LARGEST + 1)  # one byte more tells a file that is too big
    result = invitations.import_invitation(services, data, company, position, apply)
    emit_json(jsonable(result)) if as_json else _done(result, services.clock())


@interview.command("ignore")
@click.argument("invitation_id", type=int)
def interview_ignore(invitation_id: int) -> None:
    """Ignore an invitation that arrived by mail: Today no longer proposes it."""
    invitations.ignore(deps(), invitation_id)
    say(f"Invitation {invitation_id} is ignored.")
