"""Recording what happened: interviews, applications, contacts."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from followup.domain import choices, wording
from followup.domain.errors import InvalidInput
from followup.domain.model import Status
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import actions_table, emit_json, say
from followup.services import applications, contacts, interviews, queries
from followup.services.interviews import InterviewForm, PersonIn, TopicIn
from followup.services.views import ContactView, InterviewResult

FORMATS = click.Choice(choices.FORMATS)
PERSON = re.compile(r"^\s*(.+?)\s*<([^<>]*)>\s*$")


def person(text: str) -> PersonIn:
    """`--interviewer "Name <email>"` (or a bare name) as a person."""
    match = PERSON.match(text)
    if match is None and "<" in text:
        raise InvalidInput(f"write an interviewer as 'Name <email>', not {text!r}",
                           field="interviewers")
    name, address = match.groups() if match else (text, None)
    return PersonIn(name, address or None)


def topic(text: str) -> TopicIn:
    """`--topic "Name: topic"` as what was discussed with whom."""
    who, sep, what = text.partition(":")
    if not sep or not what.strip():
        raise InvalidInput(f"write a topic as 'Interviewer Name: what you discussed', "
                           f"not {text!r}", field="topics")
    return TopicIn(who, what)


def interview_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by `interview add` and `interview edit`."""
    options = [
        click.option("--company", help="The employer."),
        click.option("--position", help="The job you interviewed for."),
        click.option("--at", "at", metavar="DATETIME",
                     help="Start, ISO 8601 (2026-11-25T14:00); without an offset, local time."),
        click.option("--end", metavar="DATETIME",
                     help="End (default: start + policy.interview_minutes, 60)."),
        click.option("--duration", type=int, metavar="MIN", help="Length in minutes."),
        click.option("--timezone", help="The employer's time zone, if not yours."),
        click.option("--format", "format_", type=FORMATS, help="How it took place."),
        click.option("--interviewer", "interviewers", multiple=True, metavar='"NAME <EMAIL>"',
                     help="Each interviewer, spelled exactly as on their card (repeat)."),
        click.option("--helper", "helpers", multiple=True, metavar='"NAME"',
                     help="Someone who was helpful, such as a receptionist (repeat)."),
        click.option("--topic", "topics", multiple=True, metavar='"NAME: TOPIC"',
                     help="What you discussed with an interviewer (repeat)."),
        click.option("--forgot", multiple=True, metavar="TEXT",
                     help="Something you forgot to mention (repeat)."),
        click.option("--next-step", help="The next step, as the employer described it."),
        click.option("--decision-by", metavar="DATE_OR_PHRASE",
                     help='When they will decide: a date or a phrase ("in two weeks").'),
        click.option("--notes", help="Your notes."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _form(values: dict[str, Any]) -> InterviewForm:
    return InterviewForm(
        company=values["company"], position=values["position"], at=values["at"],
        end=values["end"], duration=values["duration"], timezone=values["timezone"],
        format=values["format_"], interviewers=[person(p) for p in values["interviewers"]],
        helpers=[PersonIn(h) for h in values["helpers"]],
        topics=[topic(t) for t in values["topics"]],
        forgot=list(values["forgot"]), next_step=values["next_step"],
        decision_by=values["decision_by"], notes=values["notes"],
        application_id=values.get("application"))


def _show_interview(result: InterviewResult, verb: str, now: datetime) -> None:
    app, interview = result.application, result.interview
    zone = ZoneInfo(interview.timezone)
    start, end = interview.start.astimezone(zone), interview.end.astimezone(zone)
    say(f"{verb} interview {interview.id}: {app.position} at {app.company} "
        f"(application {app.id}), {start:%a %d %b %Y %H:%M}–{end:%H:%M} "
        f"({interview.timezone}).")
    if interview.decision_date:
        say(f"Decision by {interview.decision_date:%a %d %b %Y} "
            f"(from \"{interview.decision_phrase}\").")
    planned = [a for a in result.actions if a.status is Status.PLANNED]
    actions_table("Planned steps", planned, now, company=False)


@cli.group()
def interview() -> None:
    """Record, change or cancel an interview."""


@interview.command("add")
@interview_options
@click.option("--application", type=int, help="A later round of this application.")
def interview_add(**values: Any) -> None:
    """Record an interview and plan every follow-up step."""
    services = deps()
    result = interviews.add_interview(services, _form(values))
    emit_json(result) if values["as_json"] else _show_interview(result, "Recorded",
                                                                 services.clock())


@interview.command("edit")
@click.argument("interview_id", type=int)
@interview_options
@click.option("--remove-helper", "remove_helpers", multiple=True, metavar='"NAME"',
              help="Take this helpful person off the interview (repeat).")
@click.option("--remove-topic", "remove_topics", multiple=True, metavar='"NAME"',
              help="Forget what you discussed with this interviewer (repeat).")
@click.option("--clear-forgot", is_flag=True, help="Forget every forgotten point.")
def interview_edit(interview_id: int, **values: Any) -> None:
    """Change an interview (rescheduled, a corrected decision date...) and re-plan."""
    services = deps()
    form = _form(values)
    form.remove_helpers = list(values["remove_helpers"])
    form.remove_topics = list(values["remove_topics"])
    form.clear_forgot = values["clear_forgot"]
    result = interviews.edit_interview(services, interview_id, form)
    emit_json(result) if values["as_json"] else _show_interview(result, "Updated",
                                                                 services.clock())


@interview.command("cancel")
@click.argument("interview_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def interview_cancel(interview_id: int, as_json: bool) -> None:
    """The employer called the interview off: cancel its steps and re-plan."""
    result = interviews.cancel_interview(deps(), interview_id)
    if as_json:
        emit_json(result)
    else:
        say(f"Interview {interview_id} is cancelled; its steps were cancelled too.")


@cli.group()
def application() -> None:
    """List, change or delete applications."""


@application.command("list")
@click.option("--status", help="Only applications with this status.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def application_list(status: str | None, as_json: bool) -> None:
    """Every application with its status and next step."""
    items = queries.applications(deps(), status)
    if as_json:
        emit_json(items)
        return
    for a in items:
        step = a.next_action
        nxt = (f"next: {wording.step(step.kind, step.channel)}, {step.when}"
               if step else "nothing planned")
        say(f"{a.id:>5}  {a.status:<9} {a.company} — {a.position}  ({nxt})")


@application.command("edit")
@click.argument("application_id", type=int)
@click.option("--company")
@click.option("--position")
@click.option("--url", help="Link to the job posting.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def application_edit(application_id: int, company: str | None, position: str | None,
                     url: str | None, as_json: bool) -> None:
    """Correct an application's company, position or link."""
    result = applications.edit_application(deps(), application_id, company, position, url)
    emit_json(result) if as_json else say(
        f"Application {result.id}: {result.position} at {result.company}.")


@application.command("delete")
@click.argument("application_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def application_delete(application_id: int, yes: bool, as_json: bool) -> None:
    """Delete an application and everything recorded about it."""
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("deleting needs --yes when not on a terminal")
        click.confirm(f"Delete application {application_id} and all its records?", abort=True)
    result = applications.delete_application(deps(), application_id)
    emit_json(result) if as_json else say(
        f"Deleted application {result.id} ({result.position} at {result.company}).")


@cli.group()
def contact() -> None:
    """The people of an application, with the exact spelling of their names."""


def contact_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--title"), click.option("--email"), click.option("--phone"),
        click.option("--role", type=click.Choice(
            choices.ROLES)),
        click.option("--confirmed/--unconfirmed", default=None,
                     help="Whether the spelling of the name is confirmed."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    ]):
        command = option(command)
    return command


def _show_contact(c: ContactView) -> None:
    mark = "confirmed" if c.confirmed else "spelling not confirmed"
    details = ", ".join(x for x in (c.title, c.email, c.phone) if x)
    say(f"{c.id:>5}  {c.name} ({c.role}, {mark}){': ' + details if details else ''}")


def _contact_form(name: str | None, values: dict[str, Any]) -> contacts.ContactForm:
    return contacts.ContactForm(name, values["title"], values["email"], values["phone"],
                                values["role"], values["confirmed"])


@contact.command("add")
@click.option("--application", "application_id", type=int, required=True)
@click.option("--name", required=True, help="Exactly as on their card.")
@contact_options
def contact_add(application_id: int, name: str, **values: Any) -> None:
    """Add a person to an application (a recruiter unless --role says otherwise)."""
    result = contacts.add_contact(deps(), application_id, _contact_form(name, values))
    emit_json(result) if values["as_json"] else _show_contact(result)


@contact.command("list")
@click.option("--application", "application_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def contact_list(application_id: int | None, as_json: bool) -> None:
    """Every contact, or an application's."""
    items = contacts.list_contacts(deps(), application_id)
    if as_json:
        emit_json(items)
    else:
        for item in items:
            _show_contact(item)


@contact.command("show")
@click.argument("contact_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def contact_show(contact_id: int, as_json: bool) -> None:
    """One contact."""
    result = contacts.show_contact(deps(), contact_id)
    emit_json(result) if as_json else _show_contact(result)


@contact.command("edit")
@click.argument("contact_id", type=int)
@click.option("--name", help="Correct the spelling.")
@contact_options
def contact_edit(contact_id: int, name: str | None, **values: Any) -> None:
    """Correct a contact's details or confirm the spelling of their name."""
    result = contacts.edit_contact(deps(), contact_id, _contact_form(name, values))
    emit_json(result) if values["as_json"] else _show_contact(result)
