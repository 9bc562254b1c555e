"""Plain text for people: action lists with relative times, coloured on a terminal.

Deliberately free of heavy imports: `followup today` prints through this module.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from followup.domain import timing, wording

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


def width() -> int | None:
    """The terminal's width (`COLUMNS` first), at least 40 columns; None for a pipe or a file
    when `COLUMNS` is not set (whole lines, for grep and scripts)."""
    if "COLUMNS" not in os.environ and not sys.stdout.isatty():
        return None
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 40)


def when(action: Mapping[str, Any], now: datetime) -> str:
    """'due today, 14:59', 'still in time until Tue 23:59', 'overdue (by 2 days)',
    'from 15:00' (`domain/timing.py`), or the status of a step that is not open."""
    if action["status"] != "planned":
        return str(action["status"])
    if action.get("when"):
        return str(action["when"])
    earliest, due, deadline = (datetime.fromisoformat(action[k])
                               for k in ("earliest", "due", "deadline"))
    return timing.label(earliest, due, deadline, now, due.tzinfo or UTC)


def _rank(action: Mapping[str, Any]) -> timing.Timing:
    return timing.section(bool(action.get("overdue")), bool(action.get("past_target")))


REASON = " " * 11
"""Where a step's reason and a long line's rest start."""


def _wrap(line: str, first: str, columns: int | None) -> list[str]:
    """A line in lines of at most `columns` (a longer word stays whole; None: one line)."""
    if columns is None or (len(first) + len(line) <= columns and "\n" not in line
                           and "\t" not in line):
        return [first + line.rstrip()]  # most lines fit: textwrap costs 30 µs a line
    import textwrap

    return textwrap.wrap(line, columns, initial_indent=first, subsequent_indent=REASON,
                         break_on_hyphens=False, break_long_words=False) or [""]


def agenda(result: Mapping[str, Any], days: int, now: datetime) -> str:
    """Today (`days` 0) or the agenda of the next days, in Today's sections."""
    if days == 0:
        return actions("Today", result["actions"], now, sections="To do today")
    title = f"The next {wording.plural(days, 'day')}"
    return actions(title, result["actions"], now, sections="By deadline")


def actions(title: str, items: Iterable[Mapping[str, Any]], now: datetime,
            company: bool = True, sections: str | None = None) -> str:
    """An action list: one line of facts per step, its reason beneath, fitted to the
    terminal's width; with `sections`, under Today's headings (overdue, still in time, then
    `sections`), as the web shows them."""
    rows = list(items)
    paint = colour()
    title = clean(title)
    lines = [f"{BOLD}{title}{RESET}" if paint else title]
    if not rows:
        return lines[0] + ": nothing to do."
    columns = width()
    labels = [when(a, now) for a in rows]
    pad = max(len(label) for label in labels)
    heading = None
    for a, label in zip(rows, labels, strict=True):
        if sections is not None:
            rank = _rank(a)
            named = sections if rank is timing.Timing.DUE else timing.SECTIONS[rank]
            if named != heading:
                heading = named
                count = sum(1 for b in rows if _rank(b) is rank)
                lines.append(clean(f"{named} ({count})"))
        person = a["contact"]["name"] if a.get("contact") else None
        step = wording.step_to(a["kind"], a["channel"], person)
        step += " (optional)" if a["optional"] else ""
        where = f"  {a['company']} — {a['position']} (#{a['application_id']})" if company else ""
        head = f"  #{a['id']:<6} {label:<{pad}}  {step}{where}"
        why = a["why"] if a["status"] == "planned" or not a.get("reason") else (
            f"{a['status']}: {a['reason']}")
        head, why = clean(head), clean(why)  # before the app's own colours go on
        heads, whys = _wrap(head, "", columns), _wrap(why, REASON, columns)
        if paint:
            tint = RED if label.startswith("overdue") else (DIM if a["optional"] else "")
            heads = [f"{tint}{h}{RESET}" if tint else h for h in heads]
            whys = [f"{DIM}{w}{RESET}" for w in whys]
        lines += [h.rstrip() for h in heads] + whys
    return "\n".join(lines)


INVITED = {"new": "Proposed interview", "reschedule": "Interview moved",
           "cancel": "Interview cancelled"}
"""How Today names what an invitation from the mail would do."""


def _short(moment: str) -> str:
    return f"{datetime.fromisoformat(moment):%a %d %b %H:%M}"


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
    proposed = result.get("invitations") or []
    if proposed:
        lines.append("Invitations in your inbox")
        for i in proposed:
            what = INVITED.get(i["change"], "Proposed interview")
            lines.append(f"  {what}: {i['summary'] or 'an interview'}, {_short(i['start'])} "
                         f"(from the invitation of {i['organizer'] or 'an unknown sender'})")
            lines.append(f"           `followup interview import --mailed {i['id']}` to add it,"
                         f" `followup interview ignore {i['id']}` to ignore it")
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
