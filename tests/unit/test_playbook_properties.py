"""Properties of the planner over random interviews, zones, holidays and sequences of touches."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import event, given, settings
from hypothesis import strategies as st

from followup.domain.model import (
    Action,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Kind,
    Status,
    TouchKind,
)
from followup.domain.playbook import Plan, answered_call, keeps_gap, plan, settled
from tests.unit.factories import (
    POLICY,
    call,
    interview,
    mark,
    note,
    persist,
    planned,
    replan,
    state,
    touch,
)

ZONES = [
    "Europe/Dublin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
]
CALLS_AT_BUSINESS_HOURS = (Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALL_RETRY)
BOUNDED = settings(max_examples=150, deadline=None)


# -- an oracle for business days, written independently of followup.domain.calendar ---------------
def is_business(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_business(day: date, holidays: Collection[date], count: int = 1) -> date:
    for _ in range(count):
        day += timedelta(days=1)
        while not is_business(day, holidays):
            day += timedelta(days=1)
    return day


def business_days_after(first: date, second: date, holidays: Collection[date]) -> int:
    """Business days in (first, second]."""
    return sum(
        is_business(first + timedelta(k), holidays) for k in range(1, (second - first).days + 1)
    )


def local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


# -- random applications --------------------------------------------------------------------------
@dataclass
class Case:
    app: ApplicationState
    tz: str
    day: date
    """The local date on which the interview ends."""
    holidays: frozenset[date]
    now: datetime


@st.composite
def cases(draw: st.DrawFn) -> Case:
    tz = draw(st.sampled_from(ZONES))
    naive = draw(st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31, 23, 59)))
    start = naive.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC).astimezone(ZoneInfo(tz))
    minutes = draw(st.integers(15, 240))
    count = draw(st.integers(1, 8))
    end_day = local(start + timedelta(minutes=minutes), tz).date()
    offset = draw(st.none() | st.integers(-2, 30))
    decision = None if offset is None else end_day + timedelta(offset)
    holidays = frozenset(
        end_day + timedelta(k) for k in draw(st.sets(st.integers(-3, 45), max_size=12))
    )
    now = start + timedelta(minutes=draw(st.integers(-24 * 60, 3 * 24 * 60)))
    app = state(
        interviewers=count, start=start, minutes=minutes, timezone=tz, decision_date=decision
    )
    return Case(app, tz, end_day, holidays, now)


def check_invariants(result: Plan, case: Case) -> None:
    tz, holidays = case.tz, case.holidays
    open_actions = planned(result)
    for a in result.actions:
        assert a.earliest <= a.due <= a.deadline, a
    keys = [a.key for a in open_actions]
    assert len(keys) == len(set(keys)), "two planned actions for one (kind, interview, contact)"
    for a in open_actions:
        if a.kind in CALLS_AT_BUSINESS_HOURS and a.channel is Channel.PHONE:
            earliest, due = local(a.earliest, tz), local(a.due, tz)
            assert earliest.time() == time(9) and is_business(earliest.date(), holidays), a
            assert due.time() == time(17) and is_business(due.date(), holidays), a
    gapped = sorted((a for a in open_actions if keeps_gap(a)), key=lambda a: a.earliest)
    for before, after in pairwise(gapped):
        first, second = local(before.earliest, tz).date(), local(after.earliest, tz).date()
        assert business_days_after(first, second, holidays) >= POLICY.gap_business_days


def assert_idempotent(app: ApplicationState, now: datetime, holidays: frozenset[date]) -> None:
    first = plan(app, now, POLICY, holidays)
    stored = ApplicationState(
        app.application, app.interviews, app.contacts, app.touches, persist(first)
    )
    second = plan(stored, now, POLICY, holidays)
    assert second.changed_from(stored.actions) == []
    assert second.status is first.status


# -- properties of the first plan -----------------------------------------------------------------
@BOUNDED
@given(cases())
def test_every_action_opens_before_it_is_due_and_is_due_before_its_deadline(case: Case) -> None:
    check_invariants(plan(case.app, case.now, POLICY, case.holidays), case)


@BOUNDED
@given(cases())
def test_thank_you_notes_are_due_by_the_end_of_the_interview_day_and_late_after_the_next(
    case: Case,
) -> None:
    notes = planned(plan(case.app, case.now, POLICY, case.holidays), Kind.THANK_YOU)

    assert len(notes) == len(case.app.interviews[0].participants) + (
        len(case.app.interviews[0].participants) > POLICY.panel_note_threshold
    )
    for n in notes:
        due, deadline = local(n.due, case.tz), local(n.deadline, case.tz)
        assert (due.date(), due.time()) == (case.day, time(23, 59, 59))
        assert (deadline.date(), deadline.time()) == (
            case.day + timedelta(days=1),
            time(23, 59, 59),
        )
        assert n.earliest == case.app.interviews[0].end


@BOUNDED
@given(cases())
def test_a_checklist_is_planned_only_while_the_interview_has_not_started(case: Case) -> None:
    checklists = planned(plan(case.app, case.now, POLICY, case.holidays), Kind.CHECKLIST)

    assert len(checklists) == (case.app.interviews[0].start > case.now)


@BOUNDED
@given(cases())
def test_a_stored_plan_read_at_any_time_shows_the_checklist_as_replanning_would(case: Case) -> None:
    replan(case.app, case.app.interviews[0].start - timedelta(days=1), case.holidays)

    shown = settled(case.app, case.now)

    replanned = plan(case.app, case.now, POLICY, case.holidays)
    checklists = [[a for a in actions if a.kind is Kind.CHECKLIST]
                  for actions in (shown.actions, replanned.actions)]
    assert checklists[0] == checklists[1]


@BOUNDED
@given(cases())
def test_the_first_inquiry_lies_on_the_business_days_a_week_to_ten_days_after(case: Case) -> None:
    result = plan(case.app, case.now, POLICY, case.holidays)
    window = [case.day + timedelta(k) for k in range(7, 11)]
    inside = [d for d in window if is_business(d, case.holidays)]
    first, last = (
        (inside[0], inside[-1]) if inside else ((n := next_business(window[-1], case.holidays)), n)
    )
    promised = case.app.interviews[0].decision_date
    merged = promised is not None and (
        promised <= last
        or next_business(promised, case.holidays) < next_business(last, case.holidays, 3)
    )

    inquiries = planned(result, Kind.INQUIRY)

    assert len(inquiries) == (not merged)
    for inquiry in inquiries:
        assert local(inquiry.earliest, case.tz).date() == first
        assert local(inquiry.due, case.tz).date() == last
        assert inquiry.deadline == inquiry.due


@BOUNDED
@given(cases())
def test_the_decision_check_is_the_business_day_after_the_promised_date(case: Case) -> None:
    promised = case.app.interviews[0].decision_date
    checks = planned(plan(case.app, case.now, POLICY, case.holidays), Kind.DECISION_CHECK)

    assert len(checks) == (promised is not None)
    for check in checks:
        assert promised is not None
        assert local(check.earliest, case.tz).date() == next_business(promised, case.holidays)
        assert local(check.deadline, case.tz).date() == next_business(
            promised, case.holidays, POLICY.decision_check_deadline_business_days
        )


@BOUNDED
@given(cases())
def test_planning_is_idempotent(case: Case) -> None:
    assert_idempotent(case.app, case.now, case.holidays)


# -- random sequences of touches ------------------------------------------------------------------
EVENTS = (
    "reply",
    "call_received",
    "reached",
    "no_answer",
    "no_answer",
    "voicemail",
    "unlinked",
    "email",
    "email",
)
"""Weighted towards follow-ups that go unanswered, so that sequences also reach `stale`."""
events = st.lists(
    st.tuples(
        st.sampled_from(EVENTS),
        st.integers(1, 10 * 24),  # hours since the previous event
        st.none() | st.integers(0, 14),  # a decision date, days after the touch
        st.none() | st.integers(1, 72),  # a call-back time, hours after the touch
    ),
    min_size=1,
    max_size=10,
)


def last_candidate_contact(app: ApplicationState) -> date | None:
    """The local date of the latest call made or follow-up note sent since the interview."""
    tz, start = app.interviews[0].timezone, app.interviews[0].start
    follow_up_ids = {
        a.id
        for a in app.actions
        if a.kind
        in (Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALLBACK, Kind.CALL_RETRY, Kind.LAST_NOTE)
    }
    days = [
        local(t.at, tz).date()
        for t in app.touches
        if t.at >= start
        and (
            t.kind is TouchKind.CALL_MADE
            or (t.kind is TouchKind.NOTE_SENT and t.action_id in follow_up_ids)
        )
    ]
    return max(days, default=None)


def apply(
    app: ApplicationState, event: str, at: datetime, decision: int | None, callback: int | None
) -> None:
    """Records one touch as the service would, marking the action it answers done."""
    tz = app.interviews[0].timezone
    promised = None if decision is None else local(at, tz).date() + timedelta(decision)
    callback_at = None if callback is None else at + timedelta(hours=callback)
    if event in ("reply", "call_received"):
        kind = TouchKind.REPLY if event == "reply" else TouchKind.CALL_RECEIVED
        app.touches.append(touch(kind, at, decision_date=promised, callback_at=callback_at))
        return
    if event == "email":
        target: Action | None = next(
            (a for a in planned(app.actions) if a.kind in (Kind.INQUIRY, Kind.LAST_NOTE)), None
        )
        if target is not None:
            mark(app, target, at=at)
            app.touches.append(note(at, target))
        return
    target = None if event == "unlinked" else answered_call(app.actions, at)
    if target is not None:
        mark(app, target, at=at)
    if event == "reached":
        app.touches.append(
            call(
                at,
                CallOutcome.REACHED,
                action=target,
                decision_date=promised,
                callback_at=callback_at,
            )
        )
    else:
        outcome = CallOutcome.VOICEMAIL if event == "voicemail" else CallOutcome.NO_ANSWER
        app.touches.append(call(at, outcome, action=target))


@BOUNDED
@given(cases(), events)
def test_random_touches_never_crash_and_keep_the_invariants(
    case: Case, steps: list[tuple[str, int, int | None, int | None]]
) -> None:
    app = case.app
    at = max(case.now, app.interviews[0].end)
    before = replan(app, at, case.holidays)
    for kind_of_touch, hours, decision, callback in steps:
        at += timedelta(hours=hours)
        apply(app, kind_of_touch, at, decision, callback)

        result = replan(app, at, case.holidays)

        check_invariants(result, case)
        assert result.status in (AppStatus.ACTIVE, AppStatus.STALE)
        event(f"status {result.status}")
        for kind in sorted({a.kind for a in planned(result)}):
            event(f"planned {kind}")
        now_by_id = {a.id: a for a in result.actions}
        for old in before.actions:
            assert old.id in now_by_id, "an action was lost"
            if not old.is_open:
                assert now_by_id[old.id] == old, "a finished action was changed"
        last = last_candidate_contact(app)
        if last is not None:
            for a in planned(result):
                if keeps_gap(a):
                    assert (
                        business_days_after(
                            last,
                            local(a.earliest, case.tz).date(),
                            case.holidays,
                        )
                        >= POLICY.gap_business_days
                    ), a
        for a in result.actions:
            if a.status is Status.CANCELLED and a.id is not None:
                assert a.reason
        assert_idempotent(app, at, case.holidays)
        before = Plan(list(app.actions), result.status)


# -- random touches between two rounds ------------------------------------------------------------
def own_steps(result: Plan, interview_id: int) -> list[Action]:
    """A round's own steps: its checklist and thank-you notes."""
    return [
        a
        for a in result.actions
        if a.interview_id == interview_id and a.kind in (Kind.CHECKLIST, Kind.THANK_YOU)
    ]


@settings(max_examples=100, deadline=None)
@given(cases(), events, st.integers(1, 10 * 24), st.none() | st.integers(0, 30))
def test_touches_between_rounds_are_honoured_and_leave_the_next_round_alone(
    case: Case,
    steps: list[tuple[str, int, int | None, int | None]],
    hours_to_next: int,
    decision: int | None,
) -> None:
    app = case.app
    at = max(case.now, app.interviews[0].end)
    last_touch = at + timedelta(hours=sum(hours for _, hours, _, _ in steps))
    next_start = last_touch + timedelta(hours=hours_to_next)
    next_day = local(next_start, case.tz).date()
    promised = None if decision is None else next_day + timedelta(decision)
    second = interview(id=2, start=next_start, timezone=case.tz, contact_ids=(1,))
    second.decision_date = promised
    app.interviews.append(second)
    booked = replan(app, at, case.holidays)
    own = own_steps(booked, 2)
    assert [a.kind for a in own if a.is_open] == [Kind.CHECKLIST, Kind.THANK_YOU]
    dated = False
    for kind_of_touch, hours, decision_days, callback in steps:
        at += timedelta(hours=hours)
        recorded = len(app.touches)
        apply(app, kind_of_touch, at, decision_days, callback)
        new = app.touches[recorded:]
        agreed = new[0].callback_at if new else None
        dated = dated or any(t.decision_date is not None for t in new)

        result = replan(app, at, case.holidays)

        check_invariants(result, case)
        assert own_steps(result, 2) == own, "a touch before the next round changed its steps"
        if agreed is not None:
            assert [a.earliest for a in planned(result, Kind.CALLBACK)] == [agreed]
        if not dated:
            assert {a.anchor for a in planned(result) if a.interview_id == 2} == {"interview:2"}
            # (unless the random user has already sent its inquiry by email: then it is done)
            assert any(
                a.kind in (Kind.INQUIRY, Kind.DECISION_CHECK)
                and a.interview_id == 2
                and a.status in (Status.PLANNED, Status.DONE)
                for a in result.actions
            ), "the next round lost its follow-up"
        assert_idempotent(app, at, case.holidays)

    started = next_start + timedelta(minutes=1)
    result = replan(app, started, case.holidays)

    check_invariants(result, case)
    assert [a.kind for a in own_steps(result, 2) if a.is_open] == [Kind.THANK_YOU]
    agreed = [t.callback_at for t in app.touches if t.callback_at is not None]
    owed = [agreed[-1]] if agreed and agreed[-1] >= next_start else []
    assert [a.earliest for a in planned(result, Kind.CALLBACK)] == owed
    given = [t.decision_date for t in app.touches if t.decision_date is not None]
    carried = given[-1] if given and given[-1] >= local(second.end, case.tz).date() else None
    in_force = second.decision_date or carried
    checks = [local(a.earliest, case.tz).date() for a in planned(result, Kind.DECISION_CHECK)]
    assert checks == ([next_business(in_force, case.holidays)] if in_force else [])
    assert_idempotent(app, started, case.holidays)
