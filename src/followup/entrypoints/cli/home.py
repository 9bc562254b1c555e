"""The home: profile, settings, schema, export and import, demo data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup import bootstrap
from followup.domain.wording import plural
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.text import json_text
from followup.services import demo as demo_service
from followup.services import profile, transfer
from followup.services.context import Deps


def deps() -> Deps:
    return bootstrap.build()


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
@click.option("--with-settings", is_flag=True,
              help="Also take the file's mail settings (servers, user names, digest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def import_cmd(file: Path, with_settings: bool, as_json: bool) -> None:
    """Load an export into an empty home: everything is checked, then all is written or none."""
    with file.open("rb") as stream:
        data = stream.read(transfer.LARGEST + 1)  # one byte more tells a file that is too big
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
