"""Schemathesis over the API's own OpenAPI: no server error, every response as documented."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from followup.entrypoints.web.app import create_app
from followup.entrypoints.web.security import CSP

NOW = "2026-11-25T09:00:00+00:00"
BASE = "http://127.0.0.1"
HEADERS = {"X-Requested-With": "schemathesis"}
"""What the CSRF rule asks of an unsafe API call without a JSON body (sent with every call)."""

# The description does not depend on the home, so the operations are known at collection time;
# the calls go to an app on a demo home (the fixture below).
schema = schemathesis.openapi.from_dict(
    create_app(cast(Any, None)).openapi()).include(path_regex=r"^/api/v1/")
schema.config.generation.update(modes=["positive", "negative"], deterministic=True)


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app on a home with five demo applications, on SQLite, its clock fixed at NOW."""
    from followup import bootstrap
    from followup.services import demo

    home: Path = tmp_path_factory.mktemp("schema-home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FOLLOWUP_HOME", str(home))
        env.setenv("FOLLOWUP_NOW", NOW)
        env.delenv("FOLLOWUP_DATABASE_URL", raising=False)
        deps = bootstrap.build()
        demo.fill(deps, 5, 1)
    # Whatever settings the cases write, a note "sent" goes nowhere: no test leaves 127.0.0.1.
    deps.mailer = None
    yield create_app(deps)


@schema.parametrize()
@settings(max_examples=12, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_is_a_server_error_and_every_response_is_as_documented(
        case: Any, demo_app: Any) -> None:
    case.call_and_validate(app=demo_app, base_url=BASE, headers=HEADERS,
                           checks=[not_a_server_error, response_schema_conformance])


OTHER_BODIES = [
    ("application/x-www-form-urlencoded", b"company=Acme&position=x"),
    (f"multipart/form-data; boundary={'b' * 8}",
     b'--bbbbbbbb\r\nContent-Disposition: form-data; name="company"\r\n\r\nAcme\r\n'
     b"--bbbbbbbb--\r\n"),
    ("multipart/form-data", b"--x\r\n"),
    ("text/plain; charset=utf-8", b'{"company": "Acme"}'),
    ("application/json; charset=utf-16", '{"company": "Acme"}'.encode("utf-16")),
    ("application/json", b'{"company": "\xff\xfe"}'),
    ("application/json", b'{"company": ' * 2000),
    ("application/x-garbage;;=\x7f", b"\x00\xff"),
    ("", b""),
]
"""Bodies in content types the API does not take, or JSON it cannot read."""
UNSAFE = [op for op in (result.ok() for result in schema.get_all_operations())
          if op.method.upper() != "GET"]


@pytest.fixture(scope="module")
def demo_client(demo_app: Any) -> Iterator[TestClient]:
    with TestClient(demo_app, base_url=BASE) as client:
        yield client


@pytest.mark.parametrize("operation", UNSAFE, ids=[f"{op.method} {op.path}" for op in UNSAFE])
def test_no_body_of_another_content_type_is_a_server_error(operation: Any,
                                                           demo_client: TestClient) -> None:
    path = re.sub(r"\{[^}]+\}", "1", operation.path)
    for content_type, body in OTHER_BODIES:
        headers = {**HEADERS, "content-type": content_type} if content_type else HEADERS
        response = demo_client.request(operation.method.upper(), path, content=body,
                                       headers=headers)
        assert response.status_code < 500, (content_type, body[:40], response.text)
        if response.status_code >= 400:
            assert response.json()["error"]["type"], content_type
        assert response.headers["content-security-policy"] == CSP


def test_the_cli_and_the_api_offer_the_same_choices() -> None:
    import click

    from followup.entrypoints.cli import cli
    from followup.entrypoints.web.app import create_app

    schemas = create_app(cast(Any, None)).openapi()["components"]["schemas"]

    def api(model: str, field: str) -> list[str]:
        found = schemas[model]["properties"][field]
        options = found.get("anyOf", [found])
        return next(o["enum"] for o in options if "enum" in o)

    def offered(*path: str) -> list[str]:
        command: Any = cli
        for name in path[:-1]:
            command = command.commands[name]
        option = next(p for p in command.params if p.name == path[-1])
        assert isinstance(option.type, click.Choice)
        return list(option.type.choices)

    pairs = [(offered("call", "log", "outcome"), api("CallIn", "outcome")),
             (offered("call", "log", "decision"), api("CallIn", "decision")),
             (offered("outcome", "result"), api("OutcomeIn", "result")),
             (offered("note", "draft", "tone"), api("DraftIn", "tone")),
             (offered("note", "draft", "channel"), api("DraftIn", "channel")),
             (offered("interview", "add", "format_"), api("InterviewIn", "format"))]
    for cli_choices, api_choices in pairs:
        assert cli_choices == api_choices
