"""People from what you already hold: vCard files in and out, email signatures, and merging
two records of one person."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup import bootstrap
from followup.domain import choices, limits
from followup.domain.cards import CardPerson
from followup.domain.errors import InvalidInput
from followup.domain.model import Source
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.cli.records import contact, contact_line
from followup.services import cards, people
from followup.services.views import jsonable

ROLE = click.option("--role", type=click.Choice(choices.ROLES),
                    help="The role of people added (default: recruiter).")
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _bytes(path: Path, largest: int) -> bytes:
    """A file's bytes (- for standard input), one more than `largest` at most."""
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read(largest + 1)
        with path.open("rb") as stream:
            return stream.read(largest + 1)
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", field="file") from None


@contact.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--application", "application_id", type=int,
              help="Add the people to this application (default: the application of "
                   "their company, when there is exactly one).")
@ROLE
@JSON
def contact_import(file: Path, application_id: int | None, role: str | None,
                   as_json: bool) -> None:
    """Add the people of a vCard file (.vcf from Apple, Google or Outlook contacts; vCard 2.1,
    3.0 or 4.0). Someone already known by an email address (or, on a card without one, by
    name in that application) is updated, not added twice; the spelling of each name is taken
    from the card. The whole file is saved, or nothing."""
    result = cards.import_vcards(deps(), _bytes(file, limits.CARD_FILE), bootstrap.read_vcards,
                                 application_id, role)
    if as_json:
        emit_json(jsonable(result))
        return
    for verb, found in (("Added", result.added), ("Updated", result.updated)):
        if found:
            say(f"{verb} {len(found)}:")
            for c in found:
                say(contact_line(c))
    for skipped in result.skipped:
        say(f"Left out {skipped.name}: {skipped.reason} (--application ID).")
    if not (result.added or result.updated or result.skipped):
        say("The file names nobody.")


@contact.command("export")
@click.option("--vcard", is_flag=True, help="As a vCard 3.0 file for an address book.")
@click.option("--application", "application_id", type=int, help="Only this application's.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The file to write; - for standard output.")
def contact_export(vcard: bool, application_id: int | None, output: Path) -> None:
    """Every contact (or an application's) for your address book: Apple, Google and Outlook
    contacts import the file."""
    if not vcard:
        raise click.UsageError("give the format: --vcard")
    text = cards.export_vcards(deps(), bootstrap.write_vcards, application_id)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8", newline="")
    click.echo(f"Exported to {output}.", err=True)


@contact.command("parse")
@click.option("--file", "file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Read the email or signature from this file (default: standard input).")
@click.option("--application", "application_id", type=int,
              help="The application the person belongs to.")
@ROLE
@click.option("--yes", is_flag=True, help="Save the person (needs --application).")
@JSON
def contact_parse(file: Path | None, application_id: int | None, role: str | None, yes: bool,
                  as_json: bool) -> None:
    """Read an email signature (the block under an interviewer's email) as a person: name,
    title, company, phone, email. It is only shown until you save it with --yes."""
    if file is None and sys.stdin.isatty():
        raise click.UsageError("paste the email on standard input, or give --file")
    data = _bytes(file or Path("-"), limits.LONG * 4)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the signature is not UTF-8 text", field="text") from None
    if yes and application_id is None:
        raise click.UsageError("--yes saves the person to an application: give --application")
    services = deps()
    proposal = cards.read_signature(services, text, application_id)
    if not yes:
        if as_json:
            emit_json(jsonable(proposal))
            return
        for label, value in (("Name", proposal.name), ("Title", proposal.title),
                             ("Company", proposal.organisation),
                             ("Email", ", ".join(proposal.emails)),
                             ("Phone", ", ".join(proposal.phones_shown)),
                             ("Website", proposal.website)):
            if value:
                say(f"{label + ':':<9}{value}")
        if proposal.known:
            say(f"This is contact {proposal.known.id} ({proposal.known.name}); saving updates "
                "it.")
        say("Nothing is saved yet: check the spelling, then run again with --yes "
            "--application ID.")
        return
    person = CardPerson(proposal.name, Source.EMAIL, proposal.title, proposal.organisation,
                        proposal.emails, proposal.phones, proposal.website)
    saved = cards.save_person(services, application_id or 0, person, role, lenient=True)
    if as_json:
        emit_json(jsonable(saved))
    else:
        say(("Added " if saved.added else "Updated ") + contact_line(saved.contact).strip())


@contact.command("duplicates")
@click.option("--application", "application_id", type=int, help="Only this application's.")
@JSON
def contact_duplicates(application_id: int | None, as_json: bool) -> None:
    """Contacts that look like the same person (the same email address, or the same name at
    the same company), with the command that merges them."""
    found = people.people(deps(), application_id).duplicates
    if as_json:
        emit_json(jsonable(found))
        return
    if not found:
        say("No contacts look like the same person.")
    for pair in found:
        why = ("the same email address" if pair.alike == "email"
               else "the same name at the same company")
        say(f"{pair.keep.name} ({pair.keep.id}) and {pair.other.name} ({pair.other.id}): {why}"
            f"; merge with `followup contact merge {pair.keep.id} {pair.other.id}`")


@contact.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_id", type=int)
@JSON
def contact_merge(keep_id: int, other_id: int, as_json: bool) -> None:
    """Merge two records of one person: KEEP_ID gains OTHER_ID's addresses, numbers,
    interviews, touches and steps, and OTHER_ID is deleted; the plan is updated."""
    merged = people.merge_contacts(deps(), keep_id, other_id)
    if as_json:
        emit_json(jsonable(merged))
    else:
        say(f"Merged contact {merged.merged_id} into {contact_line(merged.contact).strip()}")
