"""The JSON API of note review: a client shares a note with their coach and reads the comments;
the coach lists the notes shared with them, reads one, comments and says it looks good."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from fastapi.responses import JSONResponse
from pydantic import Field

from followup.domain import limits
from followup.domain.review import MAX_QUOTE
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import reviews
from followup.services.context import Deps

router = APIRouter(prefix="/api/v1", tags=["review"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
ShareId = Annotated[int, Path(ge=1, le=limits.MAX_ID, description="A shared note's id.",
                              examples=[1])]
REVIEW: dict[str, Any] = {"response_model": s.shape(reviews.NoteReview)}


class CommentIn(m.Body):
    model_config = m.example({"body": "Name the one thing you discussed.",
                              "quote": "Thank you for your time"})

    body: m.Long = Field(min_length=1, description="The comment.")
    quote: str | None = Field(None, max_length=MAX_QUOTE, description=(
        "The words of the note the comment is about, as they are in it now (the occurrence "
        "nearest `start` if they are there more than once)."))
    start: int | None = Field(None, ge=0, le=limits.LONG, description=(
        "Without `quote`: where the span starts in the note's text."))
    end: int | None = Field(None, ge=0, le=limits.LONG, description="Where the span ends.")


class VerdictIn(m.Body):
    model_config = m.example({"looks_good": True})

    looks_good: bool = Field(True, description="The note looks good; false takes it back.")


# -- the client -------------------------------------------------------------------------------
@router.post("/actions/{action_id}/note/share", **REVIEW)
def share(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """Share a planned step's note with your coach for review (409 without a coach)."""
    return s.out(reviews.share(deps, action_id))


@router.delete("/actions/{action_id}/note/share", **REVIEW)
def withdraw(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """Stop sharing the note: your coach no longer sees it."""
    return s.out(reviews.withdraw(deps, action_id))


@router.get("/actions/{action_id}/note/comments", **REVIEW)
def comments(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """Whether the note is shared, your coach's verdict and comments (spans in the note as it
    is now)."""
    return s.out(reviews.review_of(deps, action_id))


# -- the coach --------------------------------------------------------------------------------
@router.get("/coach/reviews", response_model=s.many(reviews.ReviewItem))
def coach_reviews(deps: Services) -> JSONResponse:
    """The notes your clients share with you now, the latest first (coaches only)."""
    return s.out(reviews.coach_reviews(deps))


@router.get("/coach/reviews/{share_id}", response_model=s.shape(reviews.ReviewDetail))
def coach_review(deps: Services, share_id: ShareId) -> JSONResponse:
    """One shared note: its text, the checker's findings and your comments."""
    return s.out(reviews.coach_review(deps, share_id))


@router.post("/coach/reviews/{share_id}/comments", status_code=201,
             response_model=s.shape(reviews.CommentView))
def coach_comment(deps: Services, share_id: ShareId, body: CommentIn) -> JSONResponse:
    """Comment on a span of a shared note (`quote`, or `start` and `end`) or on all of it."""
    return s.out(reviews.comment(deps, share_id, body.body, body.quote, body.start, body.end),
                 201)


@router.post("/coach/reviews/{share_id}/verdict", response_model=s.shape(reviews.ReviewItem))
def coach_verdict(deps: Services, share_id: ShareId,
                  body: Annotated[VerdictIn | None, Body()] = None) -> JSONResponse:
    """Say the shared note looks good (or take it back)."""
    return s.out(reviews.verdict(deps, share_id, body.looks_good if body else True))
