"""Reports to hand over: the activity report an unemployment office asks for."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup import bootstrap
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.calendar import write_file
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say


@cli.group()
def report() -> None:
    """Reports of your search, to print or to open in a spreadsheet."""


@report.command("activity")
@click.option("--from", "start", metavar="DATE",
              help="The first day (2026-11-01); by default six days before --to.")
@click.option("--to", "end", metavar="DATE", help="The last day; by default today.")
@click.option("--format", "form", type=click.Choice(["csv", "pdf"]), default=None,
              help="csv (UTF-8, opens in Excel) or pdf (a dated table to print); by default "
                   "the file name's extension, else csv.")
@click.option("-o", "--output", metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The file to write; - or nothing for standard output (csv only).")
@click.option("--json", "as_json", is_flag=True, help="Print what was written, as JSON.")
def report_activity(start: str | None, end: str | None, form: str | None,
                    output: Path | None, as_json: bool) -> None:
    """Every contact with an employer in a period, one row each: date, employer, position,
    contact and title, method, activity, and the result or next step.

    Unemployment offices and job programmes often ask for this log as proof of search. An
    interview with several interviewers is one row.
    """
    from followup.services import reports

    to_stdout = output is None or str(output) == "-"
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = form or (suffix if suffix in reports.FORMATS else "csv")
    if to_stdout and chosen == "pdf" and sys.stdout.isatty():
        raise click.UsageError("a PDF is not for the terminal: give -o FILE")
    if to_stdout and as_json:
        raise click.UsageError("--json reports on a file: give -o FILE, not standard output")
    made = reports.activity_file(deps(), start, end, chosen, bootstrap.render_activity)
    if to_stdout:
        with click.open_file("-", "wb") as stream:
            stream.write(made.data)
        return
    assert output is not None
    write_file(output, made.data)
    if as_json:
        emit_json({"file": str(output), "format": chosen, "rows": made.rows})
    else:
        contacts = "1 contact" if made.rows == 1 else f"{made.rows} contacts"
        say(f"Wrote {contacts} to {output}.")
