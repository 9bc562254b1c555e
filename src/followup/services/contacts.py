"""Contacts: the people of an application, with the exact spelling of their names."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain import limits, names, phones
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
    """Replaces the first address (blank: removes it)."""
    phone: str | None = None
    """Replaces the first number (blank: removes it), read in the user's country."""
    role: str | None = None
    confirmed: bool | None = None
    honorific: str | None = None
    """Ms., Mr., Dr., Mx. or Prof. (with or without the stop), or "none"."""
    first_name: str | None = None
    family_name: str | None = None
    """As the person writes it; a blank is guessed from the name (as a new contact's are)."""
    website: str | None = None


def role_named(text: str) -> Role:
    """The role a person typed, such as "recruiter"."""
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(f"unknown role {text!r}; use one of "
                           + ", ".join(r.value for r in Role), field="role") from None


def _apply(contact: Contact, form: ContactForm, country: str | None) -> None:
    if form.name is not None:
        names.rename(contact, required(form.name, "the name", field="name"))
    if form.honorific is not None:
        contact.honorific = limits.honorific(form.honorific)
    if form.title is not None:
        contact.title = limits.optional_text(form.title, "the title", limits.SHORT, "title")
    if form.website is not None:
        contact.website = limits.optional_text(form.website, "the website", limits.URL,
                                               "website", lines=False)
    guessed = dict(zip(("first_name", "family_name"), names.guess(contact.name), strict=True))
    for name, guess in guessed.items():
        value = getattr(form, name)
        if value is not None:  # left blank: guessed from the name again
            what = f"the {name.replace('_', ' ')}"
            setattr(contact, name, limits.optional_text(value, what, limits.SHORT, name) or guess)
    contact.keep_first()
    if form.email is not None:
        email = check_email(form.email) if form.email.strip() else None
        contact.emails = [*([email] if email else []), *contact.emails[1:]]
        contact.email = None
    if form.phone is not None:
        phone = phones.normalised(form.phone, country) if form.phone.strip() else None
        contact.phones = [*([phone] if phone else []), *contact.phones[1:]]
        contact.phone = None
    contact.keep_first()
    if form.role is not None:
        contact.role = role_named(form.role)
    if form.confirmed is not None:
        contact.confirmed = form.confirmed


def add_contact(deps: Deps, application_id: int, form: ContactForm) -> ContactView:
    with deps.uow() as uow:
        repo = uow.repo
        app = repo.application(application_id)
        contact = Contact(None, app.id, required(form.name, "the name", field="name"),
                          Role.RECRUITER,
                          organisation=app.company)
        _apply(contact, form, user_of(repo).country)
        repo.add_contact(contact)
        replan(deps, repo, application_id, deps.clock())
        uow.commit()
        return contact_view(contact)


def edit_contact(deps: Deps, contact_id: int, form: ContactForm) -> ContactView:
    with deps.uow() as uow:
        repo = uow.repo
        contact = repo.contact(contact_id)
        _apply(contact, form, user_of(repo).country)
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
