"""Pages: a new interview (captured in under a minute), editing, rescheduling or cancelling one."""

from __future__ import annotations

import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from followup.domain import limits
from followup.domain.errors import FollowupError, InvalidInput
from followup.domain.model import Format, Role, Source
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    lines,
    photos,
    text,
    texts,
    what_was_done,
)
from followup.services import cards, interviews, lookup, preview, queries
from followup.services.cards import CardScan
from followup.services.context import Deps
from followup.services.interviews import InterviewForm, PersonIn
from followup.services.views import PlanView

router = APIRouter()

ROWS = 2
"""Interviewer rows a new form shows; "Add another interviewer" adds one more."""
HELPER_ROWS = 2
MOST_ROWS = 30
FORMATS = [f.value for f in Format]
FIELDS = ("company", "position", "at", "duration", "format", "timezone", "interviewers",
          "helpers", "forgot", "next_step", "decision_by", "notes")

IN_ROWS = {"topics": "interviewers", "name": "interviewers", "email": "interviewers",
           "title": "interviewers", "end": "duration"}
"""The form's field for an error about a detail typed in its rows (an interviewer's topic...)."""


def _blank_person() -> dict[str, str]:
    return {"name": "", "email": "", "title": "", "topic": "", "phone": "", "card": ""}


def _read(form: FormData) -> dict[str, Any]:
    """What was typed, exactly, to show again when the form comes back."""
    people = list(zip(texts(form, "iv_name"), texts(form, "iv_email"), texts(form, "iv_title"),
                      texts(form, "iv_topic"), strict=False))
    helpers = list(zip(texts(form, "hp_name"), texts(form, "hp_role"), strict=False))
    values: dict[str, Any] = {name: text(form, name) for name in FIELDS
                              if name not in ("interviewers", "helpers")}
    values["application"] = text(form, "application")
    values["interviewers"] = [dict(zip(("name", "email", "title", "topic"), row, strict=True))
                              for row in people]
    # A row filled from a card photo carries its phone and says where the spelling came from.
    for key, given in (("phone", texts(form, "iv_phone")), ("card", texts(form, "iv_card"))):
        for index, row in enumerate(values["interviewers"]):
            row[key] = given[index] if index < len(given) else ""
    values["helpers"] = [{"name": n, "role": r} for n, r in helpers]
    return values


def _padded(values: dict[str, Any], more: int = 0) -> dict[str, Any]:
    """At least ROWS interviewer rows (and `more` blank ones), HELPER_ROWS helper rows."""
    people = values["interviewers"]
    wanted = min(MOST_ROWS, max(ROWS, len(people)) + more)
    people += [_blank_person() for _ in range(wanted - len(people))]
    helpers = values["helpers"]
    helpers += [{"name": "", "role": ""} for _ in range(HELPER_ROWS - len(helpers))]
    return values


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def _form(values: dict[str, Any], editing: bool) -> InterviewForm:
    """The service's form from what was typed; a blank field is no change when editing."""
    people = []
    for number, row in enumerate(values["interviewers"], start=1):
        name, email, title, topic = (row[k].strip() for k in ("name", "email", "title", "topic"))
        if not (name or email or title or topic):
            continue
        if not name:
            raise InvalidInput(f"give the name of interviewer {number}", field="interviewers")
        # A blank detail is no change: what was recorded stays.
        people.append(PersonIn(row["name"], email or None, title or None, topic or None,
                               row.get("phone", "").strip() or None,
                               Source.CARD if row.get("card") else Source.TYPED))
    helpers = []
    for row in values["helpers"]:
        if not row["name"].strip():
            if row["role"].strip():
                raise InvalidInput("give the helper's name as well as their role",
                                   field="helpers")
            continue
        helpers.append(PersonIn(row["name"], title=row["role"].strip() or None))
    duration = values["duration"].strip()
    # isdigit() alone takes "²" and numbers int() refuses (more than 4300 digits).
    if duration and not (duration.isascii() and duration.isdigit() and len(duration) <= 9):
        raise InvalidInput("the duration must be a whole number of minutes, at most "
                           f"{limits.LONGEST_MINUTES}", field="duration")

    def given(name: str) -> str | None:
        value: str = values[name]
        return value if editing or value.strip() else None

    return InterviewForm(
        company=values["company"] or None, position=values["position"] or None,
        at=values["at"].strip() or None, duration=int(duration) if duration else None,
        timezone=values["timezone"].strip() or None, format=values["format"] or None,
        interviewers=people, helpers=helpers, forgot=lines(values["forgot"]),
        next_step=given("next_step"), decision_by=given("decision_by"),
        notes=given("notes"))


def _check_date(deps: Deps, values: dict[str, Any]) -> dict[str, str]:
    """What the decision date resolves to, or why it cannot be read."""
    phrase = values["decision_by"]
    if not phrase.strip():
        return {}
    try:
        found = preview.decision_date(deps, phrase, values["at"], values["timezone"])
    except FollowupError as exc:
        return {"error": str(exc)}
    return {"label": found.label}


def _page(request: Request, values: dict[str, Any], *, action: str, editing: bool = False,
          error: FollowupError | None = None, resolved: dict[str, str] | None = None,
          status: int = 200, heading: str = "New interview",
          kept: dict[str, Any] | None = None, notice: str | None = None,
          scanned: CardScan | None = None) -> HTMLResponse:
    field = IN_ROWS.get(error.field or "", error.field) if error else None
    where = field if field in FIELDS or field == "photo" else None
    return templates.TemplateResponse(request, "interview_form.html", {
        "v": values, "formats": FORMATS, "action": action, "editing": editing,
        "error": str(error) if error else None, "error_field": where, "heading": heading,
        "resolved": resolved or {}, "later_round": bool(values.get("application")),
        "kept": kept or {"helpers": [], "topics": [], "forgot": False}, "notice": notice,
        "scanned": scanned}, status_code=status)


def _empty() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(format="video", application="", interviewers=[], helpers=[])
    return _padded(values)


@router.get("/interviews/new", response_class=HTMLResponse)
def new_interview(request: Request, deps: Services,
                  application: int | None = None) -> HTMLResponse:
    """The form; `?application=ID` records a later round of that application."""
    values = _empty()
    if application is not None:
        plan = queries.application_plan(deps, application)
        values.update(company=plan.application.company, position=plan.application.position,
                      application=str(application))
    return _page(request, values, action="/interviews/new")


@router.get("/interviews/new/rows", response_class=HTMLResponse)
def interviewer_row(request: Request, count: int = ROWS) -> HTMLResponse:
    """One more interviewer row (htmx), and the button that asks for the one after."""
    index = max(0, min(count, MOST_ROWS - 1))
    return templates.TemplateResponse(request, "_interview_row.html", {
        "i": index, "row": _blank_person(), "next": index + 1, "focus": True})


@router.get("/interviews/decision-preview", response_class=HTMLResponse)
def decision_preview(request: Request, deps: Services, decision_by: str = "", at: str = "",
                     timezone: str = "") -> HTMLResponse:
    """What a decision date phrase resolves to, before anything is saved (htmx, as you type)."""
    values = {"decision_by": decision_by, "at": at, "timezone": timezone}
    return templates.TemplateResponse(request, "_interview_preview.html",
                                      {"resolved": _check_date(deps, values)})


def _submitted(form: FormData) -> tuple[bool, bool]:
    """Whether the post asked for another row or a date check rather than saving."""
    return "more" in form, "check" in form


@router.post("/interviews/new", response_model=None)
async def create_interview(request: Request,
                           deps: Services) -> HTMLResponse | Response:
    """Records the interview (a later round when the company and position are already being
    followed up) and goes to its application; the form comes back on a mistake."""
    form = await request.form()
    values = _read(form)
    more, check = _submitted(form)
    if more or check:
        return _page(request, _padded(values, 1 if more else 0), action="/interviews/new",
                     resolved=_check_date(deps, values) if check else None)
    if "scan" in form:
        return await _scan(request, deps, form, values)
    try:
        service_form = _form(values, editing=False)
        chosen = values["application"].strip()
        if chosen.isdigit():
            service_form.application_id = int(chosen)
        elif service_form.company and service_form.position:
            service_form.application_id = lookup.application_named(
                deps, service_form.company, service_form.position)
        result = interviews.add_interview(deps, service_form)
    except FollowupError as exc:
        return _page(request, _padded(values), action="/interviews/new", error=exc,
                     status=exc.http_status)
    return done(f"/applications/{result.application.id}", "interview")


async def _scan(request: Request, deps: Services, form: FormData,
                values: dict[str, Any]) -> HTMLResponse:
    """The form again, with a row for each person read from the card photos (the first empty
    rows first) and each card's image beside what was read; nothing saved."""
    try:
        scan = cards.scan_cards(deps, await photos(form, "card"), images=True)
    except FollowupError as exc:
        return _page(request, _padded(values), action="/interviews/new", error=exc,
                     status=exc.http_status)
    rows = values["interviewers"]
    for person in scan.contacts:
        if not person.name:
            continue
        row = {**_blank_person(), "name": person.name, "email": person.email or "",
               "title": person.title or "", "phone": person.phone or "", "card": "1"}
        # the person's row if they were typed already (what was typed stays), else a blank one
        same = next((i for i, r in enumerate(rows)
                     if _nfc(r["name"]).casefold() == _nfc(person.name).casefold()), None)
        blank = next((i for i, r in enumerate(rows) if not any(r.values())), None)
        if same is not None:
            rows[same] = {**row, **{k: v for k, v in rows[same].items() if v}}
        elif blank is None:
            rows.append(row)
        else:
            rows[blank] = row
    read = sum(1 for p in scan.contacts if p.name)
    notice = (f"Read {read} of {len(scan.contacts)} card{'s' if len(scan.contacts) > 1 else ''}"
              ": check each name against its card, then save. Nothing is saved yet.")
    return _page(request, _padded(values), action="/interviews/new", notice=notice,
                 scanned=scan)


def _recorded(deps: Deps, interview_id: int) -> tuple[dict[str, Any], PlanView]:
    """The form's values for a recorded interview, and its application's plan."""
    plan = lookup.interview_plan(deps, interview_id)
    interview = next(i for i in plan.interviews if i.id == interview_id)
    contacts = {c.id: c for c in plan.contacts}
    zone = ZoneInfo(interview.timezone)
    start, end = interview.start.astimezone(zone), interview.end.astimezone(zone)
    people, helpers = [], []
    for p in interview.participants:
        contact = contacts.get(p.contact_id or 0)
        title = (contact.title if contact else None) or ""
        if p.role is Role.HELPER:
            helpers.append({"name": p.name or "", "role": title})
        else:
            people.append({**_blank_person(), "name": p.name or "",
                           "email": (contact.email if contact else None) or "",
                           "title": title, "topic": p.topic or ""})
    decided = interview.decision_date.isoformat() if interview.decision_date else ""
    values = {
        "company": plan.application.company, "position": plan.application.position,
        "at": f"{start:%Y-%m-%dT%H:%M}", "duration": str(int((end - start).total_seconds()
                                                              // 60)),
        "format": str(interview.format), "timezone": interview.timezone,
        "interviewers": people, "helpers": helpers,
        "forgot": "\n".join(interview.forgotten), "next_step": interview.next_step or "",
        "decision_by": interview.decision_phrase or decided,
        "notes": interview.notes or "", "application": "",
    }
    return _padded(values), plan


def _kept(values: dict[str, Any]) -> dict[str, Any]:
    """What a recorded interview holds that its form offers to remove, one button each."""
    return {"helpers": [h["name"] for h in values["helpers"] if h["name"]],
            "topics": [p["name"] for p in values["interviewers"] if p["topic"]],
            "forgot": bool(values["forgot"].strip())}


def _removals(form: FormData) -> tuple[list[str], list[str], bool]:
    """The helper, the topic or the forgotten points a Remove button asked to take off."""
    return texts(form, "remove_helper"), texts(form, "remove_topic"), "clear_forgot" in form


def _without(values: dict[str, Any], helpers: list[str], topics: list[str],
             forgot: bool) -> dict[str, Any]:
    """The typed values less the rows being removed, which the service removes explicitly."""
    def named(name: str, names: list[str]) -> bool:
        return _nfc(name).casefold() in {_nfc(n).casefold() for n in names}

    rest = dict(values)
    rest["helpers"] = [h for h in values["helpers"] if not named(h["name"], helpers)]
    rest["interviewers"] = [{**p, "topic": ""} if named(p["name"], topics) else p
                            for p in values["interviewers"]]
    if forgot:
        rest["forgot"] = ""
    return rest


@router.get("/interviews/{interview_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, interview_id: int,
              deps: Services) -> HTMLResponse:
    values, plan = _recorded(deps, interview_id)
    app = plan.application
    removed = what_was_done(request) == "removed"
    page = _page(request, values, action=f"/interviews/{interview_id}/edit", editing=True,
                 heading=f"Change the interview with {app.company}", kept=_kept(values),
                 notice="Removed; the plan is updated." if removed else None)
    return forget_done(page) if removed else page


@router.post("/interviews/{interview_id}/edit", response_model=None)
async def edit_interview(request: Request, interview_id: int,
                         deps: Services) -> HTMLResponse | Response:
    """Saves the changes (a new time re-counts the decision phrase) and re-plans; a Remove
    button saves them too and comes back to the form, less what it removed."""
    form = await request.form()
    values = _read(form)
    more, check = _submitted(form)
    action = f"/interviews/{interview_id}/edit"
    heading = f"Change the interview with {values['company']}"
    kept = _kept(_recorded(deps, interview_id)[0])
    if more or check:
        return _page(request, _padded(values, 1 if more else 0), action=action, editing=True,
                     heading=heading, resolved=_check_date(deps, values) if check else None,
                     kept=kept)
    helpers, topics, forgot = _removals(form)
    try:
        service_form = _form(_without(values, helpers, topics, forgot), editing=True)
        service_form.remove_helpers, service_form.remove_topics = helpers, topics
        service_form.clear_forgot = forgot
        result = interviews.edit_interview(deps, interview_id, service_form)
    except FollowupError as exc:
        return _page(request, _padded(values), action=action, editing=True, heading=heading,
                     error=exc, status=exc.http_status, kept=kept)
    if helpers or topics or forgot:
        return done(action, "removed")
    return done(f"/applications/{result.application.id}", "interview")


@router.post("/interviews/{interview_id}/cancel", response_model=None)
async def cancel_interview(request: Request, interview_id: int,
                           deps: Services) -> Response:
    """The employer called it off: its steps are cancelled (the box must be ticked)."""
    form = await request.form()
    if text(form, "confirm") != "yes":
        raise InvalidInput("tick “The employer called it off” to cancel the interview")
    result = interviews.cancel_interview(deps, interview_id)
    return done(f"/applications/{result.application.id}", "cancelled")
