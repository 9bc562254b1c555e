"""Reading posted forms, and what the page they lead to says was done."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from followup.entrypoints.web.deps import see_other, services
from followup.services.context import Deps

Services = Annotated[Deps, Depends(services)]
"""A route's parameter for the services' dependencies."""

DONE_COOKIE = "followup_done"
"""What the last form did, for the page it redirects to to say so (then forgotten)."""


def text(form: FormData, name: str) -> str:
    """A text field's value ('' when absent or a file); newlines as a browser means them."""
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    """Every value of a repeated field, in the order of the form."""
    return [v.replace("\r\n", "\n") for v in form.getlist(name) if isinstance(v, str)]


def optional(form: FormData, name: str) -> str | None:
    """A field's text, or None when left blank."""
    value = text(form, name).strip()
    return value or None


def lines(value: str) -> list[str]:
    """The non-blank lines of a text area (one item each)."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to; anything else (another site, '//host') is ignored."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def done(url: str, what: str) -> Response:
    """Post/Redirect/Get to `url`, which then says `what` was done (a short-lived cookie keeps
    the page's address clean)."""
    response = see_other(url)
    response.set_cookie(DONE_COOKIE, what, max_age=60, path="/", httponly=True,
                        samesite="strict")
    return response


def what_was_done(request: Request) -> str | None:
    """The `what` of the redirect that led here, if any."""
    return request.cookies.get(DONE_COOKIE)


AnyResponse = TypeVar("AnyResponse", bound=Response)
"""A response handed back as the same kind it came in (an HTML page stays one)."""


def forget_done(response: AnyResponse) -> AnyResponse:
    """The page said it: the message is not shown again on reload."""
    response.delete_cookie(DONE_COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def photos(form: FormData, name: str) -> list[bytes]:
    """The files chosen in a file field (a field left empty sends none), each read no further
    than the photo limit, so that an oversized one is refused without being held whole."""
    from starlette.datastructures import UploadFile

    from followup.domain import limits
    from followup.domain.errors import InvalidInput

    found = []
    for item in form.getlist(name):
        if not isinstance(item, UploadFile) or not (item.filename or item.size):
            continue
        data = await item.read(limits.PHOTO_BYTES + 1)
        if len(data) > limits.PHOTO_BYTES:
            raise InvalidInput(f"{item.filename or 'a photo'} is too large for a card photo "
                               f"(at most {limits.PHOTO_BYTES // 1_000_000} MB)", field="photo")
        if data:
            found.append(data)
    if not found:
        raise InvalidInput("choose a photo of a card first", field="photo")
    return found
