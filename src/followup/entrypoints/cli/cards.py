"""`followup contact scan`: business-card photos read into contacts, saved once checked."""

from __future__ import annotations

from pathlib import Path

import click

from followup.domain import choices, limits
from followup.domain.errors import InvalidInput
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say
from followup.entrypoints.cli.records import contact
from followup.services import card_photos
from followup.services.views import jsonable

SOURCES = {"qr": "QR code", "ocr": "printed"}


def _photo(path: Path) -> bytes:
    """The file's bytes, read no further than the limit (a larger file is refused unread)."""
    with path.open("rb") as photo:
        data = photo.read(limits.PHOTO_BYTES + 1)
    if len(data) > limits.PHOTO_BYTES:
        raise InvalidInput(f"{path} is too large for a card photo (at most "
                           f"{limits.PHOTO_BYTES // 1_000_000} MB)", field="photo")
    return data


def _show(scan: card_photos.CardScan) -> None:
    for person in scan.contacts:
        said = f"Card {person.photo}"
        say(f"{said}: saved as contact {person.id}" if person.id else
            f"{said} (read with {person.engine}):")
        for name in card_photos.FIELDS:
            value = getattr(person, name)
            if name == "phone" and person.phones:
                value = ", ".join(person.phones_national)
            elif name == "email" and person.emails:
                value = ", ".join(person.emails)
            if not value:
                say(f"  {name:<13} (not found)")
                continue
            sure = person.confidence.get(name)
            how = f"  {sure:.0%} {SOURCES[person.source[name]]}" if sure is not None else ""
            mark = "  (spelling not confirmed)" if name == "name" and not person.confirmed else ""
            say(f"  {name:<13} {value}{how}{mark}")
    if not scan.saved:
        where = "" if scan.application_id else " with --application ID or --interview ID"
        say(f"Nothing saved: check the fields, then run again{where} and --yes.")
    elif scan.interview_id is not None:
        say(f"Added to interview {scan.interview_id}; its steps are planned again.")


@contact.command("scan")
@click.argument("images", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--application", "application_id", type=int,
              help="Save the people as contacts of this application.")
@click.option("--interview", "interview_id", type=int,
              help="Save the people as interviewers of this interview (and re-plan).")
@click.option("--role", type=click.Choice(choices.ROLES),
              help="Their role (default: interviewer).")
@click.option("--yes", "save", is_flag=True, help="Save them; without it nothing is saved.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def contact_scan(images: tuple[Path, ...], application_id: int | None,
                 interview_id: int | None, role: str | None, save: bool, as_json: bool) -> None:
    """Read business-card photos (JPEG, PNG, WebP, HEIC; a QR code first, then the printed
    text) into contacts, so each name is spelled as on the card. Nothing is saved without
    --yes; the photos never leave this machine."""
    if len(images) > limits.PHOTOS:
        raise InvalidInput(f"at most {limits.PHOTOS} card photos at once", field="photo")
    photos = [_photo(path) for path in images]
    scan = card_photos.scan_cards(deps(), photos, application_id, interview_id, role, save)
    emit_json(jsonable(scan)) if as_json else _show(scan)
