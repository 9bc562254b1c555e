"""The playbook's rules R1-R10: what was recorded + now + policy -> the planned actions."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

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

GAPPED = frozenset({Kind.INQUIRY, Kind.DECISION_CHECK, Kind.LAST_NOTE})
"""Contacts the candidate starts that keep the R6 gap (thank-yous, retries, call-backs do not)."""


@dataclass(frozen=True)
class Step:
    """One action the rules want, before it is matched with what exists."""

    kind: Kind
    interview_id: int | None
    contact_id: int | None
    channel: Channel
    earliest: datetime
    due: datetime
    deadline: datetime
    rule: str
    why: str
    anchor: str
    optional: bool = False

    @property
    def key(self) -> tuple[Kind, int | None, int | None]:
        return (self.kind, self.interview_id, self.contact_id)


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
        found = (self.state.contact(p.contact_id) for p in interview.participants)
        return [c for c in found if c is not None and c.role is Role.INTERVIEWER]

    def with_role(self, role: Role) -> list[Contact]:
        return [c for c in self.state.contacts if c.role is role]

    def primary(self, interview: Interview) -> Contact | None:
        """Whom follow-up calls ask for: the first interviewer, else the recruiter."""
        people = self.interviewers(interview) or self.with_role(Role.RECRUITER)
        return people[0] if people else None

    # -- rules -----------------------------------------------------------------------------
    def per_interview(self, interview: Interview) -> list[Step]:
        """R1 (checklist before it ends) and R2 (a thank-you to each interviewer)."""
        self.tz = interview.timezone
        anchor = f"interview:{interview.id}"
        steps: list[Step] = []
        if interview.end > self.now:
            steps.append(Step(
                Kind.CHECKLIST, interview.id, None, Channel.EMAIL,
                interview.start, interview.end, interview.end, "R1",
                "Before you leave, ask for the next step and the decision date, and collect "
                "every interviewer's card so each name is spelled right.", anchor))
        day = self.day(interview.end)
        due = cal.end_of_day(day, self.tz)
        deadline = cal.end_of_day(day + timedelta(self.policy.thank_you_grace_days), self.tz)
        interviewers = self.interviewers(interview)
        for person in interviewers:
            steps.append(Step(
                Kind.THANK_YOU, interview.id, person.id, Channel.EMAIL,
                interview.end, due, deadline, "R2",
                f"A short note to {person.name} the same day shows you value their time "
                "and keeps you in mind while they decide.", anchor))
        if len(interviewers) > self.policy.panel_note_threshold:
            coordinators = self.with_role(Role.COORDINATOR)
            steps.append(Step(
                Kind.THANK_YOU, interview.id, coordinators[0].id if coordinators else None,
                Channel.EMAIL, interview.end, due, deadline, "R2",
                "With a panel this large, one extra note to the coordinator that names "
                "everyone makes sure nobody is missed.", anchor, optional=True))
        return steps

    def inquiry(self, interview: Interview, start: date, anchor: str, rule: str = "R3") -> Step:
        """R3: a call a week to ten days after `start`."""
        first, last = self.inquiry_window(start)
        person = self.primary(interview)
        return Step(
            Kind.INQUIRY, interview.id, person.id if person else None, Channel.PHONE,
            self.opening(first), self.closing(last), self.closing(last), rule,
            "A polite call a week or so later reaffirms your interest and asks where "
            "things stand.", anchor)

    def decision_check(self, interview: Interview, promised: date, anchor: str) -> Step:
        """R4: a call the business day after the promised decision date."""
        first = cal.add_business_days(promised, 1, self.holidays)
        last = cal.add_business_days(
            promised, self.policy.decision_check_deadline_business_days, self.holidays)
        person = self.primary(interview)
        return Step(
            Kind.DECISION_CHECK, interview.id, person.id if person else None, Channel.PHONE,
            self.opening(first), self.closing(first), self.closing(last), "R4",
            f"They said they would decide by {promised:%a %d %b}; a call the next business "
            "day shows interest and gets you the answer.", anchor)

    def callback(self, interview: Interview, moment: datetime, anchor: str) -> Step:
        """R5: the call-back time the employer asked for, exactly."""
        person = self.primary(interview)
        close = max(self.closing(self.day(moment)), moment)
        return Step(
            Kind.CALLBACK, interview.id, person.id if person else None, Channel.PHONE,
            moment, close, close, "R5",
            "They asked you to call back at this time; calling exactly then shows you listen.",
            anchor)

    def after_no_answer(self, interview: Interview, touch: Touch, retries: int) -> Step:
        """R5: a retry the next business day, or an email inquiry once retries run out."""
        day = self.next_business_day(self.day(touch.at))
        person = self.primary(interview)
        contact_id = person.id if person else None
        anchor = f"touch:{touch.id}"
        if retries <= self.policy.max_call_retries:
            return Step(
                Kind.CALL_RETRY, interview.id, contact_id, Channel.PHONE,
                self.opening(day), self.closing(day), self.closing(day), "R5",
                f"Nobody answered on {touch.at:%a %d %b}; try once more the next business "
                "morning.", anchor)
        return Step(
            Kind.INQUIRY, interview.id, contact_id, Channel.EMAIL,
            self.opening(day), cal.end_of_day(day, self.tz),
            cal.end_of_day(self.next_business_day(day), self.tz), "R5",
            "Calls have not reached anyone; a short email asks the same question without "
            "ringing again.", anchor)

    def first_follow_ups(self, interview: Interview) -> dict[Kind, Step]:
        """R3 and R4 after the latest interview, merged when they would crowd each other."""
        anchor = f"interview:{interview.id}"
        day = self.day(interview.end)
        inquiry = self.inquiry(interview, day, anchor)
        if interview.decision_date is None:
            return {Kind.INQUIRY: inquiry}
        check = self.decision_check(interview, interview.decision_date, anchor)
        window_end = self.day(inquiry.deadline)
        too_close = self.day(check.earliest) < cal.add_business_days(
            window_end, self.policy.gap_business_days, self.holidays)
        if interview.decision_date <= window_end or too_close:
            self.removed[inquiry.key] = (
                "merged into the call after the promised decision date "
                f"({interview.decision_date:%a %d %b})")
            return {Kind.DECISION_CHECK: check}
        return {Kind.INQUIRY: inquiry, Kind.DECISION_CHECK: check}

    def follow_ups(self, interview: Interview) -> tuple[list[Step], bool]:
        """Folds the touches since the latest interview into the open follow-ups (R3-R6, R10).

        Returns the steps and whether the application has gone stale.
        """
        pending = self.first_follow_ups(interview)
        kinds = {a.id: a.kind for a in self.state.actions}
        unanswered = unreached = 0
        last_contact: date | None = None
        touches = sorted(
            (t for t in self.state.touches if t.at >= interview.start), key=lambda t: t.at)
        for touch in touches:
            answered = kinds.get(touch.action_id) if touch.action_id is not None else None
            on = f"{touch.at:%a %d %b}"
            anchor = f"touch:{touch.id}"
            if touch.from_employer:
                unanswered = unreached = 0
                self.drop(pending, (Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALL_RETRY,
                                    Kind.LAST_NOTE), f"the employer got in touch on {on}")
                self.replan_from(pending, interview, touch, anchor, "R10")
            elif touch.kind is TouchKind.CALL_MADE:
                last_contact = self.day(touch.at)
                if touch.outcome in (None, CallOutcome.REACHED):
                    unanswered = unreached = 0
                    self.drop(pending, CALLS, f"answered by the call of {on}")
                    self.replan_from(pending, interview, touch, anchor, "R5")
                    continue
                if answered is None:
                    continue
                unreached += 1
                unanswered += unreached == 1
                self.drop(pending, CALLS, f"answered by the call of {on}")
                if unanswered < self.policy.max_unanswered:
                    step = self.after_no_answer(interview, touch, unreached)
                    pending[step.kind] = step
                    if step.kind is Kind.INQUIRY:
                        unreached = 0
            elif touch.kind is TouchKind.NOTE_SENT and answered in FOLLOW_UPS:
                last_contact = self.day(touch.at)
                if answered is Kind.LAST_NOTE:
                    self.drop(pending, tuple(FOLLOW_UPS), "the last note was sent")
                    return [], True
                unanswered += 1
                unreached = 0
                self.drop(pending, (Kind.INQUIRY,), f"followed up by email on {on}")
                if unanswered < self.policy.max_unanswered:
                    pending[Kind.INQUIRY] = self.inquiry(interview, self.day(touch.at), anchor)
            if unanswered >= self.policy.max_unanswered:
                self.drop(pending, tuple(FOLLOW_UPS),
                          f"{unanswered} follow-ups went unanswered")
                return [self.last_note(interview, last_contact or self.day(touch.at), anchor)], True
        return self.keep_gaps(list(pending.values()), last_contact), False

    def replan_from(self, pending: dict[Kind, Step], interview: Interview, touch: Touch,
                    anchor: str, rule: str) -> None:
        """After a conversation: R4 from a new date, a call-back, or else R3 from the touch."""
        if touch.decision_date is not None:
            pending[Kind.DECISION_CHECK] = self.decision_check(
                interview, touch.decision_date, anchor)
            self.drop(pending, (Kind.INQUIRY,), "a new decision date was given")
        if touch.callback_at is not None:
            pending[Kind.CALLBACK] = self.callback(interview, touch.callback_at, anchor)
        if touch.decision_date is None and touch.callback_at is None:
            pending[Kind.INQUIRY] = self.inquiry(interview, self.day(touch.at), anchor, rule)

    def drop(self, pending: dict[Kind, Step], kinds: Iterable[Kind], reason: str) -> None:
        for kind in kinds:
            step = pending.pop(kind, None)
            if step is not None:
                self.removed[step.key] = reason

    def keep_gaps(self, steps: list[Step], last_contact: date | None) -> list[Step]:
        """R6: moves gapped steps so that candidate-started contacts stay apart."""
        kept: list[Step] = []
        for step in sorted(steps, key=lambda s: s.earliest):
            if step.kind in GAPPED:
                if last_contact is not None:
                    step = self.not_before(step, cal.add_business_days(
                        last_contact, self.policy.gap_business_days, self.holidays))
                last_contact = self.day(step.earliest)
            kept.append(step)
        return kept

    def not_before(self, step: Step, day: date) -> Step:
        if self.day(step.earliest) >= day:
            return step
        earliest = self.opening(day)
        due = max(step.due, self.closing(day))
        return replace(step, earliest=earliest, due=due, deadline=max(step.deadline, due))

    def last_note(self, interview: Interview, last_contact: date, anchor: str) -> Step:
        """R6: after too many unanswered follow-ups, offer one last short note and stop."""
        day = cal.add_business_days(last_contact, self.policy.gap_business_days, self.holidays)
        end = cal.add_business_days(day, self.policy.last_note_window_business_days, self.holidays)
        person = self.primary(interview)
        return Step(
            Kind.LAST_NOTE, interview.id, person.id if person else None, Channel.EMAIL,
            self.opening(day), cal.end_of_day(day, self.tz), cal.end_of_day(end, self.tz), "R6",
            "Several follow-ups went unanswered; one last friendly note leaves the door open "
            "without pestering.", anchor, optional=True)

    def outcome_steps(self, interview: Interview) -> list[Step]:
        """R8 after a rejection, R9 after an offer, a hire or a withdrawal."""
        app = self.state.application
        decided = app.status_at or self.now
        day = self.day(decided)
        anchor = f"outcome:{app.status}:{decided.isoformat()}"
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
                Step(Kind.THANK_AFTER_DECISION, interview_id, contact_id, Channel.EMAIL,
                     decided, cal.end_of_day(due_day, self.tz),
                     cal.end_of_day(late_day, self.tz), "R8",
                     "Thanking them for considering you, and asking to be kept in mind, "
                     "leaves a good last impression for the next opening.", anchor),
                Step(Kind.KEEP_IN_TOUCH, interview_id, None, Channel.EMAIL,
                     self.opening(later), cal.end_of_day(later, self.tz),
                     cal.end_of_day(later + timedelta(self.policy.keep_in_touch_window_days),
                                    self.tz), "R8",
                     f"Three months on, check {app.company}'s openings and say hello to the "
                     "people you met.", anchor),
            ]
        if app.status in (AppStatus.OFFER, AppStatus.HIRED):
            helpers = self.with_role(Role.HELPER)
            to = helpers[0].id if helpers else contact_id
            return [Step(Kind.THANK_HELPERS, interview_id, to, Channel.EMAIL, decided,
                         cal.end_of_day(day, self.tz), note_end, "R9",
                         "Thanking the people who helped along the way starts the new job on "
                         "good terms.", anchor, optional=True)]
        return [Step(Kind.WITHDRAWAL_NOTE, interview_id, contact_id, Channel.EMAIL, decided,
                     cal.end_of_day(day, self.tz), note_end, "R9",
                     "A courteous note when you withdraw keeps the door open for later.",
                     anchor, optional=True)]

    def steps(self) -> tuple[list[Step], AppStatus]:
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
            if app.status is AppStatus.REJECTED:
                steps = [s for s in steps if s.kind is not Kind.THANK_YOU]
            return steps + self.outcome_steps(latest), app.status
        follow_ups, stale = self.follow_ups(latest)
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
        if action.kind is Kind.CHECKLIST:
            return "the interview is over"
        if action.kind in (Kind.THANK_AFTER_DECISION, Kind.KEEP_IN_TOUCH, Kind.THANK_HELPERS,
                           Kind.WITHDRAWAL_NOTE):
            return "the outcome was undone"
        return "no longer needed after re-planning"


def reconcile(existing: list[Action], steps: list[Step], application_id: int | None,
              reasons: dict[tuple[Kind, int | None, int | None], str]) -> list[Action]:
    """Matches wanted steps with existing actions by (kind, interview, contact).

    A match keeps its id and channel and only its times move; a step already done or skipped
    for the same anchor is not planned again; an open action nobody wants is cancelled.
    """
    handled = {(a.key, a.anchor) for a in existing if a.status in (Status.DONE, Status.SKIPPED)}
    open_by_key = {a.key: a for a in existing if a.is_open}
    result = [a for a in existing if not a.is_open]
    for step in steps:
        if (step.key, step.anchor) in handled:
            continue
        match = open_by_key.pop(step.key, None)
        if match is not None:
            result.append(replace(
                match, earliest=step.earliest, due=step.due, deadline=step.deadline,
                rule=step.rule, why=step.why, optional=step.optional, anchor=step.anchor))
        else:
            result.append(Action(
                None, application_id, step.kind, step.interview_id, step.contact_id, step.channel,
                step.earliest, step.due, step.deadline, step.rule, step.why,
                optional=step.optional, anchor=step.anchor))
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
    wanted = {s.key for s in steps}
    reasons = {a.key: rules.why_cancelled(a) for a in state.actions
               if a.is_open and a.key not in wanted}
    actions = reconcile(state.actions, steps, state.application.id, reasons)
    return Plan(sorted(actions, key=lambda a: (a.earliest, a.kind)), status)


def answered_call(actions: Iterable[Action], at: datetime) -> Action | None:
    """R5: the open call action a call made at `at` answers, in the playbook's order."""
    open_calls = [a for a in actions if a.is_open and a.kind in CALLS and a.earliest <= at]
    for kind in CALLS:
        candidates = sorted((a for a in open_calls if a.kind is kind), key=lambda a: a.earliest)
        if candidates:
            return candidates[0]
    return None
