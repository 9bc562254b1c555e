"""Phone numbers in E.164, a contact's lists of addresses and numbers, and duplicates."""

from __future__ import annotations

import pytest

from followup.domain.duplicates import Alike, pairs
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Role
from followup.domain.phones import normalised, shown


@pytest.mark.parametrize(("typed", "country", "stored"), [
    ("01 555 0100", "IE", "+35315550100"),
    ("+353 1 555 0100", None, "+35315550100"),
    ("(212) 555-0101", "US", "+12125550101"),
    ("+44 20 7946 0958", "IE", "+442079460958"),
])
def test_numbers_are_stored_in_e164_read_in_the_users_country(
        typed: str, country: str | None, stored: str) -> None:
    assert normalised(typed, country) == stored


def test_numbers_are_shown_nationally_at_home_and_internationally_abroad() -> None:
    assert shown("+35315550100", "IE") == "(01) 555 0100"
    assert shown("+442079460958", "IE") == "+44 20 7946 0958"
    assert shown("as typed long ago", "IE") == "as typed long ago"


@pytest.mark.parametrize(("typed", "country", "said"), [
    ("call me", "IE", "not a phone number"),
    ("12", "IE", "too short"),
    ("555 0100 99", None, "no country code"),
])
def test_what_is_no_phone_number_is_refused(typed: str, country: str | None,
                                            said: str) -> None:
    with pytest.raises(InvalidInput, match=said):
        normalised(typed, country)


def test_email_and_phone_stay_the_first_of_their_lists() -> None:
    contact = Contact(1, 1, "A", email="B@x.example", emails=["a@x.example", "b@x.example"],
                      phones=["+35315550100"])
    contact.keep_first()
    assert contact.emails == ["B@x.example", "a@x.example"]  # one address, whatever its case
    assert contact.phone == "+35315550100"


def contact(id: int, name: str, email: str | None = None, org: str = "Acme",
            app: int = 1, confirmed: bool = False) -> Contact:
    return Contact(id, app, name, Role.INTERVIEWER, organisation=org, email=email,
                   confirmed=confirmed)


def test_the_same_address_or_the_same_name_at_the_same_company_look_alike() -> None:
    found = pairs([
        contact(1, "José Núñez", "jose@acme.example"),
        contact(2, "Jose Nunez", confirmed=True),  # read from a card without accents
        contact(3, "J. Núñez", "JOSE@acme.example"),
        contact(4, "Mary Byrne", org="Contoso"),
        contact(5, "Mary Byrne", org="Acme"),
        contact(6, "José Núñez", "jose@acme.example", app=2),  # another application
    ])
    assert {(p.keep.id, p.other.id, p.alike) for p in found} == {
        (2, 1, Alike.NAME),  # the confirmed spelling is kept
        (1, 3, Alike.EMAIL),
    }
