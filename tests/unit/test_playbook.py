"""The planner's rules R1-R10 and re-planning, one behaviour per test.

Unless a test says otherwise: one video interview on Tuesday 1 December 2026, 10:00-11:00 in
New York (UTC-5), with interviewers 1 and 2, planned at noon that day, no holidays.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from followup.domain.model import (
    FOLLOW_UPS,
    Action,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Kind,
    Role,
    Status,
    TouchKind,
)
from followup.domain.playbook import Plan, answered_call, plan, settled
from tests.unit.factories import (
    CHRISTMAS,
    POLICY,
    action,
    call,
    contact,
    interview,
    interviewer_contacts,
    local,
    mark,
    note,
    only,
    planned,
    replan,
    reply,
    state,
    touch,
    with_id,
)

NOW = local(2026, 12, 1, 12)


def follow_ups(actions: Plan | list[Action]) -> list[Action]:
    return [a for a in planned(actions) if a.kind in FOLLOW_UPS]


# -- R1 checklist ---------------------------------------------------------------------------------
def test_checklist_runs_from_start_to_end_of_an_upcoming_interview() -> None:
    result = plan(state(), local(2026, 11, 30, 12), POLICY)

    checklist = only(result, Kind.CHECKLIST)
    assert (checklist.earliest, checklist.due, checklist.deadline) == (
        local(2026, 12, 1, 10),
        local(2026, 12, 1, 11),
        local(2026, 12, 1, 11),
    )
    assert (checklist.rule, checklist.interview_id, checklist.contact_id) == ("R1", 1, None)


def test_checklist_stays_until_the_interview_starts() -> None:
    result = plan(state(), local(2026, 12, 1, 9, 59), POLICY)

    assert only(result, Kind.CHECKLIST).due == local(2026, 12, 1, 11)


@pytest.mark.parametrize("now", [local(2026, 12, 1, 10), local(2026, 12, 1, 10, 30), NOW])
def test_no_checklist_once_the_interview_has_started(now: datetime) -> None:
    result = plan(state(), now, POLICY)

    assert planned(result, Kind.CHECKLIST) == []


def test_an_unticked_checklist_is_cancelled_once_the_interview_has_started() -> None:
    app = state()
    before = only(replan(app, local(2026, 11, 30, 12)), Kind.CHECKLIST)

    after = with_id(plan(app, local(2026, 12, 1, 10, 30), POLICY), before.id)

    assert (after.status, after.reason) == (Status.CANCELLED, "the interview took place")


def test_a_ticked_checklist_stays_done_once_the_interview_has_started() -> None:
    app = state()
    ticked = mark(app, only(replan(app, local(2026, 11, 30, 12)), Kind.CHECKLIST))

    assert with_id(plan(app, NOW, POLICY), ticked.id) == ticked


def test_a_stored_checklist_reads_as_settled_once_its_interview_has_started() -> None:
    app = state(
        contacts=interviewer_contacts(3),
        interviews=[
            interview(id=1, contact_ids=(1, 2)),
            interview(id=2, start=local(2026, 12, 15, 10), contact_ids=(3,)),
        ],
    )
    replan(app, local(2026, 11, 30, 12))

    shown = settled(app, local(2026, 12, 1, 10, 30))

    replanned = plan(app, local(2026, 12, 1, 10, 30), POLICY)
    assert [a for a in shown.actions if a.kind is Kind.CHECKLIST] == [
        a for a in replanned.actions if a.kind is Kind.CHECKLIST
    ]
    assert [(a.interview_id, a.status) for a in shown.actions if a.kind is Kind.CHECKLIST] == [
        (1, Status.CANCELLED),
        (2, Status.PLANNED),
    ]
    assert app.actions != shown.actions  # the stored state itself is left as it was


# -- R2 thank-you notes ---------------------------------------------------------------------------
def test_each_interviewer_gets_a_thank_you_due_by_the_end_of_the_interview_day() -> None:
    notes = planned(plan(state(), NOW, POLICY), Kind.THANK_YOU)

    assert sorted(n.contact_id for n in notes) == [1, 2]
    for n in notes:
        assert (n.earliest, n.due, n.deadline) == (
            local(2026, 12, 1, 11),
            local(2026, 12, 1, 23, 59, 59),
            local(2026, 12, 2, 23, 59, 59),
        )
        assert (n.channel, n.rule, n.optional) == (Channel.EMAIL, "R2", False)


def test_thank_you_deadline_is_end_of_next_day_even_on_a_weekend() -> None:
    app = state(start=local(2026, 12, 4, 15))  # a Friday

    notes = planned(plan(app, local(2026, 12, 4, 17), POLICY), Kind.THANK_YOU)

    assert {(n.due, n.deadline) for n in notes} == {
        (local(2026, 12, 4, 23, 59, 59), local(2026, 12, 5, 23, 59, 59))
    }


def test_thank_you_times_are_in_the_time_zone_of_the_interview() -> None:
    app = state(start=local(2026, 12, 1, 22, tz="Asia/Kolkata"), timezone="Asia/Kolkata")

    note_ = planned(plan(app, NOW, POLICY), Kind.THANK_YOU)[0]

    assert note_.due == local(2026, 12, 1, 23, 59, 59, tz="Asia/Kolkata")


def test_an_interview_ending_after_midnight_is_thanked_by_the_end_of_the_day_it_ends() -> None:
    app = state(start=local(2026, 12, 1, 23, 30))

    note_ = planned(plan(app, local(2026, 12, 2, 9), POLICY), Kind.THANK_YOU)[0]

    assert (note_.due, note_.deadline) == (
        local(2026, 12, 2, 23, 59, 59),
        local(2026, 12, 3, 23, 59, 59),
    )


def test_an_interview_recorded_in_utc_is_thanked_by_the_end_of_its_local_day() -> None:
    kolkata = "Asia/Kolkata"
    app = state(interviews=[interview(start=local(2026, 12, 1, 19, tz="UTC"), timezone=kolkata)])

    note_ = planned(plan(app, NOW, POLICY), Kind.THANK_YOU)[0]

    assert (note_.due, note_.deadline) == (
        local(2026, 12, 2, 23, 59, 59, tz=kolkata),
        local(2026, 12, 3, 23, 59, 59, tz=kolkata),
    )


def test_helpers_recruiters_and_coordinators_get_no_thank_you_of_their_own() -> None:
    others = [
        contact(10, role=Role.HELPER),
        contact(11, role=Role.RECRUITER),
        contact(12, role=Role.COORDINATOR),
    ]
    app = state(extra_contacts=others, interviews=[interview(contact_ids=(1, 10, 11, 12, 2))])

    notes = planned(plan(app, NOW, POLICY), Kind.THANK_YOU)

    assert sorted(n.contact_id for n in notes) == [1, 2]


def test_seven_interviewers_get_no_panel_note() -> None:
    app = state(interviewers=7, extra_contacts=[contact(20, role=Role.COORDINATOR)])

    notes = planned(plan(app, NOW, POLICY), Kind.THANK_YOU)

    assert len(notes) == 7
    assert not any(n.optional for n in notes)


def test_more_than_seven_interviewers_adds_an_optional_note_to_the_coordinator() -> None:
    coordinators = [contact(20, role=Role.COORDINATOR), contact(21, role=Role.COORDINATOR)]
    app = state(interviewers=8, extra_contacts=coordinators)

    notes = planned(plan(app, NOW, POLICY), Kind.THANK_YOU)

    extra = [n for n in notes if n.optional]
    assert len(notes) == 9
    assert [n.contact_id for n in extra] == [20]
    assert (extra[0].earliest, extra[0].due, extra[0].deadline) == (
        local(2026, 12, 1, 11),
        local(2026, 12, 1, 23, 59, 59),
        local(2026, 12, 2, 23, 59, 59),
    )


def test_the_panel_note_has_no_contact_when_there_is_no_coordinator() -> None:
    notes = planned(plan(state(interviewers=8), NOW, POLICY), Kind.THANK_YOU)

    assert [n.contact_id for n in notes if n.optional] == [None]


def test_each_interview_gets_its_own_thank_you_notes() -> None:
    app = state(
        contacts=interviewer_contacts(3),
        interviews=[
            interview(id=1, contact_ids=(1, 2)),
            interview(id=2, start=local(2026, 12, 3, 14), contact_ids=(3,)),
        ],
    )

    notes = planned(plan(app, local(2026, 12, 3, 16), POLICY), Kind.THANK_YOU)

    assert sorted((n.interview_id, n.contact_id, n.due) for n in notes) == [
        (1, 1, local(2026, 12, 1, 23, 59, 59)),
        (1, 2, local(2026, 12, 1, 23, 59, 59)),
        (2, 3, local(2026, 12, 3, 23, 59, 59)),
    ]


# -- R3 inquiry -----------------------------------------------------------------------------------
def test_the_inquiry_is_a_call_in_the_window_a_week_to_ten_days_after() -> None:
    inquiry = only(plan(state(), NOW, POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due, inquiry.deadline) == (
        local(2026, 12, 8, 9),
        local(2026, 12, 11, 17),
        local(2026, 12, 11, 17),
    )
    assert (inquiry.channel, inquiry.rule, inquiry.interview_id, inquiry.contact_id) == (
        Channel.PHONE,
        "R3",
        1,
        1,
    )


def test_an_inquiry_window_ending_on_a_weekend_closes_on_friday() -> None:
    app = state(start=local(2026, 12, 2, 10))  # day + 10 is Saturday 12 December

    inquiry = only(plan(app, local(2026, 12, 2, 12), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 9, 9), local(2026, 12, 11, 17))


def test_an_inquiry_window_starting_on_a_weekend_opens_on_monday() -> None:
    app = state(start=local(2026, 11, 28, 10))  # a Saturday interview: day + 7 is Saturday

    inquiry = only(plan(app, local(2026, 11, 28, 12), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 7, 9), local(2026, 12, 8, 17))


def test_holidays_push_the_inquiry_window() -> None:
    app = state(start=local(2026, 12, 18, 10))  # window 25-28 Dec: holidays and a weekend

    inquiry = only(plan(app, local(2026, 12, 18, 12), POLICY, CHRISTMAS), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due, inquiry.deadline) == (
        local(2026, 12, 29, 9),
        local(2026, 12, 29, 17),
        local(2026, 12, 29, 17),
    )


def test_without_holidays_the_same_window_runs_friday_to_monday() -> None:
    app = state(start=local(2026, 12, 18, 10))

    inquiry = only(plan(app, local(2026, 12, 18, 12), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 25, 9), local(2026, 12, 28, 17))


def test_a_holiday_at_the_end_of_the_window_shortens_it() -> None:
    app = state(start=local(2026, 12, 17, 10))  # window 24-27 Dec

    inquiry = only(plan(app, local(2026, 12, 17, 12), POLICY, CHRISTMAS), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 24, 9), local(2026, 12, 24, 17))


def test_the_inquiry_opens_at_nine_local_time_across_a_dst_change() -> None:
    app = state(start=local(2026, 3, 2, 10))  # clocks go forward on Sunday 8 March

    inquiry = only(plan(app, local(2026, 3, 2, 12), POLICY), Kind.INQUIRY)

    assert inquiry.earliest == local(2026, 3, 9, 9)


def test_the_inquiry_asks_for_the_first_interviewer_of_the_latest_interview() -> None:
    app = state(
        contacts=interviewer_contacts(3),
        interviews=[
            interview(id=1, contact_ids=(1, 2)),
            interview(id=2, start=local(2026, 12, 3, 14), contact_ids=(3, 2)),
        ],
    )

    inquiry = only(plan(app, local(2026, 12, 3, 16), POLICY), Kind.INQUIRY)

    assert (inquiry.interview_id, inquiry.contact_id) == (2, 3)


def test_without_interviewers_the_inquiry_asks_for_the_first_recruiter() -> None:
    people = [
        contact(5, role=Role.HELPER),
        contact(11, role=Role.RECRUITER),
        contact(12, role=Role.RECRUITER),
    ]
    app = state(contacts=people, interviews=[interview(contact_ids=(5,))])

    assert only(plan(app, NOW, POLICY), Kind.INQUIRY).contact_id == 11


def test_without_interviewers_or_recruiters_the_inquiry_names_no_contact() -> None:
    app = state(contacts=[contact(5, role=Role.HELPER)], interviews=[interview(contact_ids=(5,))])

    assert only(plan(app, NOW, POLICY), Kind.INQUIRY).contact_id is None


def test_follow_ups_use_the_time_zone_of_the_latest_interview() -> None:
    dublin = "Europe/Dublin"
    app = state(
        interviews=[
            interview(id=1),
            interview(id=2, start=local(2026, 12, 3, 14, tz=dublin), timezone=dublin),
        ]
    )

    inquiry = only(plan(app, local(2026, 12, 3, 16), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (
        local(2026, 12, 10, 9, tz=dublin),
        local(2026, 12, 11, 17, tz=dublin),
    )


# -- R4 decision check ----------------------------------------------------------------------------
def test_decision_check_is_the_business_day_after_the_decision_date() -> None:
    app = state(decision_date=date(2026, 12, 18))

    check = only(plan(app, NOW, POLICY), Kind.DECISION_CHECK)

    assert (check.earliest, check.due, check.deadline) == (
        local(2026, 12, 21, 9),
        local(2026, 12, 21, 17),
        local(2026, 12, 22, 17),
    )
    assert (check.channel, check.rule, check.contact_id) == (Channel.PHONE, "R4", 1)


def test_a_decision_date_well_after_the_window_keeps_the_inquiry_too() -> None:
    app = state(decision_date=date(2026, 12, 15))  # check on the 16th: window end + 3 days

    result = plan(app, NOW, POLICY)

    assert only(result, Kind.INQUIRY).earliest == local(2026, 12, 8, 9)
    assert only(result, Kind.DECISION_CHECK).earliest == local(2026, 12, 16, 9)


def test_a_decision_date_inside_the_inquiry_window_merges_the_inquiry_into_the_check() -> None:
    app = state(decision_date=date(2026, 12, 10))

    result = plan(app, NOW, POLICY)

    check = only(result, Kind.DECISION_CHECK)
    assert planned(result, Kind.INQUIRY) == []
    assert (check.earliest, check.due, check.deadline) == (
        local(2026, 12, 11, 9),
        local(2026, 12, 11, 17),
        local(2026, 12, 14, 17),
    )


def test_a_decision_check_within_the_gap_after_the_window_merges_the_inquiry() -> None:
    app = state(decision_date=date(2026, 12, 14))  # check on the 15th, gap ends on the 16th

    result = plan(app, NOW, POLICY)

    assert planned(result, Kind.INQUIRY) == []
    assert only(result, Kind.DECISION_CHECK).earliest == local(2026, 12, 15, 9)


def test_a_decision_date_before_the_window_merges_the_inquiry() -> None:
    app = state(decision_date=date(2026, 12, 4))

    result = plan(app, NOW, POLICY)

    assert planned(result, Kind.INQUIRY) == []
    check = only(result, Kind.DECISION_CHECK)
    assert (check.earliest, check.deadline) == (local(2026, 12, 7, 9), local(2026, 12, 8, 17))


def test_a_decision_date_on_a_weekend_is_checked_on_monday() -> None:
    check = only(plan(state(decision_date=date(2026, 12, 19)), NOW, POLICY), Kind.DECISION_CHECK)

    assert (check.earliest, check.deadline) == (local(2026, 12, 21, 9), local(2026, 12, 22, 17))


def test_holidays_push_the_decision_check() -> None:
    app = state(decision_date=date(2026, 12, 24))

    check = only(plan(app, NOW, POLICY, CHRISTMAS), Kind.DECISION_CHECK)

    assert (check.earliest, check.due, check.deadline) == (
        local(2026, 12, 29, 9),
        local(2026, 12, 29, 17),
        local(2026, 12, 30, 17),
    )


def test_merging_cancels_the_planned_inquiry_with_the_reason() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    app.interviews[0].decision_date = date(2026, 12, 10)

    cancelled = with_id(plan(app, NOW, POLICY), inquiry.id)

    assert cancelled.status is Status.CANCELLED
    assert cancelled.reason == "merged into the call after the promised decision date (Thu 10 Dec)"


# -- R10 hearing back -----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", [TouchKind.REPLY, TouchKind.CALL_RECEIVED])
def test_hearing_back_replans_the_inquiry_from_the_day_of_the_touch(kind: TouchKind) -> None:
    app = state()
    before = only(replan(app, NOW), Kind.INQUIRY)
    app.touches.append(touch(kind, local(2026, 12, 3, 14)))

    inquiry = only(plan(app, local(2026, 12, 3, 14), POLICY), Kind.INQUIRY)

    assert inquiry.id == before.id
    assert (inquiry.earliest, inquiry.due, inquiry.rule) == (
        local(2026, 12, 10, 9),
        local(2026, 12, 11, 17),
        "R10",
    )


def test_a_reply_with_a_decision_date_replaces_the_inquiry_with_a_decision_check() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    app.touches.append(reply(local(2026, 12, 3, 14), decision_date=date(2026, 12, 14)))

    result = plan(app, local(2026, 12, 3, 14), POLICY)

    check = only(result, Kind.DECISION_CHECK)
    assert (check.earliest, check.deadline) == (local(2026, 12, 15, 9), local(2026, 12, 16, 17))
    assert with_id(result, inquiry.id).reason == "the employer got in touch on Thu 03 Dec"
    assert planned(result, Kind.INQUIRY) == []


def test_a_reply_with_a_call_back_time_plans_a_callback_at_exactly_that_time() -> None:
    app = state()
    app.touches.append(reply(local(2026, 12, 3, 14), callback_at=local(2026, 12, 4, 10, 30)))

    result = plan(app, local(2026, 12, 3, 14), POLICY)

    callback = only(result, Kind.CALLBACK)
    assert (callback.earliest, callback.due, callback.deadline) == (
        local(2026, 12, 4, 10, 30),
        local(2026, 12, 4, 17),
        local(2026, 12, 4, 17),
    )
    assert (callback.channel, callback.rule, callback.contact_id) == (Channel.PHONE, "R5", 1)
    assert planned(result, Kind.INQUIRY) == []


def test_a_reply_with_a_decision_date_and_a_call_back_time_plans_both() -> None:
    app = state()
    app.touches.append(
        reply(
            local(2026, 12, 3, 14),
            decision_date=date(2026, 12, 14),
            callback_at=local(2026, 12, 4, 10, 30),
        )
    )

    result = plan(app, local(2026, 12, 3, 14), POLICY)

    assert only(result, Kind.CALLBACK).earliest == local(2026, 12, 4, 10, 30)
    assert only(result, Kind.DECISION_CHECK).earliest == local(2026, 12, 15, 9)
    assert planned(result, Kind.INQUIRY) == []


def test_a_touch_counts_from_its_local_day_in_the_employer_zone() -> None:
    app = state()
    app.touches.append(reply(local(2026, 12, 4, 3, tz="UTC")))  # 22:00 on the 3rd in New York

    inquiry = only(plan(app, local(2026, 12, 4, 3, tz="UTC"), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 10, 9), local(2026, 12, 11, 17))


def test_a_callback_after_business_hours_is_due_at_its_own_time() -> None:
    app = state()
    app.touches.append(reply(local(2026, 12, 3, 14), callback_at=local(2026, 12, 4, 18, 15)))

    callback = only(plan(app, local(2026, 12, 3, 14), POLICY), Kind.CALLBACK)

    assert callback.due == callback.deadline == local(2026, 12, 4, 18, 15)


def test_a_callback_given_in_another_zone_is_due_at_five_in_the_employer_zone() -> None:
    app = state()
    app.touches.append(
        reply(local(2026, 12, 3, 14), callback_at=local(2026, 12, 4, 15, 30, tz="UTC"))
    )

    callback = only(plan(app, local(2026, 12, 3, 14), POLICY), Kind.CALLBACK)

    assert (callback.earliest, callback.due) == (local(2026, 12, 4, 10, 30), local(2026, 12, 4, 17))


def test_a_reply_cancels_a_planned_decision_check() -> None:
    app = state(decision_date=date(2026, 12, 18))
    check = only(replan(app, NOW), Kind.DECISION_CHECK)
    app.touches.append(reply(local(2026, 12, 3, 14)))

    result = plan(app, local(2026, 12, 3, 14), POLICY)

    assert with_id(result, check.id).status is Status.CANCELLED
    assert with_id(result, check.id).reason == "the employer got in touch on Thu 03 Dec"
    assert only(result, Kind.INQUIRY).earliest == local(2026, 12, 10, 9)


def test_touches_before_the_latest_interview_are_ignored() -> None:
    app = state()
    expected = plan(app, NOW, POLICY).actions
    app.touches.append(reply(local(2026, 11, 28, 9), decision_date=date(2026, 12, 2)))

    assert plan(app, NOW, POLICY).actions == expected


# -- R5 calls -------------------------------------------------------------------------------------
@pytest.mark.parametrize("outcome", [CallOutcome.REACHED, None])
def test_a_reached_call_replans_the_inquiry_from_the_call(outcome: CallOutcome | None) -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    at = local(2026, 12, 8, 10)
    mark(app, inquiry, at=at)
    app.touches.append(call(at, outcome, action=inquiry))

    result = plan(app, at, POLICY)

    new = only(result, Kind.INQUIRY)
    assert new.id is None
    assert (new.earliest, new.due, new.rule) == (
        local(2026, 12, 15, 9),
        local(2026, 12, 18, 17),
        "R5",
    )
    assert with_id(result, inquiry.id).status is Status.DONE


def test_a_reached_call_keeps_a_call_that_is_not_open_yet() -> None:
    app = state(decision_date=date(2026, 12, 18))
    first = replan(app, NOW)
    inquiry, check = only(first, Kind.INQUIRY), only(first, Kind.DECISION_CHECK)
    mark(app, inquiry)
    app.touches.append(call(local(2026, 12, 8, 10), action=inquiry))

    kept = with_id(plan(app, local(2026, 12, 8, 10), POLICY), check.id)

    assert (kept.status, kept.earliest) == (Status.PLANNED, check.earliest)


def test_an_unreached_call_keeps_the_decision_check_that_is_not_open_yet() -> None:
    app = state(decision_date=date(2026, 12, 18))
    first = replan(app, NOW)
    inquiry, check = only(first, Kind.INQUIRY), only(first, Kind.DECISION_CHECK)
    mark(app, inquiry)
    app.touches.append(call(local(2026, 12, 8, 10), CallOutcome.VOICEMAIL, action=inquiry))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    assert with_id(result, check.id).status is Status.PLANNED
    assert only(result, Kind.CALL_RETRY).earliest == local(2026, 12, 9, 9)


def test_a_reached_call_with_a_new_decision_date_plans_only_a_decision_check() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    mark(app, inquiry)
    app.touches.append(
        call(local(2026, 12, 8, 10), action=inquiry, decision_date=date(2026, 12, 10))
    )

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    check = only(result, Kind.DECISION_CHECK)
    assert (check.earliest, check.deadline) == (local(2026, 12, 11, 9), local(2026, 12, 14, 17))
    assert planned(result, Kind.INQUIRY) == []


def test_a_decision_check_right_after_a_call_keeps_the_three_business_day_gap() -> None:
    app = state()
    app.touches.append(call(local(2026, 12, 8, 10), decision_date=date(2026, 12, 8)))

    check = only(plan(app, local(2026, 12, 8, 10), POLICY), Kind.DECISION_CHECK)

    assert (check.earliest, check.due, check.deadline) == (
        local(2026, 12, 11, 9),
        local(2026, 12, 11, 17),
        local(2026, 12, 11, 17),
    )


def test_a_callback_the_employer_asked_for_is_exempt_from_the_gap() -> None:
    app = state()
    app.touches.append(call(local(2026, 12, 8, 10), callback_at=local(2026, 12, 9, 11)))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    assert only(result, Kind.CALLBACK).earliest == local(2026, 12, 9, 11)
    assert planned(result, Kind.INQUIRY) == []


@pytest.mark.parametrize("outcome", [CallOutcome.NO_ANSWER, CallOutcome.VOICEMAIL])
def test_an_unanswered_call_plans_a_retry_the_next_business_morning(outcome: CallOutcome) -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    mark(app, inquiry)
    app.touches.append(call(local(2026, 12, 8, 10), outcome, action=inquiry))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    retry = only(result, Kind.CALL_RETRY)
    assert (retry.earliest, retry.due, retry.deadline) == (
        local(2026, 12, 9, 9),
        local(2026, 12, 9, 17),
        local(2026, 12, 9, 17),
    )
    assert (retry.channel, retry.rule, retry.contact_id) == (Channel.PHONE, "R5", 1)
    assert planned(result, Kind.INQUIRY) == []
    assert result.status is AppStatus.ACTIVE


def test_a_retry_before_christmas_skips_the_weekend_and_the_holidays() -> None:
    app = state(start=local(2026, 12, 14, 10))  # inquiry window 21-24 Dec
    inquiry = only(replan(app, local(2026, 12, 14, 12), CHRISTMAS), Kind.INQUIRY)
    mark(app, inquiry)
    app.touches.append(call(local(2026, 12, 24, 10), CallOutcome.NO_ANSWER, action=inquiry))

    retry = only(plan(app, local(2026, 12, 24, 10), POLICY, CHRISTMAS), Kind.CALL_RETRY)

    assert retry.earliest == local(2026, 12, 29, 9)


def _unanswered_calls(count: int) -> tuple[ApplicationState, Plan]:
    """The inquiry call and then each retry reach nobody, on 8, 9, 10... December at 10:00."""
    app = state()
    result = replan(app, NOW)
    current = only(result, Kind.INQUIRY)
    for i in range(count):
        at = local(2026, 12, 8 + i, 10)
        mark(app, current, at=at)
        app.touches.append(call(at, CallOutcome.NO_ANSWER, action=current))
        result = replan(app, at)
        if i + 1 < count:
            current = only(result, Kind.CALL_RETRY)
    return app, result


def test_a_second_no_answer_retries_once_more_then_an_email_inquiry() -> None:
    _, second = _unanswered_calls(2)
    _, third = _unanswered_calls(3)

    assert only(second, Kind.CALL_RETRY).earliest == local(2026, 12, 10, 9)
    assert planned(second, Kind.INQUIRY) == []
    assert planned(third, Kind.CALL_RETRY) == []
    email = only(third, Kind.INQUIRY)
    assert (email.channel, email.rule) == (Channel.EMAIL, "R5")
    assert third.status is AppStatus.ACTIVE


def test_the_email_inquiry_after_the_retries_takes_the_next_business_morning() -> None:
    _, third = _unanswered_calls(3)

    email = only(third, Kind.INQUIRY)

    assert (email.earliest, email.due, email.deadline) == (
        local(2026, 12, 11, 9),
        local(2026, 12, 11, 23, 59, 59),
        local(2026, 12, 14, 23, 59, 59),
    )


def test_the_email_after_unreached_calls_is_an_email_where_a_call_was_planned() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)  # a call from Tue 8 Dec
    app.touches.append(call(local(2026, 12, 2, 10), callback_at=local(2026, 12, 3, 10)))
    current = only(replan(app, local(2026, 12, 2, 10)), Kind.CALLBACK)
    for day in (3, 4, 7):  # the call-back, then both retries, reach nobody
        at = local(2026, 12, day, 10)
        mark(app, current, at=at)
        app.touches.append(call(at, CallOutcome.NO_ANSWER, action=current))
        result = replan(app, at)
        current = next(iter(planned(result, Kind.CALL_RETRY)), current)

    email = only(result, Kind.INQUIRY)

    assert (email.id, email.channel, email.rule) == (inquiry.id, Channel.EMAIL, "R5")
    assert (email.earliest, email.due) == (local(2026, 12, 8, 9), local(2026, 12, 8, 23, 59, 59))


def test_a_run_of_unreached_calls_counts_as_one_unanswered_follow_up() -> None:
    app, third = _unanswered_calls(3)
    email = only(third, Kind.INQUIRY)
    at = local(2026, 12, 15, 10)
    mark(app, email, at=at)
    app.touches.append(note(at, email))

    result = plan(app, at, POLICY)

    assert result.status is AppStatus.ACTIVE
    assert only(result, Kind.INQUIRY).earliest == local(2026, 12, 22, 9)


def test_an_unanswered_call_linked_to_no_action_changes_nothing() -> None:
    app = state()
    expected = plan(app, NOW, POLICY).actions
    app.touches.append(call(local(2026, 12, 2, 10), CallOutcome.NO_ANSWER))

    assert plan(app, local(2026, 12, 2, 10), POLICY).actions == expected


def test_an_unlinked_call_still_counts_as_a_contact_for_the_gap() -> None:
    app = state()
    app.touches.append(call(local(2026, 12, 4, 10), CallOutcome.NO_ANSWER))

    inquiry = only(plan(app, local(2026, 12, 4, 10), POLICY), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due) == (local(2026, 12, 9, 9), local(2026, 12, 11, 17))


def test_the_gap_counts_business_days_and_skips_holidays() -> None:
    app = state(start=local(2026, 12, 14, 10))  # inquiry window 21-24 Dec
    app.touches.append(call(local(2026, 12, 23, 10), CallOutcome.VOICEMAIL))

    inquiry = only(plan(app, local(2026, 12, 23, 10), POLICY, CHRISTMAS), Kind.INQUIRY)

    assert (inquiry.earliest, inquiry.due, inquiry.deadline) == (
        local(2026, 12, 30, 9),
        local(2026, 12, 30, 17),
        local(2026, 12, 30, 17),
    )


def test_a_planned_decision_check_pushes_a_later_inquiry_by_the_gap() -> None:
    app = state(decision_date=date(2026, 12, 18))
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    at = local(2026, 12, 14, 10)
    mark(app, inquiry, at=at)
    app.touches.append(note(at, inquiry))  # the next inquiry would open on Monday 21st

    result = plan(app, at, POLICY)

    assert only(result, Kind.DECISION_CHECK).earliest == local(2026, 12, 21, 9)
    nxt = only(result, Kind.INQUIRY)
    assert (nxt.earliest, nxt.due) == (local(2026, 12, 24, 9), local(2026, 12, 24, 17))


# -- notes sent and going stale -------------------------------------------------------------------
def test_an_emailed_inquiry_plans_the_next_inquiry_from_the_day_it_was_sent() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    at = local(2026, 12, 8, 10)
    mark(app, inquiry, at=at)
    app.touches.append(note(at, inquiry))

    result = plan(app, at, POLICY)

    nxt = only(result, Kind.INQUIRY)
    assert (nxt.earliest, nxt.due, nxt.rule) == (
        local(2026, 12, 15, 9),
        local(2026, 12, 18, 17),
        "R3",
    )
    assert result.status is AppStatus.ACTIVE


def test_sending_a_thank_you_changes_no_follow_up() -> None:
    app = state()
    first = replan(app, NOW)
    thanks = planned(first, Kind.THANK_YOU)[0]
    at = local(2026, 12, 1, 15)
    mark(app, thanks, at=at)
    app.touches.append(note(at, thanks))

    assert only(plan(app, at, POLICY), Kind.INQUIRY) == only(first, Kind.INQUIRY)


def _three_unanswered_notes(decision_date: date | None = None) -> tuple[ApplicationState, Plan]:
    """An email inquiry sent on 8, 15 and 22 December, none answered."""
    app = state(decision_date=decision_date)
    result = replan(app, NOW, CHRISTMAS)
    for day in (8, 15, 22):
        at = local(2026, 12, day, 10)
        inquiry = only(result, Kind.INQUIRY)
        mark(app, inquiry, at=at)
        app.touches.append(note(at, inquiry))
        result = replan(app, at, CHRISTMAS)
    return app, result


def test_three_unanswered_follow_ups_make_the_application_stale() -> None:
    _, result = _three_unanswered_notes()

    assert result.status is AppStatus.STALE
    assert [a.kind for a in follow_ups(result)] == [Kind.LAST_NOTE]


def test_a_stale_application_is_offered_one_optional_last_note() -> None:
    _, result = _three_unanswered_notes()

    last = only(result, Kind.LAST_NOTE)
    assert (last.earliest, last.due, last.deadline) == (
        local(2026, 12, 29, 9),
        local(2026, 12, 29, 23, 59, 59),
        local(2027, 1, 5, 23, 59, 59),
    )
    assert (last.optional, last.channel, last.rule, last.contact_id) == (
        True,
        Channel.EMAIL,
        "R6",
        1,
    )


def test_going_stale_cancels_the_open_follow_ups_with_the_reason() -> None:
    app = state(decision_date=date(2027, 1, 13))
    check = only(replan(app, NOW, CHRISTMAS), Kind.DECISION_CHECK)
    _, result = _three_unanswered_notes(decision_date=date(2027, 1, 13))

    cancelled = next(a for a in result.actions if a.kind is Kind.DECISION_CHECK)
    assert check.earliest == local(2027, 1, 14, 9)
    assert (cancelled.status, cancelled.reason) == (
        Status.CANCELLED,
        "3 follow-ups went unanswered",
    )


def test_an_employer_reply_revives_a_stale_application() -> None:
    app, stale = _three_unanswered_notes()
    last = only(stale, Kind.LAST_NOTE)
    app.touches.append(reply(local(2026, 12, 29, 10)))

    result = plan(app, local(2026, 12, 29, 10), POLICY, CHRISTMAS)

    assert result.status is AppStatus.ACTIVE
    assert with_id(result, last.id).reason == "the employer got in touch on Tue 29 Dec"
    assert only(result, Kind.INQUIRY).earliest == local(2027, 1, 5, 9)


def test_a_reached_call_revives_a_stale_application() -> None:
    app, _ = _three_unanswered_notes()
    app.touches.append(call(local(2026, 12, 30, 10)))

    result = plan(app, local(2026, 12, 30, 10), POLICY, CHRISTMAS)

    assert result.status is AppStatus.ACTIVE
    assert only(result, Kind.INQUIRY).earliest == local(2027, 1, 6, 9)


def test_an_unanswered_call_can_be_the_third_unanswered_follow_up() -> None:
    app = state()
    result = replan(app, NOW, CHRISTMAS)
    for day in (8, 15):
        at = local(2026, 12, day, 10)
        inquiry = mark(app, only(result, Kind.INQUIRY), at=at)
        app.touches.append(note(at, inquiry))
        result = replan(app, at, CHRISTMAS)
    at = local(2026, 12, 22, 10)
    inquiry = mark(app, only(result, Kind.INQUIRY), at=at)
    app.touches.append(call(at, CallOutcome.NO_ANSWER, action=inquiry))

    result = plan(app, at, POLICY, CHRISTMAS)

    assert result.status is AppStatus.STALE
    assert only(result, Kind.LAST_NOTE).earliest == local(2026, 12, 29, 9)
    assert planned(result, Kind.CALL_RETRY) == []


def test_hearing_back_resets_the_unanswered_count() -> None:
    app = state()
    result = replan(app, NOW, CHRISTMAS)
    for day in (8, 15, 16, 23, 30):
        at = local(2026, 12, day, 10)
        if day == 16:
            app.touches.append(reply(at))
        else:
            inquiry = mark(app, only(result, Kind.INQUIRY), at=at)
            app.touches.append(note(at, inquiry))
        result = replan(app, at, CHRISTMAS)

    assert result.status is AppStatus.ACTIVE
    assert only(result, Kind.INQUIRY).earliest == local(2027, 1, 6, 9)


def test_sending_the_last_note_stops_planning() -> None:
    app, stale = _three_unanswered_notes()
    last = only(stale, Kind.LAST_NOTE)
    at = local(2026, 12, 29, 10)
    mark(app, last, at=at)
    app.touches.append(note(at, last))

    result = plan(app, at, POLICY, CHRISTMAS)

    assert result.status is AppStatus.STALE
    assert follow_ups(result) == []


# -- R8, R9 outcomes ------------------------------------------------------------------------------
def _decided(
    status: AppStatus, at: datetime | None, **kwargs: Any
) -> tuple[ApplicationState, Plan]:
    app = state(**kwargs)
    before = replan(app, NOW)
    app.application.status, app.application.status_at = status, at
    return app, before


def test_rejection_cancels_unsent_thank_yous_and_plans_thanks_after_decision() -> None:
    app = state()
    sent, unsent = planned(replan(app, NOW), Kind.THANK_YOU)
    sent = mark(app, sent, at=local(2026, 12, 1, 15))
    app.application.status = AppStatus.REJECTED
    app.application.status_at = local(2026, 12, 2, 10)

    result = plan(app, local(2026, 12, 2, 10), POLICY)

    assert with_id(result, sent.id) == sent
    assert (with_id(result, unsent.id).status, with_id(result, unsent.id).reason) == (
        Status.CANCELLED,
        "the application is rejected",
    )
    thanks = only(result, Kind.THANK_AFTER_DECISION)
    assert (thanks.earliest, thanks.due, thanks.deadline) == (
        local(2026, 12, 2, 10),
        local(2026, 12, 3, 23, 59, 59),
        local(2026, 12, 7, 23, 59, 59),
    )
    assert (thanks.contact_id, thanks.channel, thanks.rule, thanks.optional) == (
        1,
        Channel.EMAIL,
        "R8",
        False,
    )


def test_rejection_plans_keep_in_touch_ninety_days_later() -> None:
    app, _ = _decided(AppStatus.REJECTED, local(2026, 12, 2, 10))

    later = only(plan(app, local(2026, 12, 2, 10), POLICY), Kind.KEEP_IN_TOUCH)

    assert (later.earliest, later.due, later.deadline) == (
        local(2027, 3, 2, 9),
        local(2027, 3, 2, 23, 59, 59),
        local(2027, 3, 16, 23, 59, 59),
    )
    assert (later.contact_id, later.rule) == (None, "R8")


def test_rejection_cancels_the_planned_follow_ups() -> None:
    app, before = _decided(
        AppStatus.REJECTED, local(2026, 12, 2, 10), decision_date=date(2026, 12, 18)
    )

    result = plan(app, local(2026, 12, 2, 10), POLICY)

    assert result.status is AppStatus.REJECTED
    assert follow_ups(result) == []
    for old in follow_ups(before):
        assert with_id(result, old.id).reason == "the application is rejected"


def test_thanks_after_a_rejection_before_christmas_skip_the_holidays() -> None:
    app, _ = _decided(AppStatus.REJECTED, local(2026, 12, 23, 15))

    thanks = only(plan(app, local(2026, 12, 23, 15), POLICY, CHRISTMAS), Kind.THANK_AFTER_DECISION)

    assert (thanks.due, thanks.deadline) == (
        local(2026, 12, 24, 23, 59, 59),
        local(2026, 12, 30, 23, 59, 59),
    )


@pytest.mark.parametrize("status", [AppStatus.OFFER, AppStatus.HIRED])
def test_an_offer_cancels_follow_ups_and_offers_to_thank_the_helpers(status: AppStatus) -> None:
    app, before = _decided(
        status, local(2026, 12, 4, 16), extra_contacts=[contact(10, role=Role.HELPER)]
    )

    result = plan(app, local(2026, 12, 4, 16), POLICY)

    assert result.status is status
    assert follow_ups(result) == []
    assert with_id(result, only(before, Kind.INQUIRY).id).reason == f"the application is {status}"
    helpers = only(result, Kind.THANK_HELPERS)
    assert (helpers.earliest, helpers.due, helpers.deadline) == (
        local(2026, 12, 4, 16),
        local(2026, 12, 4, 23, 59, 59),
        local(2026, 12, 8, 23, 59, 59),
    )
    assert (helpers.contact_id, helpers.optional, helpers.rule) == (10, True, "R9")


def test_an_offer_keeps_the_thank_you_notes() -> None:
    app, before = _decided(AppStatus.OFFER, local(2026, 12, 1, 16))

    result = plan(app, local(2026, 12, 1, 16), POLICY)

    assert planned(result, Kind.THANK_YOU) == planned(before, Kind.THANK_YOU)


def test_without_a_helper_the_helpers_note_goes_to_the_primary_contact() -> None:
    app, _ = _decided(AppStatus.HIRED, local(2026, 12, 4, 16))

    assert only(plan(app, local(2026, 12, 4, 16), POLICY), Kind.THANK_HELPERS).contact_id == 1


def test_withdrawing_offers_a_withdrawal_note_and_cancels_follow_ups() -> None:
    app, before = _decided(AppStatus.WITHDRAWN, local(2026, 12, 4, 16))

    result = plan(app, local(2026, 12, 4, 16), POLICY)

    note_ = only(result, Kind.WITHDRAWAL_NOTE)
    assert (note_.earliest, note_.due, note_.deadline) == (
        local(2026, 12, 4, 16),
        local(2026, 12, 4, 23, 59, 59),
        local(2026, 12, 8, 23, 59, 59),
    )
    assert (note_.contact_id, note_.optional, note_.rule) == (1, True, "R9")
    assert follow_ups(result) == []
    assert with_id(result, only(before, Kind.INQUIRY).id).reason == "the application is withdrawn"


def test_undoing_an_outcome_replans_follow_ups() -> None:
    app, _ = _decided(AppStatus.REJECTED, local(2026, 12, 2, 10))
    rejected = replan(app, local(2026, 12, 2, 10))
    app.application.status, app.application.status_at = AppStatus.ACTIVE, local(2026, 12, 2, 11)

    result = plan(app, local(2026, 12, 2, 11), POLICY)

    assert result.status is AppStatus.ACTIVE
    inquiry = only(result, Kind.INQUIRY)
    assert (inquiry.id, inquiry.earliest) == (None, local(2026, 12, 8, 9))
    for kind in (Kind.THANK_AFTER_DECISION, Kind.KEEP_IN_TOUCH):
        undone = with_id(result, only(rejected, kind).id)
        assert (undone.status, undone.reason) == (Status.CANCELLED, "the outcome was undone")


def test_a_done_outcome_note_recorded_without_a_time_is_not_planned_again() -> None:
    app, _ = _decided(AppStatus.REJECTED, None)
    thanks = only(replan(app, local(2026, 12, 2, 10)), Kind.THANK_AFTER_DECISION)
    mark(app, thanks, at=local(2026, 12, 2, 12))

    assert planned(plan(app, local(2026, 12, 3, 10), POLICY), Kind.THANK_AFTER_DECISION) == []


# -- cancelled and added interviews ---------------------------------------------------------------
def _two_rounds() -> tuple[ApplicationState, Plan]:
    app = state(
        contacts=interviewer_contacts(3),
        interviews=[
            interview(id=1, contact_ids=(1, 2)),
            interview(id=2, start=local(2026, 12, 10, 10), contact_ids=(3,)),
        ],
    )
    return app, replan(app, local(2026, 12, 5, 12))


def test_cancelled_interview_cancels_its_steps() -> None:
    app, before = _two_rounds()
    app.interviews[1].cancelled = True

    result = plan(app, local(2026, 12, 5, 13), POLICY)

    for old in planned(before):
        if old.interview_id == 2:
            assert (with_id(result, old.id).status, with_id(result, old.id).reason) == (
                Status.CANCELLED,
                "the interview was cancelled",
            ), old.kind
    assert {a.interview_id for a in planned(result)} == {1}


def test_cancelling_the_latest_interview_moves_follow_ups_back_to_the_earlier_one() -> None:
    app, _ = _two_rounds()
    app.interviews[1].cancelled = True

    inquiry = only(plan(app, local(2026, 12, 5, 13), POLICY), Kind.INQUIRY)

    assert (inquiry.interview_id, inquiry.contact_id, inquiry.earliest) == (
        1,
        1,
        local(2026, 12, 8, 9),
    )


def test_a_new_interview_moves_the_follow_ups_to_it() -> None:
    app = state(contacts=interviewer_contacts(3))
    old = only(replan(app, NOW), Kind.INQUIRY)
    app.interviews.append(interview(id=2, start=local(2026, 12, 10, 10), contact_ids=(3,)))

    result = plan(app, local(2026, 12, 5, 12), POLICY)

    assert with_id(result, old.id).reason == "no longer needed after re-planning"
    new = only(result, Kind.INQUIRY)
    assert (new.interview_id, new.contact_id, new.earliest) == (2, 3, local(2026, 12, 17, 9))


# -- between rounds -------------------------------------------------------------------------------
BOOKED = local(2026, 12, 3, 12)
"""Thu 3 Dec: the second round is booked for Tue 15 Dec, 10:00, with interviewer 3."""


def _between_rounds() -> tuple[ApplicationState, Plan]:
    """Round one held on Tue 1 Dec with interviewers 1 and 2; round two booked on Thu 3 Dec."""
    app = state(contacts=interviewer_contacts(3))
    replan(app, NOW)
    app.interviews.append(interview(id=2, start=local(2026, 12, 15, 10), contact_ids=(3,)))
    return app, replan(app, BOOKED)


def _own_steps(actions: Plan | list[Action], interview_id: int) -> list[Action]:
    """A round's own steps: its checklist and its thank-you notes."""
    return [
        a
        for a in planned(actions)
        if a.interview_id == interview_id and a.kind in (Kind.CHECKLIST, Kind.THANK_YOU)
    ]


def _agree_callback(app: ApplicationState) -> Plan:
    """Tue 8 Dec: a call reaches the employer, who asks to be called back on Thu 10 Dec, 15:00."""
    at = local(2026, 12, 8, 10)
    assert answered_call(app.actions, at) is None  # round two's inquiry is not open yet
    app.touches.append(call(at, callback_at=local(2026, 12, 10, 15)))
    return replan(app, at)


def test_a_call_back_agreed_between_rounds_is_planned_at_the_agreed_time() -> None:
    app, booked = _between_rounds()

    result = _agree_callback(app)

    callback = only(result, Kind.CALLBACK)
    assert (callback.earliest, callback.due, callback.deadline) == (
        local(2026, 12, 10, 15),
        local(2026, 12, 10, 17),
        local(2026, 12, 10, 17),
    )
    assert (callback.interview_id, callback.contact_id, callback.rule) == (1, 1, "R5")
    assert _own_steps(result, 2) == _own_steps(booked, 2)
    assert [a.kind for a in _own_steps(result, 2)] == [Kind.CHECKLIST, Kind.THANK_YOU]
    assert only(result, Kind.INQUIRY) == only(booked, Kind.INQUIRY)  # after round two


def test_a_reply_between_rounds_stops_chasing_the_held_round_only() -> None:
    app, booked = _between_rounds()
    callback = only(_agree_callback(app), Kind.CALLBACK)
    at = local(2026, 12, 10, 15)
    mark(app, callback, at=at)
    app.touches.append(call(at, CallOutcome.NO_ANSWER, action=callback))
    retry = only(replan(app, at), Kind.CALL_RETRY)
    app.touches.append(reply(local(2026, 12, 10, 16)))

    result = plan(app, local(2026, 12, 10, 16), POLICY)

    assert (with_id(result, retry.id).status, with_id(result, retry.id).reason) == (
        Status.CANCELLED,
        "the employer got in touch on Thu 10 Dec",
    )
    assert _own_steps(result, 2) == _own_steps(booked, 2)
    assert follow_ups(result) == [only(booked, Kind.INQUIRY)]  # no inquiry from the reply


def test_a_reply_between_rounds_without_a_date_or_time_plans_no_inquiry_of_its_own() -> None:
    app, booked = _between_rounds()
    app.touches.append(reply(local(2026, 12, 8, 10)))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    assert result.changed_from(booked.actions) == []


def test_a_decision_date_given_between_rounds_is_in_force() -> None:
    app, booked = _between_rounds()
    app.touches.append(call(local(2026, 12, 8, 10), decision_date=date(2026, 12, 18)))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    check = only(result, Kind.DECISION_CHECK)
    assert (check.earliest, check.deadline) == (local(2026, 12, 21, 9), local(2026, 12, 22, 17))
    assert check.interview_id == 2  # a decision after the next round: that round's check
    inquiry = with_id(result, only(booked, Kind.INQUIRY).id)  # Tue 22 Dec: crowded out (R4)
    assert (inquiry.status, inquiry.reason) == (
        Status.CANCELLED,
        "merged into the call after the promised decision date (Fri 18 Dec)",
    )
    assert _own_steps(result, 2) == _own_steps(booked, 2)


def test_a_decision_date_given_between_rounds_stays_in_force_once_the_next_round_starts() -> None:
    app, _ = _between_rounds()
    app.touches.append(call(local(2026, 12, 8, 10), decision_date=date(2026, 12, 18)))
    check = only(replan(app, local(2026, 12, 8, 10)), Kind.DECISION_CHECK)

    result = plan(app, local(2026, 12, 15, 12), POLICY)

    assert only(result, Kind.DECISION_CHECK) == check
    assert planned(result, Kind.INQUIRY) == []


def test_a_decision_date_between_rounds_before_the_next_round_is_checked_on_its_own() -> None:
    app, booked = _between_rounds()
    app.touches.append(reply(local(2026, 12, 8, 10), decision_date=date(2026, 12, 10)))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    check = only(result, Kind.DECISION_CHECK)
    assert (check.interview_id, check.earliest) == (1, local(2026, 12, 11, 9))
    assert only(result, Kind.INQUIRY) == only(booked, Kind.INQUIRY)


def test_a_decision_date_between_rounds_replaces_the_date_booked_with_the_next_round() -> None:
    app, _ = _between_rounds()
    app.interviews[1].decision_date = date(2027, 1, 8)
    booked = replan(app, BOOKED)
    app.touches.append(reply(local(2026, 12, 8, 10), decision_date=date(2027, 1, 15)))

    result = plan(app, local(2026, 12, 8, 10), POLICY)

    moved = with_id(result, only(booked, Kind.DECISION_CHECK).id)
    assert (moved.status, moved.earliest) == (Status.PLANNED, local(2027, 1, 18, 9))
    assert only(result, Kind.INQUIRY) == only(booked, Kind.INQUIRY)  # far apart: both (R4)


def test_a_call_back_agreed_for_after_the_next_round_survives_its_start() -> None:
    app, _ = _between_rounds()
    app.touches.append(call(local(2026, 12, 8, 10), callback_at=local(2026, 12, 17, 15)))
    callback = only(replan(app, local(2026, 12, 8, 10)), Kind.CALLBACK)

    result = plan(app, local(2026, 12, 15, 12), POLICY)

    assert only(result, Kind.CALLBACK) == callback
    assert only(result, Kind.INQUIRY).interview_id == 2


def test_touches_between_rounds_no_longer_count_once_the_next_round_starts() -> None:
    app, _ = _between_rounds()
    callback = only(_agree_callback(app), Kind.CALLBACK)

    result = plan(app, local(2026, 12, 15, 10), POLICY)

    assert with_id(result, callback.id).status is Status.CANCELLED
    assert only(result, Kind.INQUIRY).interview_id == 2


# -- re-planning ----------------------------------------------------------------------------------
def test_replanning_keeps_the_id_and_channel_of_a_matched_action_and_moves_its_times() -> None:
    app = state()
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    app.actions = [
        replace(a, channel=Channel.EMAIL) if a.id == inquiry.id else a for a in app.actions
    ]
    app.touches.append(reply(local(2026, 12, 3, 14)))

    moved = with_id(plan(app, local(2026, 12, 3, 14), POLICY), inquiry.id)

    assert (moved.status, moved.channel, moved.earliest) == (
        Status.PLANNED,
        Channel.EMAIL,
        local(2026, 12, 10, 9),
    )


def _scenarios() -> dict[str, ApplicationState]:
    reached = state()
    reached.touches.append(call(local(2026, 12, 8, 10), callback_at=local(2026, 12, 9, 11)))
    stale, _ = _three_unanswered_notes()
    rejected, _ = _decided(AppStatus.REJECTED, local(2026, 12, 2, 10))
    return {
        "fresh": state(),
        "merged": state(decision_date=date(2026, 12, 10)),
        "both": state(decision_date=date(2026, 12, 18)),
        "reached": reached,
        "retries": _unanswered_calls(3)[0],
        "stale": stale,
        "rejected": rejected,
        "two rounds": _two_rounds()[0],
    }


@pytest.mark.parametrize("name", list(_scenarios()))
def test_planning_twice_with_nothing_new_changes_nothing(name: str) -> None:
    app = _scenarios()[name]
    first = replan(app, local(2026, 12, 9, 12), CHRISTMAS)

    second = plan(app, local(2026, 12, 9, 12), POLICY, CHRISTMAS)

    assert second.changed_from(first.actions) == []
    assert second.status is first.status


def _in_utc(actions: list[Action]) -> list[Action]:
    """The actions as a store that hands times back in UTC would return them."""
    return [
        replace(
            a,
            earliest=a.earliest.astimezone(UTC),
            due=a.due.astimezone(UTC),
            deadline=a.deadline.astimezone(UTC),
        )
        for a in actions
    ]


def test_times_handed_back_in_utc_count_as_unchanged() -> None:
    app = state(decision_date=date(2026, 12, 18))
    replan(app, NOW)
    app.actions = _in_utc(app.actions)

    assert plan(app, NOW, POLICY).changed_from(app.actions) == []


def test_times_handed_back_in_utc_count_as_unchanged_in_a_repeated_hour() -> None:
    tz = "America/Santiago"  # on Saturday 4 April 2026 the hour 23:00-24:00 repeats
    app = state(start=local(2026, 4, 3, 15, tz=tz), timezone=tz)
    replan(app, local(2026, 4, 3, 17, tz=tz))
    app.actions = _in_utc(app.actions)

    assert plan(app, local(2026, 4, 3, 17, tz=tz), POLICY).changed_from(app.actions) == []


def test_a_contact_listed_twice_at_an_interview_gets_one_thank_you() -> None:
    app = state(interviews=[interview(contact_ids=(1, 1, 2))])
    first = replan(app, NOW)

    second = plan(app, NOW, POLICY)

    assert sorted(a.contact_id for a in planned(first, Kind.THANK_YOU)) == [1, 2]
    assert second.changed_from(first.actions) == []


def test_a_done_step_is_not_planned_again() -> None:
    app = state()
    sent = mark(app, planned(replan(app, NOW), Kind.THANK_YOU)[0], at=local(2026, 12, 1, 15))

    result = plan(app, local(2026, 12, 1, 16), POLICY)

    assert [a.contact_id for a in planned(result, Kind.THANK_YOU)] == [2]
    assert with_id(result, sent.id) == sent


def test_a_skipped_step_is_not_planned_again() -> None:
    app = state()
    mark(app, only(replan(app, NOW), Kind.INQUIRY), Status.SKIPPED)

    assert planned(plan(app, local(2026, 12, 2, 9), POLICY), Kind.INQUIRY) == []


def test_done_skipped_and_cancelled_actions_are_never_changed() -> None:
    odd = local(2026, 11, 2, 8)
    stored = [
        action(Kind.INQUIRY, odd, id=1, status=Status.DONE, anchor="interview:1"),
        action(Kind.THANK_YOU, odd, id=2, contact_id=1, status=Status.SKIPPED),
        action(Kind.DECISION_CHECK, odd, id=3, status=Status.CANCELLED, reason="old"),
    ]
    app = state(actions=stored, status=AppStatus.REJECTED, status_at=local(2026, 12, 2, 10))

    result = plan(app, local(2026, 12, 2, 10), POLICY)

    assert [with_id(result, a.id) for a in stored] == stored


def test_removing_an_out_of_office_reply_after_a_skipped_inquiry_does_not_crash() -> None:
    app = state()
    mark(app, only(replan(app, NOW), Kind.INQUIRY), Status.SKIPPED)
    auto_reply = reply(local(2026, 12, 3, 14))
    app.touches.append(auto_reply)
    from_reply = only(replan(app, local(2026, 12, 3, 14)), Kind.INQUIRY)
    app.touches.remove(auto_reply)  # it was an out-of-office reply, logged by mistake

    result = plan(app, local(2026, 12, 3, 15), POLICY)

    assert with_id(result, from_reply.id).status is Status.CANCELLED


def answered_id(actions: list[Action], at: datetime) -> int | None:
    found = answered_call(actions, at)
    return found.id if found else None


# -- answered_call --------------------------------------------------------------------------------
def test_answered_call_prefers_callback_over_inquiry() -> None:
    actions = [
        action(Kind.INQUIRY, local(2026, 12, 8, 9), id=1),
        action(Kind.CALLBACK, local(2026, 12, 9, 11), id=2),
    ]

    assert answered_id(actions, local(2026, 12, 9, 11, 5)) == 2


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((Kind.INQUIRY, Kind.DECISION_CHECK), Kind.DECISION_CHECK),
        ((Kind.DECISION_CHECK, Kind.CALL_RETRY), Kind.CALL_RETRY),
        ((Kind.INQUIRY, Kind.CALL_RETRY, Kind.CALLBACK), Kind.CALLBACK),
    ],
)
def test_answered_call_looks_for_callback_retry_decision_check_then_inquiry(
    kinds: tuple[Kind, ...], expected: Kind
) -> None:
    actions = [action(k, local(2026, 12, 8, 9), id=i) for i, k in enumerate(kinds)]

    found = answered_call(actions, local(2026, 12, 8, 10))

    assert found is not None and found.kind is expected


def test_answered_call_ignores_actions_that_open_after_the_call() -> None:
    actions = [
        action(Kind.INQUIRY, local(2026, 12, 8, 9), id=1),
        action(Kind.CALLBACK, local(2026, 12, 9, 11), id=2),
    ]

    assert answered_id(actions, local(2026, 12, 9, 10)) == 1


def test_answered_call_ignores_actions_that_are_not_planned() -> None:
    actions = [
        action(Kind.CALLBACK, local(2026, 12, 8, 9), id=1, status=Status.DONE),
        action(Kind.CALL_RETRY, local(2026, 12, 8, 9), id=2, status=Status.CANCELLED),
        action(Kind.INQUIRY, local(2026, 12, 8, 9), id=3),
    ]

    assert answered_id(actions, local(2026, 12, 8, 10)) == 3


def test_answered_call_picks_the_earliest_of_a_kind() -> None:
    actions = [
        action(Kind.INQUIRY, local(2026, 12, 9, 9), id=1),
        action(Kind.INQUIRY, local(2026, 12, 8, 9), id=2),
    ]

    assert answered_id(actions, local(2026, 12, 9, 10)) == 2


def test_answered_call_is_none_when_no_call_is_open() -> None:
    actions = [
        action(Kind.THANK_YOU, local(2026, 12, 1, 11), id=1),
        action(Kind.INQUIRY, local(2026, 12, 8, 9), id=2),
    ]

    assert answered_call(actions, local(2026, 12, 7, 10)) is None


def test_a_logged_call_cancels_the_other_open_call_as_answered() -> None:
    app = state(decision_date=date(2026, 12, 18))  # interview Tue 1 Dec: inquiry 8-11 Dec
    inquiry = only(replan(app, NOW), Kind.INQUIRY)
    mark(app, inquiry)
    app.touches.append(
        call(local(2026, 12, 8, 10), action=inquiry, callback_at=local(2026, 12, 22, 15))
    )
    callback = only(replan(app, local(2026, 12, 8, 10)), Kind.CALLBACK)
    check = only(replan(app, local(2026, 12, 8, 10)), Kind.DECISION_CHECK)
    mark(app, callback)
    app.touches.append(call(local(2026, 12, 22, 15), action=callback))

    result = plan(app, local(2026, 12, 22, 15), POLICY)

    assert (with_id(result, check.id).status, with_id(result, check.id).reason) == (
        Status.CANCELLED,
        "answered by the call of Tue 22 Dec",
    )
    assert only(result, Kind.INQUIRY).rule == "R5"
