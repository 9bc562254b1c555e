"""The playbook's rules R1-R10: what was recorded + now + policy -> the planned actions."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from followup.domain import calendar as cal
from followup.domain.model import (
    CALLS,
    DECIDED,
    FOLLOW_UPS,
    Action,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Contact,
    Interview,
    Kind,
    Role,
    Status,
    Touch,
    TouchKind,
)
from followup.domain.policy import Policy

TOOK_PLACE = "the interview took place"
"""Why a held interview's checklist is cancelled when it was not ticked (R1)."""
UNDONE = "the outcome was undone"
"""Why an outcome's steps are cancelled when the user takes the outcome back (a mistake)."""
GAPPED = frozenset({Kind.INQUIRY, Kind.DECISION_CHECK, Kind.LAST_NOTE})
"""Contacts the candidate starts that keep the R6 gap (thank-you notes, retries and call-backs
the employer asked for do not)."""


def instead_of_calls(action: Action) -> bool:
    """Whether the step is R5's email sent instead of a third call retry."""
    return action.kind is Kind.INQUIRY and action.channel is Channel.EMAIL and action.rule == "R5"


def keeps_gap(action: Action) -> bool:
    """Whether R6's gap applies; the email sent instead of a third call retry takes the
    retry's place and, like it, is exempt."""
    return action.kind in GAPPED and not instead_of_calls(action)


def held(interview: Interview, now: datetime) -> bool:
    """Whether the interview has started by `now` and was not called off."""
    return not interview.cancelled and interview.start <= now


def reached_employer(touch: Touch) -> bool:
    """Whether the touch reached the employer: their reply or call, or a call that got
    through (R5, R10)."""
    return touch.from_employer or (touch.kind is TouchKind.CALL_MADE
                                   and touch.outcome in (None, CallOutcome.REACHED))


def settled(state: ApplicationState, now: datetime) -> ApplicationState:
    """The state as re-planning at `now` leaves the checklists (R1): a held interview's open
    checklist is cancelled, so that a plan read before the next re-plan shows it settled."""
    started = {i.id for i in state.interviews if held(i, now)}
    actions = [replace(a, status=Status.CANCELLED, reason=TOOK_PLACE)
               if a.is_open and a.kind is Kind.CHECKLIST and a.interview_id in started else a
               for a in state.actions]
    return replace(state, actions=actions)


def step(kind: Kind, interview_id: int | None, contact_id: int | None, channel: Channel,
         earliest: datetime, due: datetime, deadline: datetime, rule: str, why: str,
         anchor: str, optional: bool = False) -> Action:
    """An action the rules want, before it is matched with what exists (times in UTC, so that
    an unchanged time compares equal to the stored one even when the local time repeats)."""
    return Action(None, None, kind, interview_id, contact_id, channel, earliest.astimezone(UTC),
                  due.astimezone(UTC), deadline.astimezone(UTC), rule, why, optional=optional,
                  anchor=anchor)


@dataclass
class Plan:
    """The application's actions after re-planning, and its status."""

    actions: list[Action]
    status: AppStatus

    def changed_from(self, before: Iterable[Action]) -> list[Action]:
        """Actions that are new or differ from `before`."""
        old = {a.id: a for a in before if a.id is not None}
        return [a for a in self.actions if a.id is None or old.get(a.id) != a]


@dataclass
class _Rules:
    """The rules applied to one application; holds what every rule needs."""

    state: ApplicationState
    now: datetime
    policy: Policy
    holidays: Collection[date]
    tz: str = ""
    removed: dict[tuple[Kind, int | None, int | None], str] = field(default_factory=dict)

    # -- times -----------------------------------------------------------------------------
    def day(self, moment: datetime) -> date:
        return cal.local_date(moment, self.tz)

    def opening(self, day: date) -> datetime:
        return cal.at(day, self.policy.business_start, self.tz)

    def closing(self, day: date) -> datetime:
        return cal.at(day, self.policy.business_end, self.tz)

    def next_business_day(self, day: date) -> date:
        return cal.add_business_days(day, 1, self.holidays)

    def inquiry_window(self, start: date) -> tuple[date, date]:
        """R3: business days within [start + 7, start + 10], else the first one after."""
        first = cal.on_or_after(start + timedelta(self.policy.inquiry_after_days), self.holidays)
        last = cal.on_or_before(start + timedelta(self.policy.inquiry_within_days), self.holidays)
        return (first, last) if first <= last else (first, first)

    # -- people ----------------------------------------------------------------------------
    def interviewers(self, interview: Interview) -> list[Contact]:
        """The interview's interviewers, each once, in the order they were recorded."""
        ids = dict.fromkeys(p.contact_id for p in interview.participants)
        found = (self.state.contact(i) for i in ids)
        return [c for c in found if c is not None and c.role is Role.INTERVIEWER]

    def with_role(self, role: Role) -> list[Contact]:
        return [c for c in self.state.contacts if c.role is role]

    def primary(self, interview: Interview) -> Contact | None:
        """Whom follow-up calls ask for: the first interviewer, else the recruiter."""
        people = self.interviewers(interview) or self.with_role(Role.RECRUITER)
        return people[0] if people else None

    # -- rules -----------------------------------------------------------------------------
    def per_interview(self, interview: Interview) -> list[Action]:
        """R1 (checklist until it starts) and R2 (a thank-you to each interviewer)."""
        self.tz = interview.timezone
        anchor = f"interview:{interview.id}"
        steps: list[Action] = []
        if not held(interview, self.now):
            steps.append(step(
                Kind.CHECKLIST, interview.id, None, Channel.EMAIL,
                interview.start, interview.end, interview.end, "R1",
                "Before you leave, ask for the next step and the decision date, and collect "
                "every interviewer's card so each name is spelled right.", anchor))
        day = self.day(interview.end)
        due = cal.end_of_day(day, self.tz)
        deadline = cal.end_of_day(day + timedelta(self.policy.thank_you_grace_days), self.tz)
        interviewers = self.interviewers(interview)
        for person in interviewers:
            steps.append(step(
                Kind.THANK_YOU, interview.id, person.id, Channel.EMAIL,
                interview.end, due, deadline, "R2",
                f"A short note to {person.name} the same day shows you value their time "
                "and keeps you in mind while they decide.", anchor))
        if len(interviewers) > self.policy.panel_note_threshold:
            coordinators = self.with_role(Role.COORDINATOR)
            steps.append(step(
                Kind.THANK_YOU, interview.id, coordinators[0].id if coordinators else None,
                Channel.EMAIL, interview.end, due, deadline, "R2",
                "With a panel this large, one extra note to the coordinator that names "
                "everyone makes sure nobody is missed.", anchor, optional=True))
        return steps

    def inquiry(self, interview: Interview, start: date, anchor: str, rule: str = "R3") -> Action:
        """R3: a call a week to ten days after `start`."""
        first, last = self.inquiry_window(start)
        person = self.primary(interview)
        return step(
            Kind.INQUIRY, interview.id, person.id if person else None, Channel.PHONE,
            self.opening(first), self.closing(last), self.closing(last), rule,
            "A polite call a week or so later reaffirms your interest and asks where "
            "things stand.", anchor)

    def decision_check(self, interview: Interview, promised: date, anchor: str) -> Action:
        """R4: a call the business day after the promised decision date."""
        first = cal.add_business_days(promised, 1, self.holidays)
        last = cal.add_business_days(
            promised, self.policy.decision_check_deadline_business_days, self.holidays)
        person = self.primary(interview)
        return step(
            Kind.DECISION_CHECK, interview.id, person.id if person else None, Channel.PHONE,
            self.opening(first), self.closing(first), self.closing(last), "R4",
            f"They said they would decide by {promised:%a %d %b}; a call the next business "
            "day shows interest and gets you the answer.", anchor)

    def callback(self, interview: Interview, moment: datetime, anchor: str) -> Action:
        """R5: the call-back time the employer asked for, exactly."""
        person = self.primary(interview)
        close = max(self.closing(self.day(moment)), moment)
        return step(
            Kind.CALLBACK, interview.id, person.id if person else None, Channel.PHONE,
            moment, close, close, "R5",
            "They asked you to call back at this time; calling exactly then shows you listen.",
            anchor)

    def after_no_answer(self, interview: Interview, touch: Touch, retries: int) -> Action:
        """R5: a retry the next business day, or an email inquiry once retries run out."""
        day = self.next_business_day(self.day(touch.at))
        person = self.primary(interview)
        contact_id = person.id if person else None
        anchor = f"touch:{touch.id}"
        if retries <= self.policy.max_call_retries:
            return step(
                Kind.CALL_RETRY, interview.id, contact_id, Channel.PHONE,
                self.opening(day), self.closing(day), self.closing(day), "R5",
                f"Nobody answered on {self.day(touch.at):%a %d %b}; try once more the next "
                "business morning.", anchor)
        return step(
            Kind.INQUIRY, interview.id, contact_id, Channel.EMAIL,
            self.opening(day), cal.end_of_day(day, self.tz),
            cal.end_of_day(self.next_business_day(day), self.tz), "R5",
            "Calls have not reached anyone; a short email asks the same question without "
            "ringing again.", anchor)

    def first_follow_ups(self, interview: Interview,
                         promised: date | None) -> dict[Kind, Action]:
        """R3 and R4 after an interview, merged when they would crowd each other."""
        anchor = f"interview:{interview.id}"
        inquiry = self.inquiry(interview, self.day(interview.end), anchor)
        if promised is None:
            return {Kind.INQUIRY: inquiry}
        check = self.decision_check(interview, promised, anchor)
        if self.crowds(inquiry, check, promised):
            return {Kind.DECISION_CHECK: check}
        return {Kind.INQUIRY: inquiry, Kind.DECISION_CHECK: check}

    def crowds(self, inquiry: Action, check: Action, promised: date) -> bool:
        """R4: whether the decision check makes the inquiry moot (the promised date falls in or
        before its window, or the check would come within the gap after it); if so, the
        inquiry is noted as merged into the check."""
        window_end = self.day(inquiry.deadline)
        too_close = self.day(check.earliest) < cal.add_business_days(
            window_end, self.policy.gap_business_days, self.holidays)
        if promised <= window_end or too_close:
            self.removed[inquiry.key] = (
                f"merged into the call after the promised decision date ({promised:%a %d %b})")
            return True
        return False

    def follow_ups(self, interviews: list[Interview]) -> tuple[list[Action], bool]:
        """The follow-ups (R3-R6, R10): the touches since the latest held round folded into
        its follow-ups, and the first follow-ups of a round still to come.

        Returns the steps and whether the application has gone stale.
        """
        latest = interviews[-1]
        rounds = [i for i in interviews if held(i, self.now)]
        if not rounds:
            first = self.first_follow_ups(latest, latest.decision_date)
            return self.keep_gaps(list(first.values()), None), False
        round_ = rounds[-1]
        ahead = latest if latest is not round_ else None
        # A round still to come is followed up after it; until then only what the employer
        # asked for (a call-back, a decision date) and its retries chase the held round.
        pending = {} if ahead is not None else self.first_follow_ups(
            round_, round_.decision_date or self.carried_date(interviews, round_))
        pending.update(self.owed_callback(interviews, round_))
        last_contact, stale = self.fold(pending, round_, renew=ahead is None)
        steps = list(pending.values())
        if ahead is not None:
            carried = self.carried_date(interviews, ahead)
            if carried is not None:  # the next round's own check carries it
                steps = [s for s in steps if s.kind is not Kind.DECISION_CHECK]
            steps += self.first_follow_ups(ahead, carried or ahead.decision_date).values()
        return self.keep_gaps(steps, last_contact), stale

    def said_before(self, interviews: list[Interview], round_: Interview) -> list[Touch]:
        """The conversations with the employer between the round before `round_` and it, in
        time order (what was agreed then may be for after it)."""
        earlier = [i for i in interviews if i.start < round_.start]
        if not earlier:
            return []
        return sorted((t for t in self.state.touches
                       if earlier[-1].start <= t.at < round_.start and reached_employer(t)),
                      key=lambda t: t.at)

    def carried_date(self, interviews: list[Interview], round_: Interview) -> date | None:
        """R4: the decision date last given between the round before `round_` and it, when it
        falls after `round_` (then it is still in force once `round_` has begun)."""
        given = [t.decision_date for t in self.said_before(interviews, round_)
                 if t.decision_date is not None]
        return given[-1] if given and given[-1] >= self.day(round_.end) else None

    def owed_callback(self, interviews: list[Interview],
                      round_: Interview) -> dict[Kind, Action]:
        """R5: the call-back last agreed before `round_` started, when it is for a time after
        that (the employer asked for it, and the round does not answer it)."""
        agreed = [t for t in self.said_before(interviews, round_) if t.callback_at is not None]
        if not agreed or agreed[-1].callback_at is None or agreed[-1].callback_at < round_.start:
            return {}
        then = [i for i in interviews if i.start <= agreed[-1].at]
        return {Kind.CALLBACK: self.callback(then[-1], agreed[-1].callback_at,
                                             f"touch:{agreed[-1].id}")}

    def fold(self, pending: dict[Kind, Action], interview: Interview,
             renew: bool) -> tuple[date | None, bool]:
        """Folds the touches since `interview` started into the open follow-ups; with `renew`,
        a conversation that named no date or call-back, or an email follow-up, is followed by
        the next inquiry (R3 from the touch).

        Returns the day of the latest contact the candidate started, and whether the
        application has gone stale.
        """
        kinds = {a.id: a.kind for a in self.state.actions}
        unanswered = unreached = 0
        stale = False
        last_contact: date | None = None
        touches = sorted(
            (t for t in self.state.touches if t.at >= interview.start), key=lambda t: t.at)
        for touch in touches:
            answered = kinds.get(touch.action_id) if touch.action_id is not None else None
            on = f"{self.day(touch.at):%a %d %b}"
            anchor = f"touch:{touch.id}"
            reached = touch.kind is TouchKind.CALL_MADE and reached_employer(touch)
            if reached_employer(touch):
                unanswered = unreached = 0
                stale = False
                if reached:
                    last_contact = self.day(touch.at)
                    self.drop(pending, (Kind.LAST_NOTE,), f"answered by the call of {on}")
                    self.drop(pending, CALLS, f"answered by the call of {on}", touch.at)
                else:
                    self.drop(pending, (Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALL_RETRY,
                                        Kind.LAST_NOTE), f"the employer got in touch on {on}")
                self.replan_from(pending, interview, touch, anchor, "R5" if reached else "R10",
                                 renew)
                continue
            started = touch.kind is TouchKind.CALL_MADE or answered in FOLLOW_UPS
            if started:
                last_contact = self.day(touch.at)
            if stale or not started or answered is None:
                if answered is Kind.LAST_NOTE:
                    self.drop(pending, (Kind.LAST_NOTE,), "the last note was sent")
                continue
            if touch.kind is TouchKind.CALL_MADE:
                unreached += 1
                unanswered += unreached == 1
                self.drop(pending, CALLS, f"answered by the call of {on}", touch.at)
                if unanswered < self.policy.max_unanswered:
                    wanted = self.after_no_answer(interview, touch, unreached)
                    pending[wanted.kind] = wanted
                    unreached = 0 if wanted.kind is Kind.INQUIRY else unreached
            else:
                unanswered += 1
                unreached = 0
                self.drop(pending, (Kind.INQUIRY,), f"followed up by email on {on}")
                if unanswered < self.policy.max_unanswered and renew:
                    pending[Kind.INQUIRY] = self.inquiry(interview, self.day(touch.at), anchor)
            if unanswered >= self.policy.max_unanswered:
                stale = True
                self.drop(pending, tuple(FOLLOW_UPS), f"{unanswered} follow-ups went unanswered")
                pending[Kind.LAST_NOTE] = self.last_note(interview, self.day(touch.at), anchor)
        return last_contact, stale

    def replan_from(self, pending: dict[Kind, Action], interview: Interview, touch: Touch,
                    anchor: str, rule: str, renew: bool) -> None:
        """After a conversation: R4 from a new date, a call-back, or else (when `renew`) R3
        from the touch."""
        if touch.decision_date is not None:
            pending[Kind.DECISION_CHECK] = self.decision_check(
                interview, touch.decision_date, anchor)
            self.drop(pending, (Kind.INQUIRY,), "a new decision date was given")
        if touch.callback_at is not None:
            pending[Kind.CALLBACK] = self.callback(interview, touch.callback_at, anchor)
        if touch.decision_date is None and touch.callback_at is None and renew:
            pending[Kind.INQUIRY] = self.inquiry(interview, self.day(touch.at), anchor, rule)

    def drop(self, pending: dict[Kind, Action], kinds: Iterable[Kind], reason: str,
             opened_by: datetime | None = None) -> None:
        """Removes steps of these kinds (only those open by `opened_by`, when given)."""
        for kind in kinds:
            wanted = pending.get(kind)
            if wanted is not None and (opened_by is None or wanted.earliest <= opened_by):
                del pending[kind]
                self.removed[wanted.key] = reason

    def keep_gaps(self, steps: list[Action], last_contact: date | None) -> list[Action]:
        """R6: moves gapped steps so that candidate-started contacts stay apart."""
        kept: list[Action] = []
        for wanted in sorted(steps, key=lambda s: s.earliest):
            if keeps_gap(wanted):
                if last_contact is not None:
                    wanted = self.not_before(wanted, cal.add_business_days(
                        last_contact, self.policy.gap_business_days, self.holidays))
                last_contact = self.day(wanted.earliest)
            kept.append(wanted)
        return kept

    def not_before(self, wanted: Action, day: date) -> Action:
        if self.day(wanted.earliest) >= day:
            return wanted
        earliest = self.opening(day).astimezone(UTC)
        due = max(wanted.due, self.closing(day).astimezone(UTC))
        return replace(wanted, earliest=earliest, due=due, deadline=max(wanted.deadline, due))

    def last_note(self, interview: Interview, last_contact: date, anchor: str) -> Action:
        """R6: after too many unanswered follow-ups, offer one last short note and stop."""
        day = cal.add_business_days(last_contact, self.policy.gap_business_days, self.holidays)
        end = cal.add_business_days(day, self.policy.last_note_window_business_days, self.holidays)
        person = self.primary(interview)
        return step(
            Kind.LAST_NOTE, interview.id, person.id if person else None, Channel.EMAIL,
            self.opening(day), cal.end_of_day(day, self.tz), cal.end_of_day(end, self.tz), "R6",
            "Several follow-ups went unanswered; one last friendly note leaves the door open "
            "without pestering.", anchor, optional=True)

    def outcome_steps(self, interview: Interview) -> list[Action]:
        """R8 after a rejection, R9 after an offer, a hire or a withdrawal."""
        app = self.state.application
        decided = app.status_at or interview.end
        day = self.day(decided)
        # One note per kind of outcome: an offer that becomes a hire is thanked once.
        family = AppStatus.HIRED if app.status is AppStatus.OFFER else app.status
        anchor = f"outcome:{family}"
        person = self.primary(interview)
        contact_id = person.id if person else None
        interview_id = interview.id
        note_end = cal.end_of_day(cal.add_business_days(
            day, self.policy.note_window_business_days, self.holidays), self.tz)
        if app.status is AppStatus.REJECTED:
            due_day = cal.add_business_days(
                day, self.policy.thank_after_decision_business_days, self.holidays)
            late_day = cal.add_business_days(
                due_day, self.policy.thank_after_decision_grace_business_days, self.holidays)
            later = day + timedelta(self.policy.keep_in_touch_days)
            return [
                step(Kind.THANK_AFTER_DECISION, interview_id, contact_id, Channel.EMAIL,
                     decided, cal.end_of_day(due_day, self.tz),
                     cal.end_of_day(late_day, self.tz), "R8",
                     "Thanking them for considering you, and asking to be kept in mind, "
                     "leaves a good last impression for the next opening.", anchor),
                step(Kind.KEEP_IN_TOUCH, interview_id, None, Channel.EMAIL,
                     self.opening(later), cal.end_of_day(later, self.tz),
                     cal.end_of_day(later + timedelta(self.policy.keep_in_touch_window_days),
                                    self.tz), "R8",
                     f"Three months on, check {app.company}'s openings and say hello to the "
                     "people you met.", anchor),
            ]
        if app.status in (AppStatus.OFFER, AppStatus.HIRED):
            helpers = self.with_role(Role.HELPER)
            to = helpers[0].id if helpers else contact_id
            return [step(Kind.THANK_HELPERS, interview_id, to, Channel.EMAIL, decided,
                         cal.end_of_day(day, self.tz), note_end, "R9",
                         "Thanking the people who helped along the way starts the new job on "
                         "good terms.", anchor, optional=True)]
        return [step(Kind.WITHDRAWAL_NOTE, interview_id, contact_id, Channel.EMAIL, decided,
                     cal.end_of_day(day, self.tz), note_end, "R9",
                     "A courteous note when you withdraw keeps the door open for later.",
                     anchor, optional=True)]

    def steps(self) -> tuple[list[Action], AppStatus]:
        """Every step the rules want now, and the application's status."""
        app = self.state.application
        interviews = sorted((i for i in self.state.interviews if not i.cancelled),
                            key=lambda i: i.start)
        steps = [s for i in interviews for s in self.per_interview(i)]
        latest = interviews[-1] if interviews else None
        if latest is None:
            return steps, app.status
        self.tz = latest.timezone
        if app.status in DECIDED:
            decided = app.status_at or self.now
            later = {i.id for i in interviews if i.start > decided}
            before = [i for i in interviews if i.id not in later] or interviews
            steps = [s for s in steps if s.interview_id not in later and not (
                app.status is AppStatus.REJECTED and s.kind is Kind.THANK_YOU)]
            self.tz = before[-1].timezone
            return steps + self.outcome_steps(before[-1]), app.status
        follow_ups, stale = self.follow_ups(interviews)
        return steps + follow_ups, AppStatus.STALE if stale else AppStatus.ACTIVE

    def why_cancelled(self, action: Action) -> str:
        app = self.state.application
        if action.key in self.removed:
            return self.removed[action.key]
        interview = next((i for i in self.state.interviews if i.id == action.interview_id), None)
        if interview is not None and interview.cancelled:
            return "the interview was cancelled"
        if app.status in DECIDED:
            return f"the application is {app.status}"
        if action.kind is Kind.CHECKLIST and interview is not None and held(interview, self.now):
            return TOOK_PLACE
        if action.kind in (Kind.THANK_AFTER_DECISION, Kind.KEEP_IN_TOUCH, Kind.THANK_HELPERS,
                           Kind.WITHDRAWAL_NOTE):
            return UNDONE
        return "no longer needed after re-planning"


def reconcile(existing: list[Action], steps: list[Action], application_id: int | None,
              reasons: dict[tuple[Kind, int | None, int | None], str]) -> list[Action]:
    """Matches wanted steps with existing actions by (kind, interview, contact).

    A match keeps its id and channel (the user may have switched it) and only its times
    move, except that R5's email instead of calls is an email; a step already done or skipped
    for the same anchor is not planned again; an open action nobody wants is cancelled.
    """
    handled = {(a.key, a.anchor) for a in existing if a.status in (Status.DONE, Status.SKIPPED)}
    open_by_key: dict[tuple[Kind, int | None, int | None], Action] = {}
    result = [a for a in existing if not a.is_open]
    for action in (a for a in existing if a.is_open):
        first = open_by_key.setdefault(action.key, action)
        if first is not action:  # two open steps for one purpose: keep the older
            result.append(replace(action, status=Status.CANCELLED,
                                  reason=f"a duplicate of action {first.id}"))
    for wanted in steps:
        if (wanted.key, wanted.anchor) in handled:
            continue
        match = open_by_key.pop(wanted.key, None)
        if match is not None:
            channel = wanted.channel if instead_of_calls(wanted) else match.channel
            result.append(replace(
                match, channel=channel, earliest=wanted.earliest, due=wanted.due,
                deadline=wanted.deadline, rule=wanted.rule, why=wanted.why,
                optional=wanted.optional, anchor=wanted.anchor))
        else:
            result.append(replace(wanted, application_id=application_id))
    for action in open_by_key.values():
        result.append(replace(action, status=Status.CANCELLED, reason=reasons[action.key]))
    return result


def plan(state: ApplicationState, now: datetime, policy: Policy,
         holidays: Collection[date] = frozenset()) -> Plan:
    """Re-plans one application; a pure function of what was recorded, `now` and the policy."""
    rules = _Rules(state, now, policy, holidays)
    steps, status = rules.steps()
    if state.application.status not in (AppStatus.ACTIVE, AppStatus.STALE):
        status = state.application.status
    reasons = {a.key: rules.why_cancelled(a) for a in state.actions if a.is_open}
    actions = reconcile(state.actions, steps, state.application.id, reasons)
    return Plan(sorted(actions, key=lambda a: (a.earliest, a.kind)), status)


def answered_call(actions: Iterable[Action], at: datetime) -> Action | None:
    """R5: the open call action a call made at `at` answers, in the playbook's order."""
    open_calls = [a for a in actions if a.is_open and a.kind in CALLS
                  and a.channel is Channel.PHONE and a.earliest <= at]
    for kind in CALLS:
        candidates = sorted((a for a in open_calls if a.kind is kind), key=lambda a: a.earliest)
        if candidates:
            return candidates[0]
    return None
