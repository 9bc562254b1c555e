"""Contacts: the people of an application, with the exact spelling of their names."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain import limits, names
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Role
from followup.services.context import Deps, check_email, replan, required, user_of
from followup.services.views import ContactView, contact_view


@dataclass
class ContactForm:
    """What a user typed about a contact; None leaves a field as it was, a blank clears it."""

    name: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None
    confirmed: bool | None = None
    honorific: str | None = None
    """Ms., Mr., Dr., Mx. or Prof. (with or without the stop), or "none"."""
    first_name: str | None = None
    family_name: str | None = None
    """As the person writes it; a blank is guessed from the name (as a new contact's are)."""


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(f"unknown role {text!r}; use one of "
                           + ", ".join(r.value for r in Role)) from None


def _apply(contact: Contact, form: ContactForm) -> None:
    if form.name is not None:
        names.rename(contact, required(form.name, "the name", field="name"))
    if form.honorific is not None:
        contact.honorific = limits.honorific(form.honorific)
    for name, longest in (("title", limits.SHORT), ("phone", limits.PHONE)):
        value = getattr(form, name)
        if value is not None:
            setattr(contact, name, limits.optional_text(value, f"the {name}", longest, name))
    guessed = dict(zip(("first_name", "family_name"), names.guess(contact.name), strict=True))
    for name, guess in guessed.items():
        value = getattr(form, name)
        if value is not None:  # left blank: guessed from the name again
            what = f"the {name.replace('_', ' ')}"
            setattr(contact, name, limits.optional_text(value, what, limits.SHORT, name) or guess)
    if form.email is not None:
        contact.email = check_email(form.email) if form.email.strip() else None
    if form.role is not None:
        contact.role = _role(form.role)
    if form.confirmed is not None:
        contact.confirmed = form.confirmed


def add_contact(deps: Deps, application_id: int, form: ContactForm) -> ContactView:
    with deps.uow() as uow:
        repo = uow.repo
        app = repo.application(application_id)
        contact = Contact(None, app.id, required(form.name, "the name", field="name"),
                          Role.RECRUITER,
                          organisation=app.company)
        _apply(contact, form)
        repo.add_contact(contact)
        replan(deps, repo, application_id, deps.clock())
        uow.commit()
        return contact_view(contact)


def edit_contact(deps: Deps, contact_id: int, form: ContactForm) -> ContactView:
    with deps.uow() as uow:
        repo = uow.repo
        contact = repo.contact(contact_id)
        _apply(contact, form)
        repo.update_contact(contact)
        replan(deps, repo, contact.application_id or 0, deps.clock())
        uow.commit()
        return contact_view(contact)


def show_contact(deps: Deps, contact_id: int) -> ContactView:
    with deps.uow() as uow:
        return contact_view(uow.repo.contact(contact_id))


def list_contacts(deps: Deps, application_id: int | None = None) -> list[ContactView]:
    with deps.uow() as uow:
        user_of(uow.repo)
        if application_id is not None:
            uow.repo.application(application_id)
        return [contact_view(c) for c in uow.repo.contacts(application_id)]
