"""Contacts: the people of an application, with the exact spelling of their names."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain import limits
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Role
from followup.services.context import Deps, check_email, replan, required, user_of
from followup.services.views import ContactView, contact_view


@dataclass
class ContactForm:
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None
    confirmed: bool | None = None


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(f"unknown role {text!r}; use one of "
                           + ", ".join(r.value for r in Role)) from None


def _apply(contact: Contact, form: ContactForm) -> None:
    if form.name is not None:
        contact.name = required(form.name, "the name", field="name")
    for name, longest in (("title", limits.SHORT), ("phone", limits.PHONE)):
        value = getattr(form, name)
        if value is not None:
            setattr(contact, name, limits.optional_text(value, f"the {name}", longest, name))
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
