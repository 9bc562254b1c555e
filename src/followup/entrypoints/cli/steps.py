"""What to do and what happened: today, agenda, plan, done, skip, calls, replies, outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from followup.domain import choices, wording
from followup.domain.model import Status
from followup.entrypoints import text
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import actions_table, emit_json, say
from followup.services.views import AgendaView, PlanView


def _agenda(days: int) -> AgendaView:
    """The agenda through the services (a plain call on SQLite is answered by `fast.py`)."""
    from followup.services import queries

    services = deps()
    return queries.agenda(services, days) if days else queries.today(services)


def _show_agenda(days: int, result: AgendaView) -> None:
    click.echo(text.agenda(result, days, result.now))
    if text.news(result):
        say("\n" + text.news(result))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def today(as_json: bool) -> None:
    """What to do today: overdue steps first, then what is due."""
    result = _agenda(0)
    emit_json(result) if as_json else _show_agenda(0, result)


@cli.command()
@click.option("--days", default=7, show_default=True, help="How many days ahead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def agenda(days: int, as_json: bool) -> None:
    """What is coming in the next days."""
    result = _agenda(days)
    emit_json(result) if as_json else _show_agenda(days, result)


@cli.command()
@click.argument("application_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plan(application_id: int, as_json: bool) -> None:
    """Everything about one application: interviews, people, contacts made, every step."""
    from followup.services import queries

    services = deps()
    result = queries.application_plan(services, application_id)
    if as_json:
        emit_json(result)
        return
    _show_plan(result, services.clock())


def _show_plan(result: PlanView, now: datetime) -> None:
    app = result.application
    say(f"{app.position} at {app.company} (application {app.id}, {app.status})")
    for i in result.interviews:
        people = ", ".join(p.name for p in i.participants if p.name)
        note = " — cancelled" if i.cancelled else ""
        say(f"  interview {i.id}: {i.start:%a %d %b %Y %H:%M} {i.format}{note}; {people}")
    for t in result.touches:
        outcome = (t.outcome or "").replace("_", " ")
        say(f"  {t.at:%a %d %b %H:%M} {t.kind.replace('_', ' ')} {outcome}".rstrip())
    actions_table("Steps", result.actions, now, company=False)


@cli.command()
@click.argument("action_id", type=int)
@click.option("--at", metavar="DATETIME", help="When you did it (default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def done(action_id: int, at: str | None, as_json: bool) -> None:
    """Mark a step done (a note sent, a call made).

    A call marked done counts as one that reached someone with no news; log voicemail,
    no answer, a call-back time or a decision with `followup call log` instead.
    """
    from followup.services import actions

    result = actions.mark_done(deps(), action_id, at)
    if as_json:
        emit_json(result)
        return
    say(f"Done: {wording.step(result.kind, result.channel)} (action {result.id}).")
    if result.late:
        say(f"It went out after its deadline ({result.deadline:%a %d %b %H:%M}): late, but "
            "sent.")
    if result.held_back:
        rules = ", ".join(sorted({wording.check(f.rule).lower() for f in result.findings
                                  if f.severity == "error"}))
        say(f"Warning: the checker held this note back ({rules}); if you sent that text, "
            "check it once more (`followup note show "
            f"{result.id}`).")


@cli.command()
@click.argument("action_id", type=int)
@click.option("--reason", required=True, help="Why you skip it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def skip(action_id: int, reason: str, as_json: bool) -> None:
    """Skip a step, with a reason."""
    from followup.services import actions

    result = actions.skip(deps(), action_id, reason)
    emit_json(result) if as_json else say(
        f"Skipped: {wording.step(result.kind, result.channel)} (action {result.id}).")


@cli.group()
def call() -> None:
    """Follow-up calls: the script, then the log."""


@call.command("script")
@click.argument("action_id", type=int)
def call_script(action_id: int) -> None:
    """What to say on a follow-up call, and the number to call."""
    from followup.services import calls

    script = calls.script(deps(), action_id)
    if script.phone:
        say(f"Call {script.person} on {script.phone}.")
    say(script.text)
    say(f"Log it: followup call log {script.application_id} --step {action_id} "
        "--outcome reached|voicemail|no_answer")


def conversation_options(command: Any) -> Any:
    for option in reversed([
        click.option("--callback", metavar="DATETIME", help="The agreed time to call back."),
        click.option("--decision-by", metavar="DATE_OR_PHRASE",
                     help='A new decision date ("next Friday").'),
        click.option("--notes", help="What was said."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    ]):
        command = option(command)
    return command


def _after(result: PlanView, as_json: bool, now: datetime) -> None:
    if as_json:
        emit_json(result)
        return
    planned = [a for a in result.actions if a.status is Status.PLANNED]
    actions_table("What comes next", planned, now, company=False)


@call.command("log")
@click.argument("application_id", type=int)
@click.option("--outcome", type=click.Choice(choices.CALL_OUTCOMES),
              required=True)
@click.option("--decision", type=click.Choice(choices.DECISIONS))
@click.option("--step", "step", type=int, metavar="ACTION_ID",
              help="The call step this call answers (default: the one due first).")
@conversation_options
def call_log(application_id: int, outcome: str, decision: str | None, step: int | None,
             callback: str | None, decision_by: str | None, notes: str | None,
             as_json: bool) -> None:
    """Record a call you made about APPLICATION_ID; the plan adjusts."""
    from followup.services import calls

    talk = calls.Conversation(outcome, decision, callback, decision_by, notes)
    services = deps()
    _after(calls.log_call(services, application_id, talk, step), as_json, services.clock())


@cli.command()
@click.argument("application_id", type=int)
@conversation_options
def heard(application_id: int, callback: str | None, decision_by: str | None,
          notes: str | None, as_json: bool) -> None:
    """The employer got in touch: stop chasing and plan from here."""
    from followup.services import calls

    talk = calls.Conversation("reached", None, callback, decision_by, notes)
    services = deps()
    _after(calls.heard(services, application_id, talk), as_json, services.clock())


@cli.command()
@click.argument("application_id", type=int)
@click.argument("result", type=click.Choice(
    choices.OUTCOMES))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def outcome(application_id: int, result: str, as_json: bool) -> None:
    """Record the outcome; `active` undoes a mistaken one."""
    from followup.services import applications

    services = deps()
    _after(applications.record_outcome(services, application_id, result), as_json,
           services.clock())
