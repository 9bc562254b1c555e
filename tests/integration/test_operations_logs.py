"""Log lines: JSON or text, one per request, with the request's id and user, and no secrets."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from followup.domain.errors import EnvironmentFault
from followup.entrypoints import logs
from followup.entrypoints.web import operations
from followup.entrypoints.web.security import Csrf
from tests.web_client import Web, make_web

SECRETS = ("feed-token-4f9a", "hunter2-password", "/after?token=zz9", "session=cookie-77",
           "Bearer api-token-31", "body-secret-5150")


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """What the access log and the rest of followup's loggers write, as JSON lines."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logs.JsonFormatter())
    logger = logging.getLogger("followup")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield out
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def records(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Web]:
    yield from make_web(monkeypatch, tmp_path / "home", f"sqlite:///{tmp_path}/home/f.db",
                        profile=True)


def test_each_request_is_one_json_line_with_its_id_method_path_status_and_time(
        web: Web, lines: io.StringIO) -> None:
    answer = web.get("/applications/77", headers={"X-Request-ID": "req-1"})

    [line] = [r for r in records(lines) if r["logger"] == "followup.access"]
    assert answer.status_code == 404
    assert line["request_id"] == "req-1" == answer.headers["x-request-id"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/applications/77", 404)
    assert line["message"] == "GET /applications/77 404" and line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and 0 < line["duration_ms"] < 10_000
    assert line["user_id"] is None and line["query"] is None
    assert line["time"].endswith("+00:00") and line["pid"] > 0
    assert set(line) >= {"time", "level", "logger", "message", "request_id", "user_id",
                         "method", "path", "status", "duration_ms"}


def test_no_token_password_next_cookie_authorization_or_body_reaches_the_log(
        web: Web, lines: io.StringIO) -> None:
    web.get("/calendar.ics?token=feed-token-4f9a&days=7")
    web.get("/today?password=hunter2-password&Next=%2Fafter%3Ftoken%3Dzz9&q=kept",
            headers={"Cookie": "session=cookie-77", "Authorization": "Bearer api-token-31"})
    web.api("POST", "/api/v1/interviews", {"company": "body-secret-5150"})
    web.form("/setup", {"name": "body-secret-5150", "password": "hunter2-password"})

    text = lines.getvalue()
    for secret in SECRETS:
        assert secret not in text, secret
    queries = [r["query"] for r in records(lines) if r["logger"] == "followup.access"]
    assert "token=[redacted]&days=7" in queries
    assert "password=[redacted]&Next=[redacted]&q=kept" in queries


def test_the_user_the_login_layer_set_is_in_the_line(lines: io.StringIO) -> None:
    app = FastAPI()

    @app.get("/mine")
    def mine(request: Request) -> dict[str, str]:
        request.state.user_id = 42  # as the login layer will, on a copy of the scope
        logging.getLogger("followup.web").warning("inside the request")
        return {"ok": "yes"}

    app.add_middleware(Csrf, secret="x" * 48)  # copies the scope on its way in
    app.add_middleware(operations.AccessLog)
    with TestClient(app) as client:
        rid = client.get("/mine").headers["x-request-id"]

    inside, access = records(lines)
    assert access["user_id"] == 42 and access["request_id"] == rid
    assert inside["message"] == "inside the request" and inside["request_id"] == rid
    assert inside["user_id"] is None and inside["level"] == "WARNING"


def test_a_log_line_is_one_line_whatever_the_message_holds() -> None:
    record = logging.LogRecord("followup.web", logging.ERROR, __file__, 1,
                               "two\nlines\u2028and more", None, None)
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()

    text = logs.JsonFormatter().format(record)

    assert "\n" not in text and "\u2028" not in text
    entry = json.loads(text)
    assert entry["message"] == "two\nlines\u2028and more"
    assert "ValueError: boom" in entry["error"] and entry["request_id"] is None


def test_the_text_format_names_the_request_on_one_line() -> None:
    record = logging.LogRecord("followup.access", logging.INFO, __file__, 1, "GET %s 200",
                               ("/a\nforged line",), None)
    record.__dict__.update(request_id="r-9", status=200, duration_ms=1.5)

    text = logs.TextFormatter().format(record)

    assert "\n" not in text
    assert "INFO followup.access: GET /a\\nforged line 200 [request_id=r-9 status=200 " \
           "duration_ms=1.5]" in text


@pytest.mark.parametrize(("mode", "chosen", "expected"), [
    ("local", "", None), ("hosted", "", "json"), ("hosted", "text", "text"),
    ("local", "JSON", "json"),
])
def test_the_format_is_json_in_hosted_mode_unless_one_is_chosen(
        monkeypatch: pytest.MonkeyPatch, mode: str, chosen: str, expected: str | None) -> None:
    monkeypatch.setenv("FOLLOWUP_MODE", mode)
    monkeypatch.setenv("FOLLOWUP_LOG_FORMAT", chosen)

    assert logs.chosen_format() == expected


def test_an_unknown_format_is_refused_with_the_ones_there_are(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_LOG_FORMAT", "xml")

    with pytest.raises(EnvironmentFault, match="json or text"):
        logs.chosen_format()


def test_configure_installs_one_handler_however_often_it_is_called(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_LOG_FORMAT", "json")
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        logs.configure()
        logs.configure()
        added = [h for h in root.handlers if h not in before]
        assert len(added) == 1 and isinstance(added[0].formatter, logs.JsonFormatter)
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
        root.setLevel(level)
