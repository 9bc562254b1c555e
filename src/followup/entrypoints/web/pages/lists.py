"""Pages: the applications as a list or a board, with their next step (the people list is
`people`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.board import Stage
from followup.domain.model import AppStatus
from followup.entrypoints.web.deps import services, templates
from followup.entrypoints.web.pages.application import DONE
from followup.entrypoints.web.pages.fields import forget_done, what_was_done
from followup.services import board
from followup.services.board import Sort
from followup.services.context import Deps

router = APIRouter()

PAGE = 50
"""Rows per page: a page stays quick to load and to scan with thousands of records."""


def paged(items: list[Any], page: int) -> dict[str, Any]:
    """One page of `items` and where it sits among the others."""
    pages = max(1, -(-len(items) // PAGE))
    page = min(page, pages)
    return {"rows": items[(page - 1) * PAGE: page * PAGE], "page": page, "pages": pages,
            "total": len(items)}


VIEWS = ("list", "board")
SHOWN = 30
"""Cards per column of the board; the rest are a link away, in the list of that stage."""
STAGE_WORDS = {Stage.INTERVIEWING: ("Interviewing", "An interview is still to come."),
               Stage.WAITING: ("Waiting", "Every interview is held; no decision yet."),
               Stage.OFFER: ("Offer", "They made you an offer."),
               Stage.CLOSED: ("Closed", "Hired, rejected or withdrawn.")}
SORT_WORDS = {Sort.NEXT_STEP: "next step", Sort.LAST_ACTIVITY: "last activity",
              Sort.COMPANY: "company"}


def _query(view: str, kept: dict[str, str]) -> str:
    """The parameters of a link to another page of the same list ('' or ending in '&')."""
    asked = {"view": view, **kept} if view != "list" else kept
    return urlencode(asked) + "&" if asked else ""


def _address(view: str, kept: dict[str, str]) -> str:
    """The address of the applications seen as `view`, with the same filters."""
    return "/applications?" + _query(view, kept).rstrip("&") if view != "list" or kept else (
        "/applications")


@router.get("/applications", response_class=HTMLResponse)
def applications_page(request: Request, deps: Annotated[Deps, Depends(services)],
                      view: Literal["list", "board"] = "list", q: str | None = None,
                      stage: str | None = None, status: str | None = None,
                      overdue: bool = False, sort: str | None = None,
                      page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    """Every application as a list (searched, filtered, sorted) or as a board of stages."""
    filters = board.Filters.parse(q, stage, status, overdue, sort)
    found = board.listing(deps, filters, page=page, per_page=PAGE,
                          per_column=SHOWN if view == "board" else 0)
    asked = {"q": filters.search, "stage": filters.stage, "status": filters.status,
             "overdue": "1" if filters.overdue else None,
             "sort": filters.sort if filters.sort is not Sort.NEXT_STEP else None}
    kept = {k: str(v) for k, v in asked.items() if v}
    page_view = templates.TemplateResponse(request, "applications.html", {
        "rows": found.cards, "page": found.page, "pages": found.pages, "total": found.matched,
        "view": view, "found": found, "f": filters,
        "query": _query(view, kept), "this_page": _address(view, kept),
        "other_view": _address("list" if view == "board" else "board", kept),
        "filtered": bool(kept.keys() - {"sort"}),
        "columns": found.columns, "shown": SHOWN,
        "in_list": {s: _address("list", {**kept, "stage": s}) for s in Stage},
        "stage_words": STAGE_WORDS, "sorts": SORT_WORDS,
        "stages": list(Stage), "statuses": [s.value for s in AppStatus],
        "done": DONE.get(what_was_done(request) or ""),
    })
    return forget_done(page_view)
