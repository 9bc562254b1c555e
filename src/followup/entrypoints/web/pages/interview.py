"""Pages: a new interview (captured in under a minute), editing, rescheduling or cancelling one."""

from __future__ import annotations

import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from followup.domain import limits
from followup.domain.errors import FollowupError, InvalidInput, Remedy
from followup.domain.invitation import LARGEST
from followup.domain.model import Format, Role, Source
from followup.entrypoints.web.deps import see_other, templates
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
from followup.services import card_photos, interviews, invitations, lookup, preview, queries
from followup.services.card_photos import CardScan
from followup.services.context import Deps
from followup.services.interviews import InterviewForm, PersonIn
from followup.services.invitations import ProposedInterview
from followup.services.views import Change, PlanView

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
    values["invitation_uid"] = text(form, "invitation_uid")
    values["invitation_sequence"] = text(form, "invitation_sequence")
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
                               phone=row.get("phone", "").strip() or None,
                               source=Source.CARD if row.get("card") else Source.TYPED))
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

    sequence = values.get("invitation_sequence", "").strip()
    if sequence and not (sequence.isascii() and sequence.isdigit() and len(sequence) <= 9):
        raise InvalidInput("the invitation's version is not a number", field="invitation")
    return InterviewForm(
        company=values["company"] or None, position=values["position"] or None,
        at=values["at"].strip() or None, duration=int(duration) if duration else None,
        timezone=values["timezone"].strip() or None, format=values["format"] or None,
        interviewers=people, helpers=helpers, forgot=lines(values["forgot"]),
        next_step=given("next_step"), decision_by=given("decision_by"),
        notes=given("notes"), invitation_uid=values.get("invitation_uid") or None,
        invitation_sequence=int(sequence) if sequence else None)


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
          cancel: str | None = None, scanned: CardScan | None = None) -> HTMLResponse:
    field = IN_ROWS.get(error.field or "", error.field) if error else None
    where = field if field in FIELDS or field == "photo" else None
    return templates.TemplateResponse(request, "interview_form.html", {
        "v": values, "formats": FORMATS, "action": action, "editing": editing,
        "error": str(error) if error else None, "error_field": where, "heading": heading,
        "resolved": resolved or {}, "later_round": bool(values.get("application")),
        "kept": kept or {"helpers": [], "topics": [], "forgot": False}, "notice": notice,
        "cancel": cancel, "scanned": scanned}, status_code=status)


def _empty() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(format="video", application="", interviewers=[], helpers=[],
                  invitation_uid="", invitation_sequence="")
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


def _filled(values: dict[str, Any], proposal: ProposedInterview) -> dict[str, Any]:
    """The form's values with what the invitation says (its time in the interview's zone)."""
    zone = ZoneInfo(proposal.timezone)
    start = proposal.start.astimezone(zone)
    filled = dict(values, at=f"{start:%Y-%m-%dT%H:%M}", timezone=proposal.timezone,
                  invitation_sequence=str(proposal.sequence))
    if proposal.end is not None:
        filled["duration"] = str(int((proposal.end - proposal.start).total_seconds() // 60))
    return filled


def _from(proposal: ProposedInterview) -> str:
    return f" from {proposal.organizer}" if proposal.organizer else ""


@router.post("/interviews/new/invitation", response_model=None)
async def read_invitation(request: Request, deps: Services) -> HTMLResponse:
    """Fills the New interview form from a calendar invitation (.ics); nothing is saved until
    the user checks it and saves."""
    form = await request.form()
    upload = form.get("invitation")
    data = await upload.read(LARGEST + 1) if isinstance(upload, UploadFile) else b""
    return _invitation_page(request, deps, data)


@router.get("/invitations/{invitation_id}", response_class=HTMLResponse)
def mailed_invitation(request: Request, invitation_id: int, deps: Services) -> HTMLResponse:
    """Today's Add: the invitation that arrived by mail, read like an upload."""
    return _invitation_page(request, deps, invitations.calendar_of(deps, invitation_id))


@router.post("/invitations/{invitation_id}/ignore")
def ignore_invitation(invitation_id: int, deps: Services) -> Response:
    """Today's Ignore: the invitation leaves Today."""
    invitations.ignore(deps, invitation_id)
    return see_other("/")


def _invitation_page(request: Request, deps: Deps, data: bytes) -> HTMLResponse:
    """The New interview form filled from an invitation; an update of a recorded interview
    opens that interview with its new time, a cancellation offers to cancel it."""
    values = _empty()
    try:
        if not data:
            raise InvalidInput("choose the invitation's .ics file first", field="invitation",
                               remedy=Remedy.GIVE)
        proposal = invitations.propose(deps, data)
    except FollowupError as exc:
        return _page(request, values, action="/interviews/new", error=exc,
                     status=exc.http_status)
    if proposal.interview_id is not None:
        recorded, plan = _recorded(deps, proposal.interview_id)
        action = f"/interviews/{proposal.interview_id}/edit"
        heading = f"Change the interview with {plan.application.company}"
        if proposal.change is Change.RESCHEDULE:
            notice = (f"The updated invitation{_from(proposal)} moves this interview: check "
                      "the new time and save the changes to plan again.")
            return _page(request, _filled(recorded, proposal), action=action, editing=True,
                         heading=heading, notice=notice, kept=_kept(recorded))
        if proposal.change is Change.CANCEL:
            return _page(request, recorded, action=action, editing=True, heading=heading,
                         kept=_kept(recorded),
                         notice=f"The invitation{_from(proposal)} cancels this interview.",
                         cancel=f"/interviews/{proposal.interview_id}/cancel")
        return _page(request, recorded, action=action, editing=True, heading=heading,
                     kept=_kept(recorded), notice="This version of the invitation is "
                     "already recorded: nothing has changed.")
    filled = _filled(values, proposal)
    filled.update(
        company=proposal.company or "", position=proposal.position or "",
        format=str(proposal.format or Format.VIDEO), notes=invitations.notes_of(proposal) or "",
        application=str(proposal.application_id or ""), invitation_uid=proposal.uid,
        interviewers=[{**_blank_person(), "name": p.name, "email": p.email}
                      for p in proposal.interviewers][:MOST_ROWS])
    notice = f"Filled in from the invitation{_from(proposal)}: check each field, then save."
    if proposal.missing:
        notice += f" The invitation does not say the {' or the '.join(proposal.missing)}."
    return _page(request, _padded(filled), action="/interviews/new", notice=notice)


async def _scan(request: Request, deps: Services, form: FormData,
                values: dict[str, Any]) -> HTMLResponse:
    """The form again, with a row for each person read from the card photos (the first empty
    rows first) and each card's image beside what was read; nothing saved."""
    try:
        scan = card_photos.scan_cards(deps, await photos(form, "card"), images=True)
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
        "invitation_uid": "", "invitation_sequence": "",
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
