"""Plain text for people: action lists with relative times, coloured on a terminal.

Deliberately free of heavy imports: `followup today` prints through this module.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

RED, DIM, BOLD, RESET = "\033[31m", "\033[2m", "\033[1m", "\033[0m"

# What a terminal would obey rather than show: whole escape sequences first (CSI; OSC, DCS and
# the other strings up to their terminator; two-character escapes), in their 7-bit and 8-bit
# forms, then any other C0 control but newline and tab, DEL and C1.
_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_C1 = re.compile(r"[\x7f-\x9f]")


def clean(value: str) -> str:
    """The text with every control character and escape sequence removed (newlines and tabs
    stay): stored or received text is shown, never obeyed, by a terminal."""
    return _CONTROLS.sub("", value)


def json_text(document: Any) -> str:
    """A JSON document for a terminal: as readable as UTF-8 allows, with DEL and C1 escaped
    (json escapes the other controls already), so the document means the same."""
    import json

    dumped = json.dumps(document, ensure_ascii=False, indent=2)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def when(action: Mapping[str, Any], now: datetime) -> str:
    """'due today 23:59', 'overdue by 2 days', 'from tomorrow 09:00', 'done'..."""
    if action["status"] != "planned":
        return str(action["status"])
    earliest = datetime.fromisoformat(action["earliest"])
    due = datetime.fromisoformat(action["due"])
    deadline = datetime.fromisoformat(action["deadline"])
    now = now.astimezone(due.tzinfo)
    if deadline < now:
        return f"overdue by {_days(max((now.date() - deadline.date()).days, 1))}"
    if earliest.date() > now.date():
        days = (earliest.date() - now.date()).days
        label = "tomorrow" if days == 1 else f"{earliest:%a %d %b}"
        return f"from {label} {earliest:%H:%M}"
    target, late = (due, "") if due >= now else (deadline, ", late")
    days = (target.date() - now.date()).days
    label = {0: "today", 1: "tomorrow"}.get(days, f"{target:%a %d %b}")
    return f"due {label} {target:%H:%M}{late}"


def actions(title: str, items: Iterable[Mapping[str, Any]], now: datetime,
            company: bool = True) -> str:
    """An action list: one line of facts per step, its reason beneath."""
    rows = list(items)
    paint = colour()
    title = clean(title)
    lines = [f"{BOLD}{title}{RESET}" if paint else title]
    if not rows:
        return lines[0] + ": nothing to do."
    for a in rows:
        label = when(a, now)
        step = a["kind"].replace("_", " ") + (" (optional)" if a["optional"] else "")
        person = a["contact"]["name"] if a.get("contact") else ""
        where = f"  {a['company']} — {a['position']} (#{a['application_id']})" if company else ""
        head = f"  #{a['id']:<6} {label:<22} {step + ' by ' + a['channel']:<36} {person}{where}"
        why = a["why"] if a["status"] == "planned" or not a.get("reason") else (
            f"{a['status']}: {a['reason']}")
        head, why = clean(head), clean(why)  # before the app's own colours go on
        if paint:
            tint = RED if label.startswith("overdue") else (DIM if a["optional"] else "")
            head = f"{tint}{head}{RESET}" if tint else head
            why = f"{DIM}{why}{RESET}"
        lines += [head.rstrip(), f"           {why}"]
    return "\n".join(lines)


def news(result: Mapping[str, Any]) -> str:
    """Replies and bounces the mailbox brought, and notes not delivered (in Today), or nothing
    when there are none."""
    lines = []
    replies, bounces = result.get("replies") or [], result.get("bounces") or []
    if replies:
        lines.append("Replies")
        for r in replies:
            who = r["contact"]["name"] if r.get("contact") else r["from"]
            lines.append(f"  {who} ({r['company']}, #{r['application_id']}): {r['subject'] or ''}")
            if r.get("snippet"):
                lines.append(f"           {' '.join(r['snippet'].split())[:100]}")
    if bounces:
        lines.append("Bounced: these addresses do not work")
        lines += [f"  {b['address']} ({b['company'] or 'unknown company'})" for b in bounces]
    undelivered = result.get("undelivered") or []
    if undelivered:
        lines.append("Not delivered: check your Sent folder, or send again")
        for u in undelivered:
            said = "may not have arrived" if u["state"] == "unknown" else "failed"
            lines.append(f"  {', '.join(u['to'])} ({u['company']}, #{u['application_id']}): "
                         f"{said}; `followup outbox resend {u['id']}`")
            if u.get("error"):
                lines.append(f"           {' '.join(u['error'].split())[:100]}")
    return clean("\n".join(lines))
