"""The CLI contract, command by command, on SQLite and on PostgreSQL.

Dates: Tuesday 24 November 2026 is the interview day; Dublin is on UTC (+00:00) in winter, and
Ireland (IE) has no public holiday between the interview and mid-December.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from tests.conftest import PG_URL, Cli

DUBLIN = ZoneInfo("Europe/Dublin")
NOW = "2026-11-24T12:00:00+00:00"  # Tuesday, two hours after the interview started
BEFORE = "2026-11-24T08:00:00+00:00"  # the same morning, before the interview

ACTION_KEYS = {
    "id",
    "kind",
    "application_id",
    "interview_id",
    "contact",
    "channel",
    "earliest",
    "due",
    "deadline",
    "status",
    "optional",
    "rule",
    "why",
    "reason",
}
CONTACT_REF_KEYS = {"id", "name", "email"}
RECORDED_KEYS = {"application", "interview", "actions"}
PLAN_KEYS = {"application", "interviews", "contacts", "touches", "actions"}
AGENDA_KEYS = {"now", "actions"}
AGENDA_EXTRAS = {"overdue", "past_target", "when", "company", "position"}
"""`today`/`agenda` actions: the action's keys, where it stands (`overdue`, `past_target`,
`when` in words), and the company and position shown."""
APPLICATION_KEYS = {"id", "company", "position", "status", "url", "status_at", "created_at"}
CONTACT_KEYS = {
    "id",
    "application_id",
    "name",
    "role",
    "title",
    "organisation",
    "email",
    "phone",
    "confirmed",
    "source",
    "honorific",
    "first_name",
    "family_name",
    "emails",
    "phones",
    "website",
}
INTERVIEW_KEYS = {
    "id",
    "application_id",
    "start",
    "end",
    "timezone",
    "format",
    "round",
    "notes",
    "next_step",
    "decision_date",
    "decision_phrase",
    "forgotten",
    "participants",
    "cancelled",
}
TOUCH_KEYS = {
    "id",
    "application_id",
    "kind",
    "at",
    "contact_id",
    "action_id",
    "outcome",
    "decision_date",
    "decision_phrase",
    "callback_at",
    "notes",
}
KINDS = {
    "checklist",
    "thank_you",
    "inquiry",
    "decision_check",
    "callback",
    "call_retry",
    "thank_after_decision",
    "keep_in_touch",
    "thank_helpers",
    "withdrawal_note",
    "last_note",
}
FOLLOW_UPS = {"inquiry", "decision_check", "callback", "call_retry", "last_note"}

JOSE = "José Núñez <jose@acme.example>"
WANG = "王芳 <wang@acme.example>"


# -- helpers ----------------------------------------------------------------------------------
def moment(text: str) -> datetime:
    """An ISO 8601 time that carries the user's (Dublin) offset at that instant."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    assert value.utcoffset() == value.astimezone(DUBLIN).utcoffset(), text
    return value


def check_action(action: dict[str, Any], extra: set[str] | frozenset[str] = frozenset()) -> None:
    assert set(action) == ACTION_KEYS | extra, sorted(action)
    assert action["kind"] in KINDS
    assert action["channel"] in {"email", "phone", "letter"}
    assert action["status"] in {"planned", "done", "skipped", "cancelled"}
    assert isinstance(action["optional"], bool)
    assert action["rule"].startswith("R") and action["why"]
    if action["contact"] is not None:
        assert set(action["contact"]) == CONTACT_REF_KEYS
    earliest, due, deadline = (moment(action[k]) for k in ("earliest", "due", "deadline"))
    assert earliest <= due <= deadline, action
    if action["status"] in ("skipped", "cancelled"):
        assert action["reason"], action


def check_plan(doc: dict[str, Any]) -> None:
    assert set(doc) == PLAN_KEYS
    assert set(doc["application"]) == APPLICATION_KEYS
    for interview in doc["interviews"]:
        assert set(interview) == INTERVIEW_KEYS
    for contact in doc["contacts"]:
        assert set(contact) == CONTACT_KEYS
    for touch in doc["touches"]:
        assert set(touch) == TOUCH_KEYS
        moment(touch["at"])
    for action in doc["actions"]:
        check_action(action)


def check_recorded(doc: dict[str, Any]) -> None:
    assert set(doc) == RECORDED_KEYS
    assert set(doc["application"]) == APPLICATION_KEYS
    assert set(doc["interview"]) == INTERVIEW_KEYS
    for action in doc["actions"]:
        check_action(action)


def check_agenda(doc: dict[str, Any]) -> None:
    # Today also lists the replies and bounces the IMAP sync found (tests/integration/test_imap.py).
    # ... and the notes whose delivery is unknown or failed (tests/integration/test_web_mail.py),
    # and the invitations that arrived by mail (tests/integration/test_imap_invitations.py).
    news = {"replies", "bounces", "undelivered", "invitations"}
    assert set(doc) in (AGENDA_KEYS, AGENDA_KEYS | news)
    assert all(isinstance(doc.get(k, []), list) for k in news)
    moment(doc["now"])
    for action in doc["actions"]:
        check_action(action, AGENDA_EXTRAS)
        assert action["status"] == "planned"
        assert isinstance(action["overdue"], bool)


def of(actions: list[dict[str, Any]], kind: str, status: str | None = None) -> list[dict[str, Any]]:
    return [a for a in actions if a["kind"] == kind and (status is None or a["status"] == status)]


def one(actions: list[dict[str, Any]], kind: str, status: str | None = "planned") -> dict[str, Any]:
    found = of(actions, kind, status)
    assert len(found) == 1, (kind, status, [(a["kind"], a["status"]) for a in actions])
    return found[0]


def planned(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in actions if a["status"] == "planned"]


def ok(cli: Cli, *args: str, **env: str) -> str:
    """Runs a command without --json; it must succeed. Returns stdout."""
    result = cli(*args, **env)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def record(
    cli: Cli,
    *extra: str,
    now: str = NOW,
    at: str = "2026-11-24T10:00",
    company: str = "Acme",
    position: str = "Data Analyst",
) -> dict[str, Any]:
    doc = cli.json(
        "interview",
        "add",
        "--company",
        company,
        "--position",
        position,
        "--at",
        at,
        *extra,
        FOLLOWUP_NOW=now,
    )
    check_recorded(doc)
    return doc


def export_text(cli: Cli) -> str:
    result = cli("export")
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


@pytest.fixture
def fresh(database_url: str, tmp_path: Path) -> Iterator[Cli]:
    """A second, empty home on the same kind of database as `cli`."""
    other = tmp_path / "other"
    if database_url.startswith("sqlite"):
        yield Cli(
            CliRunner(),
            {
                "FOLLOWUP_HOME": str(other),
                "FOLLOWUP_DATABASE_URL": f"sqlite:///{other / 'followup.db'}",
            },
        )
        return
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"followup_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(plain, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Cli(
            CliRunner(),
            {
                "FOLLOWUP_HOME": str(other),
                "FOLLOWUP_DATABASE_URL": f"{PG_URL}?options=-csearch_path%3D{schema}",
            },
        )
    finally:
        with psycopg.connect(plain, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


# -- the profile and settings -----------------------------------------------------------------
def test_init_prints_the_profile_and_config_reads_it_back(cli: Cli) -> None:
    doc = cli.json(
        "init",
        "--name",
        "Siobhán Ó Briain",
        "--email",
        "siobhan@example.com",
        "--timezone",
        "Europe/Dublin",
        "--country",
        "ie",
    )
    assert doc == {
        "name": "Siobhán Ó Briain",
        "email": "siobhan@example.com",
        "timezone": "Europe/Dublin",
        "country": "IE",
    }
    assert ok(cli, "config", "get", "name") == "Siobhán Ó Briain\n"
    assert ok(cli, "config", "get", "country") == "IE\n"
    assert ok(cli, "config", "get", "policy.gap_business_days") == "3\n"
    again = cli.json(
        "init",
        "--name",
        "Siobhán Ó Briain",
        "--email",
        "s@example.ie",
        "--timezone",
        "Europe/Dublin",
    )
    assert again["email"] == "s@example.ie"
    assert ok(cli, "config", "get", "email") == "s@example.ie\n"


def test_config_list_shows_every_setting_with_its_value_default_and_help(user: Cli) -> None:
    items = user.json("config", "list")
    assert all(set(item) == {"key", "value", "default", "help"} for item in items)
    keys = [item["key"] for item in items]
    assert keys[:4] == ["name", "email", "timezone", "country"]
    assert "policy.gap_business_days" in keys
    assert all(item["help"] for item in items)
    by_key = {item["key"]: item for item in items}
    assert by_key["timezone"]["value"] == "Europe/Dublin"
    assert by_key["policy.gap_business_days"] == {
        **by_key["policy.gap_business_days"],
        "value": "3",
        "default": "3",
    }


def test_config_set_changes_a_profile_value_and_a_policy_number(user: Cli) -> None:
    assert ok(user, "config", "set", "timezone", "Europe/Paris") == "timezone = Europe/Paris\n"
    assert ok(user, "config", "get", "timezone") == "Europe/Paris\n"
    assert ok(user, "config", "set", "policy.business_start", "08:30") == (
        "policy.business_start = 08:30\n"
    )
    assert ok(user, "config", "get", "policy.business_start") == "08:30\n"


def test_config_set_policy_gap_business_days_4_changes_planning(user: Cli) -> None:
    # Decision by Tue 8 Dec: its check call is on Wed 9 Dec. The inquiry window ends Fri 4 Dec;
    # three business days later is Wed 9 Dec (far enough apart), four is Thu 10 Dec (too close,
    # so the inquiry is merged into the decision check).
    before = record(user, "--interviewer", JOSE, "--decision-by", "2026-12-08")
    assert {a["kind"] for a in planned(before["actions"])} == {
        "thank_you",
        "inquiry",
        "decision_check",
    }
    assert ok(user, "config", "set", "policy.gap_business_days", "4") == (
        "policy.gap_business_days = 4\n"
    )
    assert ok(user, "config", "get", "policy.gap_business_days") == "4\n"
    after = record(user, "--interviewer", JOSE, "--decision-by", "2026-12-08", company="Initech")
    assert {a["kind"] for a in planned(after["actions"])} == {"thank_you", "decision_check"}
    check = one(after["actions"], "decision_check")
    assert check["earliest"] == "2026-12-09T09:00:00+00:00"


# -- interviews -------------------------------------------------------------------------------
def test_interview_add_plans_thank_yous_and_an_inquiry_with_the_contract_shape(user: Cli) -> None:
    doc = record(
        user,
        "--interviewer",
        JOSE,
        "--interviewer",
        WANG,
        "--format",
        "onsite",
        "--helper",
        "Mary the receptionist",
        "--topic",
        "José Núñez: the data lake",
        "--forgot",
        "my SQL certificate",
        "--next-step",
        "a second round",
        "--decision-by",
        "in two weeks",
        "--notes",
        "went well",
        "--duration",
        "45",
    )
    interview = doc["interview"]
    assert moment(interview["start"]) == datetime.fromisoformat("2026-11-24T10:00:00+00:00")
    assert interview["end"] == "2026-11-24T10:45:00+00:00"
    assert (interview["format"], interview["round"], interview["timezone"]) == (
        "onsite",
        1,
        "Europe/Dublin",
    )
    assert (interview["next_step"], interview["notes"]) == ("a second round", "went well")
    assert interview["forgotten"] == ["my SQL certificate"]
    assert (interview["decision_date"], interview["decision_phrase"]) == (
        "2026-12-08",
        "in two weeks",
    )
    people = {p["name"]: p for p in interview["participants"]}
    assert people["José Núñez"]["topic"] == "the data lake"
    assert people["Mary the receptionist"]["role"] == "helper"
    assert doc["application"]["status"] == "active"

    thanks = of(doc["actions"], "thank_you")
    assert sorted(a["contact"]["name"] for a in thanks) == ["José Núñez", "王芳"]
    for note in thanks:
        assert (note["earliest"], note["due"], note["deadline"]) == (
            "2026-11-24T10:45:00+00:00",
            "2026-11-24T23:59:59+00:00",
            "2026-11-25T23:59:59+00:00",
        )
        assert (note["channel"], note["rule"], note["status"]) == ("email", "R2", "planned")
    assert not of(doc["actions"], "checklist")  # the interview is over at NOW
    assert all(a["id"] is not None for a in doc["actions"])


def test_interview_add_before_it_starts_plans_the_checklist(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE, now=BEFORE)
    checklist = one(doc["actions"], "checklist")
    assert (checklist["earliest"], checklist["rule"]) == ("2026-11-24T10:00:00+00:00", "R1")


def test_times_are_shown_with_the_users_offset_whatever_the_interviews_zone(user: Cli) -> None:
    doc = record(
        user, "--interviewer", JOSE, "--timezone", "America/New_York", "--end", "2026-11-24T11:30"
    )
    assert doc["interview"]["timezone"] == "America/New_York"
    assert doc["interview"]["start"] == "2026-11-24T15:00:00+00:00"  # 10:00 in New York
    assert doc["interview"]["end"] == "2026-11-24T16:30:00+00:00"  # --end in the same zone
    note = one(doc["actions"], "thank_you")
    assert note["earliest"] == "2026-11-24T16:30:00+00:00"
    assert note["due"] == "2026-11-25T04:59:59+00:00"  # end of the day in New York
    summer = record(
        user,
        "--interviewer",
        JOSE,
        at="2026-06-10T10:00",
        company="Initech",
        now="2026-06-10T12:00:00+01:00",
    )
    assert summer["interview"]["start"] == "2026-06-10T10:00:00+01:00"
    assert one(summer["actions"], "thank_you")["due"] == "2026-06-10T23:59:59+01:00"


def test_interview_edit_moves_the_thank_you_times_but_keeps_the_action_ids(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE, "--interviewer", WANG, now=BEFORE)
    ids = {
        (a["kind"], a["contact"]["id"] if a["contact"] else None): a["id"] for a in first["actions"]
    }
    edited = user.json(
        "interview",
        "edit",
        str(first["interview"]["id"]),
        "--at",
        "2026-11-25T14:00",
        FOLLOWUP_NOW=BEFORE,
    )
    check_recorded(edited)
    assert edited["interview"]["end"] == "2026-11-25T15:00:00+00:00"  # the length is kept
    after = {
        (a["kind"], a["contact"]["id"] if a["contact"] else None): a for a in edited["actions"]
    }
    assert {key: a["id"] for key, a in after.items()} == ids
    for note in of(edited["actions"], "thank_you"):
        assert note["status"] == "planned"
        assert (note["earliest"], note["due"], note["deadline"]) == (
            "2026-11-25T15:00:00+00:00",
            "2026-11-25T23:59:59+00:00",
            "2026-11-26T23:59:59+00:00",
        )
    assert one(edited["actions"], "inquiry")["earliest"] == "2026-12-02T09:00:00+00:00"
    assert one(edited["actions"], "checklist")["earliest"] == "2026-11-25T14:00:00+00:00"


def test_interview_edit_changes_company_and_decision_date(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE)
    edited = user.json(
        "interview",
        "edit",
        str(first["interview"]["id"]),
        "--company",
        "Acme Ltd",
        "--decision-by",
        "2026-12-02",
        FOLLOWUP_NOW=NOW,
    )
    assert edited["application"]["company"] == "Acme Ltd"
    assert edited["interview"]["decision_date"] == "2026-12-02"
    # a decision date inside the inquiry window merges the inquiry into the decision check
    assert one(edited["actions"], "decision_check")["earliest"] == "2026-12-03T09:00:00+00:00"
    merged = one(edited["actions"], "inquiry", "cancelled")
    assert "merged" in merged["reason"]


def test_interview_cancel_cancels_its_steps_with_a_reason(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE, "--interviewer", WANG, now=BEFORE)
    doc = user.json("interview", "cancel", str(first["interview"]["id"]), FOLLOWUP_NOW=BEFORE)
    check_recorded(doc)
    assert doc["interview"]["cancelled"] is True
    assert doc["actions"] and not planned(doc["actions"])
    for action in doc["actions"]:
        assert action["status"] == "cancelled"
        assert action["reason"] == "the interview was cancelled"
    assert user.json("today", FOLLOWUP_NOW=NOW)["actions"] == []


def test_a_later_round_with_application_joins_the_same_application(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE)
    app_id = first["application"]["id"]
    jose_id = one(first["actions"], "thank_you")["contact"]["id"]
    second = user.json(
        "interview",
        "add",
        "--application",
        str(app_id),
        "--at",
        "2026-11-27T10:00",
        "--interviewer",
        JOSE,
        "--interviewer",
        "Mary Byrne <mary@acme.example>",
        FOLLOWUP_NOW="2026-11-27T12:00:00+00:00",
    )
    check_recorded(second)
    assert second["application"]["id"] == app_id
    assert second["application"]["company"] == "Acme"
    assert second["interview"]["round"] == 2
    round_two = second["interview"]["id"]
    notes = [a for a in of(second["actions"], "thank_you") if a["interview_id"] == round_two]
    assert sorted(a["contact"]["name"] for a in notes) == ["José Núñez", "Mary Byrne"]
    assert jose_id in {a["contact"]["id"] for a in notes}  # the same person, the same contact
    inquiry = one(second["actions"], "inquiry")
    assert inquiry["interview_id"] == round_two
    assert inquiry["earliest"] == "2026-12-04T09:00:00+00:00"
    old = one(second["actions"], "inquiry", "cancelled")
    assert old["interview_id"] == first["interview"]["id"] and old["reason"]
    plan = user.json("plan", str(app_id))
    assert [i["round"] for i in plan["interviews"]] == [1, 2]
    assert len(plan["contacts"]) == 2
    assert len(user.json("application", "list")) == 1


# -- applications and contacts ----------------------------------------------------------------
def test_application_list_edit_and_delete(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE)
    record(user, company="Initech", position="Analyst")
    app_id = first["application"]["id"]
    items = user.json("application", "list", FOLLOWUP_NOW=NOW)
    assert [a["company"] for a in items] == ["Acme", "Initech"]
    for item in items:
        assert set(item) == APPLICATION_KEYS | {"stage", "next_action"}
        check_action(item["next_action"], AGENDA_EXTRAS)
    assert [a["stage"] for a in items] == ["waiting", "waiting"]  # both interviews are held
    assert [a["stage"] for a in user.json("application", "list", FOLLOWUP_NOW=BEFORE)] == [
        "interviewing", "interviewing"]
    edited = user.json(
        "application",
        "edit",
        str(app_id),
        "--company",
        "Acme Ltd",
        "--position",
        "Senior Data Analyst",
        "--url",
        "https://acme.example/jobs/1",
    )
    assert set(edited) == APPLICATION_KEYS
    assert (edited["company"], edited["position"], edited["url"]) == (
        "Acme Ltd",
        "Senior Data Analyst",
        "https://acme.example/jobs/1",
    )
    assert user.json("plan", str(app_id))["application"] == edited
    deleted = user.json("application", "delete", str(app_id), "--yes")
    assert deleted["id"] == app_id
    assert [a["company"] for a in user.json("application", "list")] == ["Initech"]
    assert user("plan", str(app_id)).exit_code == 3
    assert user.json("contact", "list") == []


def test_contact_add_list_show_and_edit(user: Cli) -> None:
    app_id = record(user, "--interviewer", JOSE)["application"]["id"]
    added = user.json(
        "contact",
        "add",
        "--application",
        str(app_id),
        "--name",
        "Aoife Ní Bhriain",
        "--title",
        "Talent Partner",
        "--email",
        "aoife@acme.example",
        "--phone",
        "+353 1 555 0100",
        "--role",
        "recruiter",
        "--confirmed",
    )
    assert set(added) == CONTACT_KEYS
    assert {
        k: added[k]
        for k in (
            "application_id",
            "name",
            "role",
            "title",
            "organisation",
            "email",
            "phone",
            "confirmed",
        )
    } == {
        "application_id": app_id,
        "name": "Aoife Ní Bhriain",
        "role": "recruiter",
        "title": "Talent Partner",
        "organisation": "Acme",
        "email": "aoife@acme.example",
        "phone": "+35315550100",
        "confirmed": True,
    }
    assert added["phones"] == ["+35315550100"] and added["emails"] == ["aoife@acme.example"]
    assert user.json("contact", "show", str(added["id"])) == added
    listed = user.json("contact", "list", "--application", str(app_id))
    assert [c["name"] for c in listed] == ["José Núñez", "Aoife Ní Bhriain"]
    assert user.json("contact", "list") == listed
    edited = user.json(
        "contact",
        "edit",
        str(added["id"]),
        "--name",
        "Aoife Ní Bhriain-Kelly",
        "--unconfirmed",
        "--email",
        "aoife.k@acme.example",
    )
    assert (edited["name"], edited["confirmed"], edited["email"]) == (
        "Aoife Ní Bhriain-Kelly",
        False,
        "aoife.k@acme.example",
    )
    assert user.json("contact", "show", str(added["id"])) == edited
    assert "Aoife Ní Bhriain-Kelly" in ok(user, "contact", "list")


def test_unicode_names_round_trip_everywhere(user: Cli) -> None:
    doc = record(
        user,
        "--interviewer",
        JOSE,
        "--interviewer",
        WANG,
        "--helper",
        "Siobhán Ó Briain",
        company="Café Müller",
        position="Analyste données",
    )
    app_id = str(doc["application"]["id"])
    plan = user.json("plan", app_id)
    assert plan["application"]["company"] == "Café Müller"
    assert [c["name"] for c in plan["contacts"]] == ["José Núñez", "王芳", "Siobhán Ó Briain"]
    wang = next(c for c in plan["contacts"] if c["name"] == "王芳")
    assert user.json("contact", "show", str(wang["id"]))["name"] == "王芳"
    assert ok(user, "config", "get", "name") == "Siobhán Ó Briain\n"
    today = user.json("today", FOLLOWUP_NOW=NOW)
    assert {a["contact"]["name"] for a in today["actions"]} == {"José Núñez", "王芳"}
    assert {a["company"] for a in today["actions"]} == {"Café Müller"}
    exported = export_text(user)
    for name in ("José Núñez", "王芳", "Siobhán Ó Briain", "Café Müller"):
        assert name in exported  # written as is, not as \\u escapes


# -- today, agenda, done, skip ----------------------------------------------------------------
def test_today_lists_what_starts_before_the_end_of_the_day(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE, "--interviewer", WANG)
    today = user.json("today", FOLLOWUP_NOW=NOW)
    check_agenda(today)
    assert today["now"] == "2026-11-24T12:00:00+00:00"
    assert {a["id"] for a in today["actions"]} == {a["id"] for a in of(doc["actions"], "thank_you")}
    assert not any(a["overdue"] for a in today["actions"])
    assert {(a["company"], a["position"]) for a in today["actions"]} == {("Acme", "Data Analyst")}


def test_today_marks_overdue_steps(user: Cli) -> None:
    record(user, "--interviewer", JOSE)  # thank-you deadline: end of Wed 25 Nov
    later = "2026-11-27T08:00:00+00:00"
    record(user, "--interviewer", WANG, company="Initech", at="2026-11-27T07:00", now=later)
    today = user.json("today", FOLLOWUP_NOW=later)
    check_agenda(today)
    overdue = {a["company"]: a["overdue"] for a in today["actions"]}
    assert overdue == {"Acme": True, "Initech": False}
    assert today["actions"][0]["company"] == "Acme"  # the oldest first
    assert "overdue" in ok(user, "today", FOLLOWUP_NOW=later)


def test_agenda_days_reaches_as_far_as_asked(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE)  # the inquiry starts Tue 1 Dec 09:00
    inquiry = one(doc["actions"], "inquiry")
    six = user.json("agenda", "--days", "6", FOLLOWUP_NOW=NOW)
    seven = user.json("agenda", "--days", "7", FOLLOWUP_NOW=NOW)
    check_agenda(six)
    check_agenda(seven)
    assert inquiry["id"] not in {a["id"] for a in six["actions"]}
    assert inquiry["id"] in {a["id"] for a in seven["actions"]}
    assert user.json("agenda", "--days", "0", FOLLOWUP_NOW=NOW) == user.json(
        "today", FOLLOWUP_NOW=NOW
    )


def test_done_and_skip_return_the_action_and_change_what_is_planned(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE)
    note, inquiry = one(doc["actions"], "thank_you"), one(doc["actions"], "inquiry")
    done = user.json("done", str(note["id"]), "--at", "2026-11-24T11:30", FOLLOWUP_NOW=NOW)
    assert done.pop("late") is False  # `done` adds whether a thank-you went out late
    # ... and whether the checker held back the note kept for it (none is kept here)
    assert (done.pop("held_back"), done.pop("findings")) == (False, [])
    check_action(done)
    assert (done["id"], done["status"]) == (note["id"], "done")
    skipped = user.json(
        "skip", str(inquiry["id"]), "--reason", "I will email instead", FOLLOWUP_NOW=NOW
    )
    check_action(skipped)
    assert (skipped["status"], skipped["reason"]) == ("skipped", "I will email instead")
    plan = user.json("plan", str(doc["application"]["id"]))
    check_plan(plan)
    assert planned(plan["actions"]) == []  # a skipped step is not planned again
    assert [(t["kind"], t["at"], t["action_id"]) for t in plan["touches"]] == [
        ("note_sent", "2026-11-24T11:30:00+00:00", note["id"])
    ]
    assert user.json("today", FOLLOWUP_NOW=NOW)["actions"] == []


def test_call_script_names_the_interviewer_and_the_position(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE, "--interviewer", WANG)
    inquiry = one(doc["actions"], "inquiry")
    script = ok(user, "call", "script", str(inquiry["id"]))
    assert "José Núñez" in script
    assert "Data Analyst" in script
    assert "Siobhán Ó Briain" in script
    assert "Tuesday 24 November" in script


def test_call_script_gives_the_number_and_how_to_log_that_very_step(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE)
    inquiry = one(doc["actions"], "inquiry")
    jose = inquiry["contact"]["id"]
    assert user("contact", "edit", str(jose), "--phone", "+353 1 555 0100").exit_code == 0

    script = ok(user, "call", "script", str(inquiry["id"]))

    assert "Call José Núñez on (01) 555 0100." in script
    assert (f"followup call log {doc['application']['id']} --step {inquiry['id']} "
            "--outcome") in script


def test_call_log_answers_the_step_it_is_given_and_refuses_a_step_of_another_kind(
        user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE)
    app = str(doc["application"]["id"])
    other = record(user, "--interviewer", WANG, company="Globex")
    inquiry, note = one(doc["actions"], "inquiry"), one(doc["actions"], "thank_you")
    later = "2026-12-03T10:00:00+00:00"

    not_a_call = user("call", "log", app, "--step", str(note["id"]), "--outcome", "voicemail",
                      FOLLOWUP_NOW=later)
    elsewhere = user("call", "log", str(other["application"]["id"]), "--step",
                     str(inquiry["id"]), "--outcome", "voicemail", FOLLOWUP_NOW=later)
    script = user("call", "script", str(note["id"]))
    logged = user.json("call", "log", app, "--step", str(inquiry["id"]), "--outcome",
                       "voicemail", FOLLOWUP_NOW=later)

    assert not_a_call.exit_code == 5 and "is a thank you, not a call" in not_a_call.stderr
    assert elsewhere.exit_code == 4 and f"belongs to application {app}" in elsewhere.stderr
    assert script.exit_code == 5 and "not a call" in script.stderr
    assert one(logged["actions"], "inquiry", "done")["id"] == inquiry["id"]


# -- the whole story --------------------------------------------------------------------------
def test_the_full_story_from_interview_to_rejection_and_back(user: Cli) -> None:
    # Tue 24 Nov: the interview, two interviewers, two thank-you notes the same day.
    doc = record(user, "--interviewer", JOSE, "--interviewer", WANG)
    app = str(doc["application"]["id"])
    thanks = of(doc["actions"], "thank_you")
    assert len(thanks) == 2
    for note in thanks:
        sent = user.json("done", str(note["id"]), FOLLOWUP_NOW="2026-11-24T18:00:00+00:00")
        assert sent["status"] == "done"
    assert user.json("today", FOLLOWUP_NOW="2026-11-24T18:00:00+00:00")["actions"] == []

    # Tue 1 Dec: a week later, the inquiry call shows on today.
    dec1 = "2026-12-01T10:00:00+00:00"
    today = user.json("today", FOLLOWUP_NOW=dec1)
    check_agenda(today)
    assert [a["kind"] for a in today["actions"]] == ["inquiry"]
    inquiry = today["actions"][0]
    assert (inquiry["earliest"], inquiry["deadline"]) == (
        "2026-12-01T09:00:00+00:00",
        "2026-12-04T17:00:00+00:00",
    )
    assert inquiry["contact"]["name"] == "José Núñez"
    assert "José Núñez" in ok(user, "call", "script", str(inquiry["id"]))

    # Nobody answers: a retry at 09:00 the next business day.
    after = user.json("call", "log", app, "--outcome", "no_answer", FOLLOWUP_NOW=dec1)
    check_plan(after)
    assert one(after["actions"], "inquiry", "done")["id"] == inquiry["id"]
    retry = one(after["actions"], "call_retry")
    assert (retry["earliest"], retry["due"], retry["deadline"]) == (
        "2026-12-02T09:00:00+00:00",
        "2026-12-02T17:00:00+00:00",
        "2026-12-02T17:00:00+00:00",
    )
    assert [a["kind"] for a in planned(after["actions"])] == ["call_retry"]
    assert after["touches"][-1]["outcome"] == "no_answer"

    # Wed 2 Dec: reached; they ask for a call back on Thu 3 Dec at 15:00.
    dec2 = "2026-12-02T10:00:00+00:00"
    after = user.json(
        "call",
        "log",
        app,
        "--outcome",
        "reached",
        "--callback",
        "2026-12-03T15:00",
        "--notes",
        "Interviews still running",
        FOLLOWUP_NOW=dec2,
    )
    check_plan(after)
    assert one(after["actions"], "call_retry", "done")["id"] == retry["id"]
    callback = one(after["actions"], "callback")
    assert (callback["earliest"], callback["due"], callback["deadline"]) == (
        "2026-12-03T15:00:00+00:00",
        "2026-12-03T17:00:00+00:00",
        "2026-12-03T17:00:00+00:00",
    )
    assert [a["kind"] for a in planned(after["actions"])] == ["callback"]
    assert after["touches"][-1]["callback_at"] == "2026-12-03T15:00:00+00:00"
    dec3 = "2026-12-03T15:00:00+00:00"
    assert [a["id"] for a in user.json("today", FOLLOWUP_NOW=dec3)["actions"]] == [callback["id"]]
    user.json("done", str(callback["id"]), FOLLOWUP_NOW=dec3)

    # They call: the decision will be made "next Friday" (Fri 11 Dec, counted from Thu 3 Dec).
    after = user.json(
        "heard",
        app,
        "--decision-by",
        "next Friday",
        "--notes",
        "HR called",
        FOLLOWUP_NOW="2026-12-03T15:30:00+00:00",
    )
    check_plan(after)
    touch = after["touches"][-1]
    assert (touch["kind"], touch["decision_date"], touch["decision_phrase"]) == (
        "call_received",
        "2026-12-11",
        "next Friday",
    )
    check = one(after["actions"], "decision_check")
    assert (check["earliest"], check["due"], check["deadline"], check["rule"]) == (
        "2026-12-14T09:00:00+00:00",
        "2026-12-14T17:00:00+00:00",
        "2026-12-15T17:00:00+00:00",
        "R4",
    )
    assert [a["kind"] for a in planned(after["actions"])] == ["decision_check"]

    # Tue 15 Dec: rejected. Follow-ups cancelled; a thank-you for considering me, then
    # keeping in touch 90 days later.
    dec15 = "2026-12-15T10:00:00+00:00"
    after = user.json("outcome", app, "rejected", FOLLOWUP_NOW=dec15)
    check_plan(after)
    assert after["application"]["status"] == "rejected"
    assert after["application"]["status_at"] == dec15
    cancelled = one(after["actions"], "decision_check", "cancelled")
    assert (cancelled["id"], cancelled["reason"]) == (check["id"], "the application is rejected")
    assert not [a for a in planned(after["actions"]) if a["kind"] in FOLLOW_UPS]
    thank = one(after["actions"], "thank_after_decision")
    assert (thank["earliest"], thank["due"], thank["deadline"], thank["rule"]) == (
        dec15,
        "2026-12-16T23:59:59+00:00",
        "2026-12-18T23:59:59+00:00",
        "R8",
    )
    keep = one(after["actions"], "keep_in_touch")
    assert keep["earliest"] == "2027-03-15T09:00:00+00:00"
    assert {a["kind"] for a in planned(after["actions"])} == {
        "thank_after_decision",
        "keep_in_touch",
    }
    assert all(a["reason"] for a in after["actions"] if a["status"] == "cancelled")

    # A mistake: `outcome active` undoes it and plans the follow-ups again.
    after = user.json("outcome", app, "active", FOLLOWUP_NOW="2026-12-15T11:00:00+00:00")
    check_plan(after)
    assert after["application"]["status"] == "active"
    assert after["application"]["status_at"] is None
    for kind in ("thank_after_decision", "keep_in_touch"):
        assert one(after["actions"], kind, "cancelled")["reason"] == "the outcome was undone"
    again = one(after["actions"], "decision_check")
    assert again["earliest"] == check["earliest"]
    assert [a["kind"] for a in planned(after["actions"])] == ["decision_check"]
    # nothing done, skipped or cancelled before was touched
    final = user.json("plan", app)
    assert final == after
    assert len(of(final["actions"], "thank_you", "done")) == 2


def test_outcome_offer_and_withdrawn_offer_their_optional_notes(user: Cli) -> None:
    first = record(user, "--interviewer", JOSE, "--helper", "Mary Byrne")
    second = record(user, "--interviewer", WANG, company="Initech")
    offer = user.json("outcome", str(first["application"]["id"]), "offer", FOLLOWUP_NOW=NOW)
    check_plan(offer)
    helpers = one(offer["actions"], "thank_helpers")
    assert helpers["optional"] is True and helpers["contact"]["name"] == "Mary Byrne"
    assert one(offer["actions"], "inquiry", "cancelled")["reason"]
    gone = user.json("outcome", str(second["application"]["id"]), "withdrawn", FOLLOWUP_NOW=NOW)
    assert one(gone["actions"], "withdrawal_note")["optional"] is True
    assert gone["application"]["status"] == "withdrawn"
    hired = user.json("outcome", str(first["application"]["id"]), "hired", FOLLOWUP_NOW=NOW)
    assert hired["application"]["status"] == "hired"
    assert {a["kind"] for a in planned(hired["actions"])} == {"thank_you", "thank_helpers"}


def test_heard_with_a_callback_stops_the_chasing_and_plans_the_call_back(user: Cli) -> None:
    doc = record(user, "--interviewer", JOSE)
    after = user.json(
        "heard",
        str(doc["application"]["id"]),
        "--callback",
        "2026-11-30T11:15",
        FOLLOWUP_NOW="2026-11-27T09:00:00+00:00",
    )
    check_plan(after)
    assert after["touches"][-1]["kind"] == "call_received"
    assert after["touches"][-1]["callback_at"] == "2026-11-30T11:15:00+00:00"
    callback = one(after["actions"], "callback")
    assert (callback["earliest"], callback["contact"]["name"]) == (
        "2026-11-30T11:15:00+00:00",
        "José Núñez",
    )
    stopped = one(after["actions"], "inquiry", "cancelled")
    assert stopped["reason"] == "the employer got in touch on Fri 27 Nov"


def test_call_log_reached_with_a_new_decision_date_plans_a_decision_check(user: Cli) -> None:
    app = str(record(user, "--interviewer", JOSE)["application"]["id"])
    after = user.json(
        "call",
        "log",
        app,
        "--outcome",
        "reached",
        "--decision",
        "pending",
        "--decision-by",
        "2026-12-09",
        FOLLOWUP_NOW="2026-12-01T10:00:00+00:00",
    )
    check = one(after["actions"], "decision_check")
    assert check["earliest"] == "2026-12-10T09:00:00+00:00"
    assert not of(after["actions"], "inquiry", "planned")


def test_call_log_with_a_decision_records_the_outcome(user: Cli) -> None:
    app = str(record(user, "--interviewer", JOSE)["application"]["id"])
    after = user.json(
        "call",
        "log",
        app,
        "--outcome",
        "reached",
        "--decision",
        "rejected",
        FOLLOWUP_NOW="2026-12-01T10:00:00+00:00",
    )
    assert after["application"]["status"] == "rejected"
    assert one(after["actions"], "thank_after_decision")["status"] == "planned"


# -- export, import, demo ---------------------------------------------------------------------
def test_export_import_into_an_empty_home_then_export_is_identical(
    user: Cli, fresh: Cli, tmp_path: Path
) -> None:
    doc = record(
        user,
        "--interviewer",
        JOSE,
        "--interviewer",
        WANG,
        "--helper",
        "Mary Byrne",
        "--topic",
        "王芳: the team",
        "--forgot",
        "my portfolio",
        "--decision-by",
        "in two weeks",
    )
    app = str(doc["application"]["id"])
    user.json("done", str(of(doc["actions"], "thank_you")[0]["id"]), FOLLOWUP_NOW=NOW)
    user.json(
        "call", "log", app, "--outcome", "voicemail", FOLLOWUP_NOW="2026-12-01T10:00:00+00:00"
    )
    user.json("contact", "add", "--application", app, "--name", "Aoife Kelly", "--confirmed")
    ok(user, "config", "set", "policy.gap_business_days", "4")
    ok(user, "config", "set", "smtp.host", "smtp.example.com")
    ok(user, "config", "set", "imap.company_domain", "yes")
    record(
        user,
        "--interviewer",
        "Ólafur <o@nordwind.example>",
        company="Nordwind",
        now="2026-12-01T10:00:00+00:00",
        at="2026-12-01T08:00",
    )
    user.json("outcome", app, "rejected", FOLLOWUP_NOW="2026-12-09T10:00:00+00:00")

    original = export_text(user)
    document = json.loads(original)
    assert document["format"] == "followup-export" and document["version"] == 1
    assert document["settings"] == {"imap.company_domain": "yes", "policy.gap_business_days": "4",
                                    "smtp.host": "smtp.example.com"}
    target = tmp_path / "export.json"
    result = user("export", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == original

    imported = fresh.json("import", str(target), "--with-settings")
    assert set(imported) == {"imported", "settings_left_out"}
    tables = ("applications", "contacts", "interviews", "participants", "actions", "touches")
    assert set(tables) <= set(imported["imported"])
    assert imported["imported"] == {name: len(document[name]) for name in imported["imported"]}
    assert export_text(fresh) == original
    # the imported home keeps working: new ids do not collide with imported ones
    more = record(
        fresh,
        "--interviewer",
        JOSE,
        company="Hooli",
        now="2026-12-10T12:00:00+00:00",
        at="2026-12-10T10:00",
    )
    assert more["application"]["id"] == max(a["id"] for a in document["applications"]) + 1
    assert fresh.json("plan", app) == user.json("plan", app)


def test_import_into_a_home_with_a_profile_but_no_applications(
    user: Cli, fresh: Cli, tmp_path: Path
) -> None:
    record(user, "--interviewer", JOSE)
    target = tmp_path / "export.json"
    target.write_text(export_text(user), encoding="utf-8")
    fresh.json(
        "init",
        "--name",
        "Someone Else",
        "--email",
        "else@example.com",
        "--timezone",
        "Europe/London",
    )
    fresh.json("import", str(target))
    assert export_text(fresh) == export_text(user)


def test_demo_fills_a_home_with_applications(cli: Cli) -> None:
    result = cli.json("demo", "--size", "3", "--seed", "7", FOLLOWUP_NOW=NOW)
    assert result["applications"] == 3 and result["actions"] > 0
    apps = cli.json("application", "list", FOLLOWUP_NOW=NOW)
    assert len(apps) == 3
    for app in apps:
        check_plan(cli.json("plan", str(app["id"])))
    check_agenda(cli.json("agenda", "--days", "30", FOLLOWUP_NOW=NOW))


def test_followup_now_without_an_offset_is_read_in_the_users_zone(user: Cli) -> None:
    local = "2026-06-10T12:00"  # Dublin summer time: +01:00
    doc = record(user, "--interviewer", JOSE, at="2026-06-10T10:00", now=local)
    assert doc["application"]["created_at"] == "2026-06-10T12:00:00+01:00"
    assert user.json("today", FOLLOWUP_NOW=local)["now"] == "2026-06-10T12:00:00+01:00"


def test_today_lists_overdue_steps_first_as_its_help_says(user: Cli) -> None:
    assert "overdue steps first" in ok(user, "today", "--help")
    record(user)  # no interviewer: only the inquiry, Tue 1 Dec 09:00 to Fri 4 Dec 17:00
    record(
        user,
        "--interviewer",
        WANG,
        company="Initech",
        at="2026-12-02T10:00",
        now="2026-12-02T12:00:00+00:00",
    )
    today = user.json("today", FOLLOWUP_NOW="2026-12-04T10:00:00+00:00")
    assert [(a["company"], a["overdue"]) for a in today["actions"]] == [
        ("Initech", True),
        ("Acme", False),
    ]
