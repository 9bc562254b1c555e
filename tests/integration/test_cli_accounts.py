"""`followup user` and `followup token`, and `--user` in hosted mode, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, func, select

from followup.adapters.db import tables as t
from tests.conftest import Cli

SECRET = "x" * 40
PASSWORD = "a long and rare passphrase\n"


@pytest.fixture
def hosted(cli: Cli) -> Cli:
    return Cli(cli.runner, {**cli.env, "FOLLOWUP_MODE": "hosted", "FOLLOWUP_SECRET_KEY": SECRET})


def test_user_add_and_list_give_the_published_fields(hosted: Cli) -> None:
    added = hosted.json("user", "add", "ana@example.org", "--name", "Ana López",
                        "--role", "coach")
    assert {k: added[k] for k in ("email", "name", "role", "coach", "disabled")} == {
        "email": "ana@example.org", "name": "Ana López", "role": "coach", "coach": None,
        "disabled": False}
    assert added["invitation"].startswith("http://127.0.0.1:8000/invitation/")
    result = hosted("user", "add", "Siobhan@Example.org", "--name", "Siobhán Ó Briain",
                    "--coach", "ana@example.org", "--password-stdin", input=PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Invitation" not in result.output  # a password was given: no link
    listed = hosted.json("user", "list")
    assert listed == [
        {"id": added["id"], "email": "ana@example.org", "name": "Ana López", "role": "coach",
         "coach": None, "disabled": False},
        {"id": added["id"] + 1, "email": "siobhan@example.org", "name": "Siobhán Ó Briain",
         "role": "seeker", "coach": "ana@example.org", "disabled": False}]


def test_a_weak_or_common_password_and_a_second_account_of_one_address_are_refused(
        hosted: Cli) -> None:
    short = hosted("user", "add", "a@example.org", "--name", "A", "--password-stdin",
                   input="short1\n")
    common = hosted("user", "add", "a@example.org", "--name", "A", "--password-stdin",
                    input="password123\n")
    assert (short.exit_code, common.exit_code) == (4, 4)
    assert "at least 10" in short.stderr and "most common" in common.stderr
    assert hosted("user", "add", "a@example.org", "--name", "A").exit_code == 0
    again = hosted("user", "add", "A@EXAMPLE.ORG", "--name", "A")
    assert again.exit_code == 5 and "exists already" in again.stderr
    assert hosted.json("user", "list")[0]["email"] == "a@example.org"


def test_hosted_data_commands_need_user_and_act_for_that_user_alone(hosted: Cli) -> None:
    for email in ("ana@example.org", "jose@example.org"):
        assert hosted("user", "add", email, "--name", email[:4]).exit_code == 0
        init = hosted("init", "--user", email, "--name", email[:4], "--email", email,
                      "--timezone", "Europe/Dublin")
        assert init.exit_code == 0, init.output
    missing = hosted("today")
    assert missing.exit_code == 2 and "--user EMAIL" in missing.stderr
    assert hosted("export").exit_code == 2
    added = hosted("interview", "add", "--user", "ana@example.org", "--company", "Quillfeather",
                   "--position", "Analyst", "--at", "2026-11-24T10:00",
                   "--interviewer", "Zoë Kent <zoe@quill.example>")
    assert added.exit_code == 0, added.output
    ana = hosted.json("today", "--user", "ana@example.org", FOLLOWUP_NOW="2026-11-24T12:00")
    jose = hosted.json("today", "--user=jose@example.org", FOLLOWUP_NOW="2026-11-24T12:00")
    assert any(a["company"] == "Quillfeather" for a in ana["actions"])
    assert jose["actions"] == []
    exported = hosted("export", "--user", "jose@example.org")
    assert exported.exit_code == 0 and "Quillfeather" not in exported.stdout
    unknown = hosted("today", "--user", "nobody@example.org")
    assert unknown.exit_code == 3


def test_local_mode_refuses_a_database_with_accounts_and_hosted_mode_a_short_key(
        hosted: Cli, cli: Cli) -> None:
    assert hosted("user", "add", "ana@example.org", "--name", "Ana").exit_code == 0
    for args in (("today",), ("init", "--name", "X", "--email", "x@example.org",
                              "--timezone", "UTC"), ("export",)):
        local = cli(*args)
        assert local.exit_code == 5, (args, local.output)
        assert "hosted installation" in local.stderr
    assert cli("today", "--user", "ana@example.org").exit_code == 2
    short = hosted("user", "list", FOLLOWUP_SECRET_KEY="too short")
    assert short.exit_code == 1 and "at least 32 bytes" in short.stderr
    assert cli("user", "list").exit_code == 5  # local mode has no accounts


def test_disable_enable_and_passwd(hosted: Cli) -> None:
    hosted("user", "add", "ana@example.org", "--name", "Ana")
    disabled = hosted.json("user", "disable", "ana@example.org")
    assert disabled["disabled"] is True
    refused = hosted("today", "--user", "ana@example.org")
    assert refused.exit_code == 5 and "disabled" in refused.stderr
    assert hosted.json("user", "enable", "ana@example.org")["disabled"] is False
    assert hosted("user", "passwd", "ana@example.org", "--password-stdin",
                  input=PASSWORD).exit_code == 0
    assert hosted("user", "passwd", "ana@example.org", "--password-stdin",
                  input="qwertyuiop\n").exit_code == 4


def test_user_delete_removes_every_row_of_that_user_and_no_other(hosted: Cli,
                                                                  database_url: str) -> None:
    for email in ("ana@example.org", "jose@example.org"):
        hosted("user", "add", email, "--name", email[:4])
        hosted("init", "--user", email, "--name", email[:4], "--email", email,
               "--timezone", "Europe/Dublin")
        result = hosted("interview", "add", "--user", email, "--company", "Quillfeather",
                        "--position", "Analyst", "--at", "2026-11-24T10:00",
                        "--interviewer", "Zoë Kent <zoe@quill.example>",
                        "--helper", "Bea Lund")
        assert result.exit_code == 0, result.output
        hosted.json("token", "create", "--user", email, "--name", "script")
    engine = create_engine(database_url)
    owned = [table for table in t.metadata.sorted_tables if "owner_id" in table.c]

    def counts(user_id: int) -> dict[str, int]:
        with engine.connect() as connection:
            return {table.name: connection.execute(select(func.count()).select_from(table)
                                                   .where(table.c.owner_id == user_id)
                                                   ).scalar_one() for table in owned}

    before_ana, before_jose = counts(1), counts(2)
    assert before_ana["actions"] > 0 and before_ana["access_tokens"] == 1
    assert hosted("user", "delete", "ana@example.org").exit_code == 2  # --yes is needed
    deleted = hosted.json("user", "delete", "ana@example.org", "--yes")
    assert deleted["rows"]["users"] == 1
    assert deleted["rows"]["actions"] == before_ana["actions"]
    assert set(counts(1).values()) == {0}
    assert counts(2) == before_jose
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(t.users)).scalar_one() == 1
    engine.dispose()


def test_tokens_are_shown_once_listed_with_their_use_and_revocable(hosted: Cli) -> None:
    hosted("user", "add", "ana@example.org", "--name", "Ana")
    hosted("user", "add", "jose@example.org", "--name", "José")
    made = hosted.json("token", "create", "--user", "ana@example.org", "--name", "my script")
    assert set(made) == {"id", "name", "token", "created_at"}
    assert made["token"].startswith("fu_") and made["name"] == "my script"
    listed = hosted.json("token", "list", "--user", "ana@example.org")
    assert listed == [{"id": made["id"], "name": "my script", "created_at": made["created_at"],
                       "used_at": None, "revoked": False}]
    assert made["token"] not in json.dumps(listed)
    assert hosted.json("token", "list", "--user", "jose@example.org") == []
    theirs = hosted("token", "revoke", str(made["id"]), "--user", "jose@example.org")
    assert theirs.exit_code == 3  # not José's token
    assert hosted("token", "revoke", str(made["id"]), "--user", "ana@example.org").exit_code == 0
    assert hosted.json("token", "list", "--user", "ana@example.org")[0]["revoked"] is True
