"""The page "Your account" (hosted mode): download my data, change my password, my logins and
access tokens, the second factor, and deleting my account. Local mode has no account: the
page leads to Settings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from itsdangerous import BadData, URLSafeTimedSerializer

from followup import installation
from followup.domain.errors import FollowupError, InvalidInput, TooManyAttempts
from followup.entrypoints.web.auth import SESSION_COOKIE, cleared_cookie
from followup.entrypoints.web.deps import see_other, services, templates
from followup.services import my_account, sessions
from followup.services.context import Deps
from followup.services.views import jsonable

router = APIRouter()
Services = Annotated[Deps, Depends(services)]

DONE = {"password": "Your password is changed. Your other logins have ended.",
        "signed-out": "Every other login has ended.",
        "revoked": "The token is revoked: it opens nothing any more.",
        "second-factor-off": "The second factor is off: signing in asks only for your password."}
SETUP_MINUTES = 15
"""How long a second factor's setup may take between showing the secret and the code."""
NO_STORE = {"Cache-Control": "no-store"}
"""For a page that shows a secret once: no cache or back button keeps it."""


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(installation.secret_key(), salt="followup.second-factor")


def _page(request: Request, deps: Deps, status: int = 200, **extra: Any) -> Response:
    """The account page; `where` says which section an `error` is about."""
    token = request.cookies.get(SESSION_COOKIE)
    return templates.TemplateResponse(request, "account.html", {
        "view": "account", "me": my_account.account(deps),
        "logins": sessions.sessions(deps, token), "tokens": sessions.tokens(deps), **extra},
        status_code=status, headers=NO_STORE)


def _refused(request: Request, deps: Deps, exc: FollowupError, where: str) -> Response:
    """The page again, the error shown in the section it is about."""
    response = _page(request, deps, exc.http_status, error=str(exc), where=where)
    if isinstance(exc, TooManyAttempts):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _step(request: Request, view: str, status: int = 200, **context: Any) -> Response:
    """A page of one step (a new token, the second factor's setup, its recovery codes)."""
    return templates.TemplateResponse(request, "account.html", {"view": view, **context},
                                      status_code=status, headers=NO_STORE)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, deps: Services, done: str | None = None) -> Response:
    """Your account: its data, password, logins, tokens, second factor, and deleting it."""
    if deps.hosting is None:
        return see_other("/settings")
    ended = request.query_params.get("ended", "")
    message = DONE.get(done or "")
    if done == "signed-out" and ended.isdigit():
        message = f"{ended} other login{'' if ended == '1' else 's'} ended."
    return _page(request, deps, done=message)


@router.get("/account/export")
def download(deps: Services) -> Response:
    """All my data: the document `followup export` writes, as a file download."""
    if deps.hosting is None:
        return see_other("/settings")
    document = jsonable(my_account.export(deps))
    return JSONResponse(document, headers={
        **NO_STORE, "Content-Disposition": 'attachment; filename="followup-export.json"'})


@router.post("/account/password")
def change_password(request: Request, deps: Services, current: Annotated[str, Form()] = "",
                    new: Annotated[str, Form()] = "",
                    again: Annotated[str, Form()] = "") -> Response:
    """A new password (the current one first); this login stays, the others end."""
    my_account.hosted_only(deps)
    try:
        if new != again:
            raise InvalidInput("the two new passwords differ; type the same one twice",
                               field="again")
        sessions.change_password(deps, current, new, request.cookies.get(SESSION_COOKIE))
    except FollowupError as exc:
        return _refused(request, deps, exc, "password")
    return see_other("/account?done=password#password")


@router.post("/account/sessions/end")
def sign_out_everywhere(request: Request, deps: Services) -> Response:
    """Ends every other login of mine."""
    my_account.hosted_only(deps)
    ended = sessions.sign_out_everywhere(deps, request.cookies.get(SESSION_COOKIE))
    return see_other(f"/account?done=signed-out&ended={ended}#logins")


@router.post("/account/tokens")
def create_token(request: Request, deps: Services,
                 name: Annotated[str, Form()] = "") -> Response:
    """A new personal access token, shown on the page that answers, and never again."""
    my_account.hosted_only(deps)
    try:
        made = sessions.create_token(deps, name)
    except FollowupError as exc:
        return _refused(request, deps, exc, "tokens")
    return _step(request, "token", made=made)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(deps: Services, token_id: int) -> Response:
    my_account.revoke_token(deps, token_id)
    return see_other("/account?done=revoked#tokens")


@router.post("/account/second-factor")
def start_second_factor(request: Request, deps: Services) -> Response:
    """A new secret for an authenticator app, carried signed by the next form (never stored
    before a code proves the app has it)."""
    me = my_account.account(deps)
    setup = sessions.start_second_factor(deps)
    return _setup(request, me.id, setup.secret, setup.uri)


def _setup(request: Request, user_id: int, secret: str, uri: str, status: int = 200,
           error: str | None = None) -> Response:
    signed = _signer().dumps({"user": user_id, "secret": secret, "uri": uri})
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return _step(request, "second-factor", status, secret=grouped, uri=uri, signed=signed,
                 error=error)


@router.post("/account/second-factor/confirm")
def confirm_second_factor(request: Request, deps: Services,
                          signed: Annotated[str, Form()] = "",
                          code: Annotated[str, Form()] = "") -> Response:
    """Turns the second factor on once a code of the app is right; the recovery codes."""
    me = my_account.account(deps)
    try:
        kept = _signer().loads(signed, max_age=SETUP_MINUTES * 60)
        if kept.get("user") != me.id:
            raise BadData("another user's setup")
    except (BadData, AttributeError):
        return _page(request, deps, 422, where="second-factor",
                     error="this setup has expired; start it again")
    try:
        codes = sessions.enable_second_factor(deps, kept["secret"], "".join(code.split()))
    except FollowupError as exc:
        return _setup(request, me.id, kept["secret"], kept["uri"], exc.http_status, str(exc))
    return _step(request, "recovery-codes", codes=codes)


@router.post("/account/second-factor/off")
def second_factor_off(request: Request, deps: Services,
                      password: Annotated[str, Form()] = "") -> Response:
    """Turns the second factor off (the password first) and forgets the recovery codes."""
    my_account.hosted_only(deps)
    try:
        sessions.disable_second_factor(deps, password)
    except FollowupError as exc:
        return _refused(request, deps, exc, "second-factor")
    return see_other("/account?done=second-factor-off#second-factor")


@router.post("/account/delete")
def delete_account(request: Request, deps: Services,
                   password: Annotated[str, Form()] = "") -> Response:
    """Deletes my account and every record of mine (the password first); then the door."""
    my_account.hosted_only(deps)
    try:
        sessions.delete_my_account(deps, password)
    except FollowupError as exc:
        return _refused(request, deps, exc, "delete")
    response = RedirectResponse("/login?account=deleted", status_code=303)
    response.headers.append("set-cookie", cleared_cookie(request.url.scheme == "https"))
    return response
