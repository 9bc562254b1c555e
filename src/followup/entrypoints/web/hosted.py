"""The web app of a hosted installation, built in each web process by `app_factory`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from followup import bootstrap, installation
from followup.entrypoints import logs

if TYPE_CHECKING:
    from fastapi import FastAPI

    from followup.entrypoints.web.app import Background


def app_factory() -> FastAPI:
    """One web process's app (`uvicorn --factory followup.entrypoints.web.hosted:app_factory`)."""
    return build_app()


def build_app(background: Sequence[Background] = ()) -> FastAPI:
    """The app on the configured database, signed with FOLLOWUP_SECRET_KEY. The schema is not
    migrated here (`followup db upgrade` does it, once): /readyz says when it is behind."""
    from followup.entrypoints.web.app import create_app

    logs.configure()
    setup = installation.installation()
    return create_app(bootstrap.build(migrate=False), secret=setup.secret_key.decode(),
                      background=background)
