"""Hosted mode's door against a live server (uvicorn on 127.0.0.1), as a browser meets it over
HTTP: the session cookie's flags (direct and behind a proxy), new sessions at each login,
logout, password changes, the lockout, `next`, and the reset and invitation links."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import httpx
import pytest

from followup.domain.accounts import LinkPurpose
from followup.services.accounts import hosting, new_link
from followup.services.context import Deps
from tests.hosted_server import (  # noqa: F401
    LiveHosted,
    csrf_of,
    hosted_deps,
    live_fixture,
    live_proxy_fixture,
    login,
)
from tests.web_client import NOW, PASSWORD

ANA, JOSE = "ana@example.org", "jose@example.org"
COOKIE = "followup_session"
NEW_PASSWORD = "another quite rare passphrase"
# The door's behaviour does not depend on the database: most tests run on PostgreSQL, the
# hosted installation's database, only; the first ones run on SQLite too.
ON_POSTGRES = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def session_cookie(response: httpx.Response) -> SimpleCookie:
    """The Set-Cookie of the session in a response (asserted present)."""
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{COOKIE}="):
            parsed = SimpleCookie()
            parsed.load(header)
            return parsed
    raise AssertionError(f"no {COOKIE} cookie in {response.headers.get_list('set-cookie')}")


def flags(response: httpx.Response) -> set[str]:
    """The attributes of the session's Set-Cookie, lower-cased ('httponly', 'secure', ...)."""
    header = next(h for h in response.headers.get_list("set-cookie")
                  if h.startswith(f"{COOKIE}="))
    return {part.strip().lower() for part in header.split(";")[1:]}


def opens_today(live: LiveHosted, token: str) -> bool:
    """Whether a session cookie's value opens Today (else the door sends it to /login)."""
    answer = httpx.get(live.url + "/", cookies={COOKIE: token}, follow_redirects=False)
    if answer.status_code == 303:
        assert answer.headers["location"].startswith("/login"), answer.headers
        return False
    assert answer.status_code == 200, answer.text
    return True


def who(live: LiveHosted, token: str) -> str:
    """The email of the profile a session cookie acts for (the API's /profile)."""
    answer = httpx.get(live.url + "/api/v1/profile", cookies={COOKIE: token})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["email"])


def a_link(deps: Deps, user_id: int, purpose: LinkPurpose, now: datetime | None = None) -> str:
    """A one-time link's path, made as `request_reset` or an invitation makes it."""
    with deps.unit_for(None) as uow:
        link = new_link(uow, hosting(deps), user_id, purpose, now or deps.clock())
        uow.commit()
    return urlsplit(link).path


def set_password(client: httpx.Client, path: str, password: str,
                 again: str | None = None) -> httpx.Response:
    """Opens a link's page and posts its form."""
    page = client.get(path)
    token = csrf_of(page) if page.status_code == 200 else str(client.cookies["csrftoken"])
    return client.post(path, data={"csrftoken": token, "password": password,
                                   "again": password if again is None else again})


def later(live: LiveHosted, monkeypatch: pytest.MonkeyPatch, delta: timedelta) -> str:
    """The same installation served again with its clock (FOLLOWUP_NOW) `delta` later."""
    monkeypatch.setenv("FOLLOWUP_NOW", (datetime.fromisoformat(NOW) + delta).isoformat())
    return live.serve_again(hosted_deps())


# -- the cookie ---------------------------------------------------------------------------------
def test_a_login_over_plain_http_sets_an_httponly_lax_cookie_without_secure(
        live: LiveHosted) -> None:
    client = live.client()
    answer = login(client, ANA)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert {"httponly", "samesite=lax", "path=/"} <= flags(answer)
    assert "secure" not in flags(answer)
    assert int(session_cookie(answer)[COOKIE]["max-age"]) == 30 * 24 * 3600
    assert client.get("/").status_code == 200


def test_behind_a_trusted_proxy_that_says_https_the_cookie_is_secure(
        live_proxy: LiveHosted) -> None:
    https = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7"}
    answer = login(live_proxy.client(), ANA, headers=https)
    assert answer.status_code == 303, answer.text
    assert {"httponly", "samesite=lax", "secure"} <= flags(answer)
    token = session_cookie(answer)[COOKIE].value
    assert httpx.get(live_proxy.url + "/", headers=https, cookies={COOKIE: token}
                     ).status_code == 200
    # The proxy's own plain-HTTP requests still get a cookie a plain-HTTP browser keeps.
    plain = login(live_proxy.client(), ANA)
    assert "secure" not in flags(plain)


@ON_POSTGRES
def test_without_proxy_headers_trusted_a_forwarded_proto_is_ignored(live: LiveHosted) -> None:
    forged = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7"}
    answer = login(live.client(), ANA, headers=forged)
    assert answer.status_code == 303, answer.text
    assert "secure" not in flags(answer)


# -- sessions -----------------------------------------------------------------------------------
@ON_POSTGRES
def test_each_login_opens_a_new_session_whatever_cookie_the_browser_brought(
        live: LiveHosted) -> None:
    planted = "a-session-id-an-attacker-chose"
    jose = session_cookie(login(live.client(), JOSE))[COOKIE].value
    for brought in (planted, jose):
        client = live.client()
        client.cookies.set(COOKIE, brought)
        answer = login(client, ANA)
        assert answer.status_code == 303, answer.text
        new = session_cookie(answer)[COOKIE].value
        assert new not in (planted, jose)
        assert who(live, new) == ANA
    # The cookies brought in were not promoted to Ana's login.
    assert not opens_today(live, planted)
    assert who(live, jose) == JOSE
    # Logging in again in the same browser: yet another session.
    client = live.client()
    first = session_cookie(login(client, ANA))[COOKIE].value
    second = session_cookie(login(client, ANA))[COOKIE].value
    assert first != second


def test_logout_ends_the_session_on_the_server(live: LiveHosted) -> None:
    client = live.client(ANA)
    token = str(client.cookies[COOKIE])
    assert opens_today(live, token)
    page = client.get("/")
    answer = client.post("/logout", data={"csrftoken": csrf_of(page)})
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert "max-age=0" in flags(answer)
    # The old value, kept by someone who copied it, no longer opens anything.
    assert not opens_today(live, token)
    assert httpx.get(live.url + "/api/v1/today", cookies={COOKIE: token}).status_code == 401


@ON_POSTGRES
def test_an_admin_setting_the_password_ends_every_session(live: LiveHosted) -> None:
    from followup.services import accounts

    phone, laptop = live.client(ANA), live.client(ANA)
    jose = live.client(JOSE)
    accounts.set_password(live.deps, ANA, NEW_PASSWORD)
    for client in (phone, laptop):
        answer = client.get("/")
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert jose.get("/").status_code == 200  # another account's login is left alone
    assert login(live.client(), ANA, PASSWORD).status_code == 401
    assert login(live.client(), ANA, NEW_PASSWORD).status_code == 303


# -- wrong passwords and the lockout ------------------------------------------------------------
@ON_POSTGRES
def test_an_unknown_account_gets_the_answer_of_a_wrong_password(live: LiveHosted) -> None:
    client = live.client()
    wrong = login(client, ANA, "not the password at all")
    unknown = login(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert COOKIE not in str(wrong.headers.get_list("set-cookie"))
    assert COOKIE not in str(unknown.headers.get_list("set-cookie"))
    # The page echoes the address typed: the rest is the same, word for word.
    assert (wrong.text.replace(ANA, "EMAIL")
            == unknown.text.replace("nobody@example.org", "EMAIL"))
    assert "the email or the password is not right" in wrong.text.lower()


@ON_POSTGRES
def test_ten_wrong_passwords_lock_the_account_and_the_address_even_for_the_right_one(
        live: LiveHosted) -> None:
    client = live.client()
    for _ in range(10):
        assert login(client, ANA, "not the password at all").status_code == 401
    locked = login(client, ANA)
    assert locked.status_code == 429
    assert 1 <= int(locked.headers["retry-after"]) <= 15 * 60
    assert COOKIE not in str(locked.headers.get_list("set-cookie"))
    # The address made the ten attempts: another account from it waits too.
    other = login(live.client(), JOSE)
    assert other.status_code == 429 and int(other.headers["retry-after"]) >= 1


@ON_POSTGRES
def test_the_lockout_counts_per_account_and_per_address(live_proxy: LiveHosted) -> None:
    def at(address: str) -> dict[str, str]:
        return {"x-forwarded-for": address}

    client = live_proxy.client()
    # Ten wrong passwords for Ana, each from another address: her account is locked...
    for n in range(10):
        assert login(client, ANA, "wrong password", headers=at(f"198.51.100.{n}")
                     ).status_code == 401
    assert login(client, ANA, headers=at("198.51.100.99")).status_code == 429
    # ...but not that new address, nor José.
    assert login(live_proxy.client(), JOSE, headers=at("198.51.100.99")).status_code == 303
    # Ten wrong logins from one address, on accounts that do not exist: that address waits
    # whoever it logs in as; José from elsewhere does not.
    for n in range(10):
        assert login(client, f"guess{n}@example.org", "wrong password",
                     headers=at("192.0.2.50")).status_code == 401
    assert login(live_proxy.client(), JOSE, headers=at("192.0.2.50")).status_code == 429
    assert login(live_proxy.client(), JOSE, headers=at("192.0.2.51")).status_code == 303


# -- next ---------------------------------------------------------------------------------------
@ON_POSTGRES
def test_next_goes_only_to_a_path_of_this_site(live: LiveHosted) -> None:
    client = live.client()
    for target in ("//evil.example", "https://evil.example", "/\\evil", "/\\/evil.example",
                   "javascript:alert(1)"):
        answer = login(client, ANA, next=target)
        assert answer.status_code == 303 and answer.headers["location"] == "/", target
        page = client.get("/login", params={"next": target})
        assert 'name="next" value="/"' in page.text, target
    answer = login(client, ANA, next="/applications?status=active")
    assert answer.headers["location"] == "/applications?status=active"
    # A page asked for without a login comes back after it.
    signed_out = live.client().get("/contacts", follow_redirects=False)
    assert signed_out.status_code == 303
    assert signed_out.headers["location"] == "/login?next=/contacts"


# -- one-time links -----------------------------------------------------------------------------
@ON_POSTGRES
def test_a_reset_link_sets_a_strong_password_once_and_ends_the_old_sessions(
        live: LiveHosted) -> None:
    from followup.services import sessions

    old = live.client(ANA)
    sessions.request_reset(live.deps, ANA)  # what Forgot password does (the mail is queued)
    path = a_link(live.deps, live.users[ANA], LinkPurpose.RESET)
    assert path.startswith("/reset/")

    browser = live.client()
    page = browser.get(path)
    assert page.status_code == 200 and 'name="password"' in page.text
    for weak in ("ninechars", "password123"):
        refused = set_password(browser, path, weak)
        assert refused.status_code == 422, weak
        assert COOKIE not in str(refused.headers.get_list("set-cookie"))
    assert set_password(browser, path, NEW_PASSWORD, "a different one").status_code == 422

    done = set_password(browser, path, NEW_PASSWORD)
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert who(live, session_cookie(done)[COOKIE].value) == ANA
    assert browser.get("/").status_code == 200
    assert old.get("/").status_code == 303  # the login from before the reset has ended

    again = live.client()
    assert again.get(path).status_code == 404
    assert "expired or has been used" in again.get(path).text
    assert set_password(again, path, "yet another rare passphrase").status_code == 404
    assert login(live.client(), ANA, NEW_PASSWORD).status_code == 303


@ON_POSTGRES
def test_a_reset_link_expires_after_an_hour(live: LiveHosted,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_link(live.deps, live.users[ANA], LinkPurpose.RESET)
    soon = later(live, monkeypatch, timedelta(minutes=59))
    late = later(live, monkeypatch, timedelta(hours=1, minutes=1))
    assert httpx.get(late + path).status_code == 404
    assert httpx.get(soon + path).status_code == 200
    expired = live.client()
    expired.base_url = httpx.URL(late)
    assert set_password(expired, path, NEW_PASSWORD).status_code == 404
    assert login(live.client(), ANA).status_code == 303  # the password is unchanged


@ON_POSTGRES
def test_an_invitation_sets_the_first_password_and_expires_after_seven_days(
        live: LiveHosted, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.services import accounts

    added = accounts.add_user(live.deps, "maria@example.org", "María", "seeker")
    assert added.invitation is not None
    path = urlsplit(added.invitation).path
    assert path.startswith("/invitation/")
    assert login(live.client(), "maria@example.org", NEW_PASSWORD).status_code == 401

    browser = live.client()
    for weak in ("ninechars", "password123"):
        assert set_password(browser, path, weak).status_code == 422, weak
    done = set_password(browser, path, NEW_PASSWORD)
    assert done.status_code == 303
    assert opens_today(live, session_cookie(done)[COOKIE].value)
    assert live.client().get(path).status_code == 404  # used
    assert login(live.client(), "maria@example.org", NEW_PASSWORD).status_code == 303

    stale = a_link(live.deps, added.user.id, LinkPurpose.INVITE)
    day_six = later(live, monkeypatch, timedelta(days=6, hours=23))
    day_eight = later(live, monkeypatch, timedelta(days=7, minutes=1))
    assert httpx.get(day_six + stale).status_code == 200
    assert httpx.get(day_eight + stale).status_code == 404


# -- the second factor --------------------------------------------------------------------------
@ON_POSTGRES
def test_with_a_second_factor_the_login_waits_for_the_code_then_goes_where_it_was_asked(
        live: LiveHosted) -> None:
    import pyotp

    from followup.services import sessions

    ana = live.deps.acting(live.users[ANA])
    setup = sessions.start_second_factor(ana)
    now = live.deps.clock()
    recovery = sessions.enable_second_factor(ana, setup.secret,
                                             pyotp.TOTP(setup.secret).at(now))
    target = "/applications?status=active&sort=company"
    client = live.client()
    answer = login(client, ANA, next=target)
    assert answer.status_code == 303
    pending = session_cookie(answer)[COOKIE].value
    assert not opens_today(live, pending)  # the password alone opens nothing
    code_page = client.get(answer.headers["location"])
    assert code_page.status_code == 200 and 'name="code"' in code_page.text
    # The form carries the page asked for, as the code page's address gave it.
    carried = html.unescape(re.search(r'name="next" value="([^"]*)"', code_page.text)[1])
    assert carried == target
    wrong = client.post("/login/code", data={"csrftoken": csrf_of(code_page), "code": "000000",
                                             "next": carried})
    assert wrong.status_code == 401
    done = client.post("/login/code", data={"csrftoken": csrf_of(code_page),
                                            "code": recovery[0], "next": carried})
    assert done.status_code == 303 and done.headers["location"] == target
    assert opens_today(live, pending)
    # A recovery code works once.
    again = live.client()
    login(again, ANA)
    page = again.get("/login/code")
    assert again.post("/login/code", data={"csrftoken": csrf_of(page), "code": recovery[0],
                                           "next": "/"}).status_code == 401
