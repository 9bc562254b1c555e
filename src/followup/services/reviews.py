"""Note review: a client shares a step's note with their coach, who reads it with the checker's
findings, comments on a span of it or on the whole note, and says it looks good. Sharing ends
when the note is sent (or its step done another way), when the client withdraws it, or when
the coach is no longer the client's coach; the coach then gets 404 for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.domain import wording
from followup.domain.accounts import Account, Role
from followup.domain.errors import NotAllowed, NotFound
from followup.domain.model import Channel, Kind
from followup.domain.notes.facts import NOTE_KINDS, Tone
from followup.domain.privacy import initials, masked
from followup.domain.review import MAX_COMMENT, Span, anchor, relocate
from followup.services import notes
from followup.services.accounts import hosting
from followup.services.coach_access import me_as_coach, my_client
from followup.services.context import Deps, required
from followup.services.note_views import FindingView, findings_view
from followup.services.ports import ACTIVE, Row, UnitOfWork
from followup.services.results import doc, local, maybe_local
from followup.services.review_ports import Reviews

LOOKS_GOOD = "looks_good"


@dataclass(frozen=True)
class CommentView:
    """A coach's comment on a shared note."""

    id: int = doc("The comment's id.")
    body: str = doc("What the coach wrote.")
    quote: str | None = doc("The words of the note it is about, as they were; null for a "
                            "comment on the whole note.")
    start: int | None = doc("Where those words are in the note now (null when they were "
                            "changed away, or for a comment on the whole note).")
    end: int | None = doc("Where they end.")
    created_at: datetime = doc("When it was written.")


@dataclass(frozen=True)
class NoteReview:
    """A client's note and its review: whether it is shared with their coach, the coach's
    verdict and comments."""

    action_id: int = doc("The note's step.")
    coach: str | None = doc("Your coach's name; null without one (a note cannot be shared).")
    shared: bool = doc("The note is shared with your coach now.")
    share_id: int | None = doc("The latest share of the note, live or ended; null if never.")
    shared_at: datetime | None = doc("When it was shared.")
    ended_at: datetime | None = doc("When sharing ended, if it did.")
    ended_by: str | None = doc("Why: sent, withdrawn or unlinked.")
    looks_good: bool = doc("Your coach said the note looks good.")
    comments: tuple[CommentView, ...] = doc("Your coach's comments, in the order written.")


@dataclass(frozen=True)
class ReviewItem:
    """A note a client shares with their coach, as the coach's list shows it (people named by
    their initials)."""

    id: int = doc("The share's id.")
    client_id: int = doc("The client's id.")
    client: str = doc("The client's name.")
    kind: Kind = doc("The step's kind.")
    channel: Channel = doc("email or letter.")
    to: str | None = doc("The recipient's initials.")
    company: str = doc("The application's company.")
    position: str = doc("The position applied for.")
    deadline: datetime = doc("When the note is due.")
    shared_at: datetime = doc("When the client shared it.")
    looks_good: bool = doc("You said it looks good.")
    comments: int = doc("How many comments you left.")


@dataclass(frozen=True)
class ReviewDetail:
    """One shared note as its client's coach reads it: the text, the checker's findings and
    the comments."""

    review: ReviewItem = doc("The note's step and client, as the list shows them.")
    subject: str = doc("The note's subject.")
    body: str = doc("The note's text, as the client saved it.")
    ok: bool = doc("The checker finds no error.")
    findings: tuple[FindingView, ...] = doc("The checker's findings, spans in `body`.")
    comments: tuple[CommentView, ...] = doc("Your comments, in the order written.")


@dataclass(frozen=True)
class DigestComment:
    """A comment written since the last digest, with the step it is about."""

    action_id: int = doc("The note's step.")
    step: str = doc("The step, in words.")
    company: str = doc("The application's company.")
    quote: str | None = doc("The words commented on; null for the whole note.")
    body: str = doc("The comment.")


def _reviews(deps: Deps, uow: UnitOfWork) -> Reviews:
    if deps.reviews is None:
        raise NotAllowed("note review is not set up here")
    return deps.reviews(uow)


def _coach_of(uow: UnitOfWork, user_id: int | None) -> Account | None:
    """The client's coach, while they have one who may coach."""
    me = uow.accounts.get(user_id) if user_id is not None else None
    coach = uow.accounts.get(me.coach_id) if me and me.coach_id is not None else None
    return coach if coach and coach.role is Role.COACH and not coach.disabled else None


def _note_step(uow: UnitOfWork, action_id: int) -> None:
    """NotFound for anyone else's step; NotAllowed for a step without a note."""
    action = uow.repo.action(action_id)
    if action.kind not in NOTE_KINDS:
        raise NotAllowed(f"action {action_id} is a {action.kind}, which has no note")


def _comments(rows: list[Row], body: str, tz: str) -> tuple[CommentView, ...]:
    shown = []
    for row in rows:
        span = None
        if row["quote"] is not None and row["start"] is not None and row["end"] is not None:
            span = relocate(body, Span(row["start"], row["end"], row["quote"]))
        shown.append(CommentView(row["id"], row["body"], row["quote"],
                                 span.start if span else None, span.end if span else None,
                                 local(row["created_at"], tz)))
    return tuple(shown)


def _client_view(deps: Deps, uow: UnitOfWork, action_id: int) -> NoteReview:
    reviews = _reviews(deps, uow)
    coach = _coach_of(uow, deps.acting_user())
    user = uow.repo.user()
    tz = user.timezone if user else "UTC"
    latest = reviews.latest_share(action_id)
    if latest is None:
        return NoteReview(action_id, coach.name if coach else None, False, None, None, None,
                          None, False, ())
    note = uow.repo.note(action_id)
    comments = _comments(reviews.comments(latest["id"]), note.body if note else "", tz)
    return NoteReview(action_id, coach.name if coach else None, latest["live"], latest["id"],
                      local(latest["shared_at"], tz), maybe_local(latest["ended_at"], tz),
                      latest["ended_by"] or (None if latest["live"] else "unlinked"),
                      latest["verdict"] == LOOKS_GOOD, comments)


# -- the client -------------------------------------------------------------------------------
def share(deps: Deps, action_id: int) -> NoteReview:
    """Shares a planned step's note with the client's coach (its draft is kept, so that the
    coach reads what the client reads); sharing it again changes nothing."""
    hosting(deps)
    now = deps.clock()
    with deps.uow() as uow:
        _note_step(uow, action_id)
        coach = _coach_of(uow, deps.acting_user())
        if coach is None:
            raise NotAllowed("you have no coach to share this note with; a coach adds you as "
                             "their client first")
        scene = notes._scene(uow.repo, action_id, lock=True)
        if not scene.action.is_open:
            raise NotAllowed(f"action {action_id} is already {scene.action.status}; only the "
                             "note of a planned step can be shared")
        if scene.action.channel is Channel.PHONE:
            raise NotAllowed(f"action {action_id} is a call, which has no note to share")
        for item in uow.outbox.for_action(deps.acting_user() or 0, action_id):
            if item.state in ACTIVE:
                raise NotAllowed(f"the note of action {action_id} is already {item.state} "
                                 "in the outbox; it can no longer be shared")
        reviews = _reviews(deps, uow)
        latest = reviews.latest_share(action_id)
        if latest is None or not latest["live"]:
            reviews.end_shares("unlinked", now, action_id)  # one left with an earlier coach
            notes._kept_or_draft(deps, uow.repo, scene, keep=True)
            reviews.add_share(action_id, coach.id, now)
        result = _client_view(deps, uow, action_id)
        uow.commit()
    return result


def withdraw(deps: Deps, action_id: int) -> NoteReview:
    """Ends the sharing of a note: the coach no longer sees it (their comments stay yours)."""
    hosting(deps)
    with deps.uow() as uow:
        _note_step(uow, action_id)
        if not _reviews(deps, uow).end_shares("withdrawn", deps.clock(), action_id):
            raise NotAllowed(f"the note of action {action_id} is not shared")
        result = _client_view(deps, uow, action_id)
        uow.commit()
    return result


def review_of(deps: Deps, action_id: int) -> NoteReview:
    """The review of a step's note as its client sees it: shared or not, the verdict and the
    comments (spans found again in the note as it is now)."""
    hosting(deps)
    with deps.reading() as uow:
        _note_step(uow, action_id)
        return _client_view(deps, uow, action_id)


def for_editor(deps: Deps, action_id: int) -> NoteReview | None:
    """What the note editor shows of the review; None in local mode (there are no coaches)."""
    return review_of(deps, action_id) if deps.hosting is not None and deps.reviews else None


def note_sent(deps: Deps, uow: UnitOfWork, action_id: int) -> None:
    """Ends the sharing of a note that is being sent, in the sender's transaction."""
    if deps.reviews is not None:
        deps.reviews(uow).end_shares("sent", deps.clock(), action_id)


def digest_news(deps: Deps, uow: UnitOfWork, since: datetime) -> list[DigestComment]:
    """The comments on the user's shared notes written after `since`, for the digest."""
    if deps.reviews is None or deps.hosting is None:
        return []
    return [DigestComment(row["action_id"], wording.step_to(row["kind"], row["channel"],
                                                            row["contact_name"]),
                          row["company"], row["quote"], row["body"])
            for row in deps.reviews(uow).comments_since(since)]


# -- the coach --------------------------------------------------------------------------------
def _zone(deps: Deps) -> str:
    with deps.reading() as uow:
        user = uow.repo.user()
    return user.timezone if user else "UTC"


def _item(row: Row, tz: str) -> ReviewItem:
    return ReviewItem(row["id"], row["owner_id"], row["client_name"], Kind(row["kind"]),
                      Channel(row["channel"]),
                      initials(row["contact_name"]) if row["contact_name"] else None,
                      row["company"], row["position"], local(row["deadline"], tz),
                      local(row["shared_at"], tz), row["verdict"] == LOOKS_GOOD,
                      row["comments"])


def coach_reviews(deps: Deps) -> list[ReviewItem]:
    """The notes the coach's clients share with them now, the latest first."""
    coach = me_as_coach(deps)
    tz = _zone(deps)
    with deps.acting(None).reading() as uow:
        return [_item(row, tz) for row in _reviews(deps, uow).coach_shares(coach.id)]


def _shared(deps: Deps, share_id: int) -> tuple[Account, Row, Deps]:
    """The coach, one of the notes their clients share with them, and the dependencies acting
    for that client; NotFound for any other id (ended, someone else's, never shared), and for
    anyone but a coach."""
    try:
        coach = me_as_coach(deps)
    except NotFound:
        raise NotFound(f"no shared note with id {share_id}") from None
    with deps.acting(None).reading() as uow:
        row = _reviews(deps, uow).coach_share(coach.id, share_id)
    if row is None:
        raise NotFound(f"no shared note with id {share_id}")
    try:
        _, client = my_client(deps, row["owner_id"])
    except NotFound:
        raise NotFound(f"no shared note with id {share_id}") from None
    return coach, row, client


def _live_again(reviews: Reviews, coach: Account, share_id: int) -> Row:
    """The share read again in the client's transaction, still live and still the coach's."""
    row = reviews.share(share_id)
    if row is None or not row["live"] or row["coach_id"] != coach.id:
        raise NotFound(f"no shared note with id {share_id}")
    return row


def coach_review(deps: Deps, share_id: int) -> ReviewDetail:
    """One note a client shares with the coach: its text, the checker's findings (people named
    by their initials, as everywhere on the coach's pages) and the coach's comments."""
    coach, row, client = _shared(deps, share_id)
    tz = _zone(deps)
    with client.reading() as uow:
        _live_again(_reviews(client, uow), coach, share_id)
        scene = notes._scene(uow.repo, row["action_id"])
        note = uow.repo.note(row["action_id"])
        if note is None:  # kept when shared; a restore may have taken it away
            written = notes._draft(client, scene, notes._facts(scene), Tone.FORMAL)
            subject, body = written.subject, written.body
        else:
            subject, body = note.subject, note.body
        found = notes._check(client, uow.repo, scene, body)
        names = [c.name for c in scene.state.contacts]
        findings = tuple(FindingView(f.rule, f.severity, masked(f.message, names), f.start,
                                     f.end, f.fix) for f in findings_view(found))
        comments = _comments(_reviews(client, uow).comments(share_id), body, tz)
    return ReviewDetail(_item(row, tz), subject, body, notes.ok(found), findings, comments)


def comment(deps: Deps, share_id: int, body: str, quote: str | None = None,
            start: int | None = None, end: int | None = None) -> CommentView:
    """The coach's comment on a shared note: on the words it quotes (or the span start-end of
    the note as it is now), or with neither on the whole note."""
    coach, row, client = _shared(deps, share_id)
    text = required(body, "the comment", MAX_COMMENT, field="body")
    tz = _zone(deps)
    with client.uow() as uow:
        reviews = _reviews(client, uow)
        _live_again(reviews, coach, share_id)
        note = uow.repo.note(row["action_id"])
        span = anchor(note.body if note else "", quote, start, end)
        now = deps.clock()
        comment_id = reviews.add_comment(share_id, span, text, now)
        uow.commit()
    return CommentView(comment_id, text, span.quote if span else None,
                       span.start if span else None, span.end if span else None,
                       local(now, tz))


def verdict(deps: Deps, share_id: int, looks_good: bool = True) -> ReviewItem:
    """The coach says a shared note looks good (or takes that back)."""
    coach, _, client = _shared(deps, share_id)
    with client.uow() as uow:
        reviews = _reviews(client, uow)
        _live_again(reviews, coach, share_id)
        reviews.set_verdict(share_id, LOOKS_GOOD if looks_good else None, deps.clock())
        uow.commit()
    with deps.acting(None).reading() as uow:
        row = _reviews(deps, uow).coach_share(coach.id, share_id)
    if row is None:  # pragma: no cover - ended between the two transactions
        raise NotFound(f"no shared note with id {share_id}")
    return _item(row, _zone(deps))
