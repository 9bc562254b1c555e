"""The JSON twin of "Your account" (hosted mode): who is signed in, their logins, their personal
access tokens and their data. In local mode every route answers 409: there are no accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import Field, StringConstraints

from followup.domain import limits
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.auth import SESSION_COOKIE
from followup.entrypoints.web.deps import services
from followup.services import my_account, sessions
from followup.services.context import Deps


def _hosted(request: Request) -> None:
    my_account.hosted_only(request.app.state.deps)


router = APIRouter(prefix="/api/v1/account", tags=["account"], responses=s.ERRORS,
                   dependencies=[Depends(_hosted)])
Services = Annotated[Deps, Depends(services)]
TokenId = Annotated[int, Path(ge=1, le=limits.MAX_ID, description="A token's id.", examples=[1])]


class TokenIn(m.Body):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100),
                    Field(description="What the token is for (a script, an app).",
                          examples=["backup script"])]


def _cookie(request: Request) -> str | None:
    """This login's session (None for a call with an access token)."""
    return request.cookies.get(SESSION_COOKIE) or None


@router.get("", response_model=s.shape(my_account.MyAccount))
def account(deps: Services) -> JSONResponse:
    """The signed-in user: id, email, name, role and whether a second factor is on."""
    return s.out(my_account.account(deps))


@router.get("/sessions", response_model=s.many(sessions.SessionView))
def session_list(request: Request, deps: Services) -> JSONResponse:
    """Every login of the user, the latest first; `current` marks the one asking."""
    return s.out(sessions.sessions(deps, _cookie(request)))


@router.post("/sessions/end", response_model=s.shape(my_account.Ended))
def end_sessions(request: Request, deps: Services) -> JSONResponse:
    """Sign out everywhere else: ends every login of the user but the one asking (with an
    access token: every login)."""
    return s.out(my_account.Ended(sessions.sign_out_everywhere(deps, _cookie(request))))


@router.get("/tokens", response_model=s.many(sessions.TokenView))
def token_list(deps: Services) -> JSONResponse:
    """The user's personal access tokens with their last use (never their values)."""
    return s.out(sessions.tokens(deps))


@router.post("/tokens", response_model=s.shape(sessions.NewToken), status_code=201)
def token_create(deps: Services, body: TokenIn) -> JSONResponse:
    """A new personal access token for `Authorization: Bearer`; its value is in this answer
    only, and kept only hashed."""
    return s.out(sessions.create_token(deps, body.name), 201)


@router.delete("/tokens/{token_id}", response_model=s.shape(sessions.TokenView))
def token_revoke(deps: Services, token_id: TokenId) -> JSONResponse:
    """Revokes one of the user's tokens (404 for any other); the token, now revoked."""
    return s.out(my_account.revoke_token(deps, token_id))


@router.get("/export", response_model=s.Document)
def export(deps: Services) -> JSONResponse:
    """Every record of the user as one versioned JSON document (`followup export`)."""
    return s.out(my_account.export(deps))
