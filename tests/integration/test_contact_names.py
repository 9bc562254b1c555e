"""Honorifics, first and family names on SQLite and PostgreSQL: given with an interviewer or
typed on the contact (CLI, API, web form), kept by export and import and by the migration, and
used by the greetings of the drafts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from followup.adapters.db import schema
from followup.adapters.db.engine import make_engine, migrate
from tests.conftest import Cli
from tests.integration.test_api import API, INTERVIEW, ok
from tests.integration.test_api import error as api_error
from tests.integration.test_cli_contract import (
    export_text,
    fresh,  # noqa: F401  (fixture)
    record,
)
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixtures)

PRIYA = "Dr. Priya Raghunathan <priya@acme.example>"


def contact_named(cli: Cli, name: str) -> dict[str, Any]:
    return next(c for c in cli.json("contact", "list") if c["name"] == name)


def greeting(cli: Cli, contact_id: int, tone: str) -> str:
    """The first line of a new draft of the thank-you to the contact."""
    plan = cli.json("plan", str(contact_named_by_id(cli, contact_id)["application_id"]))
    action = next(a for a in plan["actions"]
                  if a["kind"] == "thank_you" and a["contact"]["id"] == contact_id)
    drafted = cli.json("note", "draft", str(action["id"]), "--tone", tone, "--force")
    return str(drafted["body"].split("\n")[0])


def contact_named_by_id(cli: Cli, contact_id: int) -> dict[str, Any]:
    return dict(cli.json("contact", "show", str(contact_id)))


def test_an_interviewer_given_with_an_honorific_is_recorded_without_it_and_greeted_by_it(
        user: Cli) -> None:
    record(user, "--interviewer", PRIYA, "--topic", "Dr. Priya Raghunathan: the Berlin move")
    priya = contact_named(user, "Priya Raghunathan")

    assert (priya["honorific"], priya["first_name"], priya["family_name"]) == (
        "Dr.", "Priya", "Raghunathan")
    assert greeting(user, priya["id"], "formal") == "Dear Dr. Raghunathan,"
    assert greeting(user, priya["id"], "warm") == "Hello Priya,"
    # The same person given again, with or without the honorific, is the same contact.
    record(user, "--interviewer", "Priya Raghunathan <priya@acme.example>", "--application",
           str(priya["application_id"]), at="2026-11-24T15:00")
    assert [c["name"] for c in user.json("contact", "list")] == ["Priya Raghunathan"]


def test_contact_edit_sets_the_honorific_and_names_and_the_greetings_follow(user: Cli) -> None:
    record(user, "--interviewer", "Siobhán Ó Briain <sob@acme.example>",
           "--interviewer", "王芳 <wang@acme.example>")
    siobhan, wang = contact_named(user, "Siobhán Ó Briain"), contact_named(user, "王芳")
    assert (siobhan["honorific"], siobhan["first_name"], siobhan["family_name"]) == (
        None, "Siobhán", "Ó Briain")
    assert (wang["first_name"], wang["family_name"]) == (None, None)  # never guessed
    assert greeting(user, siobhan["id"], "formal") == "Dear Siobhán Ó Briain,"

    edited = user.json("contact", "edit", str(siobhan["id"]), "--honorific", "ms")
    assert edited["honorific"] == "Ms." and edited["name"] == "Siobhán Ó Briain"
    assert greeting(user, siobhan["id"], "formal") == "Dear Ms. Ó Briain,"
    assert greeting(user, siobhan["id"], "warm") == "Hello Siobhán,"

    user.json("contact", "edit", str(wang["id"]), "--honorific", "Ms.", "--family-name", "王",
              "--first-name", "芳")
    assert greeting(user, wang["id"], "formal") == "Dear Ms. 王,"
    assert greeting(user, wang["id"], "warm") == "Hello 芳,"

    cleared = user.json("contact", "edit", str(siobhan["id"]), "--honorific", "none")
    assert cleared["honorific"] is None
    assert greeting(user, siobhan["id"], "formal") == "Dear Siobhán Ó Briain,"
    shown = user("contact", "show", str(wang["id"]))
    assert "Ms. 王芳" in shown.stdout and "family name 王" in shown.stdout


def test_an_unknown_honorific_is_refused_and_nothing_changes(user: Cli) -> None:
    record(user, "--interviewer", "José Núñez <jose@acme.example>")
    jose = contact_named(user, "José Núñez")
    refused = user("contact", "edit", str(jose["id"]), "--honorific", "Sir",
                   "--first-name", "Pepe")
    assert refused.exit_code == 4 and "unknown honorific 'Sir'" in refused.stderr
    assert "Ms., Mr., Dr., Mx., Prof." in refused.stderr
    too_long = user("contact", "edit", str(jose["id"]), "--family-name", "N" * 201)
    assert too_long.exit_code == 4
    assert contact_named_by_id(user, jose["id"]) == jose


def test_a_renamed_contact_gets_new_guesses_but_keeps_names_the_user_typed(user: Cli) -> None:
    record(user, "--interviewer", "Jon Smith <jon@acme.example>")
    jon = contact_named(user, "Jon Smith")
    renamed = user.json("contact", "edit", str(jon["id"]), "--name", "John Smith-Jones")
    assert (renamed["first_name"], renamed["family_name"]) == ("John", "Smith-Jones")
    user.json("contact", "edit", str(jon["id"]), "--first-name", "Jack")
    again = user.json("contact", "edit", str(jon["id"]), "--name", "Prof. John Smith")
    assert (again["name"], again["honorific"]) == ("John Smith", "Prof.")
    assert (again["first_name"], again["family_name"]) == ("Jack", "Smith")


def test_the_api_takes_the_names_on_interviewer_records_and_the_contact_patch(
        web_user: Web) -> None:
    interviewers = [{"name": "Dr Priya Raghunathan", "email": "priya@olafsson.example"},
                    {"name": "王芳", "honorific": "Ms.", "family_name": "王",
                     "first_name": "芳"}]
    result = ok(web_user.api("POST", f"{API}/interviews",
                             {**INTERVIEW, "interviewers": interviewers}), 201)
    listed = ok(web_user.get(f"{API}/contacts",
                             params={"application_id": result["application"]["id"]}))
    people = {c["name"]: c for c in listed}
    assert set(people) >= {"Priya Raghunathan", "王芳"}
    assert people["Priya Raghunathan"]["honorific"] == "Dr."
    assert (people["王芳"]["honorific"], people["王芳"]["family_name"]) == ("Ms.", "王")

    wang = people["王芳"]["id"]
    patched = ok(web_user.api("PATCH", f"{API}/contacts/{wang}",
                              {"honorific": "none", "family_name": "王"}))
    assert (patched["honorific"], patched["family_name"]) == (None, "王")
    assert ok(web_user.get(f"{API}/contacts/{wang}")) == patched
    api_error(web_user.api("PATCH", f"{API}/contacts/{wang}", {"honorific": "Sir"}), 422,
              "InvalidInput")
    schema_doc = ok(web_user.get(f"{API}/openapi.json"))
    contact_out = schema_doc["components"]["schemas"]["ContactView"]["properties"]
    assert {"honorific", "first_name", "family_name"} <= set(contact_out)


def test_the_web_contact_form_shows_and_saves_the_names(web_user: Web) -> None:
    result = ok(web_user.api("POST", f"{API}/interviews", {
        **INTERVIEW, "interviewers": [{"name": "Siobhán Ó Briain"}]}), 201)
    contact = next(c for c in ok(web_user.get(f"{API}/contacts"))
                   if c["name"] == "Siobhán Ó Briain")
    page = web_user.get(f"/contacts/{contact['id']}/edit")
    assert page.status_code == 200
    assert 'value="Siobhán"' in page.text and 'value="Ó Briain"' in page.text
    assert '<label for="contact-honorific">' in page.text

    form = {"name": "Siobhán Ó Briain", "honorific": "Ms.", "first_name": "Siobhán",
            "family_name": "Ó Briain", "title": "", "email": "not an address", "phone": ""}
    refused = web_user.form(f"/contacts/{contact['id']}/edit", form)
    assert refused.status_code == 422 and 'value="not an address"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    saved = web_user.form(f"/contacts/{contact['id']}/edit", {**form, "email": ""})
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/applications/{result['application']['id']}"
    kept = ok(web_user.get(f"{API}/contacts/{contact['id']}"))
    assert (kept["honorific"], kept["first_name"], kept["family_name"]) == (
        "Ms.", "Siobhán", "Ó Briain")
    app_page = web_user.get(saved.headers["location"]).text
    assert f'href="/contacts/{contact["id"]}/edit"' in app_page


def test_export_carries_the_names_and_an_older_export_without_them_imports(
        user: Cli, fresh: Cli, tmp_path: Path) -> None:  # noqa: F811
    record(user, "--interviewer", PRIYA)
    document = json.loads(export_text(user))
    (row,) = document["contacts"]
    assert (row["honorific"], row["first_name"], row["family_name"]) == (
        "Dr.", "Priya", "Raghunathan")
    for key in ("honorific", "first_name", "family_name"):
        del row[key]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    assert fresh.json("import", str(older))["imported"]["contacts"] == 1
    (imported,) = fresh.json("contact", "list")
    assert (imported["name"], imported["honorific"], imported["first_name"]) == (
        "Priya Raghunathan", None, None)


def test_an_export_with_an_unknown_honorific_is_refused(
        user: Cli, fresh: Cli, tmp_path: Path) -> None:  # noqa: F811
    record(user, "--interviewer", PRIYA)
    document = json.loads(export_text(user))
    document["contacts"][0]["honorific"] = "Sir"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    refused = fresh("import", str(bad))
    assert refused.exit_code == 4 and "Sir" in refused.stderr
    assert fresh("contact", "list").exit_code == 5  # nothing kept, not even the profile


def test_upgrading_from_before_the_names_keeps_every_contact(user: Cli, database_url: str
                                                             ) -> None:
    record(user, "--interviewer", PRIYA, "--interviewer", "王芳 <wang@acme.example>")
    before = {c["id"]: c for c in user.json("contact", "list")}
    engine = make_engine(database_url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(schema.MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        columns = {c["name"] for c in inspect(connection).get_columns("contacts")}
        assert not columns & {"honorific", "first_name", "family_name"}
        connection.execute(text("UPDATE contacts SET name = 'Jane Doe' WHERE email = "
                                "'wang@acme.example'"))
    migrate(engine)
    engine.dispose()
    after = {c["id"]: c for c in user.json("contact", "list")}
    assert set(after) == set(before)
    for contact_id, contact in after.items():
        assert (contact["honorific"], contact["first_name"], contact["family_name"]) == (
            None, None, None)
        assert contact["email"] == before[contact_id]["email"]
    assert {c["name"] for c in after.values()} == {"Priya Raghunathan", "Jane Doe"}


def test_hostile_names_are_refused_at_every_door_and_nothing_changes(web_user: Web) -> None:
    ok(web_user.api("POST", f"{API}/interviews", {
        **INTERVIEW, "interviewers": [{"name": "José Núñez"}]}), 201)
    jose = next(c for c in ok(web_user.get(f"{API}/contacts")) if c["name"] == "José Núñez")
    for body in ({"first_name": "Jo\x1b[31msé"}, {"family_name": "Nú\x00ñez"},
                 {"family_name": "N" * 201}, {"honorific": "Dr.\nBcc: x@evil.example"}):
        response = web_user.api("PATCH", f"{API}/contacts/{jose['id']}", body)
        assert response.status_code == 422, (body, response.text)
    form = {"name": "José Núñez", "honorific": "Ms.", "first_name": "Jo\u0007sé",
            "family_name": "", "title": "", "email": "", "phone": ""}
    refused = web_user.form(f"/contacts/{jose['id']}/edit", form)
    assert refused.status_code == 422 and "control character" in refused.text
    assert ok(web_user.get(f"{API}/contacts/{jose['id']}")) == jose
