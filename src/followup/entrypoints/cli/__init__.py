"""The `followup` command: parse, call a service, show the result; errors as one line."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from followup.domain.errors import FollowupError, InvalidInput


def one_line(message: str) -> str:
    return " ".join(message.split())


def unexpected(exc: Exception) -> str:
    """A bug, said plainly in one line; FOLLOWUP_DEBUG=1 shows the traceback instead."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"unexpected error ({type(exc).__name__}: {first}); "
            "run again with FOLLOWUP_DEBUG=1 for details")


def fail(message: str, code: int) -> None:
    click.echo(f"followup: {message}", err=True)
    sys.exit(code)


class Followup(click.Group):
    """The top group: maps every error to one line on stderr and its exit code."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        try:
            result = super().main(args, prog_name or "followup", complete_var,
                                  standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "followup"
            fail(f"{one_line(exc.format_message())} (see `{where} --help`)", 2)
        except click.Abort:
            fail("aborted", 1)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except FollowupError as exc:
            fail(str(exc), exc.exit_code)
        except OverflowError:
            fail("a date or number is out of range", InvalidInput.exit_code)
        except Exception as exc:  # a bug: say so plainly, keep the traceback for FOLLOWUP_DEBUG
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            fail(unexpected(exc), 1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=Followup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="followup")
def cli() -> None:
    """Followup: everything to do after a job interview, planned and on time.

    Record an interview, then `followup today` tells you what to do and why: a thank-you
    note to each interviewer the same day, a polite call a week or so later, a call when the
    promised decision date passes, and a kind note whatever the outcome.

    Environment: FOLLOWUP_HOME (data directory), FOLLOWUP_DATABASE_URL (PostgreSQL instead
    of the local SQLite file), FOLLOWUP_NOW (the clock, ISO 8601, for demos and what-ifs).
    """


def main() -> None:
    cli.main()


# The command modules register themselves on `cli` when imported.
from followup.entrypoints.cli import (  # noqa: E402
    calendar,
    home,
    mail,
    notes,
    records,
    replies,
    steps,
    web,
)

__all__ = ["calendar", "cli", "home", "mail", "main", "notes", "records", "replies", "steps",
           "web"]
