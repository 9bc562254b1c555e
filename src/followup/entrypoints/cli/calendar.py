"""The plan as an iCalendar file, for any calendar app."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from followup import bootstrap
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say


def write_file(path: Path, data: bytes) -> None:
    """Replaces the file in one step, so an app reading it never sees half a file; a new
    file is private to the user (it names the people you met), a replaced one keeps its mode."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o7777)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        exc.filename = str(path)  # the file asked for, not the temporary one beside it
        raise


@cli.group()
def calendar() -> None:
    """Your plan in your calendar app (iCalendar, RFC 5545)."""


@calendar.command("export")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The .ics file to write; - for standard output.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def calendar_export(output: Path, as_json: bool) -> None:
    """Every planned step (with a reminder) and every decision date, as an .ics file.

    Import it again after a change: each event keeps its UID, so calendar apps update it
    rather than add a copy, and a cancelled step is marked cancelled.
    """
    from followup.services import calendar as calendar_service

    to_stdout = str(output) == "-"
    if to_stdout and as_json:
        raise click.UsageError("--json reports on a file: give -o FILE, not -o -")
    result = calendar_service.export(deps(), bootstrap.render_calendar)
    if to_stdout:
        with click.open_file("-", "wb") as stream:
            stream.write(result.data)
        return
    write_file(output, result.data)
    if as_json:
        emit_json({"file": str(output), "events": result.events, "cancelled": result.cancelled})
    else:
        events = "1 event" if result.events == 1 else f"{result.events} events"
        cancelled = f" ({result.cancelled} cancelled)" if result.cancelled else ""
        say(f"Wrote {events}{cancelled} to {output}.")
