"""The `followup` command: parse, call a service, show the result; errors as one line."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, NoReturn

import click

from followup.bootstrap import PRIVATE_UMASK
from followup.domain.errors import FollowupError, InvalidInput
from followup.entrypoints.cli.output import to_stderr
from followup.entrypoints.remedies import said


def one_line(message: str) -> str:
    return " ".join(message.split())


def unexpected(exc: Exception) -> str:
    """A bug, said plainly in one line; FOLLOWUP_DEBUG=1 shows the traceback instead."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"unexpected error ({type(exc).__name__}: {first}); "
            "run again with FOLLOWUP_DEBUG=1 for details")


def fail(message: str, code: int) -> NoReturn:
    to_stderr(message)
    sys.exit(code)


def not_utf8(args: list[str]) -> str | None:
    """What to say about the first argument that is not UTF-8 text (Python keeps its bytes as
    lone surrogates, which nothing downstream can store or print), or None."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            return (f"the argument '{shown}' is not UTF-8 text; give it in UTF-8 (check the "
                    "encoding of your terminal or script)")
    return None


def os_fault(exc: OSError) -> tuple[str, int] | None:
    """A file or folder that cannot be used, in words and with its exit code: a path given
    that cannot be (4), or a home or disk that refuses (1); None for anything else."""
    name = exc.filename
    if name is None:
        return None
    name, folder = str(name), os.path.dirname(os.path.abspath(str(name)))
    if isinstance(exc, FileNotFoundError) and not os.path.isdir(folder):
        return (f"cannot write {name}: the folder {folder} does not exist; create it, or give "
                "another path"), InvalidInput.exit_code
    if isinstance(exc, IsADirectoryError):
        return f"{name} is a folder; give the path of a file", InvalidInput.exit_code
    if isinstance(exc, NotADirectoryError):
        return (f"cannot use {name}: part of that path is a file, not a folder; give another "
                "path"), InvalidInput.exit_code
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"cannot use {name} ({exc.strerror}); check that you may read and write "
                "there, or give another path"), 1
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot write {name}: the disk is full; free some space and try again", 1
    return None


def take_user(args: list[str]) -> tuple[list[str], str | None]:
    """The arguments without `--user EMAIL` (hosted mode's acting user, which every data
    command takes wherever it is written), and that email."""
    rest: list[str] = []
    email = None
    words = iter(args)
    for arg in words:
        if arg == "--":
            rest += [arg, *words]
            break
        if arg == "--user":
            email = next(words, "")
            if not email:
                raise click.UsageError("--user needs an email address")
        elif arg.startswith("--user="):
            email = arg.partition("=")[2]
        else:
            rest.append(arg)
    return rest, email


ACTING: dict[str, str | None] = {"email": None}
"""The `--user` of this run (hosted mode), read by `home.deps()`."""


class Followup(click.Group):
    """The top group: maps every error to one line on stderr and its exit code."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        bad_text = not_utf8(sys.argv[1:] if args is None else list(args))
        if bad_text:
            fail(bad_text, InvalidInput.exit_code)
        umask = os.umask(PRIVATE_UMASK)  # what this run creates is the user's alone
        try:
            given, ACTING["email"] = take_user(sys.argv[1:] if args is None else list(args))
            result = super().main(given, prog_name or "followup", complete_var,
                                  standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            # A bare program or group: its whole help, as `--help` prints it. The bare program
            # asked for nothing wrong (0); a bare group lacks its command (2).
            click.echo(exc.ctx.get_help())
            sys.exit(0 if exc.ctx.parent is None else 2)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "followup"
            fail(f"{one_line(exc.format_message())} (see `{where} --help`)", 2)
        except click.Abort:
            fail("aborted", 1)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except FollowupError as exc:
            fail(said(exc), exc.exit_code)
        except OverflowError:
            fail("a date or number is out of range", InvalidInput.exit_code)
        except Exception as exc:  # a bug: say so plainly, keep the traceback for FOLLOWUP_DEBUG
            fault = os_fault(exc) if isinstance(exc, OSError) else None
            if fault:
                fail(*fault)
            if os.environ.get("FOLLOWUP_DEBUG"):
                raise
            fail(unexpected(exc), 1)
        finally:
            os.umask(umask)  # for a caller in the same process, such as a test
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

    Hosted mode (FOLLOWUP_MODE=hosted, many users with logins): every command that reads or
    changes a user's records takes --user EMAIL; `followup user` and `followup token` keep
    the accounts (docs/hosting.md).
    """


def main() -> None:
    cli.main()


# The command modules register themselves on `cli` when imported.
from followup.entrypoints.cli import (  # noqa: E402
    accounts,
    calendar,
    cards,
    home,
    insights,
    invitations,
    mail,
    notes,
    people,
    records,
    replies,
    reports,
    steps,
    web,
)

__all__ = ["accounts", "calendar", "cards", "cli", "home", "insights", "invitations", "mail",
           "main", "notes", "people", "records", "replies", "reports", "steps", "web"]
