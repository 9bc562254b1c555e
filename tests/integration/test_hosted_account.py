"""Your account in hosted mode: my data, my password, my logins and tokens, the second factor and
deleting my account, through the page and the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pyotp
import pytest
from sqlalchemy import create_engine, func, select

from tests.web_client import NOW, PASSWORD, Hosted, Web, make_hosted, make_web

ANA, JOSE = "ana@example.org", "jose@example.org"
NEW_PASSWORD = "another quite rare passphrase"
INTERVIEW: dict[str, Any] = {
    "company": "Ólafsson Fisheries", "position": "Data Analyst",
    "start": "2026-11-24T10:00", "duration": 45, "format": "onsite",
    "interviewers": [{"name": "José Núñez", "email": "jose@olafsson.example"}],
    "decision_by": "in two weeks",
}


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Hosted:
    # Real argon2id at its smallest cost (make_hosted's default): these tests sign in some 200
    # times.
    return make_hosted(monkeypatch, home, database_url)


def _signed_in(web: Web) -> bool:
    """Whether the client's login still opens a page (not sent to /login)."""
    answer = web.get("/account", follow_redirects=False)
    assert answer.status_code in (200, 303), answer.text
    return answer.status_code == 200


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _code(secret: str, steps: int = 0) -> str:
    """The code of `secret` at NOW, or `steps` time steps later (still within the drift
    allowed: a code is used once)."""
    return pyotp.TOTP(secret).at(datetime.fromisoformat(NOW), counter_offset=steps)


def _owned_rows(database_url: str, user_id: int) -> dict[str, int]:
    """The rows of every table with an owner, and the user's own row, that belong to the user."""
    from followup.adapters.db import tables as t

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            counts = {table.name: connection.execute(
                select(func.count()).select_from(table).where(table.c.owner_id == user_id)
            ).scalar_one() for table in t.metadata.sorted_tables if "owner_id" in table.c}
            counts["users"] = connection.execute(select(func.count()).select_from(
                t.users).where(t.users.c.id == user_id)).scalar_one()
    finally:
        engine.dispose()
    return counts


def _totp_secret(database_url: str, user_id: int) -> str | None:
    from followup.adapters.db import tables as t

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            found: str | None = connection.execute(select(t.users.c.totp_secret).where(
                t.users.c.id == user_id)).scalar_one()
    finally:
        engine.dispose()
    return found


# -- the page -----------------------------------------------------------------------------------
def test_account_page_lists_this_login_and_is_linked_from_the_nav_and_settings(
        hosted: Hosted) -> None:
    ana = hosted.client(ANA)
    page = ana.get("/account")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert "Ana · ana@example.org" in page.text
    assert page.text.count(">This login<") == 1
    assert 'href="/account"' in ana.get("/").text
    assert 'href="/account"' in ana.get("/settings").text
    assert page.text.count('method="post"') == page.text.count('name="csrftoken"') == 6


def test_account_page_needs_a_login(hosted: Hosted) -> None:
    nobody = hosted.client()
    answer = nobody.get("/account", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/account"
    assert nobody.api("GET", "/api/v1/account").status_code == 401


def test_download_all_my_data_is_my_export_only(hosted: Hosted) -> None:
    ana, jose = hosted.client(ANA), hosted.client(JOSE)
    assert ana.api("POST", "/api/v1/interviews", INTERVIEW).status_code == 201
    answer = ana.get("/account/export")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        'attachment; filename="followup-export.json"')
    document = json.loads(answer.content)
    assert document["format"] == "followup-export"
    assert document["user"]["email"] == ANA
    assert [a["company"] for a in document["applications"]] == ["Ólafsson Fisheries"]
    assert ana.api("GET", "/api/v1/account/export").json() == document
    assert json.loads(jose.get("/account/export").content)["applications"] == []


def test_changed_password_ends_other_logins_but_not_this_one(hosted: Hosted) -> None:
    ana, ana_phone, jose = hosted.client(ANA), hosted.client(ANA), hosted.client(JOSE)
    answer = ana.form("/account/password", {"current": PASSWORD, "new": NEW_PASSWORD,
                                             "again": NEW_PASSWORD})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/account?done=password#password"
    assert "Your password is changed" in ana.get("/account?done=password").text
    assert _signed_in(ana)
    assert not _signed_in(ana_phone)
    assert _signed_in(jose)
    again = hosted.client()
    assert again.form("/login", {"email": ANA, "password": PASSWORD}).status_code == 401
    assert again.form("/login", {"email": ANA, "password": NEW_PASSWORD}).status_code == 303


@pytest.mark.parametrize(("fields", "words"), [
    ({"current": "not my password", "new": NEW_PASSWORD, "again": NEW_PASSWORD},
     "Your current password is not right"),
    ({"current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD + "!"},
     "The two new passwords differ"),
    ({"current": PASSWORD, "new": "short", "again": "short"}, "at least 10 characters"),
])
def test_a_refused_password_change_says_why_in_the_page(hosted: Hosted, fields: dict[str, str],
                                                        words: str) -> None:
    ana = hosted.client(ANA)
    answer = ana.form("/account/password", fields)
    assert answer.status_code == 422
    assert words in answer.text and "Traceback" not in answer.text
    assert 'role="alert"' in answer.text
    assert hosted.client().form("/login", {"email": ANA, "password": PASSWORD}
                                ).status_code == 303


def test_sign_out_everywhere_keeps_this_login(hosted: Hosted) -> None:
    ana, laptop, phone = hosted.client(ANA), hosted.client(ANA), hosted.client(ANA)
    assert len(ana.api("GET", "/api/v1/account/sessions").json()) == 3
    answer = ana.form("/account/sessions/end")
    assert answer.status_code == 303
    assert "2 other logins ended." in ana.get(answer.headers["location"]).text
    assert _signed_in(ana) and not _signed_in(laptop) and not _signed_in(phone)
    listed = ana.api("GET", "/api/v1/account/sessions").json()
    assert [s["current"] for s in listed] == [True]
    # The API does the same, keeping the login that asks.
    tablet = hosted.client(ANA)
    assert ana.api("POST", "/api/v1/account/sessions/end").json() == {"ended": 1}
    assert _signed_in(ana) and not _signed_in(tablet)


def test_a_token_made_on_the_page_opens_the_api_once_shown_and_stops_when_revoked(
        hosted: Hosted) -> None:
    ana = hosted.client(ANA)
    made = ana.form("/account/tokens", {"name": "backup script"})
    assert made.status_code == 200
    assert made.headers["cache-control"] == "no-store"
    assert "shown this once" in made.text
    token = re.findall(r'value="(fu_[^"]+)"', made.text)[0]
    script = hosted.client()
    assert script.api("GET", "/api/v1/today", headers=_bearer(token)).status_code == 200
    page = ana.get("/account")
    assert "backup script" in page.text and token not in page.text
    assert "last used" in page.text
    [listed] = ana.api("GET", "/api/v1/account/tokens").json()
    assert listed["name"] == "backup script" and listed["used_at"] is not None
    answer = ana.form(f"/account/tokens/{listed['id']}/revoke")
    assert answer.status_code == 303
    assert script.api("GET", "/api/v1/today", headers=_bearer(token)).status_code == 401
    assert "Revoked" in ana.get("/account").text


def test_a_token_needs_a_name(hosted: Hosted) -> None:
    answer = hosted.client(ANA).form("/account/tokens", {"name": "  "})
    assert answer.status_code == 422
    assert 'role="alert"' in answer.text and "fu_" not in answer.text


def test_the_api_makes_lists_and_revokes_tokens_of_its_user_only(hosted: Hosted) -> None:
    ana, jose = hosted.client(ANA), hosted.client(JOSE)
    made = ana.api("POST", "/api/v1/account/tokens", {"name": "phone app"})
    assert made.status_code == 201
    body = made.json()
    assert set(body) == {"id", "name", "token", "created_at"}
    assert body["name"] == "phone app" and body["token"].startswith("fu_")
    bearer = _bearer(body["token"])
    app = hosted.client()
    assert app.api("GET", "/api/v1/account", headers=bearer).json()["email"] == ANA
    assert jose.api("DELETE", f"/api/v1/account/tokens/{body['id']}").status_code == 404
    assert app.api("GET", "/api/v1/today", headers=bearer).status_code == 200
    revoked = ana.api("DELETE", f"/api/v1/account/tokens/{body['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert ana.api("DELETE", f"/api/v1/account/tokens/{body['id']}").json()["revoked"] is True
    assert app.api("GET", "/api/v1/today", headers=bearer).status_code == 401
    assert jose.api("GET", "/api/v1/account/tokens").json() == []
    assert ana.api("POST", "/api/v1/account/tokens", {"name": ""}).status_code == 422


def test_the_api_says_who_is_signed_in(hosted: Hosted) -> None:
    answer = hosted.client(JOSE).api("GET", "/api/v1/account")
    assert answer.json() == {"id": hosted.users[JOSE], "email": JOSE, "name": "Jose",
                             "role": "seeker", "second_factor": False}


def _start_second_factor(ana: Web) -> tuple[str, str]:
    """The secret the setup page shows (grouped in fours) and its signed hidden field."""
    page = ana.form("/account/second-factor")
    assert page.status_code == 200
    grouped = re.findall(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text)[0]
    assert all(len(group) == 4 for group in grouped.split()[:-1])
    assert 'href="otpauth://totp/' in page.text
    return grouped.replace(" ", ""), re.findall(r'name="signed" value="([^"]+)"', page.text)[0]


def test_second_factor_setup_then_a_login_needs_a_code_or_a_recovery_code_once(
        hosted: Hosted, database_url: str) -> None:
    ana = hosted.client(ANA)
    secret, signed = _start_second_factor(ana)
    assert _totp_secret(database_url, hosted.users[ANA]) is None  # not before it is confirmed
    wrong = ana.form("/account/second-factor/confirm", {"signed": signed, "code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.text
    forged = ana.form("/account/second-factor/confirm",
                      {"signed": signed[:-2] + "xx", "code": _code(secret)})
    assert forged.status_code == 422 and "expired" in forged.text
    jose = hosted.client(JOSE)
    assert jose.form("/account/second-factor/confirm",
                     {"signed": signed, "code": _code(secret)}).status_code == 422
    done = ana.form("/account/second-factor/confirm", {"signed": signed, "code": _code(secret)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", done.text)
    assert len(codes) == 10
    assert ana.api("GET", "/api/v1/account").json()["second_factor"] is True
    sealed = _totp_secret(database_url, hosted.users[ANA])
    assert sealed and secret not in sealed  # kept encrypted, never in clear
    assert hosted.deps.hosting is not None
    assert hosted.deps.hosting.credentials.unseal(hosted.users[ANA], sealed) == secret

    browser = hosted.client()
    answer = browser.form("/login", {"email": ANA, "password": PASSWORD})
    assert answer.headers["location"].startswith("/login/code")
    assert not _signed_in(browser)  # the password alone opens nothing
    spent = browser.form("/login/code", {"code": _code(secret)})
    assert spent.status_code == 401  # the code that confirmed the setup is used up
    assert browser.form("/login/code", {"code": _code(secret, 1)}).status_code == 303
    assert _signed_in(browser)
    replayed = hosted.client()
    replayed.form("/login", {"email": ANA, "password": PASSWORD})
    assert replayed.form("/login/code", {"code": _code(secret, 1)}).status_code == 401

    for attempt, expected in ((1, 303), (2, 401)):
        other = hosted.client()
        other.form("/login", {"email": ANA, "password": PASSWORD})
        answer = other.form("/login/code", {"code": codes[0]})
        assert answer.status_code == expected, attempt
        assert _signed_in(other) is (expected == 303)


def test_the_second_factor_goes_off_with_the_password(hosted: Hosted) -> None:
    ana = hosted.client(ANA)
    secret, signed = _start_second_factor(ana)
    ana.form("/account/second-factor/confirm", {"signed": signed, "code": _code(secret)})
    wrong = ana.form("/account/second-factor/off", {"password": "not my password"})
    assert wrong.status_code == 422 and "current password is not right" in wrong.text
    answer = ana.form("/account/second-factor/off", {"password": PASSWORD})
    assert answer.status_code == 303
    assert ana.api("GET", "/api/v1/account").json()["second_factor"] is False
    again = hosted.client()
    assert again.form("/login", {"email": ANA, "password": PASSWORD}
                      ).headers["location"] == "/"


def test_delete_my_account_removes_every_row_of_mine_and_no_other(
        hosted: Hosted, database_url: str) -> None:
    ana, jose = hosted.client(ANA), hosted.client(JOSE)
    for web in (ana, jose):
        assert web.api("POST", "/api/v1/interviews", INTERVIEW).status_code == 201
        assert web.api("POST", "/api/v1/account/tokens", {"name": "x"}).status_code == 201
        assert web.form("/settings/feed").status_code == 303
    hosted.client(ANA)  # a second login
    ana_id, jose_id = hosted.users[ANA], hosted.users[JOSE]
    before_ana, before_jose = _owned_rows(database_url, ana_id), _owned_rows(database_url, jose_id)
    for table in ("users", "applications", "interviews", "actions", "sessions", "access_tokens",
                  "settings"):
        assert before_ana[table] > 0, table
    wrong = ana.form("/account/delete", {"password": "not my password"})
    assert wrong.status_code == 422 and "current password is not right" in wrong.text
    assert _owned_rows(database_url, ana_id) == before_ana

    answer = ana.form("/account/delete", {"password": PASSWORD})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?account=deleted"
    assert "followup_session=;" in answer.headers["set-cookie"]
    assert "Max-Age=0" in answer.headers["set-cookie"]
    assert "every record of yours are deleted" in ana.get("/login?account=deleted").text
    assert set(_owned_rows(database_url, ana_id).values()) == {0}
    assert _owned_rows(database_url, jose_id) == before_jose
    assert not _signed_in(ana)
    assert hosted.client().form("/login", {"email": ANA, "password": PASSWORD}
                                ).status_code == 401


# -- local mode -------------------------------------------------------------------------------
@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Any:
    yield from make_web(monkeypatch, home, database_url, profile=True)


def test_local_mode_has_no_account(local: Web) -> None:
    answer = local.get("/account", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/settings"
    assert 'href="/account"' not in local.get("/settings").text
    for method, path, body in (("GET", "/api/v1/account", None),
                               ("GET", "/api/v1/account/sessions", None),
                               ("POST", "/api/v1/account/sessions/end", None),
                               ("GET", "/api/v1/account/tokens", None),
                               ("POST", "/api/v1/account/tokens", {"name": "x"}),
                               ("DELETE", "/api/v1/account/tokens/1", None),
                               ("GET", "/api/v1/account/export", None)):
        answer = local.api(method, path, body)
        assert answer.status_code == 409, path
        assert "only in hosted mode" in answer.json()["error"]["message"]
    refused = local.form("/account/tokens", {"name": "x"})
    assert refused.status_code == 409 and "only in hosted mode" in refused.text


def test_a_key_rotation_seals_the_second_factor_again_under_the_new_key(
        hosted: Hosted, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from followup.entrypoints.cli import cli
    from tests.web_client import SECRET

    ana = hosted.client(ANA)
    secret, signed = _start_second_factor(ana)
    ana.form("/account/second-factor/confirm", {"signed": signed, "code": _code(secret)})
    before = _totp_secret(database_url, hosted.users[ANA])
    new_key = "a new secret key that is long enough to use"
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", new_key)
    monkeypatch.setenv("FOLLOWUP_OLD_SECRET_KEYS", SECRET)
    rotated = CliRunner().invoke(cli, ["db", "rotate-key"], catch_exceptions=False)
    assert rotated.exit_code == 0 and "1 second-factor key" in rotated.output
    after = _totp_secret(database_url, hosted.users[ANA])
    assert after and after != before
    monkeypatch.delenv("FOLLOWUP_OLD_SECRET_KEYS")  # the new key alone opens it now
    browser = hosted.client()
    browser.form("/login", {"email": ANA, "password": PASSWORD})
    assert browser.form("/login/code", {"code": _code(secret, 1)}).status_code == 303
