"""R5: what to say on a follow-up call, filled in with names, position and dates."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain import calendar as cal
from followup.domain import phones
from followup.domain.model import Action, ApplicationState, Kind, User

REASONS = {
    Kind.INQUIRY: "I wanted to follow up on our conversation and ask how things are moving",
    Kind.DECISION_CHECK: "you mentioned a decision around {decision}, and I wanted to ask "
                         "whether one has been made",
    Kind.CALLBACK: "you asked me to call back at this time",
    Kind.CALL_RETRY: "I tried to reach you earlier and wanted to try once more",
}


@dataclass(frozen=True)
class CallScript:
    """A follow-up call: whom to ask for, on which number, and what to say, in order."""

    lines: tuple[str, ...]
    person: str | None
    phone: str | None
    """The number as stored (E.164 where it could be read): what a phone dials."""
    application_id: int | None
    shown: str | None = None
    """The number as people at home write it."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def call_script(action: Action, state: ApplicationState, user: User) -> CallScript:
    """The lines of a follow-up call, in the order a person says them."""
    app = state.application
    interviews = [i for i in state.interviews if i.id == action.interview_id] or [
        i for i in state.interviews if not i.cancelled]
    interview = interviews[-1] if interviews else None
    contact = state.contact(action.contact_id)
    asked_for = contact.name if contact else "the person who interviewed you"
    when = (f"on {cal.local_date(interview.start, interview.timezone):%A %d %B}"
            if interview else "recently")
    decision = interview.decision_date if interview else None
    reason = REASONS.get(action.kind, REASONS[Kind.INQUIRY]).format(
        decision=f"{decision:%A %d %B}" if decision else "this time")
    lines = [
        f"1. Introduce yourself: \"Hello, this is {user.name}.\"",
        f"2. Ask for {asked_for}: \"Could I speak with {asked_for}, please?\"",
        f"3. Say why you are calling: \"I interviewed for the {app.position} position {when}; "
        f"{reason}. I am still very interested in the role.\"",
    ]
    if interview is not None and not (interview.next_step or interview.decision_date):
        lines.append("4. You did not note a next step or a decision date: ask what the next "
                     "step is and when they expect to decide.")
    lines.append(f"{len(lines) + 1}. If no decision has been made: \"When would be a good time "
                 "to call you back?\" and note the time.")
    lines.append(f"{len(lines) + 1}. Thank them for their time, then log the call.")
    phone = contact.phone if contact else None
    return CallScript(tuple(lines), contact.name if contact else None, phone, app.id,
                      phones.shown(phone, user.country) if phone else None)
