"""Phone numbers: stored in E.164 (+35315550100) and shown as people at home write them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.domain import limits
from followup.domain.errors import InvalidInput

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber


def normalised(text: str, country: str | None, field: str | None = "phone") -> str:
    """A number as typed, on a card or in a vCard, in E.164; a number without its country
    code is read in the user's `country`. Text that is no phone number is an error."""
    import phonenumbers  # its metadata loads only where a number is read

    typed = limits.text(text, "the phone number", limits.PHONE, field)
    try:
        number = phonenumbers.parse(typed, country.upper() if country else None)
    except phonenumbers.NumberParseException:
        if not typed.lstrip().startswith("+") and not country and _digits(typed) >= 6:
            raise InvalidInput(
                f"{typed!r} has no country code; write it like +353 1 234 5678, or set your "
                "country in your profile", field=field) from None
        raise InvalidInput(f"{typed!r} is not a phone number", field=field) from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidInput(f"{typed!r} is too short or too long to be a phone number",
                           field=field)
    found: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return found


def shown(stored: str, country: str | None) -> str:
    """A stored number for people: in the national form when it is of the user's country,
    in the international one otherwise (as typed when it could never be read)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(stored, country.upper() if country else None)
    except phonenumbers.NumberParseException:
        return stored
    home = bool(country) and _country_of(number) == (country or "").upper()
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    text: str = phonenumbers.format_number(number, style)
    return text


def _country_of(number: PhoneNumber) -> str | None:
    import phonenumbers

    region: str | None = phonenumbers.region_code_for_number(number)
    return region


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)
