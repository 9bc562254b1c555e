"""The services' typed results against the published JSON contract: every member a CLI or API
document ever had is still a member of the result's JSON form, the API documents exactly those
members, and no service hands a front door an untyped dict."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from datetime import UTC, date, datetime
from typing import Any

import pytest

from followup import services
from followup.domain.model import Channel, Kind, Status
from followup.domain.notes.facts import NoteState, Severity, Tone
from followup.entrypoints.web.api_shapes import shape
from followup.services import note_views as nv
from followup.services import views as v
from followup.services.actions import DoneView
from followup.services.profile import SettingValue, SettingView

ACTION = ["id", "kind", "application_id", "interview_id", "contact", "channel", "earliest",
          "due", "deadline", "status", "optional", "rule", "why", "reason"]
APPLICATION = ["id", "company", "position", "status", "url", "status_at", "created_at"]
OUTGOING = ["id", "kind", "action_id", "message_id", "from", "to", "subject", "state",
            "due_at", "attempts", "sent_at", "error", "created_at"]
PUBLISHED: dict[type, list[str]] = {
    v.ContactRef: ["id", "name", "email"],
    v.ActionView: ACTION,
    DoneView: [*ACTION, "late", "held_back", "findings"],
    v.AgendaItem: [*ACTION, "company", "position", "overdue", "past_target", "when"],
    v.MailRef: ["id", "name"],
    v.ReplyView: ["id", "application_id", "company", "position", "contact", "from", "subject",
                  "snippet", "received_at"],
    v.BounceView: ["id", "application_id", "company", "position", "address", "subject",
                   "received_at"],
    v.UndeliveredView: ["id", "action_id", "application_id", "company", "position", "contact",
                        "to", "subject", "state", "error", "due_at", "attempts"],
    v.AgendaView: ["now", "actions", "replies", "bounces", "undelivered"],
    v.ApplicationView: APPLICATION,
    v.ActionDetail: [*ACTION, "application"],
    v.ApplicationItem: [*APPLICATION, "next_action"],
    v.ContactView: ["id", "application_id", "name", "role", "title", "organisation", "email",
                    "phone", "confirmed", "source", "honorific", "first_name", "family_name"],
    v.ParticipantView: ["contact_id", "name", "role", "topic"],
    v.InterviewView: ["id", "application_id", "start", "end", "timezone", "format", "round",
                      "notes", "next_step", "decision_date", "decision_phrase", "forgotten",
                      "participants", "cancelled"],
    v.TouchView: ["id", "application_id", "kind", "at", "contact_id", "action_id", "outcome",
                  "decision_date", "decision_phrase", "callback_at", "notes"],
    v.PlanView: ["application", "interviews", "contacts", "touches", "actions"],
    v.InterviewResult: ["application", "interview", "actions"],
    nv.FindingView: ["rule", "severity", "message", "start", "end"],
    nv.CheckView: ["ok", "findings"],
    nv.TextCheckView: ["ok", "findings", "body"],
    nv.RecipientView: ["name", "email"],
    nv.ArrivalView: ["by", "after_decision", "message"],
    nv.NoteView: ["ok", "findings", "action_id", "kind", "to", "subject", "body", "state",
                  "tone", "edited", "channel", "arrival"],
    nv.OutgoingView: OUTGOING,
    nv.SkippedView: ["id", "folder", "uid", "subject", "from", "received_at", "size", "reason"],
    nv.SentView: [*OUTGOING, "action_status", "warnings"],
    nv.ScriptView: ["action_id", "script", "phone"],
    SettingView: ["key", "value", "default", "help"],
    SettingValue: ["key", "value"],
    v.UserView: ["name", "email", "timezone", "country"],
}
"""Each result's members as the CLI and the API published them before results were typed."""


def members(view: type) -> list[str]:
    return [f.metadata.get("json", f.name) for f in dataclasses.fields(view)]


@pytest.mark.parametrize("view", PUBLISHED, ids=lambda t: t.__name__)
def test_every_published_member_is_kept_in_order_and_documented(view: type) -> None:
    assert members(view)[:len(PUBLISHED[view])] == PUBLISHED[view]
    documented = shape(view).model_json_schema(by_alias=True)["properties"]
    assert list(documented) == members(view)


@pytest.mark.parametrize("view", PUBLISHED, ids=lambda t: t.__name__)
def test_results_are_frozen_and_typed(view: type) -> None:
    params = view.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    for name, hint in typing.get_type_hints(view).items():
        assert "dict[str, Any]" not in str(hint), (view.__name__, name)


def test_json_form_has_iso_times_with_the_offset_enum_values_and_renamed_members() -> None:
    when = datetime(2026, 12, 1, 14, 59, tzinfo=UTC)
    local = v.local(when, "Europe/Dublin")
    item = v.AgendaItem(7, Kind.THANK_YOU, 1, 2, v.ContactRef(3, "Siobhán Ó Briain", None),
                        Channel.EMAIL, local, local, local, Status.PLANNED, False, "R2", "why",
                        None, "王芳 Ltd", "Analyst", False, True, "still in time")
    document = v.jsonable(v.AgendaView(local, (item,)))
    assert document == {"now": "2026-12-01T14:59:00+00:00", "actions": [{
        "id": 7, "kind": "thank_you", "application_id": 1, "interview_id": 2,
        "contact": {"id": 3, "name": "Siobhán Ó Briain", "email": None}, "channel": "email",
        "earliest": "2026-12-01T14:59:00+00:00", "due": "2026-12-01T14:59:00+00:00",
        "deadline": "2026-12-01T14:59:00+00:00", "status": "planned", "optional": False,
        "rule": "R2", "why": "why", "reason": None, "company": "王芳 Ltd",
        "position": "Analyst", "overdue": False, "past_target": True,
        "when": "still in time"}]}  # the mail news members only when Today has them
    assert v.jsonable(v.local(when, "Asia/Tokyo")) == "2026-12-01T23:59:00+09:00"
    note = nv.NoteView(False, (nv.FindingView("greeting", Severity.ERROR, "m", 0, 4, None),), 7,
                       Kind.THANK_YOU, None, "s", "b", NoteState.DRAFT, Tone.WARM, True,
                       Channel.LETTER, nv.ArrivalView(date(2026, 12, 4), True, "late"))
    shown = v.jsonable(note)
    assert shown["findings"][0]["severity"] == "error"
    assert shown["arrival"] == {"by": "2026-12-04", "after_decision": True, "message": "late"}
    assert "kept" not in shown and "pdf" not in shown
    skipped = nv.SkippedView(1, "INBOX", 9, None, "a@b.example", None, None, "too big")
    assert v.jsonable(skipped)["from"] == "a@b.example"
    assert shape(nv.SkippedView).model_validate(v.jsonable(skipped))


def _public_functions() -> list[Any]:
    found = []
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"followup.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.append(function)
    return found


UNTYPED_ON_PURPOSE = {"followup.services.transfer.export",
                      "followup.services.my_account.export",
                      "followup.services.replies.open_account"}
"""The export is a versioned file format of its own, not a result (a hosted user downloads the
same file from their account page); the mail use cases share `open_account` (the account and
the mail settings) among themselves."""


def test_no_use_case_returns_an_untyped_document() -> None:
    for function in _public_functions():
        if f"{function.__module__}.{function.__name__}" in UNTYPED_ON_PURPOSE:
            continue
        returned = str(inspect.signature(function).return_annotation)
        assert "Json" not in returned and "dict[str, Any]" not in returned, (
            f"{function.__module__}.{function.__name__} returns {returned}")
