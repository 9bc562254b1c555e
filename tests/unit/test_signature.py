"""Email signatures read as a person: the block under the email, in the shapes people write."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.errors import InvalidInput
from followup.domain.model import Source
from followup.domain.signature import parse_signature


def test_a_sign_off_then_name_title_and_company_on_one_line_and_labelled_numbers() -> None:
    person = parse_signature(
        "Hi Siobhán,\n\nThanks for coming in today.\n\nBest regards,\n\nJosé Núñez\n"
        "Head of Data | Acme Ltd\nT: +353 1 555 0100 | M: +353 87 123 4567\n"
        "jose.nunez@acme.example\nwww.acme.example\n")
    assert person.source is Source.EMAIL
    assert (person.name, person.title, person.organisation) == (
        "José Núñez", "Head of Data", "Acme Ltd")
    assert person.phones == ("+353 1 555 0100", "+353 87 123 4567")
    assert person.emails == ("jose.nunez@acme.example",)
    assert person.website == "www.acme.example"


def test_the_dash_dash_line_starts_the_signature_and_an_address_is_left_out() -> None:
    person = parse_signature(
        "Thanks again!\n--\nMary Byrne\nSenior Talent Acquisition Partner\nOlafsson & Co.\n"
        "Direct: 01 555 0101\nmary@olafsson.example | https://olafsson.example\n"
        "12 Main Street, Dublin 2\n")
    assert (person.name, person.title, person.organisation) == (
        "Mary Byrne", "Senior Talent Acquisition Partner", "Olafsson & Co.")
    assert person.phones == ("01 555 0101",)
    assert person.website == "https://olafsson.example"


def test_title_and_company_after_a_comma_and_a_legal_notice_below() -> None:
    person = parse_signature(
        "Kind regards,\nAoife Ní Bhriain\nTalent Partner, Northwind Traders\n"
        "Mobile +44 7700 900123\naoife.nibhriain@northwind.example\n\n"
        "This email and any attachments are confidential and intended solely for the "
        "addressee. 555 0100\n")
    assert (person.name, person.title, person.organisation) == (
        "Aoife Ní Bhriain", "Talent Partner", "Northwind Traders")
    assert person.phones == ("+44 7700 900123",)


def test_a_name_in_chinese_script_with_a_chinese_sign_off() -> None:
    person = parse_signature("谢谢，\n王芳\n工程经理\n星辰科技有限公司\n电话: +86 10 5555 0123\n"
                             "wang.fang@xingchen.example\n")
    assert (person.name, person.title, person.organisation) == (
        "王芳", "工程经理", "星辰科技有限公司")
    assert person.phones == ("+86 10 5555 0123",)


def test_the_quoted_reply_below_is_not_read() -> None:
    person = parse_signature(
        "Cheers,\nLiam O'Connor, Engineering Manager at Contoso\n+1 (212) 555-0199\n\n"
        "On Tue, 24 Nov 2026 at 10:00, Siobhán Ó Briain <siobhan@example.com> wrote:\n"
        "> Dear Liam,\n> Thank you for your time.\n")
    assert (person.name, person.title, person.organisation) == (
        "Liam O'Connor", "Engineering Manager", "Contoso")
    assert person.emails == ()  # the quoted sender's address is not his


def test_the_headers_of_a_reply_quoted_below_are_not_the_senders() -> None:
    person = parse_signature(
        "Thanks,\nMary Byrne\nRecruiter, Contoso\n\n-----Original Message-----\n"
        "From: Siobhán Ó Briain <siobhan@example.com>\nSent: Monday\nSubject: Thanks\n")
    assert person.name == "Mary Byrne" and person.emails == ()


def test_a_pasted_message_with_headers_gives_the_address_of_its_sender() -> None:
    person = parse_signature(
        "From: Karl-Heinz Müller <k.mueller@beispiel.example>\nSent: Tuesday\n"
        "Subject: Next steps\n\nDear Siobhán,\nwe will decide by Friday.\n\n"
        "Mit freundlichen Grüßen\nKarl-Heinz Müller\nLeiter Personal\nBeispiel GmbH\n"
        "Tel. +49 30 5555 0100\nFax +49 30 5555 0199\n")
    assert (person.name, person.organisation) == ("Karl-Heinz Müller", "Beispiel GmbH")
    assert person.emails == ("k.mueller@beispiel.example",)
    assert person.phones == ("+49 30 5555 0100",)  # not the fax


@pytest.mark.parametrize("text", ["", "Thanks,\n", "12 Main Street\n+353 1 555 0100\n",
                                  "see you soon at 10:00 on 24.11.2026"])
def test_a_text_that_names_nobody_is_an_error(text: str) -> None:
    with pytest.raises(InvalidInput, match="no name") as caught:
        parse_signature(text)
    assert caught.value.field == "text"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400))
def test_any_text_gives_a_person_or_a_clear_error(text: str) -> None:
    try:
        person = parse_signature(text)
    except InvalidInput:
        return
    assert person.name.strip() and "\n" not in person.name
