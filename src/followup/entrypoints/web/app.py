"""The ASGI app: pages, the JSON API, static files, security and error handling."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from followup.services.context import Deps


def create_app(deps: Deps) -> FastAPI:
    """The app over `deps` (the composition root's, or a test's)."""
    from followup.entrypoints.web import api

    app = FastAPI(title="Followup", openapi_url="/api/v1/openapi.json",
                  docs_url="/api/v1/docs", redoc_url=None)
    app.state.deps = deps
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")),
              name="static")
    app.include_router(api.router)
    return app
