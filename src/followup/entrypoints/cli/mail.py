"""Mail: `followup mail test|password`, `followup worker` and `followup outbox`."""

from __future__ import annotations

import sys

import click

from followup import bootstrap
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say


@cli.group()
def mail() -> None:
    """Your mailbox: check the connections, keep the passwords, fetch replies."""


@mail.command("password")
@click.argument("service", type=click.Choice(["smtp", "imap"]))
@click.option("--forget", is_flag=True, help="Remove the kept password.")
def mail_password(service: str, forget: bool) -> None:
    """Keep the SMTP or IMAP password (asked without echo; never printed)."""
    if forget:
        bootstrap.keep_password(deps(), service, None)
        say(f"The {service.upper()} password is forgotten.")
        return
    if sys.stdin.isatty():
        secret: str = click.prompt(f"{service.upper()} password", hide_input=True,
                                   confirmation_prompt=True)
    else:  # a pipe: the first line is the password
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise click.UsageError("an empty password was given")
    where = bootstrap.keep_password(deps(), service, secret)
    say(f"The {service.upper()} password is kept in {where}.")


@mail.command("test")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def mail_test(as_json: bool) -> None:
    """Check the SMTP (and IMAP) connections and say what is wrong in plain words."""
    from followup.entrypoints.remedies import advised
    from followup.services import mailcheck

    results = mailcheck.check_all(deps())
    if as_json:
        emit_json(results)
    else:
        for result in results:
            mark = ("not set" if result.optional else "ok") if result.ok \
                else "PROBLEM"
            said = advised(result.message, result.remedy)
            say(f"{result.service}: {mark}: {said}")
    if not all(r.ok for r in results):
        sys.exit(1)


@cli.command()
@click.option("--once", is_flag=True, help="Deliver what is due now, then stop.")
@click.option("--id", "name", help="This worker's name in the outbox (default: host:pid).")
@click.option("--batch", type=click.IntRange(1, 1000), default=100, show_default=True,
              help="Messages claimed per pass.")
@click.option("--lease", type=click.IntRange(1, 86400), default=600, show_default=True,
              help="Seconds this worker's hold on a message it sends lasts (renewed while "
                   "it works); past it, other workers take it for dead and mark the message "
                   "unknown.")
def worker(once: bool, name: str | None, batch: int, lease: int) -> None:
    """Deliver the outbox's due messages (and the daily digest); runs until stopped."""
    import signal
    import threading
    from datetime import timedelta

    from followup.entrypoints import logs
    from followup.entrypoints import worker as loop
    from followup.services.outbox import check_worker_name, counts_line

    logs.configure()  # JSON lines in hosted mode, like the web processes'
    services = bootstrap.build()  # every user's outbox: no --user
    worker_name = check_worker_name(name) if name else loop.default_name()
    if once:
        say(counts_line(loop.run_once(services, worker_name, batch,
                                      lease=timedelta(seconds=lease))))
        return
    stop = threading.Event()

    def _stop(*_: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    say(f"Worker {worker_name} delivering; stop with Ctrl-C.")

    def _report(counts: dict[str, int]) -> None:
        if counts["claimed"] or counts["cancelled"] or counts["expired"] or counts["requeued"]:
            say(counts_line(counts))

    loop.run_forever(services, stop, worker_name, batch, on_pass=_report,
                     lease=timedelta(seconds=lease))
    say("Worker stopped.")


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def outbox(ctx: click.Context, as_json: bool) -> None:
    """The messages to send and what became of them."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.services import outbox as service

    rows = service.listing(deps())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        say("The outbox is empty.")
    for row in rows:
        when = row.sent_at or row.due_at
        say(f"{row.id:>5}  {row.state:<9} {when:%Y-%m-%d %H:%M}  "
            f"{', '.join(row.to)}: {row.subject}")
        if row.error:
            say(f"       {row.error}")
    if any(r.state in ("unknown", "failed") for r in rows):
        say("`followup outbox resend ID` sends one again, with the same Message-ID.")


@outbox.command("resend")
@click.argument("outbox_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def outbox_resend(outbox_id: int, as_json: bool) -> None:
    """Send again a message whose delivery is unknown or failed (same Message-ID)."""
    from followup.services import outbox as service

    result = service.resend(deps(), outbox_id)
    if as_json:
        emit_json(result)
    else:
        say(f"Message {outbox_id} will be sent again by the worker "
            "(`followup worker --once` sends it now).")


@outbox.command("cancel")
@click.argument("outbox_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def outbox_cancel(outbox_id: int, as_json: bool) -> None:
    """Withdraw a scheduled message before it goes out."""
    from followup.services import outbox as service

    result = service.cancel(deps(), outbox_id)
    emit_json(result) if as_json else say(f"Message {outbox_id} is cancelled.")
