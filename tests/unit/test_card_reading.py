"""Reading a card's lines into a person (pure): names by shape, email and size; titles and
companies by their words; phones in E.164; a QR code's vCard or MECARD; and the two OCR
engines' readings of one line put together."""

from __future__ import annotations

import pytest

from followup.adapters.cards.engines import fuse
from followup.domain.card_codes import read_code
from followup.domain.card_text import Line, Origin, find_emails, find_phones, national, read_lines


def test_a_left_aligned_card_gives_every_field_with_its_confidence() -> None:
    card = read_lines([
        Line("Acme Widgets Ltd", 0.95, 30), Line("Siobhán Ó Briain", 0.97, 40),
        Line("Senior Talent Partner", 0.9, 20), Line("siobhan.obriain@acmewidgets.ie", 0.96, 18),
        Line("T: +353 1 234 5678  M: 087 123 4567", 0.9, 18), Line("www.acmewidgets.ie", 0.9),
        Line("12 Grand Canal Quay, Dublin 2", 0.9, 16)], "IE")
    assert card.name and card.name.value == "Siobhán Ó Briain"
    assert card.name.confidence == 0.97 and card.name.source is Origin.OCR
    assert card.title and card.title.value == "Senior Talent Partner"
    assert card.organisation and card.organisation.value == "Acme Widgets Ltd"
    assert [e.value for e in card.emails] == ["siobhan.obriain@acmewidgets.ie"]
    assert [p.value for p in card.phones] == ["+35312345678", "+353871234567"]
    assert card.website and card.website.value == "www.acmewidgets.ie"
    assert card.address and card.address.value == "12 Grand Canal Quay, Dublin 2"


def test_the_name_is_the_line_the_email_is_made_from_even_when_smaller() -> None:
    card = read_lines([Line("Kestrel Analytics", 0.9, 50), Line("Oluwaseun Adeyemi", 0.9, 30),
                       Line("Data Scientist", 0.9, 20), Line("seun.adeyemi@kestrel.ai")], "GB")
    assert card.name and card.name.value == "Oluwaseun Adeyemi"
    assert card.organisation and card.organisation.value == "Kestrel Analytics"


def test_a_job_word_makes_a_title_not_a_company() -> None:
    card = read_lines([Line("Tomás Ó Sé", 0.9, 40), Line("Software Engineer", 0.9, 20),
                       Line("Lumen Software", 0.9, 20), Line("tomas@lumen.eu")], "IE")
    assert card.title and card.title.value == "Software Engineer"
    assert card.organisation and card.organisation.value == "Lumen Software"


def test_a_chinese_name_is_a_name() -> None:
    card = read_lines([Line("王芳", 0.9, 40), Line("Engineering Manager", 0.9, 20),
                       Line("wang.fang@northwind.com", 0.9, 18)], "IE")
    assert card.name and card.name.value == "王芳"


@pytest.mark.parametrize(("text", "found"), [
    ("ann . lee @ acme . ie", ["ann.lee@acme.ie"]),
    ("Email: Ann.Lee@Acme.com", ["ann.lee@acme.com"]),
    ("ann(at)acme.ie", ["ann@acme.ie"]),
    ("no address here", []),
])
def test_emails_are_found_where_ocr_spaced_them_out(text: str, found: list[str]) -> None:
    assert find_emails(text) == found


@pytest.mark.parametrize(("text", "region", "found"), [
    ("Tel: 01 234 5678", "IE", ["+35312345678"]),
    ("+1 (415) 555-0100", "IE", ["+14155550100"]),
    ("M: 087 123 4567 | T: +44 20 7946 0958", "IE", ["+353871234567", "+442079460958"]),
    ("Mobile +49 30 1234 5678", None, ["+493012345678"]),
    ("O87 l23 4567", "IE", ["+353871234567"]),
    ("Founded 1999", "IE", []),
])
def test_phones_are_stored_in_e164_with_the_users_country_as_default(
        text: str, region: str | None, found: list[str]) -> None:
    assert find_phones(text, region) == found


def test_a_stored_phone_is_shown_as_its_country_writes_it() -> None:
    assert national("+35312345678") == "(01) 234 5678"


def test_a_vcard_in_a_qr_code_is_read_exactly_with_apple_groups_and_escapes() -> None:
    card = read_code("BEGIN:VCARD\r\nVERSION:3.0\r\nN:García;José;;;\r\nFN:José García\r\n"
                     "ORG:Contoso\\, Inc.;Sales\r\nTITLE:Technical Recruiter\r\n"
                     "item1.EMAIL;type=INTERNET:jose@contoso.com\r\n"
                     "TEL;TYPE=work:+34 91 555 0100\r\nEND:VCARD", "IE")
    assert card is not None and card.name is not None
    assert (card.name.value, card.name.confidence, card.name.source) == (
        "José García", 1.0, Origin.QR)
    assert card.organisation and card.organisation.value == "Contoso, Inc."
    assert [e.value for e in card.emails] == ["jose@contoso.com"]
    assert [p.value for p in card.phones] == ["+34915550100"]


def test_a_vcard_without_fn_takes_the_name_from_n_and_a_mecard_is_read() -> None:
    card = read_code("BEGIN:VCARD\nVERSION:2.1\nN:Lee;Ann\nEND:VCARD")
    assert card and card.name and card.name.value == "Ann Lee"
    mecard = read_code("MECARD:N:Ó Briain,Siobhán;TEL:012345678;EMAIL:s@acme.ie;;", "IE")
    assert mecard and mecard.name and mecard.name.value == "Siobhán Ó Briain"
    assert [p.value for p in mecard.phones] == ["+35312345678"]
    assert read_code("https://example.com/not-a-card") is None


@pytest.mark.parametrize(("rapid", "tesseract", "fused"), [
    ("Tomas OSé", "Tomás Ó Sé", "Tomás Ó Sé"),  # accents and word breaks from Tesseract
    ("SarahJohnson", "Sarah Johnson", "Sarah Johnson"),
    ("Soren Kierkegard", "Søren Kierkegård", "Søren Kierkegård"),
    ("Lukasz Wroblewski", "Łukasz Wróblewski", "Łukasz Wróblewski"),
    ("Grinwald GmbH", "Grünwald GmbH", "Grünwald GmbH"),  # a letter RapidOCR cannot write
    ("Ingrid Bjornstad", "lngrid Bjørnstad", "Ingrid Bjørnstad"),  # RapidOCR's "I" stands
    ("Ann Lee", "Totally different", "Ann Lee"),
])
def test_the_two_engines_readings_of_a_line_are_put_together(
        rapid: str, tesseract: str, fused: str) -> None:
    assert fuse(rapid, tesseract) == fused


def test_of_two_readings_of_an_address_the_one_like_the_name_is_taken() -> None:
    card = read_lines([Line("Ingrid Bjørnstad", 0.9, 40),
                       Line("ingrid.bjomstad@orchardbank.co.uk", 0.9, 18,
                            others=("ingrid.bjornstad@orchardbank.co.uk",))], "IE")
    assert [e.value for e in card.emails] == ["ingrid.bjornstad@orchardbank.co.uk"]
    kept = read_lines([Line("Ann Lee", 0.9, 40),
                       Line("ann.lee@acme.ie", 0.9, 18, others=("ann.1ee@acme.ie",))], "IE")
    assert [e.value for e in kept.emails] == ["ann.lee@acme.ie"]


@pytest.mark.parametrize(("name", "read", "meant"), [
    ("Ingrid Bjørnstad", "ingrid.bjomstad@orchardbank.co.uk",
     "ingrid.bjornstad@orchardbank.co.uk"),
    ("Lucía Fernández", "lucia.femandez@gruenwald.de", "lucia.fernandez@gruenwald.de"),
    ("Emma Stone", "emma.stone@acme.ie", "emma.stone@acme.ie"),  # a real "m" stays
    ("Ann Lee", "info@acme.ie", "info@acme.ie"),  # an address not made from the name
])
def test_an_ocr_slip_in_an_address_is_undone_only_where_it_spells_the_name(
        name: str, read: str, meant: str) -> None:
    card = read_lines([Line(name, 0.9, 40), Line(read, 0.9, 18)], "IE")
    assert [e.value for e in card.emails] == [meant]
