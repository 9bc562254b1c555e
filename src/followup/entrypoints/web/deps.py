"""What every route needs: the services' dependencies and the page templates."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from followup.services.context import Deps

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))


def services(request: Request) -> Deps:
    """The dependencies the app was built with (`create_app(deps)`)."""
    deps: Deps = request.app.state.deps
    return deps
