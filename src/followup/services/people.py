"""People: every contact with their numbers as people write them, where the spelling came
from, and the records that look like the same person, merged on request."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import phones
from followup.domain.duplicates import Alike, pairs
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import Contact, Source
from followup.services.context import Deps, replan, user_of
from followup.services.views import ContactView, contact_view, doc, extended

FROM_A_CARD = frozenset({Source.CARD, Source.VCARD})


@dataclass(frozen=True, slots=True)
class PersonView(ContactView):
    """A contact as people read it: the numbers as they write them, the spelling's source."""

    phones_shown: tuple[str, ...] = doc(
        "The numbers as people write them: national for the user's country.")
    from_card: bool = doc("The spelling was confirmed from a business card or a vCard.")


def person_view(contact: Contact, country: str | None) -> PersonView:
    shown = contact_view(contact)
    return extended(shown, PersonView,
                    phones_shown=tuple(phones.shown(p, country) for p in shown.phones),
                    from_card=contact.confirmed and contact.source in FROM_A_CARD)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two records that look like one person: merge `other` into `keep`."""

    keep: PersonView
    other: PersonView
    alike: Alike = field(metadata={"doc": "email: they share an address; name: the same name "
                                          "at the same company."})


@dataclass(frozen=True, slots=True)
class People:
    contacts: tuple[PersonView, ...]
    duplicates: tuple[Duplicate, ...]


@dataclass(frozen=True, slots=True)
class Merged:
    """The kept contact, now holding the other's details, interviews, touches and steps."""

    contact: PersonView
    merged_id: int = field(metadata={"doc": "The contact merged into it, which is gone."})


def people(deps: Deps, application_id: int | None = None) -> People:
    """Every contact (or an application's), with the pairs that look like one person."""
    with deps.reading() as uow:
        country = user_of(uow.repo).country
        if application_id is not None:
            uow.repo.application(application_id)
        found = uow.repo.contacts(application_id)
    views = {c.id: person_view(c, country) for c in found}
    return People(tuple(views.values()), tuple(
        Duplicate(views[p.keep.id], views[p.other.id], p.alike) for p in pairs(found)))


def merge_contacts(deps: Deps, keep_id: int, other_id: int) -> Merged:
    """Merges two records of one person: the kept one gains the other's addresses, numbers
    and missing details, its places at interviews, its touches and its steps; the other is
    deleted and the application re-planned, all at once."""
    if keep_id == other_id:
        raise InvalidInput("give two different contacts to merge", field="other_id")
    with deps.uow() as uow:
        repo = uow.repo
        country = user_of(repo).country
        keep, other = repo.contact(keep_id), repo.contact(other_id)
        if keep.application_id != other.application_id:
            raise NotAllowed(f"{keep.name} and {other.name} belong to different applications; "
                             "only the records of one application can be merged",
                             field="other_id")
        keep.keep_first()
        other.keep_first()
        keep.emails = [*keep.emails, *other.emails]
        keep.phones = [*keep.phones, *other.phones]
        for name in ("title", "organisation", "website"):
            if not getattr(keep, name):
                setattr(keep, name, getattr(other, name))
        if other.confirmed and not keep.confirmed:
            keep.name, keep.confirmed, keep.source = other.name, True, other.source
        repo.update_contact(keep)
        repo.move_contact(other_id, keep_id)
        repo.delete_contact(other_id)
        replan(deps, repo, keep.application_id or 0, deps.clock())
        uow.commit()
        return Merged(person_view(keep, country), other_id)
