"""The web app's defences, in process on SQLite and PostgreSQL: Host, cross-site, CSRF, headers."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followup.entrypoints.web.security import CSP, home_secret
from followup.services import interviews, queries
from followup.services.views import jsonable
from tests.web_client import BASE, Web, make_web, web_user_fixture  # noqa: F401

TEMPLATES = Path(__file__).parents[2] / "src/followup/entrypoints/web/templates"
HOSTILE = "<script>alert(1)</script>"


def add_interview(w: Web, company: str = "Acme") -> None:
    interviews.add_interview(w.deps, interviews.InterviewForm(
        company=company, position="Data Analyst", at="2026-11-25T08:00",
        interviewers=[interviews.PersonIn(HOSTILE, "x@acme.example")] if company == HOSTILE else
        [interviews.PersonIn("José Núñez", "jose@acme.example")]))


def open_ids(w: Web) -> list[int]:
    return [int(a["id"]) for a in jsonable(queries.agenda(w.deps, 30))["actions"]]


@pytest.fixture
def step(web_user: Web) -> int:
    """The id of an open step (the thank-you of an interview this morning)."""
    add_interview(web_user)
    return open_ids(web_user)[0]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example",
                                  "localhost.evil.example:8000", ""])
def test_a_host_that_is_not_loopback_is_refused(web_user: Web, host: str) -> None:
    response = web_user.get("/", headers={"host": host})

    assert response.status_code == 400
    assert "localhost" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:9", "[::1]:8000"])
def test_loopback_hosts_with_any_port_are_served(web_user: Web, host: str) -> None:
    assert web_user.get("/", headers={"host": host}).status_code == 200


def test_a_configured_host_is_served(monkeypatch: pytest.MonkeyPatch, home: Path,
                                     database_url: str) -> None:
    monkeypatch.setenv("FOLLOWUP_ALLOWED_HOSTS", "laptop.lan, other.lan")
    for w in make_web(monkeypatch, home, database_url, profile=True, hosts=("my.box:8000",)):
        assert w.get("/", headers={"host": "my.box:8123"}).status_code == 200
        assert w.get("/", headers={"host": "laptop.lan"}).status_code == 200
        assert w.get("/", headers={"host": "other.lan:80"}).status_code == 200
        assert w.get("/", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8001", "http://evil.example",
                                    "https://127.0.0.1:8000", "null"])
def test_a_form_posted_from_another_origin_is_refused(web_user: Web, step: int,
                                                      origin: str) -> None:
    response = web_user.form(f"/actions/{step}/done", headers={"origin": origin})

    assert response.status_code == 403
    assert "cannot change your data" in response.text
    assert step in open_ids(web_user)


def test_a_form_posted_from_its_own_origin_is_accepted(web_user: Web, step: int) -> None:
    response = web_user.form(f"/actions/{step}/done",
                             headers={"origin": BASE, "sec-fetch-site": "same-origin"})

    assert response.status_code == 303
    assert step not in open_ids(web_user)


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_post_that_the_browser_marks_as_from_another_site_is_refused(
        web_user: Web, step: int, site: str) -> None:
    response = web_user.form(f"/actions/{step}/done", headers={"sec-fetch-site": site})

    assert response.status_code == 403
    assert step in open_ids(web_user)


def test_a_form_without_its_csrf_token_is_refused(web_user: Web, step: int) -> None:
    web_user.token()  # the browser holds the cookie, but the form lacks the field

    response = web_user.client.post(f"/actions/{step}/done", data={"next": "/"})

    assert response.status_code == 403
    assert "reload the page" in response.text
    assert step in open_ids(web_user)


def test_a_form_with_a_wrong_csrf_token_is_refused(web_user: Web, step: int) -> None:
    web_user.token()

    response = web_user.client.post(f"/actions/{step}/done", data={"csrftoken": "forged"})

    assert response.status_code == 403
    assert step in open_ids(web_user)


def test_a_form_without_any_cookie_is_refused(web_user: Web, step: int) -> None:
    # A cross-site post to a local app carries no cookie: asgi-csrf alone would let it through.
    bare = TestClient(web_user.app, base_url=BASE)

    response = bare.post(f"/actions/{step}/done", data={"csrftoken": "anything"})

    assert response.status_code == 403
    assert step in open_ids(web_user)


def test_htmx_sends_the_token_as_a_header(web_user: Web, step: int) -> None:
    page = web_user.get("/").text
    sent = re.search(r"<body hx-headers='([^']+)'", page)
    assert sent is not None and web_user.token() in sent.group(1)

    assert web_user.htmx(f"/actions/{step}/done").status_code == 200
    assert step not in open_ids(web_user)


def test_an_api_call_that_changes_data_needs_json_or_a_custom_header(web_user: Web,
                                                                     step: int) -> None:
    web_user.token()
    path = f"/api/v1/actions/{step}/done"

    as_form = web_user.client.post(path, data={"csrftoken": web_user.token()})
    as_text = web_user.client.post(path, content="{}", headers={"content-type": "text/plain"})

    assert as_form.status_code == 403 and as_text.status_code == 403
    assert as_form.json()["error"]["type"] == "Forbidden"
    assert "application/json" in as_form.json()["error"]["message"]
    assert step in open_ids(web_user)
    assert web_user.api("POST", "/api/v1/no-such-endpoint", {}).status_code == 404
    assert web_user.api("POST", "/api/v1/no-such-endpoint").status_code == 404


def test_an_api_call_from_another_origin_is_refused(web_user: Web) -> None:
    response = web_user.api("POST", "/api/v1/interviews", {},
                            headers={"origin": "http://evil.example"})

    assert response.status_code == 403 and response.json()["error"]["type"] == "Forbidden"


@pytest.mark.parametrize("path", ["/", "/settings", "/static/app.css", "/static/htmx.min.js",
                                  "/no/such/page", "/api/v1/openapi.json", "/calendar.ics"])
def test_every_response_carries_the_security_headers(web_user: Web, path: str) -> None:
    response = web_user.get(path)

    assert response.headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


def test_refusals_carry_the_security_headers_too(web_user: Web) -> None:
    response = web_user.get("/", headers={"host": "evil.example"})

    assert response.headers["content-security-policy"] == CSP


def test_a_hostile_company_name_is_shown_as_text(web_user: Web) -> None:
    add_interview(web_user, company=HOSTILE)

    for path in ("/", "/applications", "/contacts"):
        page = web_user.get(path).text
        assert HOSTILE not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


def test_no_template_has_inline_script_style_or_event_handlers() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(), flags=re.S)  # not comments
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
        assert not re.search(r"\sstyle\s*=", text), template.name
        assert "<style" not in text, template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//",
                             text), template.name  # no asset from another site (no CDN)


def test_the_api_docs_are_not_fastapis_cdn_pages(web_user: Web) -> None:
    assert web_user.get("/docs").status_code == 404
    assert web_user.get("/redoc").status_code == 404
    assert 'href="/api/v1/docs"' in web_user.get("/").text


def test_an_unexpected_error_is_a_500_without_traceback(web_user: Web) -> None:
    from followup.entrypoints.web.app import create_app
    from followup.services.context import Deps

    def broken(user: int | None) -> object:
        raise RuntimeError("secret internals at /home/x")

    app = create_app(Deps(broken, web_user.deps.clock, web_user.deps.holidays))  # type: ignore[arg-type]
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)

    page = client.get("/")
    api = client.get("/api/v1/today", headers={"accept": "application/json"})

    assert page.status_code == 500 and "unexpected error" in page.text.lower()
    assert page.headers["content-security-policy"] == CSP
    assert "Traceback" not in page.text and "secret internals" not in page.text
    assert api.status_code == 500 and "secret internals" not in api.text


def test_the_csrf_signing_secret_is_kept_private_in_the_home(tmp_path: Path) -> None:
    first = home_secret(tmp_path / "home")

    assert home_secret(tmp_path / "home") == first and len(first) >= 40
    mode = stat.S_IMODE((tmp_path / "home" / "web-secret").stat().st_mode)
    assert mode == 0o600


def test_followup_serve_listens_on_loopback_and_refuses_a_foreign_host(tmp_path: Path) -> None:
    import http.client
    import os
    import subprocess
    import sys

    env = {**os.environ, "FOLLOWUP_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    env.pop("FOLLOWUP_DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "followup", "serve", "--port", "0"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert found, first + (server.stderr.read() if server.poll() is not None else "")
        port = int(found.group(1))

        def get(host: str) -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/setup", headers={"Host": host})
            return connection.getresponse()

        assert get(f"127.0.0.1:{port}").status == 200
        refused = get("attacker.example")
        assert refused.status == 400 and refused.getheader("content-security-policy") == CSP
        assert (tmp_path / "home" / "web-secret").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)
