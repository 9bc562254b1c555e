"""/healthz, /readyz and /metrics of the web app, in process, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followup.services.context import Deps
from tests.web_client import BASE, Web, make_web, web_fixture, web_user_fixture  # noqa: F401

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the clock of tests.web_client
LOOPBACK = ("127.0.0.1", 40000)


def scraper(web: Web, client: tuple[str, int] = LOOPBACK) -> TestClient:
    """Another client of the same app, from the address given (TestClient's is not loopback)."""
    return TestClient(web.app, base_url=BASE, client=client)


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of a Prometheus text exposition (0 when absent)."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        found = re.fullmatch(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)", line)
        if not found or found.group(1) != name:
            continue
        given = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', found.group(2) or ""))
        if given == labels:
            return float(found.group(3))
    return 0.0


def broken(deps: Deps) -> Deps:
    """The same dependencies on a database that never answers."""
    def refuse(_user: int | None) -> object:
        raise OSError("connection refused by db.internal.example:5432")

    return replace(deps, unit_for=refuse, read_for=refuse)  # type: ignore[arg-type]


def test_healthz_answers_ok_without_asking_the_database(web: Web) -> None:
    web.app.state.deps = broken(web.deps)

    answer = web.get("/healthz")

    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert answer.headers["cache-control"] == "no-store"


def test_readyz_is_ready_when_the_schema_is_the_codes(web: Web) -> None:
    from followup.adapters.db.version import HEAD

    answer = web.get("/readyz")

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"status": "ready", "database": "ok", "schema": HEAD,
                             "expected_schema": HEAD}


def test_readyz_says_which_schema_the_database_has_when_it_is_behind(web: Web) -> None:
    from sqlalchemy import text

    from followup.adapters.db.version import HEAD

    with web.deps.for_owners() as uow:
        uow.connection.execute(text("UPDATE alembic_version SET version_num = '0010'"))  # type: ignore[attr-defined]
        uow.commit()
    try:
        answer = web.get("/readyz")
    finally:
        with web.deps.for_owners() as uow:
            uow.connection.execute(text(f"UPDATE alembic_version SET version_num = '{HEAD}'"))  # type: ignore[attr-defined]
            uow.commit()

    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "not ready" and body["database"] == "ok"
    assert (body["schema"], body["expected_schema"]) == ("0010", HEAD)
    assert "followup db upgrade" in body["problem"]


def test_readyz_is_503_when_the_database_does_not_answer_and_names_no_address(web: Web) -> None:
    web.app.state.deps = broken(web.deps)

    answer = web.get("/readyz")

    assert answer.status_code == 503
    assert answer.json()["database"] == "unreachable"
    assert "db.internal.example" not in answer.text and "refused" not in answer.text


def test_the_operations_routes_need_no_profile_and_are_not_in_the_api_schema(web: Web) -> None:
    assert web.get("/", follow_redirects=False).status_code in (302, 303, 307)  # to /setup
    for path in ("/healthz", "/readyz"):
        assert web.get(path, follow_redirects=False).status_code == 200, path
    assert scraper(web).get("/metrics", follow_redirects=False).status_code == 200
    schema = web.get("/api/v1/openapi.json").json()
    assert not {"/healthz", "/readyz", "/metrics"} & set(schema["paths"])


def test_metrics_are_not_found_by_a_client_that_is_not_loopback(web: Web) -> None:
    assert web.get("/metrics").status_code == 404  # TestClient's own address: "testclient"
    assert scraper(web, ("203.0.113.7", 5000)).get("/metrics").status_code == 404


def test_metrics_are_not_served_to_loopback_through_a_proxy(web: Web) -> None:
    for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
        answer = scraper(web).get("/metrics", headers={header: "203.0.113.7"})
        assert answer.status_code == 404, header


def test_metrics_are_served_anywhere_with_the_token_and_nowhere_with_another(
        web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_METRICS_TOKEN", "s3cret-scrape-token-of-the-installation")
    far = scraper(web, ("203.0.113.7", 5000))

    right = far.get("/metrics", headers={
        "Authorization": "Bearer s3cret-scrape-token-of-the-installation"})
    wrong = far.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape-token-of-the"})
    basic = far.get("/metrics", headers={"Authorization": "Basic czNjcmV0"})

    assert right.status_code == 200 and "followup_http_requests_total" in right.text
    assert right.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert wrong.status_code == basic.status_code == 404


def test_requests_are_counted_by_method_route_template_and_status(web_user: Web) -> None:
    client = scraper(web_user)
    before = client.get("/metrics").text
    for path in ("/applications/98", "/applications/99", "/no/such/page", "/static/app.css"):
        web_user.get(path)
    refused = web_user.get("/healthz", headers={"Host": "attacker.example"})
    after = client.get("/metrics").text

    def more(**labels: str) -> float:
        return (sample(after, "followup_http_requests_total", **labels)
                - sample(before, "followup_http_requests_total", **labels))

    assert refused.status_code == 400
    assert more(method="GET", route="/applications/{application_id}", status="404") == 2
    assert more(method="GET", route="<unmatched>", status="404") == 1
    assert more(method="GET", route="/static/{path}", status="200") == 1
    assert more(method="GET", route="<unmatched>", status="400") == 1  # refused before routing
    assert "/applications/98" not in after and "attacker" not in after
    timed = "followup_http_request_duration_seconds_count"
    assert (sample(after, timed, route="/applications/{application_id}")
            - sample(before, timed, route="/applications/{application_id}")) == 2


def _outbox_row(owner: int, number: int, state: str, due: datetime) -> dict[str, object]:
    return {"owner_id": owner, "kind": "note", "message_id": f"<ops-{number}@example.com>",
            "sender": "siobhan@example.com", "recipients": '["jose@acme.example"]',
            "subject": "Thank you", "message": "Subject: Thank you\r\n\r\nThanks.",
            "state": state, "due_at": due, "attempts": 0, "created_at": due}


def test_metrics_count_outbox_rows_by_state_and_the_workers_lag(web_user: Web) -> None:
    from sqlalchemy import insert

    from followup.adapters.db import tables

    with web_user.deps.for_owners() as uow:
        owner = uow.user_ids()[0]
        uow.connection.execute(insert(tables.outbox), [  # type: ignore[attr-defined]
            _outbox_row(owner, 1, "scheduled", NOW - timedelta(minutes=90)),
            _outbox_row(owner, 2, "scheduled", NOW - timedelta(minutes=5)),
            _outbox_row(owner, 3, "scheduled", NOW + timedelta(hours=3)),  # not due yet
            _outbox_row(owner, 4, "sent", NOW - timedelta(days=2)),
            _outbox_row(owner, 5, "failed", NOW - timedelta(days=3)),
        ])
        uow.commit()

    text = scraper(web_user).get("/metrics").text

    assert sample(text, "followup_database_up") == 1
    assert sample(text, "followup_outbox_rows", state="scheduled") == 3
    assert sample(text, "followup_outbox_rows", state="sent") == 1
    assert sample(text, "followup_outbox_rows", state="failed") == 1
    assert "followup_outbox_rows{state=\"unknown\"} 0.0" in text  # every state, even empty
    assert sample(text, "followup_worker_lag_seconds") == 90 * 60


def test_the_workers_lag_is_zero_when_nothing_is_due(web_user: Web) -> None:
    text = scraper(web_user).get("/metrics").text

    assert "followup_worker_lag_seconds 0.0" in text
    assert sample(text, "followup_outbox_rows", state="scheduled") == 0


def test_metrics_still_answer_when_the_database_does_not(web: Web) -> None:
    web.app.state.deps = broken(web.deps)

    answer = scraper(web).get("/metrics")

    assert answer.status_code == 200
    assert sample(answer.text, "followup_database_up") == 0
    assert "followup_http_requests_total" in answer.text


@pytest.fixture
def sqlite_web(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Web]:
    yield from make_web(monkeypatch, tmp_path / "home", f"sqlite:///{tmp_path}/home/f.db")


def test_a_short_safe_request_id_is_kept_and_returned(sqlite_web: Web) -> None:
    answer = sqlite_web.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42:9_x"})

    assert answer.headers["x-request-id"] == "lb-7f3a.42:9_x"


@pytest.mark.parametrize("sent", ["a" * 65, "has space", "<script>", "é-accent", ""])
def test_an_unsafe_request_id_is_replaced_by_a_new_one(sqlite_web: Web, sent: str) -> None:
    answer = sqlite_web.get("/healthz", headers={"X-Request-ID": sent.encode()})

    assert re.fullmatch(r"[0-9a-f]{16}", answer.headers["x-request-id"])


def test_every_answer_has_its_own_request_id_even_a_refusal(sqlite_web: Web) -> None:
    ids = {sqlite_web.get("/healthz").headers["x-request-id"] for _ in range(5)}
    refused = sqlite_web.get("/", headers={"Host": "attacker.example"})

    assert len(ids) == 5
    assert refused.status_code == 400 and refused.headers["x-request-id"] not in ids
