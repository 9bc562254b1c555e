"""Log lines of a running installation: one JSON object per line, or plain text, each naming the
request it belongs to.

FOLLOWUP_LOG_FORMAT chooses (json or text); json is the default in hosted mode. Left unset in
local mode, logging is not touched: `followup serve` prints what it always printed.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

from followup import installation
from followup.domain.errors import EnvironmentFault

FORMATS = ("json", "text")
REQUEST_FIELDS = ("request_id", "user_id", "method", "path", "query", "status", "duration_ms",
                  "client")
"""What a line says about its request: set by the access log's `extra`, else from the request
being served (`request_id`), else null. `query` has its secrets redacted; `client` is the
address the request came from (the proxy's X-Forwarded-For when it is trusted)."""

request_id: ContextVar[str | None] = ContextVar("followup_request_id", default=None)
"""The id of the request this code serves (set by the web app's access log for its duration)."""


def _moment(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


def _field(record: logging.LogRecord, name: str) -> object:
    found = record.__dict__.get(name)
    if found is None and name == "request_id":
        return request_id.get()
    return found


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the request's fields and
    the process id; a traceback, if any, as `error`. Never more than one line: newlines in a
    message are escaped, and so is every character outside ASCII."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": _moment(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            entry[name] = _field(record, name)
        entry["pid"] = record.process
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["error"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """A line a person reads: time, level, logger, message, then the request's fields that
    are known, as name=value."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{_moment(record)} {record.levelname} {record.name}: {record.getMessage()}"
        known = [(n, _field(record, n)) for n in REQUEST_FIELDS]
        fields = " ".join(f"{name}={value}" for name, value in known if value is not None)
        line = f"{line} [{fields}]" if fields else line
        # One record, one line: a newline in a value would forge a line of its own.
        line = line.replace("\r", "\\r").replace("\n", "\\n")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def chosen_format() -> str | None:
    """FOLLOWUP_LOG_FORMAT, else json in hosted mode, else None (leave logging as it is)."""
    chosen = os.environ.get("FOLLOWUP_LOG_FORMAT", "").strip().lower()
    if chosen and chosen not in FORMATS:
        raise EnvironmentFault(f"FOLLOWUP_LOG_FORMAT={chosen!r}: set it to json or text")
    return chosen or ("json" if installation.hosted() else None)


class _Ours(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `configure` installs (so that a second call replaces it)."""


def configure(level: int = logging.INFO) -> str | None:
    """Sends every log line to stderr in the chosen format; the format, or None when none is
    chosen (logging left alone)."""
    chosen = chosen_format()
    if chosen is None:
        return None
    handler = _Ours(sys.stderr)
    handler.setFormatter(JsonFormatter() if chosen == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Ours)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return chosen
