"""People taken from what the user already holds: vCard files and email signatures. The
spelling is the source's own; a person already known by an email address is updated, never
doubled; a signature is only proposed until the user saves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from followup.domain import limits, phones
from followup.domain.cards import CardPerson
from followup.domain.duplicates import folded
from followup.domain.errors import InvalidInput
from followup.domain.model import Application, Contact, Role, Source
from followup.domain.signature import parse_signature
from followup.services.contacts import role_named
from followup.services.context import Deps, replan, user_of
from followup.services.people import PersonView, person_view

CardReader = Callable[[bytes], list[CardPerson]]
"""Reads a vCard file into people (the vCard adapter, through the composition root)."""
CardWriter = Callable[[list[Contact]], str]
"""Writes contacts as a vCard file."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A person of the file that was not saved, and why."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Imported:
    """What a vCard import did: the people added, those already known and updated, and those
    left out because no application could be told for them."""

    added: tuple[PersonView, ...]
    updated: tuple[PersonView, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A person read from a signature, not saved: the fields to review, and the contact the
    same address already belongs to (which saving updates), if any."""

    name: str
    title: str | None
    organisation: str | None
    email: str | None
    phone: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...] = field(metadata={"doc": "E.164 where the number could be read."})
    website: str | None
    phones_shown: tuple[str, ...] = field(metadata={
        "doc": "The numbers as people write them: national for the user's country."})
    known: PersonView | None = field(metadata={
        "doc": "The contact this address already belongs to; saving updates it."})


@dataclass(frozen=True, slots=True)
class Saved:
    contact: PersonView
    added: bool = field(metadata={"doc": "False when a contact already known was updated."})


def import_vcards(deps: Deps, data: bytes, read: CardReader,
                  application_id: int | None = None, role: str | None = None) -> Imported:
    """Adds the people of a vCard file to an application (without one: to the application
    of their company, when exactly one is followed up), or updates those already known by an
    email address (a card without one: by name in that application); the whole file or
    nothing."""
    people = read(data)
    kind = role_named(role) if role else Role.RECRUITER
    added: list[Contact] = []
    updated: list[Contact] = []
    skipped: list[Skipped] = []
    with deps.uow() as uow:
        repo = uow.repo
        country = user_of(repo).country
        target = repo.application(application_id) if application_id is not None else None
        known = repo.contacts(application_id)
        companies = repo.applications() if target is None else [target]
        for person in people:
            contact = _known(known, person)
            if contact is None:
                app = target or _company(companies, person)
                if app is None:
                    skipped.append(Skipped(person.name, _why_skipped(companies, person)))
                    continue
                contact = _named(known, app, person)
                if contact is None:
                    contact = Contact(None, app.id, person.name, kind, organisation=app.company)
                    known.append(contact)
                    added.append(contact)
            if not any(c is contact for c in added + updated):
                updated.append(contact)
            _take(contact, person, country, lenient=True)
        for contact in added:
            repo.add_contact(contact)
        for contact in updated:
            repo.update_contact(contact)
        for app_id in sorted({c.application_id or 0 for c in added + updated}):
            replan(deps, repo, app_id, deps.clock())
        uow.commit()
        return Imported(tuple(person_view(c, country) for c in added),
                        tuple(person_view(c, country) for c in updated), tuple(skipped))


def export_vcards(deps: Deps, write: CardWriter, application_id: int | None = None) -> str:
    """Every contact (or an application's) as a vCard file for an address book."""
    with deps.reading() as uow:
        user_of(uow.repo)
        if application_id is not None:
            uow.repo.application(application_id)
        return write(uow.repo.contacts(application_id))


def read_signature(deps: Deps, text: str, application_id: int | None = None) -> Proposal:
    """The person an email signature names, proposed for review; nothing is saved."""
    person = parse_signature(limits.text(text, "the signature", limits.LONG, "text"))
    with deps.reading() as uow:
        country = user_of(uow.repo).country
        if application_id is not None:
            uow.repo.application(application_id)
        known = _known(uow.repo.contacts(application_id), person)
    numbers = tuple(_number(p, country, lenient=True) for p in person.phones)
    return Proposal(person.name, person.title, person.organisation,
                    person.emails[0] if person.emails else None,
                    numbers[0] if numbers else None, person.emails, numbers, person.website,
                    tuple(phones.shown(n, country) for n in numbers),
                    person_view(known, country) if known else None)


def save_person(deps: Deps, application_id: int, person: CardPerson,
                role: str | None = None, lenient: bool = False) -> Saved:
    """Saves a reviewed person to an application: updates the contact the same address
    belongs to there, or adds one (spelling confirmed: the user has just checked it). A
    number that cannot be read is an error, or with `lenient` kept as written."""
    with deps.uow() as uow:
        repo = uow.repo
        country = user_of(repo).country
        app = repo.application(application_id)
        contact = _known(repo.contacts(application_id), person)
        added = contact is None
        if contact is None:
            contact = Contact(None, app.id, person.name,
                              role_named(role) if role else Role.RECRUITER,
                              organisation=app.company)
        _take(contact, person, country, lenient)
        repo.add_contact(contact) if added else repo.update_contact(contact)
        replan(deps, repo, application_id, deps.clock())
        uow.commit()
        return Saved(person_view(contact, country), added)


def person_from(name: str | None, *, source: Source, title: str | None = None,
                organisation: str | None = None, email: str | None = None,
                phone: str | None = None, website: str | None = None) -> CardPerson:
    """A person from a reviewed form, each field within the limits."""
    return CardPerson(
        limits.text(name, "the name", field="name"), source,
        limits.optional_text(title, "the title", limits.SHORT, "title"),
        limits.optional_text(organisation, "the organisation", limits.SHORT, "organisation"),
        (limits.email(email),) if email and email.strip() else (),
        (limits.text(phone, "the phone number", limits.PHONE, "phone"),)
        if phone and phone.strip() else (),
        limits.optional_text(website, "the website", limits.URL, "website", lines=False))


def _take(contact: Contact, person: CardPerson, country: str | None, lenient: bool) -> None:
    """The person's details onto the contact: the spelling, and what the source gives."""
    contact.keep_first()
    contact.name, contact.confirmed, contact.source = person.name, True, person.source
    for name in ("title", "organisation", "website"):
        value = getattr(person, name)
        if value:
            setattr(contact, name, value)
    contact.emails = [*person.emails, *contact.emails]
    contact.phones = [*(_number(p, country, lenient) for p in person.phones), *contact.phones]
    contact.email = contact.phone = None
    contact.keep_first()


def _number(text: str, country: str | None, lenient: bool) -> str:
    """E.164; a file's number that cannot be read is kept as written rather than lost."""
    try:
        return phones.normalised(text, country)
    except InvalidInput:
        if lenient:
            return text
        raise


def _known(contacts: list[Contact], person: CardPerson) -> Contact | None:
    wanted = {e.casefold() for e in person.emails}
    for contact in contacts:
        if any(e.casefold() in wanted for e in contact.emails or [contact.email or ""]):
            return contact
    return None


def _named(contacts: list[Contact], app: Application, person: CardPerson) -> Contact | None:
    """Without an address to know them by, the application's contact of the same name (so
    that importing a file again adds nobody twice)."""
    if person.emails:
        return None
    wanted = folded(person.name)
    return next((c for c in contacts if c.application_id == app.id
                 and folded(c.name) == wanted), None)


def _company(applications: list[Application], person: CardPerson) -> Application | None:
    matches = [a for a in applications if person.organisation
               and folded(a.company) == folded(person.organisation)]
    return matches[0] if len(matches) == 1 else None


def _why_skipped(applications: list[Application], person: CardPerson) -> str:
    if not person.organisation:
        return "no company on the card and no application given"
    if any(folded(a.company) == folded(person.organisation) for a in applications):
        return f"several applications at {person.organisation}: give the application"
    return f"no application at {person.organisation}: give the application"

