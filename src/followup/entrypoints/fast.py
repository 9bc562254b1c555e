"""The `followup` command's entry point.

`followup today` and `followup agenda` are what people run most; on a current SQLite home they
are answered here with the standard library alone. Everything else goes to the click CLI.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def _agenda_request(args: list[str]) -> tuple[int, bool] | None:
    """(days, as_json) when `args` is a plain `today` or `agenda` call, else None."""
    if not args or args[0] not in ("today", "agenda"):
        return None
    days = 0 if args[0] == "today" else 7
    as_json = False
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--json":
            as_json = True
        elif args[0] == "agenda" and (arg == "--days" or arg.startswith("--days=")):
            value = arg.partition("=")[2] or next(rest, "")
            if not value.isdigit():
                return None
            days = int(value)
        else:
            return None
    return days, as_json


def _fail(message: str, code: int) -> NoReturn:
    from followup.entrypoints.text import clean

    print(clean(f"followup: {message}"), file=sys.stderr)
    sys.exit(code)


def _answer(days: int, as_json: bool) -> bool:
    """Prints the agenda from the SQLite file; False when that file cannot answer."""
    from followup import bootstrap
    from followup.domain.errors import FollowupError

    try:
        reader = bootstrap.fast_reader()
        if reader is None:
            return False
        from followup.services.agenda import agenda_until

        tz = reader.timezone()
        now = bootstrap.clock(lambda: tz)()
        result = agenda_until(reader, now, days, news=reader if days == 0 else None)
    except FollowupError as exc:
        from followup.entrypoints.remedies import said

        _fail(said(exc), exc.exit_code)
    except Exception as exc:  # the same one line as the click CLI gives for a bug
        import os

        fault = bootstrap.fault_of(exc)
        if fault is not None:
            _fail(str(fault), fault.exit_code)
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        from followup.entrypoints.cli import unexpected

        _fail(unexpected(exc), 1)
    from followup.entrypoints import text

    if as_json:
        print(text.json_text(result))
    else:
        print(text.agenda(result, days, now))
        if text.news(result):
            print("\n" + text.news(result))
    return True


def main() -> None:
    import os

    request = _agenda_request(sys.argv[1:])
    if os.environ.get("FOLLOWUP_MODE", "local").strip().lower() != "local":
        request = None  # hosted mode: the full CLI asks whose agenda it is (`--user`)
    try:
        if request is not None and _answer(*request):
            return
    except BrokenPipeError:  # the reader went away (`| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from followup.entrypoints.cli import main as full

    full()
