"""Schemathesis over the API of a hosted installation, signed in with a personal access token:
no server error, every response as documented, and the token opens every operation; without
a valid token every operation that is not public answers 401.

The local suite (test_api_schema.py) explores each operation's inputs, valid and invalid, at 12
examples; what differs here is the door in front of the same operations (it reads headers, never
a body), so each operation gets 4 valid examples: half the CPU of adding the invalid ones."""

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
from followup.entrypoints.web.auth import public
from tests.hosted_server import hosted_deps
from tests.web_client import NOW, PASSWORD, SECRET

BASE = "http://127.0.0.1"
HEADERS = {"X-Requested-With": "schemathesis"}
"""What the CSRF rule asks of an unsafe API call without a JSON body (sent with every call)."""

# Revoking a token by a generated id would revoke the one these calls carry, and every later
# call would be refused: that route is tested in test_hosted_account.py instead.
schema = schemathesis.openapi.from_dict(
    create_app(cast(Any, None)).openapi()).include(path_regex=r"^/api/v1/").exclude(
    method="DELETE", path="/api/v1/account/tokens/{token_id}")
schema.config.generation.update(modes=["positive"], deterministic=True)
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def hosted_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """A hosted installation on SQLite with two users, each with five demo applications; the
    app and Ana's access token."""
    from followup.services import accounts, demo, profile, sessions

    home: Path = tmp_path_factory.mktemp("hosted-schema") / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FOLLOWUP_HOME", str(home))
        env.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{home / 'followup.db'}")
        env.setenv("FOLLOWUP_MODE", "hosted")
        env.setenv("FOLLOWUP_SECRET_KEY", SECRET)
        env.setenv("FOLLOWUP_NOW", NOW)
        deps = hosted_deps()
        tokens = {}
        for email in ("ana@example.org", "jose@example.org"):
            user = accounts.add_user(deps, email, email[:4].title(), "seeker", PASSWORD).user
            mine = deps.acting(user.id)
            profile.init(mine, user.name, email, "Europe/Dublin", "IE")
            demo.fill(mine, 5, 1)
            tokens[email] = sessions.create_token(mine, "schemathesis").token
    # Whatever settings the cases write, a note "sent" goes nowhere: no test leaves 127.0.0.1.
    deps.mailer = None
    yield create_app(deps, secret=SECRET), tokens["ana@example.org"]


def the_door_let_the_token_in(ctx: Any, response: Any, case: Any) -> bool | None:
    """A call with a valid token is never told to sign in."""
    assert response.status_code not in (401, 403), response.text
    return None


@schema.parametrize()
@settings(max_examples=4, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_with_a_token_no_request_is_a_server_error_and_every_response_is_as_documented(
        case: Any, hosted_api: tuple[Any, str]) -> None:
    app, token = hosted_api
    case.call_and_validate(app=app, base_url=BASE,
                           headers={**HEADERS, "Authorization": f"Bearer {token}"},
                           checks=[not_a_server_error, response_schema_conformance,
                                   the_door_let_the_token_in])


@pytest.mark.parametrize("authorization", [None, "Bearer fu_not-a-token", "Bearer ",
                                           "Basic YW5hOnBhc3N3b3Jk"])
def test_without_a_valid_token_every_operation_but_the_public_ones_is_401(
        hosted_api: tuple[Any, str], authorization: str | None) -> None:
    app, _ = hosted_api
    headers = {**HEADERS, "content-type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    with TestClient(app, base_url=BASE) as client:
        for operation in OPERATIONS:
            path = re.sub(r"\{[^}]+\}", "1", operation.path)
            method = operation.method.upper()
            answer = client.request(method, path, headers=headers,
                                    content=b"{}" if method != "GET" else None)
            if public(path):
                assert answer.status_code != 401, (method, path)
                continue
            assert answer.status_code == 401, (method, path, answer.text)
            assert answer.headers["www-authenticate"].startswith("Bearer")
            assert answer.json()["error"]["type"] == "NotSignedIn"
        # A page of the same app sends a browser to the login instead.
        page = client.get("/applications", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=/applications"
