"""The home: profile, settings, schema, export and import, demo data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup import bootstrap, installation
from followup.domain.moving_in import HUNTR, SOURCES, TARGETS, parse_map
from followup.domain.wording import plural
from followup.entrypoints.cli import ACTING, cli
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.text import json_text
from followup.services import accounts, moving_in, profile, transfer
from followup.services import demo as demo_service
from followup.services.context import Deps
from followup.services.views import jsonable


def deps() -> Deps:
    """The services' dependencies acting for this run's user: the home's one user in local
    mode, `--user EMAIL` in hosted mode (where a command without it stops, exit 2)."""
    built = bootstrap.build()
    email = ACTING["email"]
    if built.hosting is None:
        if email is not None:
            raise click.UsageError("--user is for hosted mode (FOLLOWUP_MODE=hosted)")
        return built
    if not email:
        raise click.UsageError("in hosted mode, say whose records these are: --user EMAIL")
    return built.acting(accounts.acting_for(built, email))


def _ask(value: str | None, prompt: str) -> str:
    """A missing value: asked for on a terminal, an error otherwise."""
    if value:
        return value
    if not sys.stdin.isatty():
        raise click.UsageError(f"missing --{prompt.lower().replace(' ', '-')}")
    answer: str = click.prompt(prompt)
    return answer


@cli.command()
@click.option("--name", help="Your name, as you sign your notes.")
@click.option("--email", help="Your email address.")
@click.option("--timezone", help="Your time zone, such as Europe/Dublin.")
@click.option("--country", help="Country code for public holidays, such as IE or US.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def init(name: str | None, email: str | None, timezone: str | None, country: str | None,
         as_json: bool) -> None:
    """Create (or update) your profile."""
    result = profile.init(deps(), _ask(name, "Name"), _ask(email, "Email"),
                          _ask(timezone, "Timezone"), country)
    if as_json:
        emit_json(result)
    else:
        say(f"Hello {result.name}: notes will be signed by you and sent from "
            f"{result.email}; times are in {result.timezone}.")


@cli.group()
def config() -> None:
    """Show and change settings (profile and the playbook's numbers)."""


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def config_list(as_json: bool) -> None:
    """Every setting with its value, default and help."""
    items = profile.config_list(deps())
    if as_json:
        emit_json(items)
        return
    for item in items:
        default = f" (default {item.default})" if item.default is not None else ""
        say(f"{item.key} = {item.value if item.value is not None else ''}{default}\n"
            f"    {item.help}")


@config.command("get")
@click.argument("key")
def config_get(key: str) -> None:
    """Print one setting's value."""
    value = profile.config_get(deps(), key).value
    say("" if value is None else str(value))


@config.command("set")
@click.argument("key")
@click.argument("value")
def config_set(key: str, value: str) -> None:
    """Change one setting."""
    result = profile.config_set(deps(), key, value)
    say(f"{result.key} = {result.value}")


@cli.group()
def db() -> None:
    """The database schema."""


@db.command()
def upgrade() -> None:
    """Bring the database schema up to date (also done on first use)."""
    ran = bootstrap.upgrade_schema()
    say("The database schema was upgraded." if ran else "The database schema is up to date.")


@db.command("rotate-key")
def rotate_key() -> None:
    """Encrypt every kept mail password (and, hosted, second-factor key) again under
    FOLLOWUP_SECRET_KEY (after a key change, with the previous key in
    FOLLOWUP_OLD_SECRET_KEYS); then the old key may go."""
    count = bootstrap.rotate_mail_key()
    say(f"{count} mail password{'' if count == 1 else 's'} now encrypted under the current "
        "key; FOLLOWUP_OLD_SECRET_KEYS is no longer needed for them.")
    if installation.hosted():
        keys = bootstrap.rotate_second_factors()
        say(f"{keys} second-factor key{'' if keys == 1 else 's'} now encrypted under the "
            "current key too.")


@cli.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def export_cmd(output: Path | None) -> None:
    """Every record as one versioned JSON document."""
    document = transfer.export(deps())
    text = json_text(document) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Exported to {output}.", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Choice(SOURCES),
              help="Add the applications of a CSV file to this home: huntr (Huntr's export) or "
                   "csv (any spreadsheet; see --map). Without it, FILE is a Followup export.")
@click.option("--map", "maps", multiple=True, metavar="TARGET=COLUMN,...",
              help="With --from csv: the column of each target, such as "
                   "company=Company,position=Title (targets: " + ", ".join(TARGETS) + "). "
                   "Without it, columns named plainly (Company, Position, Status...) are used.")
@click.option("--dry-run", is_flag=True, help="With --from: show what would be made, make nothing.")
@click.option("--with-settings", is_flag=True,
              help="Also take the file's mail settings (servers, user names, digest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def import_cmd(file: Path, source: str | None, maps: tuple[str, ...], dry_run: bool,
               with_settings: bool, as_json: bool) -> None:
    """Load an export into an empty home, or (with --from) add another tracker's applications
    to this one: everything is checked, then all is written or none.

    Steps of imported history whose deadline passed more than policy.import_history_days ago
    are recorded as skipped ("imported history"), not planned.
    """
    if source is None and (maps or dry_run):
        raise click.UsageError("--map and --dry-run go with --from huntr or --from csv")
    if source == HUNTR and maps:
        raise click.UsageError("--map goes with --from csv; Huntr's columns are known")
    with file.open("rb") as stream:
        data = stream.read(transfer.LARGEST + 1)  # one byte more tells a file that is too big
    if source is not None:
        mapping = parse_map(maps) if maps else None
        moved = moving_in.move_in(deps(), data, source, mapping, dry_run, str(file))
        if as_json:
            emit_json(jsonable(moved))
        else:
            say(_moved_in(moved))
        return
    document = transfer.read_document(data, str(file))
    result = transfer.import_document(deps(), document, with_settings)
    if as_json:
        emit_json(result)
        return
    counts = ", ".join(plural(n, "touch" if name == "touches" else name[:-1], name)
                       for name, n in result.imported.items())
    say(f"Imported {counts}.")
    if result.settings_left_out:
        say("Left out the file's mail settings (" + ", ".join(result.settings_left_out)
            + "); import with --with-settings to take them.")


LISTED = 50
"""Rows a dry run lists one by one."""


def _moved_in(result: moving_in.MoveIn) -> str:
    """What an import made (or would make), in words, with the rows of a dry run."""
    verb = "Would import" if result.dry_run else "Imported"
    skipped = (f", and {plural(result.steps_skipped, 'step')} long past recorded as skipped "
               "(imported history)" if result.steps_skipped else "")
    lines = [f"{verb} {plural(result.applications, 'application')} "
             f"({plural(result.interviews, 'interview')}, {plural(result.contacts, 'contact')})"
             f" with {plural(result.steps_planned, 'step')} planned{skipped}."]
    if result.dry_run:
        lines += [f"  line {m.line}: {m.company} — {m.position} ({m.status})"
                  + (f", interview {m.interview_at:%a %d %b %Y %H:%M}" if m.interview_at else "")
                  for m in result.made[:LISTED]]
        if len(result.made) > LISTED:
            lines.append(f"  … and {len(result.made) - LISTED} more")
    if result.passed:
        lines.append(f"Passed over {plural(len(result.passed), 'row')}:")
        lines += [f"  line {p.line}: {p.company} — {p.position}: {p.reason}"
                  for p in result.passed[:LISTED]]
        if len(result.passed) > LISTED:
            lines.append(f"  … and {len(result.passed) - LISTED} more")
    lines += [f"Note: {n}." for n in result.not_kept]
    if result.dry_run and result.applications:
        lines.append("Nothing was written; run again without --dry-run to import.")
    return "\n".join(lines)


@cli.command()
@click.option("--size", default=25, show_default=True, help="How many applications.")
@click.option("--seed", default=1, show_default=True, help="The same seed gives the same data.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def demo(size: int, seed: int, as_json: bool) -> None:
    """Fill this home with realistic demo applications (a profile is created if missing)."""
    result = demo_service.fill(deps(), size, seed)
    if as_json:
        emit_json(result)
    else:
        say(f"Added {plural(result.applications, 'demo application')} with "
            f"{plural(result.actions, 'step')}.")
