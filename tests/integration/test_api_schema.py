"""Schemathesis over the API's own OpenAPI: no server error, every response as documented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from followup.entrypoints.web.app import create_app

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
