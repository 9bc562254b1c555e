"""The ASGI app: pages, the JSON API, static files, security and error handling."""

from __future__ import annotations

import gc
import secrets
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractContextManager, ExitStack, asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from followup.entrypoints.web import auth, errors, security
from followup.entrypoints.web.deps import profile_required
from followup.services.context import Deps

Background = Callable[[], AbstractContextManager[object]]
"""Something to run while the app serves (an outbox worker): entered at start, left at stop."""


_frozen = False


def _freeze_startup_objects() -> None:
    """Moves what exists at start-up (modules, the app, SQLAlchemy's and pydantic's tables)
    out of the garbage collector's sight: a full collection then scans only what requests
    made, instead of pausing a page for 100 ms or more (once per process)."""
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True


def create_app(deps: Deps, *, hosts: Iterable[str] = (), secret: str | None = None,
               background: Sequence[Background] = ()) -> FastAPI:
    """The app over `deps` (the composition root's, or a test's).

    `hosts`: names besides the loopback ones the app answers to (and FOLLOWUP_ALLOWED_HOSTS);
    `secret`: the key that signs CSRF tokens (`security.home_secret(home)` keeps one per home;
    None makes one for this process); `background`: context managers entered at start-up.
    """
    from followup.entrypoints.web import (
        api,
        api_account,
        api_admin,
        api_cards,
        api_coach,
        api_coach_links,
        api_coach_templates,
        api_moving_in,
        api_reviews,
        fonts,
    )
    from followup.entrypoints.web.pages import (
        account,
        admin,
        application,
        call,
        cards,
        coach,
        coach_links,
        coach_reviews,
        coach_templates,
        contact,
        feed,
        insights,
        interview,
        lists,
        login,
        manifest,
        moving_in,
        notes,
        outbox,
        people,
        reports,
        settings,
        today,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _freeze_startup_objects()
        with ExitStack() as stack:
            for start in background:
                stack.enter_context(start())
            yield

    # Tests that only read the routes build the app over no dependencies at all.
    hosted = getattr(deps, "hosting", None) is not None
    app = FastAPI(title="Followup", version="1", openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.deps = deps
    app.state.profile_ready = False
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")),
              name="static")
    app.mount("/fonts", fonts.Fonts(directory=fonts.FONTS), name="fonts")
    app.include_router(api.router)
    app.include_router(api_moving_in.router, prefix=api.router.prefix)
    app.include_router(api_cards.router)
    app.include_router(api_account.router)
    for coaching in (api_reviews, api_coach, api_coach_templates, api_coach_links, api_admin):
        app.include_router(coaching.router)
    # The calendar feed is read by calendar apps with a token, not by a person: no setup step.
    app.include_router(feed.router, include_in_schema=False)
    if hosted:
        app.include_router(login.router, include_in_schema=False)
    app.include_router(manifest.router, include_in_schema=False)  # fetched before setup too
    pages = [Depends(profile_required)]
    for module in (today, lists, insights, people, settings, interview, application, cards,
                   contact, call, notes, outbox, reports, moving_in, account, coach,
                   coach_templates, coach_links, coach_reviews, admin):
        app.include_router(module.router, dependencies=pages, include_in_schema=False)
    errors.install(app)
    # Starlette runs the last added middleware first: the Guard, the body's limit, the CSRF
    # check, CatchAll, then (hosted) the login. Inside the Guard, every answer has its headers.
    if hosted:
        app.add_middleware(auth.SignIn, deps=deps)
    app.add_middleware(errors.CatchAll)
    app.add_middleware(security.Csrf, secret=secret or secrets.token_urlsafe(48))
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=security.MAX_BODY)
    app.add_middleware(security.Guard, hosts=security.allowed_hosts(hosts))
    from followup.entrypoints.web import operations

    operations.install(app)  # last: its log and metrics see every answer, refusals too
    return app
