"""Plain text for people: action lists with relative times, coloured on a terminal.

Deliberately free of heavy imports: `followup today` prints through this module.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from followup.domain import timing, wording
from followup.domain.kinds import Status
from followup.services.results import ActionView, AgendaItem, AgendaView, jsonable

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
    """A typed result (or a JSON document) for a terminal, in its one JSON form: as readable as
    UTF-8 allows, with DEL and C1 escaped (json escapes the other controls already), so the
    document means the same."""
    import json

    dumped = json.dumps(jsonable(document), ensure_ascii=False, indent=2)
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


def when(action: ActionView, now: datetime) -> str:
    """'due today, 14:59', 'still in time until Tue 23:59', 'overdue (by 2 days)',
    'from 15:00' (`domain/timing.py`), or the status of a step that is not open."""
    if action.status is not Status.PLANNED:
        return str(action.status)
    if isinstance(action, AgendaItem):
        return action.when
    return timing.label(action.earliest, action.due, action.deadline, now,
                        action.due.tzinfo or UTC)


def _rank(action: ActionView) -> timing.Timing:
    if isinstance(action, AgendaItem):
        return timing.section(action.overdue, action.past_target)
    return timing.section(False, False)


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


def agenda(result: AgendaView, days: int, now: datetime) -> str:
    """Today (`days` 0) or the agenda of the next days, in Today's sections."""
    if days == 0:
        return actions("Today", result.actions, now, sections="To do today")
    title = f"The next {wording.plural(days, 'day')}"
    return actions(title, result.actions, now, sections="By deadline")


def actions(title: str, items: Iterable[ActionView], now: datetime,
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
        person = a.contact.name if a.contact else None
        step = wording.step_to(a.kind, a.channel, person)
        step += " (optional)" if a.optional else ""
        where = (f"  {a.company} — {a.position} (#{a.application_id})"
                 if company and isinstance(a, AgendaItem) else "")
        head = f"  #{a.id:<6} {label:<{pad}}  {step}{where}"
        why = a.why if a.status is Status.PLANNED or not a.reason else (
            f"{a.status}: {a.reason}")
        head, why = clean(head), clean(why)  # before the app's own colours go on
        heads, whys = _wrap(head, "", columns), _wrap(why, REASON, columns)
        if paint:
            tint = RED if label.startswith("overdue") else (DIM if a.optional else "")
            heads = [f"{tint}{h}{RESET}" if tint else h for h in heads]
            whys = [f"{DIM}{w}{RESET}" for w in whys]
        lines += [h.rstrip() for h in heads] + whys
    return "\n".join(lines)


INVITED = {"new": "Proposed interview", "reschedule": "Interview moved",
           "cancel": "Interview cancelled"}
"""How Today names what an invitation from the mail would do."""


def news(result: AgendaView) -> str:
    """Replies and bounces the mailbox brought, and notes not delivered (in Today), or nothing
    when there are none."""
    lines = []
    if result.replies:
        lines.append("Replies")
        for r in result.replies:
            who = r.contact.name if r.contact else r.sender
            lines.append(f"  {who} ({r.company}, #{r.application_id}): {r.subject or ''}")
            if r.snippet:
                lines.append(f"           {' '.join(r.snippet.split())[:100]}")
    if result.bounces:
        lines.append("Bounced: these addresses do not work")
        lines += [f"  {b.address} ({b.company or 'unknown company'})" for b in result.bounces]
    if result.invitations:
        lines.append("Invitations in your inbox")
        for i in result.invitations:
            what = INVITED.get(i.change, "Proposed interview")
            lines.append(f"  {what}: {i.summary or 'an interview'}, {i.start:%a %d %b %H:%M} "
                         f"(from the invitation of {i.organizer or 'an unknown sender'})")
            lines.append(f"           `followup interview import --mailed {i.id}` to add it,"
                         f" `followup interview ignore {i.id}` to ignore it")
    if result.undelivered:
        lines.append("Not delivered: check your Sent folder, or send again")
        for u in result.undelivered:
            said = "may not have arrived" if u.state == "unknown" else "failed"
            lines.append(f"  {', '.join(u.to)} ({u.company}, #{u.application_id}): "
                         f"{said}; `followup outbox resend {u.id}`")
            if u.error:
                lines.append(f"           {' '.join(u.error.split())[:100]}")
    return clean("\n".join(lines))
