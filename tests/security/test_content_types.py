"""Form posts of every content type: multipart parsed on every form route with the CSRF checks,
a malformed or oversized body a 400/413 with the security headers, never a server error.
(The API's routes get the same sweep of content types in tests/integration/test_api_schema.py.)"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.entrypoints.web import security
from followup.entrypoints.web.app import create_app
from followup.entrypoints.web.form_body import FormBody, MalformedForm
from followup.entrypoints.web.security import CSP
from followup.services import profile
from followup.services.views import jsonable
from tests.integration.test_web_security import add_interview, open_ids
from tests.web_client import (  # noqa: F401
    BASE,
    Web,
    make_web,
    routes,
    web_fixture,
    web_user_fixture,
)

BOUNDARY = "----followup-test-boundary"


def unsafe_routes(app: Any, api: bool) -> list[tuple[str, str]]:
    """(method, path) of every route that changes data, under /api/ or not."""
    return [(method, path) for method, path in routes(app)
            if method not in ("GET", "HEAD", "OPTIONS") and security.is_api(path) == api]


FORM_ROUTES = unsafe_routes(create_app(cast(Any, None)), api=False)


def test_the_sweeps_find_every_route_that_changes_data() -> None:
    app = create_app(cast(Any, None))
    documented = {(method.upper(), path) for path, item in app.openapi()["paths"].items()
                  for method in item if method != "get"}

    assert set(unsafe_routes(app, api=True)) == documented
    assert ("POST", "/setup") in FORM_ROUTES and ("POST", "/actions/{action_id}/done") in \
        FORM_ROUTES and len(FORM_ROUTES) >= 20


def multipart(*parts: tuple[str, str | bytes, str | None], boundary: str = BOUNDARY,
              end: bool = True) -> bytes:
    """A multipart/form-data body of (name, value, filename or None) parts, as browsers send."""
    body = b""
    for name, value, filename in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename
                                                     else "")
        data = value.encode() if isinstance(value, str) else value
        body += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                 + ("Content-Type: application/octet-stream\r\n" if filename else "")
                 + "\r\n").encode() + data + b"\r\n"
    return body + (f"--{boundary}--\r\n".encode() if end else b"")


def post_multipart(w: Web, path: str, body: bytes, boundary: str = BOUNDARY,
                   **headers: str) -> httpx.Response:
    content_type = f"multipart/form-data; boundary={boundary}" if boundary else \
        "multipart/form-data"
    response: httpx.Response = w.client.post(path, content=body, follow_redirects=False,
                                             headers={"content-type": content_type, **headers})
    return response


@pytest.fixture(name="step")
def step_fixture(web_user: Web) -> int:
    """The id of an open step (the thank-you of an interview this morning)."""
    add_interview(web_user)
    return open_ids(web_user)[0]


def assert_headers(response: httpx.Response) -> None:
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_step_is_marked_done_by_a_multipart_form_as_by_an_urlencoded_one(
        web_user: Web, step: int) -> None:
    add_interview(web_user, company="Globex")
    other = next(i for i in open_ids(web_user) if i != step)

    as_form = web_user.form(f"/actions/{other}/done", {"next": "/applications"})
    as_multipart = post_multipart(web_user, f"/actions/{step}/done", multipart(
        ("csrftoken", web_user.token(), None), ("next", "/applications", None)))

    assert as_multipart.status_code == as_form.status_code == 303
    assert as_multipart.headers["location"] == as_form.headers["location"] == "/applications"
    assert step not in open_ids(web_user) and other not in open_ids(web_user)


def test_setup_takes_a_multipart_form_and_keeps_the_name_as_typed(web: Web) -> None:
    response = post_multipart(web, "/setup", multipart(
        ("csrftoken", web.token(), None), ("name", "Siobhán Ó Briain 王芳", None),
        ("email", "siobhan@example.com", None), ("timezone", "Europe/Dublin", None),
        ("country", "IE", None)))

    assert response.status_code == 303 and response.headers["location"] == "/"
    listed = {item["key"]: item["value"] for item in jsonable(profile.config_list(web.deps))}
    assert listed["name"] == "Siobhán Ó Briain 王芳" and listed["timezone"] == "Europe/Dublin"


def test_the_token_may_follow_other_fields_and_precede_files(web_user: Web, step: int) -> None:
    response = post_multipart(web_user, f"/actions/{step}/done", multipart(
        ("next", "/", None), ("csrftoken", web_user.token(), None),
        ("card", b"\x89PNG\r\n\x00binary", "card.png")))

    assert response.status_code == 303
    assert step not in open_ids(web_user)


REFUSED: dict[str, list[tuple[str, str | bytes, str | None]]] = {
    "missing": [("next", "/", None)],
    "forged": [("csrftoken", "forged", None)],
    "not ascii": [("csrftoken", "é" * 40, None)],
    "after a file": [("card", b"data", "card.png"), ("csrftoken", "TOKEN", None)],
}


def test_a_multipart_form_without_its_token_before_any_file_is_refused(web_user: Web,
                                                                      step: int) -> None:
    token = web_user.token()
    for case, parts in REFUSED.items():
        body = multipart(*[(n, token if v == "TOKEN" else v, f) for n, v, f in parts])

        response = post_multipart(web_user, f"/actions/{step}/done", body)

        assert response.status_code == 403, case
        assert "reload the page" in response.text or "before its csrftoken" in response.text
        assert_headers(response)
    assert step in open_ids(web_user)


def test_a_token_header_that_is_not_ascii_is_refused_not_a_server_error(
        web_user: Web, step: int) -> None:
    web_user.token()  # the browser holds the cookie; the header is not what it was given

    response = web_user.client.post(f"/actions/{step}/done", data={"next": "/"},
                                    headers={"x-csrftoken": "é".encode()})

    assert response.status_code == 403
    assert step in open_ids(web_user)


def test_a_multipart_form_from_another_origin_is_refused(web_user: Web, step: int) -> None:
    body = multipart(("csrftoken", web_user.token(), None))

    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}):
        response = post_multipart(web_user, f"/actions/{step}/done", body, **headers)
        assert response.status_code == 403, headers
    assert step in open_ids(web_user)


def test_a_token_signed_before_this_version_stays_valid(web_user: Web, step: int) -> None:
    from itsdangerous import URLSafeSerializer

    secret = "the home's secret"
    old = URLSafeSerializer(secret).dumps("N7az2VZb91d996Y5", "csrftoken")  # as asgi-csrf did
    client = TestClient(create_app(web_user.deps, secret=secret), base_url=BASE,
                        cookies={"csrftoken": old})

    response = client.post(f"/actions/{step}/done", data={"csrftoken": old},
                           follow_redirects=False)

    assert response.status_code == 303 and "set-cookie" not in response.headers
    assert step not in open_ids(web_user)


def many(kind: str, count: int) -> list[tuple[str, str | bytes, str | None]]:
    return [(f"{kind}{i}", "x", "f.txt" if kind == "file" else None) for i in range(count)]


MALFORMED: dict[str, tuple[str, Any]] = {
    "no boundary": ("", lambda token: multipart(("csrftoken", token, None))),
    "another boundary": (BOUNDARY, lambda token: multipart(("csrftoken", token, None),
                                                           boundary="other")),
    "cut off after the token": (BOUNDARY, lambda token: multipart(
        ("csrftoken", token, None), ("next", "/", None), end=False)[:-5]),
    "garbage": (BOUNDARY, lambda token: b"\x00\xff" * 100),
    "a field over 1 MB": (BOUNDARY, lambda token: multipart(
        ("csrftoken", token, None), ("next", "x" * (1024 * 1024 + 1), None))),
    "too many fields": (BOUNDARY, lambda token: multipart(
        ("csrftoken", token, None), *many("field", 1000))),
    "too many files": (BOUNDARY, lambda token: multipart(
        ("csrftoken", token, None), *many("file", 21))),
}


def test_a_malformed_multipart_body_is_a_400_with_the_security_headers(web_user: Web,
                                                                       step: int) -> None:
    for case, (boundary, body) in MALFORMED.items():
        response = post_multipart(web_user, f"/actions/{step}/done", body(web_user.token()),
                                  boundary=boundary)

        assert response.status_code == 400, (case, response.text)
        assert_headers(response)
    assert step in open_ids(web_user)


def test_a_form_cut_off_after_its_token_is_refused_before_it_is_acted_on(
        web_user: Web, step: int) -> None:
    # Streamed in pieces: the token arrives first and the app starts parsing; the missing end
    # must still stop the request before the step is marked done.
    body = multipart(("csrftoken", web_user.token(), None), ("next", "/", None), end=False)
    chunks = [body[:60], body[60:], b""]
    scope = {"type": "http", "method": "POST", "path": f"/actions/{step}/done",
             "raw_path": f"/actions/{step}/done".encode(), "query_string": b"",
             "scheme": "http", "server": ("127.0.0.1", 8000), "root_path": "",
             "http_version": "1.1", "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"127.0.0.1:8000"),
                         (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
                         (b"cookie", f"csrftoken={web_user.token()}".encode())]}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        chunk = chunks.pop(0) if chunks else None
        if chunk is None:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # On a thread of its own: a browser test earlier in the run may keep a loop on this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, web_user.app(scope, receive, send)).result()

    assert sent[0]["status"] == 400
    assert (b"content-security-policy", CSP.encode()) in sent[0]["headers"]
    assert step in open_ids(web_user)


@pytest.fixture
def small_body(monkeypatch: pytest.MonkeyPatch, home: Path) -> Iterator[Web]:
    """The app with a body limit of 4 KB, on SQLite."""
    monkeypatch.setattr(security, "MAX_BODY", 4096)
    yield from make_web(monkeypatch, home, f"sqlite:///{home / 'followup.db'}", profile=True)


@pytest.mark.parametrize("path", ["/actions/1/done", "/api/v1/actions/1/done", "/setup"])
def test_a_body_over_the_limit_is_a_413_with_the_security_headers(small_body: Web,
                                                                  path: str) -> None:
    add_interview(small_body)
    token = small_body.token()
    body = multipart(("csrftoken", token, None), ("next", "x" * 5000, None))
    headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}",
               "x-requested-with": "test"}
    sent = small_body.client.post(path, content=body, headers=headers)
    streamed = small_body.client.post(path, content=iter([body]), headers=headers)  # no length
    claimed = small_body.client.post(path, content=b"{}", headers={
        "content-type": "application/json", "content-length": str(10**12),
        "x-csrftoken": token})

    assert "content-length" not in streamed.request.headers
    for response in (sent, streamed, claimed):
        assert response.status_code == 413, response.text
        assert "larger than" in response.text
        assert_headers(response)
    assert open_ids(small_body)  # nothing was done


def test_an_error_below_the_apps_error_pages_still_carries_the_security_headers() -> None:
    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("secret internals")

    client = TestClient(security.Guard(broken), base_url=BASE, raise_server_exceptions=False)

    for path in ("/", "/api/v1/today"):
        response = client.get(path)
        assert response.status_code == 500
        assert "unexpected error" in response.text and "secret internals" not in response.text
        assert_headers(response)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """One app for the sweeps below: SQLite, Siobhán's profile, two interviews."""
    home = tmp_path_factory.mktemp("sweep") / "home"
    with pytest.MonkeyPatch.context() as env:
        for w in make_web(env, home, f"sqlite:///{home / 'followup.db'}", profile=True):
            add_interview(w)
            add_interview(w, company="Globex")
            yield w


def concrete(path: str) -> str:
    """The path with every {id} set to 1 (a record that exists in the sweep's home)."""
    import re

    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.mark.parametrize(("method", "path"), FORM_ROUTES, ids=[p for _, p in FORM_ROUTES])
def test_every_form_route_parses_a_multipart_post_and_checks_its_token(
        sweep: Web, method: str, path: str) -> None:
    url = concrete(path)
    body = multipart(("csrftoken", sweep.token(), None))

    taken = sweep.client.request(method, url, content=body, follow_redirects=False,
                                 headers={"content-type": f"multipart/form-data; "
                                                          f"boundary={BOUNDARY}"})
    forged = sweep.client.request(method, url, content=multipart(("csrftoken", "x", None)),
                                  headers={"content-type": f"multipart/form-data; "
                                                           f"boundary={BOUNDARY}"})

    assert taken.status_code < 500 and taken.status_code not in (400, 403), taken.text[:300]
    assert forged.status_code == 403
    assert_headers(taken)


ODD_BODIES = [
    ("application/json", b'{"next": "/"}'),
    ("application/json; charset=utf-16", '{"next": "/"}'.encode("utf-16")),
    ("text/plain", b"next=/"),
    ("application/x-www-form-urlencoded; charset=klingon", b"next=\xff\xfe"),
    ("application/x-www-form-urlencoded", b"next=%ff%00&&==&%"),
    ("multipart/form-data; boundary=", b"--\r\n"),
    ("multipart/mixed; boundary=b", b"--b--\r\n"),
    ("garbage/\x7f; ;;=", b"\xff\xfe\x00"),
    ("", b""),
]


@pytest.mark.parametrize(("method", "path"), FORM_ROUTES, ids=[p for _, p in FORM_ROUTES])
def test_no_form_route_answers_a_server_error_to_any_content_type(
        sweep: Web, method: str, path: str) -> None:
    for content_type, body in ODD_BODIES:
        headers = {"x-csrftoken": sweep.token(), "hx-request": "true"}
        if content_type:
            headers["content-type"] = content_type
        response = sweep.client.request(method, concrete(path), content=body, headers=headers,
                                        follow_redirects=False)
        assert response.status_code < 500, (content_type, response.text[:300])
        assert_headers(response)


@settings(max_examples=150, derandomize=True, deadline=None, database=None)
@given(content_type=st.sampled_from([f"multipart/form-data; boundary={BOUNDARY}",
                                     "application/x-www-form-urlencoded"]),
       parts=st.lists(st.tuples(st.text(max_size=12), st.binary(max_size=40),
                                st.none() | st.text(min_size=1, max_size=8)), max_size=5),
       cut=st.integers(0, 400), splits=st.lists(st.integers(0, 400), max_size=4),
       noise=st.binary(max_size=20))
def test_the_form_reader_only_ever_finds_a_token_or_says_what_is_wrong(
        content_type: str, parts: list[tuple[str, bytes, str | None]], cut: int,
        splits: list[int], noise: bytes) -> None:
    body = multipart(*parts) if "multipart" in content_type else \
        b"&".join(n.encode() + b"=" + v for n, v, _ in parts)
    body = body[:cut] + noise + body[cut:] if noise else body
    reader = FormBody(content_type, "csrftoken", 3, 2)
    edges = sorted({0, len(body), *(min(s, len(body)) for s in splits)})
    try:
        for start, end in zip(edges, edges[1:] or [len(body)], strict=False):
            reader.feed(body[start:end], end < len(body))
        if len(edges) == 1:
            reader.feed(b"", False)
    except MalformedForm as exc:
        assert str(exc)
    assert reader.token is None or isinstance(reader.token, str)
