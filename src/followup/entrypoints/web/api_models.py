"""The JSON API's requests: path parameters and bodies, each field checked and described."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from followup.domain import choices, limits


def _clean(value: str) -> str:
    """Text a database can keep: PostgreSQL refuses NUL, and a lone surrogate is not UTF-8."""
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("is not valid Unicode text") from None
    return value


# The lengths are the services' own (domain/limits.py): the API refuses early what they refuse.
Short = Annotated[str, StringConstraints(max_length=limits.SHORT), AfterValidator(_clean)]
Url = Annotated[str, StringConstraints(max_length=limits.URL), AfterValidator(_clean)]
Long = Annotated[str, StringConstraints(max_length=limits.LONG), AfterValidator(_clean)]
Phone = Annotated[str, StringConstraints(max_length=limits.PHONE), AfterValidator(_clean)]

# The choices are the domain's own lists (the CLI offers the same ones).
FormatName = Literal[choices.FORMATS]  # type: ignore[valid-type]
RoleName = Literal[choices.ROLES]  # type: ignore[valid-type]
HonorificName = Literal[(*choices.HONORIFICS, "none")]  # type: ignore[valid-type]
StatusName = Literal[choices.STATUSES]  # type: ignore[valid-type]
NoteKind = Literal[choices.NOTE_KINDS_OFFERED]  # type: ignore[valid-type]
Many = limits.MANY


def example(value: dict[str, Any]) -> ConfigDict:
    """A request body's example for the docs (and the first case schemathesis sends)."""
    return ConfigDict(json_schema_extra={"examples": [value]})


class Body(BaseModel):
    """A request body: unknown fields are refused, so a typo is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid")


# -- requests ---------------------------------------------------------------------------------
class PersonNames(Body):
    honorific: HonorificName | None = Field(
        None, description='How a formal note addresses them ("Dear Ms. Ó Briain,"); "none" '
                          "greets them by their full name.")
    first_name: Short | None = Field(
        None, description="The name a warm note greets them by (guessed from `name` when not "
                          "given).")
    family_name: Short | None = Field(
        None, description="The name after the honorific, as they write it (where it comes "
                          "first, as in 王芳, give it here).")


class InterviewerIn(PersonNames):
    name: Short = Field(min_length=1, description="Exactly as on their card; an honorific "
                                                  "before it (Dr. Priya Raghunathan) goes to "
                                                  "`honorific`.")
    email: Short | None = Field(None, description="Their email address.")
    title: Short | None = Field(None, description="Their job title.")
    topic: Long | None = Field(None, description="What you discussed with them.")

    @field_validator("title")
    @classmethod
    def _title_fits(cls, value: str | None) -> str | None:
        # The title is written after the interview (a second step), so it must not fail there:
        # the contact's limit counts the composed form, which can be longer than what was sent.
        longest = limits.SHORT
        if value is not None and len(unicodedata.normalize("NFC", value.strip())) > longest:
            raise ValueError(f"is too long (at most {longest} characters)")
        return value


class HelperIn(Body):
    name: Short = Field(min_length=1, description="Exactly as they gave it.")
    title: Short | None = Field(None, description="Their role, such as receptionist.")


class TopicIn(Body):
    interviewer: Short = Field(min_length=1, description="The interviewer, by name.")
    topic: Long = Field(min_length=1, description="What you discussed with them.")


class InterviewFields(Body):
    company: Short | None = Field(None, description="The employer.")
    position: Short | None = Field(None, description="The job you interviewed for.")
    end: Short | None = Field(None, description="End, ISO 8601 (default: start + duration).")
    duration: int | None = Field(None, ge=1, le=limits.LONGEST_MINUTES,
                                 description="Length in minutes.")
    timezone: Short | None = Field(
        None, description="The employer's IANA time zone, if not yours (Europe/Dublin).")
    format: FormatName | None = Field(None, description="How it took place.")
    interviewers: list[InterviewerIn] = Field(
        default_factory=list, max_length=Many,
        description="Each interviewer, spelled exactly as on their card.")
    helpers: list[Short | HelperIn] = Field(
        default_factory=list, max_length=Many,
        description="People who were helpful, such as a receptionist: a name, or a name and "
                    "a title.")
    topics: list[TopicIn] = Field(
        default_factory=list, max_length=Many,
        description="What you discussed with an interviewer already recorded (or given in "
                    "`interviewers`), without replacing the interviewers.")
    forgotten: list[Long] = Field(default_factory=list, max_length=Many,
                                  description="Points you forgot to mention.")
    next_step: Long | None = Field(None, description="The next step, as the employer put it.")
    decision_by: Short | None = Field(
        None, description='When they will decide: a date (2026-12-04) or a phrase '
                          '("in two weeks", "next Friday"); an empty string clears it.')
    notes: Long | None = Field(None, description="Your notes.")


class InterviewIn(InterviewFields):
    """A new interview: its application is new unless `application_id` names one."""

    model_config = example({
        "company": "Ólafsson Fisheries", "position": "Data Analyst", "start": "2026-11-24T10:00",
        "duration": 45, "format": "onsite",
        "interviewers": [{"name": "José Núñez", "email": "jose@olafsson.example",
                          "title": "Head of Data", "topic": "the data platform migration"}],
        "helpers": ["Zoë Martin"], "next_step": "a second interview",
        "decision_by": "in two weeks"})

    start: Short = Field(description="Start, ISO 8601 (2026-11-25T14:00); without an offset, "
                                     "in the interview's time zone.")
    application_id: int | None = Field(None, description="A later round of this application.")


class InterviewEdit(InterviewFields):
    """Changes to an interview: absent fields stay as they are; a non-empty list replaces;
    only the remove_ fields and clear_forgotten take off what was recorded."""

    model_config = example({"start": "2026-11-24T16:00", "decision_by": "next Friday"})

    start: Short | None = Field(None, description="The new start, ISO 8601 (a reschedule).")
    remove_helpers: list[Short] = Field(
        default_factory=list, max_length=Many,
        description="Helpful people to take off the interview, by name.")
    remove_topics: list[Short] = Field(
        default_factory=list, max_length=Many,
        description="Interviewers whose recorded topic is forgotten, by name.")
    clear_forgotten: bool = Field(
        False, description="Forget every forgotten point (an empty `forgotten` leaves them).")


class DoneIn(Body):
    model_config = example({"at": "2026-11-24T18:00"})

    at: Short | None = Field(None, description="When you did it, ISO 8601 (default: now).")


class SkipIn(Body):
    model_config = example({"reason": "we spoke on the phone"})

    reason: Short = Field(min_length=1, description="Why you skip it.")


class ConversationIn(Body):
    model_config = example({"decision_by": "next Friday", "notes": "still deciding"})

    callback: Short | None = Field(None, description="The agreed time to call back, ISO 8601.")
    decision_by: Short | None = Field(None, description='A new decision date or phrase.')
    notes: Long | None = Field(None, description="What was said.")


class CallIn(ConversationIn):
    model_config = example({"outcome": "reached", "callback": "2026-11-27T11:00"})

    outcome: Literal[choices.CALL_OUTCOMES] = Field(  # type: ignore[valid-type]
        description="Whether the call reached someone.")
    decision: Literal[choices.DECISIONS] | None = Field(  # type: ignore[valid-type]
        None, description="The decision you heard, if any.")


class OutcomeIn(Body):
    model_config = example({"result": "rejected"})

    result: Literal[choices.OUTCOMES] = Field(  # type: ignore[valid-type]
        description="The outcome; `active` undoes a mistaken one.")


class ApplicationEdit(Body):
    model_config = example({"url": "https://jobs.example/42"})

    company: Short | None = None
    position: Short | None = None
    url: Url | None = Field(None, description="Link to the job posting; empty clears it.")


class ContactFields(PersonNames):
    title: Short | None = None
    email: Short | None = None
    phone: Phone | None = Field(None, description="Replaces the first number; without its "
                                "country code it is read in the user's country.")
    website: Url | None = None
    role: RoleName | None = Field(None, description="Default for a new contact: recruiter.")
    confirmed: bool | None = Field(None, description="The spelling of the name is confirmed.")


class ContactIn(ContactFields):
    model_config = example({"name": "Siobhán Ó Briain", "email": "sob@example.com"})

    name: Short = Field(min_length=1, description="Exactly as on their card.")


class ContactEdit(ContactFields):
    model_config = example({"confirmed": True})

    name: Short | None = Field(None, description="The corrected spelling.")


class DraftIn(Body):
    model_config = example({"tone": "warm", "channel": "email"})

    tone: Literal[choices.TONES] | None = Field(  # type: ignore[valid-type]
        None, description="Default: formal.")
    channel: Literal[choices.NOTE_CHANNELS] | None = Field(  # type: ignore[valid-type]
        None, description="How it will go out.")
    force: bool = Field(False, description="Replace a note you have edited.")


class NoteEdit(Body):
    model_config = example({"body": "Dear José Núñez,\n\nThank you for your time.\n\nSiobhán"})

    body: Long = Field(min_length=1, description="Your text of the note; it is checked again.")
    subject: str | None = Field(None, min_length=1, max_length=200,
                                description="The note's subject, on one line; unchanged if left "
                                            "out.")


class SendIn(Body):
    model_config = example({"at": "2026-11-26T08:30"})

    at: Short | None = Field(None, description="Send later, ISO 8601 (your time zone); "
                                               "default: now.")
    force: bool = Field(False, description="Send even though the checker found errors.")
    body: Long | None = Field(None, min_length=1,
                              description="Send this text (kept as your edit of the note).")
    confirm_spelling: bool | None = Field(
        None, description="The recipient's name as spelled is right (true: recorded as "
                          "confirmed; false: not sent). Omitted: sent with a warning when "
                          "the spelling is not confirmed.")


class TextCheckIn(Body):
    """A text checked without being kept: as the note of a step (`action_id`), or as a note of
    `kind` to `to` about an application or interview (a text written elsewhere)."""

    model_config = example({"body": "Dear Jose,\n\nThanks!", "action_id": 1})

    body: Long = Field(min_length=1)
    action_id: int | None = Field(None, description="The step whose note this text would be.")
    to: Short | None = Field(None, description="Without action_id: the recipient, a contact's "
                                               "name or id.")
    kind: NoteKind = Field("thank_you", description="Without action_id: the kind of note.")
    application_id: int | None = Field(None, description="Without action_id: the application "
                                                          "(or interview_id).")
    interview_id: int | None = Field(None, description="Without action_id: the interview "
                                                       "(or application_id).")


class SettingIn(Body):
    model_config = example({"value": "4"})

    value: Short = Field(description="The new value, as text (`GET /settings` says which).")


class ProfileIn(Body):
    model_config = example({"name": "Siobhán Ó Briain", "email": "siobhan@example.com",
                                            "timezone": "Europe/Dublin", "country": "IE"})
    name: Short = Field(min_length=1, description="Your name, as you sign your notes.")
    email: Short = Field(min_length=1, description="Your email address.")
    timezone: Short = Field(min_length=1, description="Your IANA time zone (Europe/Dublin).")
    country: Short | None = Field(None, description="Country code for public holidays (IE).")


# -- path parameters --------------------------------------------------------------------------
ApplicationId = Annotated[int, Path(description="An application's id.", examples=[1])]
InterviewId = Annotated[int, Path(description="An interview's id.", examples=[1])]
ActionId = Annotated[int, Path(description="A step's id.", examples=[1])]
ContactId = Annotated[int, Path(description="A contact's id.", examples=[1])]
OutboxId = Annotated[int, Path(description="An outbox message's id.", examples=[1])]
SettingKey = Annotated[str, Path(description="A setting's key (`GET /settings` lists them).",
                                 max_length=100, examples=["policy.gap_business_days"])]
