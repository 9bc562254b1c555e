"""The activity report's rows, from its definition: one row per contact with the employer."""

from __future__ import annotations

from datetime import date, datetime

from followup.domain.activity import Activity, ActivityRow, Method, activity_rows
from followup.domain.model import (
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Format,
    Kind,
    Role,
    Status,
    TouchKind,
)
from tests.unit.factories import action, call, contact, interview, local, note, reply, state, touch

TZ = "America/New_York"
NOW = local(2026, 12, 20, 12)
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def rows(app_state: ApplicationState, start: date = DECEMBER[0], end: date = DECEMBER[1],
         now: datetime = NOW) -> list[ActivityRow]:
    return activity_rows(app_state, start, end, now, TZ)


def test_a_panel_interview_is_one_row_naming_everyone_but_the_helpers() -> None:
    people = [contact(1, name="José Núñez", title="Head of Data"),
              contact(2, name="王芳"),
              contact(3, name="Siobhán Ó Briain", title="Engineer"),
              contact(4, role=Role.HELPER, name="Ann Lee", title="Receptionist")]
    panel = interview(contact_ids=(1, 2, 3, 4), format=Format.PANEL,
                      next_step="a take-home exercise", decision_date=date(2026, 12, 11))
    found = rows(state(contacts=people, interviews=[panel]))

    assert len(found) == 1
    row = found[0]
    assert (row.day, row.employer, row.position) == (date(2026, 12, 1), "Acme Ltd",
                                                     "Data Analyst")
    assert row.contact == "José Núñez; 王芳; Siobhán Ó Briain"
    assert row.title == "Head of Data; \u2014; Engineer"  # lined up with the names
    assert (row.method, row.activity) == (Method.IN_PERSON, Activity.INTERVIEW)
    assert row.result == "next step: a take-home exercise; decision by Fri 11 Dec 2026"


def test_the_method_of_an_interview_follows_its_format() -> None:
    for form, method in ((Format.PHONE, Method.PHONE), (Format.VIDEO, Method.VIDEO),
                         (Format.ONSITE, Method.IN_PERSON)):
        (row,) = rows(state(interviews=[interview(format=form)]))
        assert row.method is method


def test_interviews_to_come_and_called_off_are_not_contacts() -> None:
    assert rows(state(), now=local(2026, 12, 1, 9, 59)) == []
    assert rows(state(interviews=[interview(cancelled=True)])) == []


def test_the_period_is_of_local_dates_with_both_ends_included() -> None:
    late = interview(start=local(2026, 11, 30, 23, 30))  # 04:30 UTC on 1 December
    assert rows(state(interviews=[late])) == []
    assert len(rows(state(interviews=[late]), start=date(2026, 11, 30),
                    end=date(2026, 11, 30))) == 1
    assert len(rows(state(), start=date(2026, 12, 1), end=date(2026, 12, 1))) == 1


def test_notes_calls_and_replies_each_make_a_row_of_their_kind() -> None:
    thanks = action(Kind.THANK_YOU, local(2026, 12, 1, 11), id=10, contact_id=2,
                    status=Status.DONE)
    letter = action(Kind.INQUIRY, local(2026, 12, 8, 9), id=11, channel=Channel.LETTER,
                    contact_id=1, status=Status.DONE)
    inquiry = action(Kind.INQUIRY, local(2026, 12, 10, 9), id=12, status=Status.DONE)
    people = [contact(1, name="José Núñez", title="Head of Data"), contact(2, name="王芳")]
    app_state = state(contacts=people, actions=[thanks, letter, inquiry], touches=[
        note(local(2026, 12, 1, 18), thanks, contact_id=2),
        note(local(2026, 12, 8, 9, 30), letter, contact_id=1),
        call(local(2026, 12, 10, 10), CallOutcome.VOICEMAIL, inquiry, contact_id=1),
        touch(TouchKind.CALL_RECEIVED, local(2026, 12, 11, 15), contact_id=1,
              decision_date=date(2026, 12, 18)),
        reply(local(2026, 12, 14, 8), notes="They  loved\nthe exercise"),
    ])

    found = [(r.day.day, r.contact, r.method, r.activity, r.result) for r in rows(app_state)]

    assert found[1:] == [
        (1, "王芳", Method.EMAIL, Activity.THANK_YOU, "sent"),
        (8, "José Núñez", Method.LETTER, Activity.INQUIRY, "they replied on Fri 11 Dec 2026"),
        (10, "José Núñez", Method.PHONE, Activity.CALL, "left a voicemail"),
        (11, "José Núñez", Method.PHONE, Activity.REPLY, "decision by Fri 18 Dec 2026"),
        (14, "José Núñez", Method.EMAIL, Activity.REPLY, "They loved the exercise"),
    ]  # a reply without a person is from the one met first


def test_the_last_interview_says_the_outcome_once_there_is_one() -> None:
    first = interview(id=1, start=local(2026, 12, 1, 10))
    second = interview(id=2, start=local(2026, 12, 8, 10))
    decided = state(interviews=[first, second], status=AppStatus.REJECTED,
                    status_at=local(2026, 12, 15, 9))

    results = [r.result for r in rows(decided)]

    assert results == ["", "rejected on Tue 15 Dec 2026"]


def test_a_call_that_brought_the_decision_says_so() -> None:
    at = local(2026, 12, 9, 11)
    decided = state(status=AppStatus.OFFER, status_at=at, touches=[call(at, contact_id=1)])

    (_, row) = rows(decided)

    assert (row.activity, row.result) == (Activity.CALL, "spoke with them; decision: offer")
