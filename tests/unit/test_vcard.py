"""vCard files as Apple, Google and Outlook write them, and RFC 6350's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.adapters.vcard import read, write
from followup.domain import limits
from followup.domain.cards import CardPerson, name_parts
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Role, Source

FILES = Path(__file__).parent / "vcards"


def people(name: str) -> dict[str, CardPerson]:
    return {p.name: p for p in read((FILES / name).read_bytes())}


def test_apple_cards_give_grouped_addresses_the_preferred_first_and_skip_the_photo() -> None:
    found = people("apple.vcf")
    jose = found["José Núñez"]
    assert jose.source is Source.VCARD
    assert jose.emails == ("jose.nunez@acme.example", "jnunez@acme.example")
    assert jose.phones == ("+353 87 123 4567", "01 555 0100")
    assert (jose.title, jose.organisation) == ("Head of Data", "Acme Ltd")
    assert jose.website == "https://acme.example/jose"  # Apple's escaped colon, unescaped
    assert found["王芳"].organisation == "星辰科技有限公司"


def test_google_cards_keep_every_address_and_ignore_categories_and_notes() -> None:
    found = people("google.vcf")
    assert list(found) == ["Siobhán Ní Bhriain", "Liam O'Connor"]
    siobhan = found["Siobhán Ní Bhriain"]
    assert siobhan.emails == ("siobhan.nibhriain@olafsson.example", "siobhan@home.example")
    assert siobhan.website == "https://olafsson.example"
    assert siobhan.phones == ("087 765 4321",)


def test_outlook_2_1_in_the_windows_code_page_with_quoted_printable_soft_breaks() -> None:
    found = people("outlook.vcf")
    padraig = found["Pádraig Ó Briain"]
    assert padraig.title == "Senior Recruiter – Technology & Data Science"
    assert padraig.emails == ("padraig.obriain@fabrikam.example",)
    assert padraig.phones == ("+353 1 555 0102", "086 123 4567")
    assert found["Karl-Heinz Müller"].emails == ("k.mueller@beispiel.example",)


def test_rfc_6350_examples_with_tel_uris_and_pref_order() -> None:
    found = people("rfc6350.vcf")
    simon = found["Simon Perreault"]
    assert simon.phones == ("+1-418-656-9254", "+1-418-262-6501")  # tel: and ;ext= removed
    assert simon.organisation == "Viagenie" and simon.website == "http://nomis80.org"
    jane = found["Jane Doe"]
    assert jane.emails == ("jane.doe@work.example.com", "jane_doe@example.com")  # PREF=1 first
    assert jane.organisation == "ABC, Inc."


def test_the_spelling_comes_from_fn_and_from_n_only_without_fn() -> None:
    both = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Byrne;Mary;;;\r\nFN:Máire Byrne\r\nEND:VCARD\r\n"
    only_n = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Byrne;Mary;Anne;Dr.;\r\nEND:VCARD\r\n"
    assert read(both.encode())[0].name == "Máire Byrne"
    assert read(only_n)[0].name == "Dr. Mary Anne Byrne"


def test_vcard_2_1_bare_pref_puts_that_address_first() -> None:
    card = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A B\r\nEMAIL;INTERNET:old@x.example\r\n"
            b"EMAIL;PREF;INTERNET:new@x.example\r\nEND:VCARD\r\n")
    assert read(card)[0].emails == ("new@x.example", "old@x.example")


def test_exported_cards_are_vcard_3_with_fn_and_n_and_read_back_the_same() -> None:
    contacts = [Contact(1, 1, "José Núñez", Role.INTERVIEWER, "Head of Data", "Acme Ltd",
                        emails=["jose@acme.example", "j@acme.example"],
                        phones=["+35315550100"], website="https://acme.example"),
                Contact(2, 1, "王芳", Role.RECRUITER, organisation="星辰科技")]
    text = write(contacts)
    assert text.count("BEGIN:VCARD") == 2 and text.count("VERSION:3.0") == 2
    assert "N:Núñez;José;;;" in text and "N:王芳;;;;" in text
    again = read(text.encode())
    assert [p.name for p in again] == ["José Núñez", "王芳"]
    assert again[0].emails == ("jose@acme.example", "j@acme.example")
    assert again[0].phones == ("+35315550100",)
    assert again[0].website == "https://acme.example"


@pytest.mark.parametrize(("data", "said"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"hello, this is not a card", "no vCard"),
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n",
     "not an email address"),
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:no name\r\nEND:VCARD\r\n", "no name"),
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nBEGIN:VCARD\r\nEND:VCARD\r\n", "damaged"),
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\x1b[31mB\r\nEND:VCARD\r\n", "control character"),
    (b"BEGIN:VCARD\r\n" + b"X" * (limits.CARD_FILE + 1), "too large"),
])
def test_a_file_that_is_no_usable_vcard_is_a_clear_error(data: bytes, said: str) -> None:
    with pytest.raises(InvalidInput, match=said) as caught:
        read(data)
    assert caught.value.field == "file"


def test_more_people_than_one_file_may_hold_is_refused() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"
    with pytest.raises(InvalidInput, match="more than"):
        read(card * (limits.CARDS + 1))


@pytest.mark.parametrize(("name", "parts"), [
    ("José Núñez", ("Núñez", "José")),
    ("Siobhán Ó Briain", ("Ó Briain", "Siobhán")),
    ("Anna van der Berg", ("van der Berg", "Anna")),
    ("王芳", ("王芳", "")),
    ("Mary Anne Byrne", ("Byrne", "Mary Anne")),
])
def test_n_holds_the_family_name_with_its_particles(name: str, parts: tuple[str, str]) -> None:
    assert name_parts(name) == parts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "FN:José",
    "N:Núñez;José;;;", "EMAIL:a@b.example", "EMAIL;PREF:x", "TEL:+353 1 555 0100",
    "TEL;VALUE=uri:tel:", "ORG:;", "URL:https\\://x", "TITLE;ENCODING=QUOTED-PRINTABLE:=C3=",
    "FN;CHARSET=bogus;ENCODING=QUOTED-PRINTABLE:=E9", " folded", "item1.EMAIL:q@r.example",
    "X-ODD:\\", ":", ";;;", "",
]), max_size=25))
def test_any_arrangement_of_lines_gives_people_or_a_clear_error(lines: list[str]) -> None:
    try:
        found = read("\r\n".join(lines).encode())
    except InvalidInput:
        return
    assert all(p.name for p in found)
