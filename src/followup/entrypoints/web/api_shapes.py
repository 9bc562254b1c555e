"""The JSON API's response shapes: pydantic models derived from the services' typed results
(`followup.services.views`), for OpenAPI and its clients; `out` sends the results' one JSON form."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from typing import Any, Union

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

from followup.domain.errors import Remedy
from followup.services.views import jsonable


class Shape(BaseModel):
    """A response: the documented fields, and any others a newer service adds, kept as is."""

    model_config = ConfigDict(extra="allow")


_SHAPES: dict[type, type[BaseModel]] = {}


def shape(view: type) -> type[BaseModel]:
    """The documented model of a typed result: its fields (named as in its JSON, with their
    documentation), nested results as their own models, times and dates as ISO 8601 strings."""
    made = _SHAPES.get(view)
    if made is None:
        hints = typing.get_type_hints(view)
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(view):
            default = None if f.metadata.get("omit_none") else ...
            name = f.metadata.get("json")
            fields[f.name] = (_documented(hints[f.name]),
                              Field(default, alias=name, description=f.metadata.get("doc")))
        made = create_model(view.__name__, __base__=Shape, __doc__=view.__doc__,
                            **fields)
        _SHAPES[view] = made
    return made


def _documented(hint: Any) -> Any:
    """A field's type as the API documents it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return Union[tuple(_documented(a) for a in args)]  # noqa: UP007
    if origin in (tuple, list):
        return list[_documented(args[0])]  # type: ignore[misc]
    if dataclasses.is_dataclass(hint):
        return shape(typing.cast(type, hint))
    if hint in (datetime, date):
        return str
    return hint


def many(view: type) -> Any:
    """The documented model of a list of typed results."""
    return list[shape(view)]  # type: ignore[misc]


def out(result: Any, status_code: int = 200) -> JSONResponse:
    """A typed result (or a list of them) as the API's JSON: the same form as the CLI's."""
    return JSONResponse(jsonable(result), status_code=status_code)


class TemplateOut(Shape):
    kind: str
    tone: str
    template: str


class ErrorDetail(Shape):
    type: str = Field(description="InvalidInput (422), NotFound (404) or NotAllowed (409).")
    message: str
    field: str | None = Field(None, description="The input the error is about, when one is.")
    remedy: str | None = Field(None, description=(
        "What would let it through, when something would: " + ", ".join(Remedy) + "."))


class ErrorOut(Shape):
    error: ErrorDetail


Document = dict[str, Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not JSON"},
    404: {"model": ErrorOut, "description": "No record with that id"},
    409: {"model": ErrorOut, "description": "Not possible in the record's current state"},
    422: {"model": ErrorOut, "description": "The input cannot be used as given"},
}
"""The errors every operation may answer with (FollowupError's classes, and a body that is not
JSON)."""
