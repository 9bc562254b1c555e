"""The JSON API's response shapes: the CLI's --json, documented for OpenAPI and its clients."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from followup.domain.errors import Remedy


class Shape(BaseModel):
    """A response: the documented fields, and any others a newer service adds, kept as is."""

    model_config = ConfigDict(extra="allow")


class ContactRef(Shape):
    id: int
    name: str
    email: str | None


class ActionOut(Shape):
    id: int
    kind: str
    application_id: int
    interview_id: int | None
    contact: ContactRef | None
    channel: str
    earliest: str
    due: str
    deadline: str
    status: str
    optional: bool
    rule: str
    why: str = Field(description="The playbook's sentence for this step.")
    reason: str | None


class DoneOut(ActionOut):
    late: bool = Field(description="A thank-you note that went out after its deadline.")
    held_back: bool = Field(description="The step's kept note has errors the checker holds it "
                                        "back for (it may have gone out as it was).")
    findings: list[FindingOut] = Field(description="The checker's findings on the kept note.")


class AgendaItem(ActionOut):
    company: str
    position: str
    overdue: bool
    past_target: bool = Field(
        description="Past its target (due) but before its deadline: still in time.")
    when: str = Field(description="Where the step stands, in words: 'due today, "
                      "14:59', 'still in time until Tue 23:59', 'overdue (by 2 days)', "
                      "'from 15:00'.")


class MailRef(Shape):
    id: int
    name: str


class ReplyOut(Shape):
    id: int
    application_id: int | None
    company: str | None
    position: str | None
    contact: MailRef | None
    from_: str | None = Field(alias="from")
    subject: str | None
    snippet: str | None
    received_at: str | None


class BounceOut(Shape):
    id: int
    application_id: int | None
    company: str | None
    position: str | None
    address: str | None
    subject: str | None
    received_at: str | None


class UndeliveredOut(Shape):
    id: int = Field(description="The outbox message (POST /api/v1/outbox/{id}/resend).")
    action_id: int | None
    application_id: int | None
    company: str | None
    position: str | None
    contact: str | None
    to: list[str]
    subject: str
    state: str = Field(description="unknown or failed.")
    error: str | None
    due_at: str | None
    attempts: int


class AgendaOut(Shape):
    now: str
    actions: list[AgendaItem]
    replies: list[ReplyOut] | None = Field(
        None, description="Today only, with mail set up: replies of the last two weeks.")
    bounces: list[BounceOut] | None = Field(
        None, description="Today only, with mail set up: bounces of the last two weeks.")
    undelivered: list[UndeliveredOut] | None = Field(
        None, description="Today only, with mail set up: notes of planned steps whose "
                          "delivery is unknown or failed.")


class ApplicationOut(Shape):
    id: int
    company: str
    position: str
    status: str
    url: str | None
    status_at: str | None
    created_at: str | None


class ActionDetail(ActionOut):
    application: ApplicationOut


class ApplicationItem(ApplicationOut):
    stage: str
    next_action: AgendaItem | None


class ContactOut(Shape):
    id: int
    application_id: int | None
    name: str
    role: str
    title: str | None
    organisation: str | None
    email: str | None
    phone: str | None
    confirmed: bool
    source: str


class ParticipantOut(Shape):
    contact_id: int | None
    name: str | None
    role: str | None
    topic: str | None


class InterviewOut(Shape):
    id: int
    application_id: int | None
    start: str
    end: str
    timezone: str
    format: str
    round: int
    notes: str | None
    next_step: str | None
    decision_date: str | None
    decision_phrase: str | None
    forgotten: list[str]
    participants: list[ParticipantOut]
    cancelled: bool


class TouchOut(Shape):
    id: int
    application_id: int | None
    kind: str
    at: str
    contact_id: int | None
    action_id: int | None
    outcome: str | None
    decision_date: str | None
    decision_phrase: str | None
    callback_at: str | None
    notes: str | None


class PlanOut(Shape):
    application: ApplicationOut
    interviews: list[InterviewOut]
    contacts: list[ContactOut]
    touches: list[TouchOut]
    actions: list[ActionOut]


class InterviewResult(Shape):
    application: ApplicationOut
    interview: InterviewOut
    actions: list[ActionOut] = Field(description="Every step of the application's plan.")


class FindingOut(Shape):
    rule: str
    severity: str
    message: str
    start: int | None = Field(description="Where the finding's text starts in the body.")
    end: int | None


class CheckOut(Shape):
    ok: bool = Field(description="No finding is an error.")
    findings: list[FindingOut]


class TextCheckOut(CheckOut):
    body: str | None = Field(None, description="With action_id: the text the spans count in.")


class Recipient(Shape):
    name: str
    email: str | None


class Arrival(Shape):
    by: str
    after_decision: bool
    message: str


class NoteOut(CheckOut):
    action_id: int
    kind: str
    to: Recipient | None
    subject: str
    body: str
    state: str
    tone: str
    edited: bool
    channel: str
    arrival: Arrival | None = Field(None, description="Only for a letter: when it may arrive.")


class OutgoingOut(Shape):
    id: int
    kind: str = Field(description="note or digest.")
    action_id: int | None
    message_id: str
    from_: str = Field(alias="from")
    to: list[str]
    subject: str
    state: str = Field(description="scheduled, sending, sent, failed, unknown or cancelled.")
    due_at: str | None
    attempts: int
    sent_at: str | None
    error: str | None
    created_at: str | None


class SkippedOut(Shape):
    id: int
    folder: str
    uid: int
    subject: str | None
    from_: str | None = Field(alias="from")
    received_at: str | None
    size: int | None = Field(description="The message's size in bytes, when the server said.")
    reason: str = Field(description="Why it could not be read, in plain words.")


class SentOut(OutgoingOut):
    action_status: str = Field(description="The step's status after the attempt.")
    warnings: list[str]


class ScriptOut(Shape):
    action_id: int
    script: str
    phone: str | None = Field(None, description="The number to call, when one is recorded.")


class TemplateOut(Shape):
    kind: str
    tone: str
    template: str


class SettingOut(Shape):
    key: str
    value: str | None
    default: str | None
    help: str


class SettingValue(Shape):
    key: str
    value: str | None


class ProfileOut(Shape):
    name: str
    email: str
    timezone: str
    country: str | None


class ErrorDetail(Shape):
    type: str = Field(description="InvalidInput (422), NotFound (404) or NotAllowed (409).")
    message: str
    field: str | None = Field(None, description="The input the error is about, when one is.")
    remedy: str | None = Field(None, description=(
        "What would let it through, when something would: " + ", ".join(Remedy) + "."))


class ErrorOut(Shape):
    error: ErrorDetail


Document = dict[str, Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not JSON"},
    404: {"model": ErrorOut, "description": "No record with that id"},
    409: {"model": ErrorOut, "description": "Not possible in the record's current state"},
    422: {"model": ErrorOut, "description": "The input cannot be used as given"},
}
"""The errors every operation may answer with (FollowupError's classes, and a body that is not
JSON)."""
