"""Names as people write them: the honorific split off, first and family names guessed only
when clear, and the greetings a formal and a warm note open with."""

from __future__ import annotations

import pytest

from followup.domain import limits
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Honorific, Kind
from followup.domain.names import guess, rename, split_honorific
from followup.domain.notes.compose import compose
from followup.domain.notes.facts import NoteFacts, Recipient, Tone


@pytest.mark.parametrize(("given", "honorific", "name"), [
    ("Dr. Priya Raghunathan", Honorific.DR, "Priya Raghunathan"),
    ("dr Priya Raghunathan", Honorific.DR, "Priya Raghunathan"),
    ("Prof.Li Wei", Honorific.PROF, "Li Wei"),
    ("Professor Ada Byron", Honorific.PROF, "Ada Byron"),
    ("Mx. Sam Taylor", Honorific.MX, "Sam Taylor"),
    ("Ms Siobhán Ó Briain", Honorific.MS, "Siobhán Ó Briain"),
    ("Mr.  José Núñez", Honorific.MR, "José Núñez"),
    ("Mrs. Jones", None, "Mrs. Jones"),  # not one of the choices: kept as typed
    ("Drew Barry", None, "Drew Barry"),
    ("Dr.", None, "Dr."),
    ("王芳", None, "王芳"),
])
def test_an_honorific_written_before_a_name_is_split_off(given: str, honorific: Honorific | None,
                                                         name: str) -> None:
    assert split_honorific(given) == (honorific, name)


@pytest.mark.parametrize(("name", "first", "family"), [
    ("Siobhán Ó Briain", "Siobhán", "Ó Briain"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Anna-Lena Schmidt", "Anna-Lena", "Schmidt"),
    ("Mary Ann de la Cruz", "Mary", "de la Cruz"),
    ("Smith, John", "John", "Smith"),
    ("J. Smith", None, "Smith"),
    ("王芳", None, None),  # the family name may come first: the user fills it in
    ("NGUYEN Van An", None, None),
    ("Madonna", None, None),
])
def test_first_and_family_names_are_guessed_only_when_clear(name: str, first: str | None,
                                                            family: str | None) -> None:
    assert guess(name) == (first, family)


def test_renaming_keeps_what_the_user_typed_and_guesses_the_rest() -> None:
    contact = Contact(None, 1, "Jon Smith", first_name="Jon", family_name="Smith")
    rename(contact, "Dr. John Smith-Jones")
    assert (contact.name, contact.honorific) == ("John Smith-Jones", Honorific.DR)
    assert (contact.first_name, contact.family_name) == ("John", "Smith-Jones")
    contact.family_name = "Jones"  # typed by the user
    rename(contact, "John Smith")
    assert (contact.honorific, contact.first_name, contact.family_name) == (
        Honorific.DR, "John", "Jones")


@pytest.mark.parametrize(("typed", "wanted"), [
    ("Ms.", Honorific.MS), ("ms", Honorific.MS), (" DR ", Honorific.DR), ("Mx", Honorific.MX),
    ("prof.", Honorific.PROF), ("none", None), ("", None), (None, None),
])
def test_an_honorific_is_read_as_people_type_it(typed: str | None,
                                                wanted: Honorific | None) -> None:
    assert limits.honorific(typed) is wanted


@pytest.mark.parametrize("typed", ["Sir", "Mrs", "Dr. Smith", "x" * 500])
def test_any_other_honorific_is_refused_with_the_choices(typed: str) -> None:
    with pytest.raises(InvalidInput, match=r"use one of Ms\., Mr\., Dr\., Mx\., Prof\.") as caught:
        limits.honorific(typed)
    assert caught.value.field == "honorific" and len(str(caught.value)) < 300


def note_to(recipient: Recipient, tone: Tone) -> str:
    facts = NoteFacts(Kind.THANK_YOU, "Alex Morgan", recipient, "Acme Ltd", "Data Analyst",
                      names=(recipient.name,))
    return compose(facts, tone).body.split("\n")[0]


@pytest.mark.parametrize(("recipient", "formal", "warm"), [
    (Recipient("Siobhán Ó Briain", honorific="Ms.", first_name="Siobhán",
               family_name="Ó Briain"), "Dear Ms. Ó Briain,", "Hello Siobhán,"),
    (Recipient("Siobhán Ó Briain", first_name="Siobhán", family_name="Ó Briain"),
     "Dear Siobhán Ó Briain,", "Hello Siobhán,"),
    (Recipient("Priya Raghunathan", honorific="Dr.", family_name="Raghunathan"),
     "Dear Dr. Raghunathan,", "Hello Priya,"),
    (Recipient("王芳", honorific="Ms.", first_name="芳", family_name="王"), "Dear Ms. 王,",
     "Hello 芳,"),
    (Recipient("王芳"), "Dear 王芳,", "Hello 王芳,"),
    (Recipient("Nagy Péter", honorific="Mr.", first_name="Péter", family_name="Nagy"),
     "Dear Mr. Nagy,", "Hello Péter,"),
    (Recipient("Sam Taylor", honorific="Mx."), "Dear Sam Taylor,", "Hello Sam,"),
])
def test_formal_notes_greet_by_honorific_and_family_name_and_warm_ones_by_first_name(
        recipient: Recipient, formal: str, warm: str) -> None:
    assert note_to(recipient, Tone.FORMAL) == formal
    assert note_to(recipient, Tone.WARM) == warm


def test_the_checker_accepts_the_greetings_people_write() -> None:
    from followup.domain.notes.check import check
    from followup.domain.policy import Policy

    # "Hello 芳,": the recorded first name of a name written family name first.
    for recipient, tones in (
            (Recipient("Siobhán Ó Briain", honorific="Ms.", family_name="Ó Briain"), Tone),
            (Recipient("王芳", honorific="Ms.", first_name="芳", family_name="王"), Tone),
            (Recipient("Priya Raghunathan", honorific="Dr.", family_name="Raghunathan"), Tone)):
        for tone in tones:
            facts = NoteFacts(Kind.THANK_YOU, "Alex Morgan", recipient, "Acme Ltd",
                              "Data Analyst", names=(recipient.name, "Alex Morgan"))
            draft = compose(facts, tone)
            assert check(draft.body, facts, Policy()) == [], draft.body
