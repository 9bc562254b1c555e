"""`followup stats`: Insights in a terminal, each number with how it is counted."""

from __future__ import annotations

import textwrap
from datetime import date

import click

from followup.entrypoints import text
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.insights import parts
from followup.services import stats as service
from followup.services.stats import StatsView
from followup.services.views import jsonable

INDENT = "  "


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def _lines(line: str, columns: int | None) -> list[str]:
    if columns is None:
        return [INDENT + line]
    return textwrap.wrap(line, columns, initial_indent=INDENT,
                         subsequent_indent=INDENT * 2, break_on_hyphens=False)


def stats_text(view: StatsView, columns: int | None) -> str:
    """Every part: its numbers, then how they are counted; the weeks as a table."""
    out = [f"Insights from {_day(view.start)} to {_day(view.end)}"]
    for part in parts(view):
        out += ["", part.title]
        for line in part.lines:
            out += _lines(line, columns)
        out += _lines(f"How this is counted: {part.counted}", columns)
    out += ["", "Activity by week", f"{INDENT}{'week':<9} {'from':<10} {'notes':>5} "
            f"{'calls':>5} {'interviews':>10}"]
    out += [f"{INDENT}{w.week:<9} {w.starts.isoformat():<10} {w.notes:>5} {w.calls:>5} "
            f"{w.interviews:>10}" for w in view.weeks]
    out += _lines(f"How this is counted: {service.DEFINITIONS['weeks']}", columns)
    return "\n".join(out)


@cli.command()
@click.option("--from", "first", metavar="DATE",
              help="The window's first day, such as 2026-09-01 (default: 90 days before --to).")
@click.option("--to", "last", metavar="DATE", help="The window's last day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(first: str | None, last: str | None, as_json: bool) -> None:
    """Insights: whether what you do works. The funnel from application to hire, thank-you
    notes on time, answers to follow-ups, days to a decision, decision dates kept, stale
    applications and activity by week, over a window of dates (both days included)."""
    view = service.stats(deps(), first, last)
    if as_json:
        emit_json(jsonable(view))
    else:
        say(stats_text(view, text.width()))
