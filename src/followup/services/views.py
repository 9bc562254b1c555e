"""The results the services return: one typed definition of each shape of the contract.

The CLI prints them as text or, with `--json`, as `jsonable(result)`; the web pages render
them; the API documents them (a pydantic model derived from each class) and sends the same
`jsonable` form. Times are held in the user's zone, so their JSON carries its offset.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.domain.board import Stage
from followup.domain.model import (
    AppStatus,
    CallOutcome,
    Format,
    Honorific,
    Role,
    Source,
    TouchKind,
)
from followup.services.results import (
    ActionView,
    AgendaItem,
    AgendaView,
    BounceView,
    Change,
    ContactRef,
    Json,
    MailRef,
    NewsView,
    ProposedInvitation,
    ReplyView,
    UndeliveredView,
    action_view,
    agenda_item,
    bounce_view,
    doc,
    extended,
    jsonable,
    local,
    maybe_local,
    proposed,
    reply_view,
    undelivered_view,
)

if TYPE_CHECKING:  # the records, for the builders' annotations
    from followup.domain.model import (
        Application,
        ApplicationState,
        Contact,
        Interview,
        Touch,
        User,
    )


__all__ = [  # re-exported from results.py; the results defined below are this module's own
    "ActionView",
    "AgendaItem",
    "AgendaView",
    "BounceView",
    "Change",
    "ContactRef",
    "Json",
    "MailRef",
    "NewsView",
    "ProposedInvitation",
    "ReplyView",
    "UndeliveredView",
    "action_view",
    "agenda_item",
    "bounce_view",
    "doc",
    "extended",
    "jsonable",
    "local",
    "maybe_local",
    "proposed",
    "reply_view",
    "undelivered_view",
]


# -- records ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UserView:
    name: str
    email: str
    timezone: str
    country: str | None


@dataclass(frozen=True, slots=True)
class ApplicationView:
    id: int
    company: str
    position: str
    status: AppStatus
    url: str | None
    status_at: datetime | None
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class ContactView:
    id: int
    application_id: int | None
    name: str
    role: Role
    title: str | None
    organisation: str | None
    email: str | None
    phone: str | None
    confirmed: bool
    source: Source
    honorific: Honorific | None = doc("Ms., Mr., Dr., Mx. or Prof., when known.")
    first_name: str | None = doc("The name a warm note greets them by.")
    family_name: str | None = doc("The name a formal note puts after the honorific.")
    emails: tuple[str, ...] = doc("Every address of the person, `email` first.")
    phones: tuple[str, ...] = doc("Every number, E.164 where it could be read, `phone` first.")
    website: str | None = doc("Their website, if recorded.")


@dataclass(frozen=True, slots=True)
class ParticipantView:
    contact_id: int | None
    name: str | None
    role: Role | None
    topic: str | None


@dataclass(frozen=True, slots=True)
class InterviewView:
    id: int
    application_id: int | None
    start: datetime
    end: datetime
    timezone: str
    format: Format
    round: int
    notes: str | None
    next_step: str | None
    decision_date: date | None
    decision_phrase: str | None
    forgotten: tuple[str, ...]
    participants: tuple[ParticipantView, ...]
    cancelled: bool


@dataclass(frozen=True, slots=True)
class TouchView:
    id: int
    application_id: int | None
    kind: TouchKind
    at: datetime
    contact_id: int | None
    action_id: int | None
    outcome: CallOutcome | None
    decision_date: date | None
    decision_phrase: str | None
    callback_at: datetime | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class ActionDetail(ActionView):
    application: ApplicationView = doc("The step's application.")


@dataclass(frozen=True, slots=True)
class ApplicationItem(ApplicationView):
    next_action: AgendaItem | None = doc("The application's next open step, if any.")
    stage: Stage = doc("Its column on the board: interviewing (an interview still to come), "
                       "waiting (all held, no outcome), offer, or closed.")


@dataclass(frozen=True, slots=True)
class PlanView:
    """Everything about one application, every status, in time order."""

    application: ApplicationView
    interviews: tuple[InterviewView, ...]
    contacts: tuple[ContactView, ...]
    touches: tuple[TouchView, ...]
    actions: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class PlanNow(PlanView):
    """A plan with the clock's time and the user's zone, which a page needs to mark today."""

    now: datetime = doc("The clock's time.")
    timezone: str = doc("The user's time zone.")
    country: str | None = doc("The user's country, in whose form numbers are shown.")


@dataclass(frozen=True, slots=True)
class InterviewResult:
    application: ApplicationView
    interview: InterviewView
    actions: tuple[ActionView, ...] = doc("Every step of the application's plan.")


# -- builders ---------------------------------------------------------------------------------
def user_view(user: User) -> UserView:
    return UserView(user.name, user.email, user.timezone, user.country)


def application_view(app: Application, tz: str) -> ApplicationView:
    return ApplicationView(app.id or 0, app.company, app.position, app.status, app.url,
                           maybe_local(app.status_at, tz), maybe_local(app.created_at, tz))


def contact_view(contact: Contact) -> ContactView:
    person = dataclasses.replace(contact)
    person.keep_first()  # a record of before the lists has its one address and number in them
    return ContactView(person.id or 0, person.application_id, person.name, person.role,
                       person.title, person.organisation, person.email, person.phone,
                       person.confirmed, person.source, person.honorific, person.first_name,
                       person.family_name, tuple(person.emails), tuple(person.phones),
                       person.website)


def interview_view(interview: Interview, contacts: Mapping[int | None, Contact],
                   tz: str) -> InterviewView:
    people = []
    for p in interview.participants:
        person = contacts.get(p.contact_id)
        people.append(ParticipantView(p.contact_id, person.name if person else None,
                                      person.role if person else None, p.topic))
    return InterviewView(
        interview.id or 0, interview.application_id, local(interview.start, tz),
        local(interview.end, tz), interview.timezone, interview.format, interview.round,
        interview.notes, interview.next_step, interview.decision_date,
        interview.decision_phrase, tuple(interview.forgotten), tuple(people),
        interview.cancelled)


def touch_view(touch: Touch, tz: str) -> TouchView:
    return TouchView(touch.id or 0, touch.application_id, touch.kind, local(touch.at, tz),
                     touch.contact_id, touch.action_id, touch.outcome, touch.decision_date,
                     touch.decision_phrase, maybe_local(touch.callback_at, tz), touch.notes)


def plan_view(state: ApplicationState, tz: str) -> PlanView:
    """Everything about one application, every status, in time order."""
    contacts = {c.id: c for c in state.contacts}
    return PlanView(
        application_view(state.application, tz),
        tuple(interview_view(i, contacts, tz)
              for i in sorted(state.interviews, key=lambda i: i.start)),
        tuple(contact_view(c) for c in state.contacts),
        tuple(touch_view(t, tz) for t in sorted(state.touches, key=lambda t: t.at)),
        tuple(action_view(a, contacts.get(a.contact_id), tz)
              for a in sorted(state.actions, key=lambda a: (a.earliest, a.id or 0))),
    )
