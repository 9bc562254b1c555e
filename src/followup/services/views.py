"""The JSON shapes of the contract, shared by the CLI, the web pages and the API."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.domain import timing

if TYPE_CHECKING:  # the agenda's fast path renders rows without loading the model
    from followup.domain.model import (
        Action,
        Application,
        ApplicationState,
        Contact,
        Interview,
        Touch,
        User,
    )

Json = dict[str, Any]


def jsonable(value: Any) -> Any:
    """The JSON form of a typed result: a dataclass as an object of its fields (a field may name
    its member with `metadata={"json": "from"}`, and leave it out when it is None with
    `metadata={"omit_none": True}`), times and dates in ISO 8601 (a view's times are already in
    the user's zone, so they carry its offset), enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: Json = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None and f.metadata.get("omit_none"):
                continue
            found[f.metadata.get("json", f.name)] = jsonable(item)
        return found
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def local(value: datetime, tz: str) -> datetime:
    """A time in the user's zone, as views hold it."""
    return value.astimezone(ZoneInfo(tz))


def moment(value: datetime | None, tz: str) -> str | None:
    """ISO 8601 with the offset of the user's time zone."""
    return value.astimezone(ZoneInfo(tz)).isoformat() if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def user_json(user: User) -> Json:
    return {"name": user.name, "email": user.email, "timezone": user.timezone,
            "country": user.country}


def application_json(app: Application, tz: str) -> Json:
    return {"id": app.id, "company": app.company, "position": app.position,
            "status": str(app.status), "url": app.url, "status_at": moment(app.status_at, tz),
            "created_at": moment(app.created_at, tz)}


def contact_json(contact: Contact) -> Json:
    return {"id": contact.id, "application_id": contact.application_id, "name": contact.name,
            "role": str(contact.role), "title": contact.title,
            "organisation": contact.organisation, "email": contact.email,
            "phone": contact.phone, "confirmed": contact.confirmed,
            "source": str(contact.source), "emails": list(contact.emails),
            "phones": list(contact.phones), "website": contact.website}


def interview_json(interview: Interview, contacts: Mapping[int | None, Contact],
                   tz: str) -> Json:
    people = []
    for p in interview.participants:
        person = contacts.get(p.contact_id)
        people.append({"contact_id": p.contact_id, "name": person.name if person else None,
                       "role": str(person.role) if person else None, "topic": p.topic})
    return {
        "id": interview.id, "application_id": interview.application_id,
        "start": moment(interview.start, tz), "end": moment(interview.end, tz),
        "timezone": interview.timezone, "format": str(interview.format),
        "round": interview.round, "notes": interview.notes, "next_step": interview.next_step,
        "decision_date": day(interview.decision_date),
        "decision_phrase": interview.decision_phrase, "forgotten": interview.forgotten,
        "participants": people, "cancelled": interview.cancelled,
    }


def touch_json(touch: Touch, tz: str) -> Json:
    return {
        "id": touch.id, "application_id": touch.application_id, "kind": str(touch.kind),
        "at": moment(touch.at, tz), "contact_id": touch.contact_id,
        "action_id": touch.action_id, "outcome": touch.outcome and str(touch.outcome),
        "decision_date": day(touch.decision_date), "decision_phrase": touch.decision_phrase,
        "callback_at": moment(touch.callback_at, tz), "notes": touch.notes,
    }


def action_json(action: Action, contact: Contact | None, tz: str) -> Json:
    return {
        "id": action.id, "kind": str(action.kind), "application_id": action.application_id,
        "interview_id": action.interview_id,
        "contact": {"id": contact.id, "name": contact.name, "email": contact.email}
        if contact else None,
        "channel": str(action.channel), "earliest": moment(action.earliest, tz),
        "due": moment(action.due, tz), "deadline": moment(action.deadline, tz),
        "status": str(action.status), "optional": action.optional, "rule": action.rule,
        "why": action.why, "reason": action.reason,
    }


def agenda_json(row: Mapping[str, Any], tz: str, now: datetime) -> Json:
    """An open action read through the agenda view, with its company, whether it is overdue
    (past its deadline) and whether it is past its target (`due`) but still in time."""
    contact = ({"id": row["contact_id"], "name": row["contact_name"],
                "email": row["contact_email"]} if row["contact_id"] is not None else None)
    return {
        "id": row["id"], "kind": row["kind"], "application_id": row["application_id"],
        "interview_id": row["interview_id"], "contact": contact, "channel": row["channel"],
        "earliest": moment(row["earliest"], tz), "due": moment(row["due"], tz),
        "deadline": moment(row["deadline"], tz), "status": row["status"],
        "optional": bool(row["optional"]), "rule": row["rule"], "why": row["why"],
        "reason": row["reason"], "company": row["company"], "position": row["position"],
        "overdue": row["deadline"] < now,
        "past_target": row["due"] < now <= row["deadline"],
        "when": timing.label(row["earliest"], row["due"], row["deadline"], now, tz),
    }


def plan_json(state: ApplicationState, tz: str) -> Json:
    """Everything about one application, every status, in time order."""
    contacts = {c.id: c for c in state.contacts}
    return {
        "application": application_json(state.application, tz),
        "interviews": [interview_json(i, contacts, tz)
                       for i in sorted(state.interviews, key=lambda i: i.start)],
        "contacts": [contact_json(c) for c in state.contacts],
        "touches": [touch_json(t, tz) for t in sorted(state.touches, key=lambda t: t.at)],
        "actions": [action_json(a, contacts.get(a.contact_id), tz)
                    for a in sorted(state.actions, key=lambda a: (a.earliest, a.id or 0))],
    }


def reply_json(row: Mapping[str, Any], tz: str) -> Json:
    """A reply the IMAP sync found: who wrote, about which application, and its first lines."""
    contact = ({"id": row["contact_id"], "name": row["contact_name"]}
               if row["contact_id"] is not None else None)
    return {"id": row["id"], "application_id": row["application_id"], "company": row["company"],
            "position": row["position"], "contact": contact, "from": row["address"],
            "subject": row["subject"], "snippet": row["snippet"],
            "received_at": moment(row["received_at"], tz)}


def undelivered_json(row: Mapping[str, Any], tz: str) -> Json:
    """A note whose delivery is unknown or failed: resend it (outbox `id`) or look into it."""
    recipients = row["recipients"]
    return {"id": row["id"], "action_id": row["action_id"],
            "application_id": row["application_id"], "company": row["company"],
            "position": row["position"], "contact": row["contact_name"],
            "to": json.loads(recipients) if isinstance(recipients, str) else list(recipients),
            "subject": row["subject"], "state": row["state"], "error": row["error"],
            "due_at": moment(row["due_at"], tz), "attempts": row["attempts"]}


def bounce_json(row: Mapping[str, Any], tz: str) -> Json:
    """A delivery failure: the address that bounced is bad."""
    return {"id": row["id"], "application_id": row["application_id"], "company": row["company"],
            "position": row["position"], "address": row["address"], "subject": row["subject"],
            "received_at": moment(row["received_at"], tz)}
