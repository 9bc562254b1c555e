"""Business-card photos: a user photographs the cards collected at an interview, checks what
was read, and saves each person as a contact of the application or an interviewer of the
interview, so every name is spelled as printed and never typed."""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from followup.config import CARDS, stored_value
from followup.domain import limits
from followup.domain.card_codes import read_code
from followup.domain.card_text import CardFields, Origin, Reading, merged, national, read_lines
from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.domain.model import Contact, Participant, Role, Source
from followup.services.context import Deps, check_email, replan, required, user_of
from followup.services.ports import CardText, PhotoReader, Repository

FIELDS = ("name", "title", "organisation", "email", "phone", "website", "address")


@dataclass(frozen=True, slots=True)
class ScannedContact:
    """A person read from one card: the contact's own fields (the first email and phone, and
    every one the card shows), how sure each reading is and whether it came from the card's
    QR code or its printed text; `id` once saved."""

    photo: int = field(metadata={"doc": "Which photo (1 for the first given) shows the card."})
    name: str | None
    title: str | None
    organisation: str | None
    email: str | None
    phone: str | None = field(metadata={"doc": "The first phone number, in E.164."})
    emails: tuple[str, ...]
    phones: tuple[str, ...] = field(metadata={"doc": "Every phone number, in E.164."})
    phones_national: tuple[str, ...] = field(
        metadata={"doc": "The same numbers as written in their country."})
    website: str | None
    address: str | None
    role: Role
    confirmed: bool = field(metadata={"doc": "False: the spelling awaits the user's check."})
    confidence: Mapping[str, float] = field(
        metadata={"doc": "How sure each field's reading is, from 0 to 1."})
    source: Mapping[str, Origin] = field(
        metadata={"doc": "Where each field was read: qr (exact) or ocr (printed text)."})
    engine: str
    id: int | None = None
    application_id: int | None = None
    image: str | None = field(default=None, metadata={
        "omit_none": True, "doc": "The card found in the photo, straightened (a data: URL)."})


@dataclass(frozen=True, slots=True)
class CardScan:
    """The people read from a stack of card photos; saved or only proposed."""

    saved: bool
    application_id: int | None
    interview_id: int | None
    contacts: tuple[ScannedContact, ...]
    photos_kept: bool = field(default=False, metadata={
        "doc": "Whether saving keeps each card's image (the user's cards.keep_photos)."})


@dataclass(frozen=True)
class CardIn:
    """A card's person as the user checked it (the review form's fields)."""

    name: str
    title: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    confirmed: bool = False
    image: bytes | None = None
    """The straightened card, kept when the user's setting says so."""
    role: str | None = None
    """Their role, when not the one the whole stack is saved with."""


def _role(text: str | None, default: Role) -> Role:
    if not text:
        return default
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(f"unknown role {text!r}; use one of "
                           + ", ".join(r.value for r in Role), field="role") from None


def _target(repo: Repository, application_id: int | None,
            interview_id: int | None) -> tuple[int | None, int | None]:
    """The application (and interview) the cards are for, checked to exist."""
    if application_id is not None and interview_id is not None:
        raise InvalidInput("give an application or an interview, not both", field="interview")
    if interview_id is not None:
        return repo.interview(interview_id).application_id, interview_id
    if application_id is not None:
        repo.application(application_id)
    return application_id, None


def _keeps(repo: Repository) -> bool:
    """Whether the user asked to keep the image of each card saved."""
    return bool(stored_value(CARDS[0], repo.settings()))


def _reader(deps: Deps) -> PhotoReader:
    if deps.cards is None:
        raise NotAllowed("reading card photos is not set up here")
    return deps.cards


def _fields(found: CardFields) -> dict[str, Reading | None]:
    return {"name": found.name, "title": found.title, "organisation": found.organisation,
            "email": found.emails[0] if found.emails else None,
            "phone": found.phones[0] if found.phones else None,
            "website": found.website, "address": found.address}


def _proposed(number: int, found: CardFields, engine: str, role: Role, image: str | None,
              application_id: int | None) -> ScannedContact:
    readings = _fields(found)
    value = {k: (r.value if r else None) for k, r in readings.items()}
    phones = tuple(p.value for p in found.phones)
    return ScannedContact(
        number, value["name"], value["title"], value["organisation"], value["email"],
        value["phone"], tuple(e.value for e in found.emails), phones,
        tuple(national(p) for p in phones), value["website"], value["address"], role, False,
        {k: r.confidence for k, r in readings.items() if r},
        {k: r.source for k, r in readings.items() if r}, engine,
        application_id=application_id, image=image)


def card_fields(seen: CardText, region: str | None) -> CardFields:
    """What a card says: its QR code's contact (exact), completed from its printed lines."""
    printed = read_lines(seen.lines, region)
    for code in seen.codes:
        exact = read_code(code, region)
        if exact is not None:
            return merged(exact, printed)
    return printed


def scan_cards(deps: Deps, photos: Sequence[bytes], application_id: int | None = None,
               interview_id: int | None = None, role: str | None = None, save: bool = False,
               images: bool = False) -> CardScan:
    """Reads each card photo (a QR code first, it is exact; then the printed text) and proposes
    a contact per card; with `save`, records them too (see `save_cards`)."""
    if not photos:
        raise InvalidInput("give at least one card photo", field="photo", remedy=Remedy.GIVE)
    if len(photos) > limits.PHOTOS:
        raise InvalidInput(f"at most {limits.PHOTOS} card photos at once", field="photo")
    with deps.reading() as uow:
        region = user_of(uow.repo).country
        application_id, interview_id = _target(uow.repo, application_id, interview_id)
        keep = _keeps(uow.repo)
    reader = _reader(deps)
    kind = _role(role, Role.INTERVIEWER)
    proposed, pictures = [], []
    for number, photo in enumerate(photos, 1):
        try:
            seen = reader.read(photo)
        except InvalidInput as exc:
            if len(photos) == 1:
                raise
            raise InvalidInput(f"card photo {number}: {exc}", field=exc.field) from None
        found = card_fields(seen, region)
        url = "data:image/jpeg;base64," + base64.b64encode(seen.image).decode() \
            if images else None
        proposed.append(_proposed(number, found, seen.engine, kind, url, application_id))
        pictures.append(seen.image)
    if not save:
        return CardScan(False, application_id, interview_id, tuple(proposed), keep)
    unnamed = next((p.photo for p in proposed if not p.name), None)
    if unnamed is not None:
        raise InvalidInput(f"no name could be read on card photo {unnamed}; add that card "
                           "by hand", field="name")
    cards = [CardIn(p.name or "", p.title, p.organisation, p.email, p.phone, image=picture)
             for p, picture in zip(proposed, pictures, strict=True)]
    saved = save_cards(deps, cards, None if interview_id else application_id, interview_id, role)
    ids = {c.photo: c for c in saved.contacts}
    return CardScan(True, saved.application_id, saved.interview_id, tuple(
        _with_id(p, ids[p.photo]) for p in proposed), keep)


def _with_id(proposed: ScannedContact, saved: ScannedContact) -> ScannedContact:
    return replace(proposed, id=saved.id, application_id=saved.application_id,
                   name=saved.name, role=saved.role)


def _key(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").strip()).casefold()


def _known(contacts: list[Contact], name: str, email: str | None) -> Contact | None:
    """The application's contact who is this card's person: the same email, else the same
    name."""
    if email:
        match = next((c for c in contacts if _key(c.email) == _key(email)), None)
        if match is not None:
            return match
    return next((c for c in contacts if _key(c.name) == _key(name)), None)


def _checked(card: CardIn) -> CardIn:
    return CardIn(
        required(card.name, "the name", field="name"),
        limits.optional_text(card.title, "the title", limits.SHORT, "title"),
        limits.optional_text(card.organisation, "the organisation", limits.SHORT,
                             "organisation"),
        check_email(card.email) if card.email and card.email.strip() else None,
        limits.optional_text(card.phone, "the phone", limits.PHONE, "phone"),
        card.confirmed, card.image, card.role)


def save_cards(deps: Deps, cards: Sequence[CardIn], application_id: int | None = None,
               interview_id: int | None = None, role: str | None = None) -> CardScan:
    """Records the people of checked cards, all or none: each as a contact of the application
    (a person already known by email or name is completed, not doubled), and with an
    interview as one of its interviewers (or helpers); then re-plans, so each gets a note."""
    if not cards:
        raise InvalidInput("no card to save", field="name", remedy=Remedy.GIVE)
    if len(cards) > limits.PHOTOS:
        raise InvalidInput(f"at most {limits.PHOTOS} cards at once", field="name")
    checked = [_checked(c) for c in cards]
    kind = _role(role, Role.INTERVIEWER)
    with deps.uow() as uow:
        repo = uow.repo
        user_of(repo)
        app_id, interview_id = _target(repo, application_id, interview_id)
        if app_id is None:
            raise InvalidInput("say which application or interview the cards are for",
                               field="application", remedy=Remedy.GIVE)
        app = repo.application(app_id)
        interview = repo.interview(interview_id) if interview_id is not None else None
        known = repo.contacts(app_id)
        keep = _keeps(repo)
        saved, kept = [], []
        for number, card in enumerate(checked, 1):
            contact = _known(known, card.name, card.email)
            if contact is None:
                fresh = Contact(None, app_id, card.name, _role(card.role, kind), card.title,
                                card.organisation or app.company, card.email, card.phone,
                                card.confirmed, Source.CARD)
                fresh.keep_first()
                contact = repo.add_contact(fresh)
                known.append(contact)
            else:
                if not contact.confirmed:  # a spelling the user confirmed stays theirs
                    contact.name = card.name
                contact.title = card.title or contact.title
                contact.organisation = card.organisation or contact.organisation
                contact.email = card.email or contact.email
                contact.phone = card.phone or contact.phone
                contact.confirmed = contact.confirmed or card.confirmed
                contact.source = Source.CARD
                contact.keep_first()  # the card's address and number first in the lists
                repo.update_contact(contact)
            assert contact.id is not None
            if interview is not None and all(p.contact_id != contact.id
                                             for p in interview.participants):
                interview.participants.append(Participant(contact.id))
            if keep and card.image:
                kept.append((card.image, contact.id))
            saved.append(_contact_view(number, contact))
        if interview is not None:
            repo.update_interview(interview)
        replan(deps, repo, app_id, deps.clock())
        uow.commit()
    for image, contact_id in kept:
        _reader(deps).keep(image, contact_id)
    return CardScan(True, app_id, interview_id, tuple(saved), keep)


def _contact_view(number: int, contact: Contact) -> ScannedContact:
    phones = (contact.phone,) if contact.phone else ()
    return ScannedContact(
        number, contact.name, contact.title, contact.organisation, contact.email,
        contact.phone, (contact.email,) if contact.email else (), phones,
        tuple(national(p) for p in phones), None, None, contact.role, contact.confirmed,
        {}, {}, "", contact.id, contact.application_id)
