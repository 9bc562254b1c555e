"""How the CLI shows results: one JSON document, or a readable table with relative times."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def console() -> Console:
    """A console for people (rich honours NO_COLOR and plain pipes by itself)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _days(delta_days: int) -> str:
    return "1 day" if delta_days == 1 else f"{delta_days} days"


def when(action: Mapping[str, Any], now: datetime) -> str:
    """'due today 23:59', 'overdue by 2 days', 'from Mon 30 Nov 09:00'..."""
    earliest = datetime.fromisoformat(action["earliest"])
    due = datetime.fromisoformat(action["due"])
    deadline = datetime.fromisoformat(action["deadline"])
    now = now.astimezone(due.tzinfo)
    if action["status"] != "planned":
        return action["status"]
    if deadline < now:
        return f"overdue by {_days(max((now.date() - deadline.date()).days, 1))}"
    if earliest > now and earliest.date() > now.date():
        days = (earliest.date() - now.date()).days
        label = "tomorrow" if days == 1 else f"{earliest:%a %d %b}"
        return f"from {label} {earliest:%H:%M}"
    target = due if due >= now else deadline
    days = (target.date() - now.date()).days
    label = {0: "today", 1: "tomorrow"}.get(days, f"{target:%a %d %b}")
    late = " (late)" if target is deadline and due < now else ""
    return f"due {label} {target:%H:%M}{late}"


def who(action: Mapping[str, Any]) -> str:
    contact = action.get("contact")
    return contact["name"] if contact else ""


def actions_table(title: str, actions: Iterable[Mapping[str, Any]], now: datetime,
                  company: bool = True) -> None:
    """A table of actions, overdue ones in red."""
    from rich.table import Table

    rows = list(actions)
    out = console()
    if not rows:
        out.print(f"{title}: nothing to do.")
        return
    table = Table(title=title, title_justify="left", expand=False)
    for name in ("id", "when", "step", "with", *(("application",) if company else ()), "why"):
        table.add_column(name, overflow="fold", max_width=60 if name == "why" else None)
    for a in rows:
        label = when(a, now)
        style = "red" if label.startswith("overdue") else ("dim" if a["optional"] else None)
        step = a["kind"].replace("_", " ") + (" (optional)" if a["optional"] else "")
        place = (f"{a['company']} — {a['position']} (#{a['application_id']})",) if company else ()
        why = a["why"] if a["status"] == "planned" else f"{a['why']} [{a.get('reason') or ''}]"
        table.add_row(str(a["id"]), label, f"{step} by {a['channel']}", who(a), *place, why,
                      style=style)
    out.print(table)


def say(text: str) -> None:
    click.echo(text)
