"""Pages: the first visit's setup, and Settings (profile, the playbook's numbers, mail, the
calendar feed)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup import bootstrap
from followup.config import BY_KEY, CARDS, MAIL, POLICY, Setting, policy_from
from followup.domain.errors import FollowupError, InvalidInput
from followup.entrypoints.web.deps import see_other, services, templates, uploaded
from followup.services import coach_links, feed, profile, transfer
from followup.services.context import Deps

router = APIRouter()

SAVED = {"profile": "Your profile is saved.", "policy": "The playbook's numbers are saved.",
         "mail": "Your mail settings are saved.",
         "passwords": "The password is kept; it is never shown again.",
         "feed": "The calendar feed has a new address; the old one no longer works.",
         "restore": "The backup is restored: every application, step and note it holds.",
         "cards": "Your card photo settings are saved.",
         "coach": "Your coach no longer sees your follow-up or the notes you shared."}

MAIL_GROUPS = (("Sending notes (SMTP)", ("smtp.", "mail.")), ("Daily digest", ("digest.",)),
               ("Noticing replies (IMAP)", ("imap.",)))
LABELS = {
    "smtp.host": "SMTP server", "smtp.port": "SMTP port", "smtp.security": "SMTP security",
    "smtp.username": "SMTP username", "mail.from_name": "Sender name",
    "mail.from_address": "Sender address", "mail.bcc_self": "Blind copy to yourself",
    "digest.enabled": "Send the daily digest", "digest.hour": "Digest time",
    "imap.host": "IMAP server", "imap.port": "IMAP port", "imap.security": "IMAP security",
    "imap.username": "IMAP username", "imap.folders": "Folders to watch",
    "imap.sent_folder": "Sent folder", "imap.company_domain": "Mail from the company's domain",
    "cards.keep_photos": "Keep the image of each card saved",
}


@cache
def zones() -> list[str]:
    """Every IANA time zone name, sorted, for the time zone picker."""
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def _label(key: str) -> str:
    """'policy.thank_you_grace_days' -> 'Thank you grace days'."""
    return LABELS.get(key) or key.removeprefix("policy.").replace("_", " ").capitalize()


def _input(key: str) -> dict[str, Any]:
    """How a setting is typed: the input's type and bounds."""
    item = BY_KEY[key]
    if item.kind is int:
        return {"type": "number", "min": 0, "max": item.most}
    if item.kind is time:
        return {"type": "time"}
    if item.kind is bool:
        return {"type": "choice", "choices": ("yes", "no")}
    if item.choices:
        return {"type": "choice", "choices": item.choices}
    return {"type": "text"}


def _profile_form(request: Request, template: str, values: dict[str, Any],
                  status_code: int = 200, **extra: Any) -> Response:
    return templates.TemplateResponse(request, template, {
        "values": values, "zones": zones(), **extra}, status_code=status_code)


@router.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """The first visit: who signs the notes, and the time zone every step is planned in."""
    listed = {item.key: item.value for item in profile.config_list(deps)}
    if listed.get("name"):
        return see_other("/settings")
    return _profile_form(request, "setup.html", {"timezone": "UTC"})


@router.post("/setup")
def setup(request: Request, deps: Annotated[Deps, Depends(services)],
          name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
          timezone: Annotated[str, Form()] = "", country: Annotated[str, Form()] = "") -> Response:
    """Creates the profile, then Today; a mistake shows the form again with what was typed."""
    try:
        profile.init(deps, name, email, timezone.strip(), country or None)
    except InvalidInput as exc:
        typed = {"name": name, "email": email, "timezone": timezone, "country": country}
        return _profile_form(request, "setup.html", typed, 422, error=str(exc))
    request.app.state.profile_ready = True
    return see_other("/")


def _settings(request: Request, deps: Deps, status_code: int = 200,
              typed: dict[str, Any] | None = None, **extra: Any) -> Response:
    """The settings page, with what the user typed in place of the stored values if given."""
    listed = profile.config_list(deps)
    values = {item.key: item.value for item in listed} | (typed or {})
    fields = {item.key: {"key": item.key, "default": item.default, "help": item.help,
                         "value": values[item.key], "label": _label(item.key),
                         **_input(item.key)} for item in listed}
    policy = [fields[s.key] for s in POLICY]
    mail = [(title, [fields[s.key] for s in MAIL if s.key.startswith(prefixes)])
            for title, prefixes in MAIL_GROUPS]
    token = feed.token(deps)
    feed_url = token and str(request.url_for("calendar_feed").include_query_params(token=token))
    kept = {service: bootstrap.password_kept(deps, service)
            for service in bootstrap.password_services()}
    return _profile_form(request, "settings.html", values, status_code, policy=policy,
                         mail=mail, feed_url=feed_url, kept=kept,
                         cards=[fields[s.key] for s in CARDS],
                         coach=coach_links.my_coach(deps), **extra)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, deps: Annotated[Deps, Depends(services)],
                  saved: str | None = None) -> Response:
    """The profile, the playbook's numbers with their help, and the calendar feed."""
    return _settings(request, deps, saved=SAVED.get(saved or ""))


@router.post("/settings/profile")
def save_profile(request: Request, deps: Annotated[Deps, Depends(services)],
                 name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
                 timezone: Annotated[str, Form()] = "",
                 country: Annotated[str, Form()] = "") -> Response:
    """Changes the profile (a new time zone or country re-plans every open step)."""
    try:
        profile.init(deps, name, email, timezone.strip(), country or None)
    except InvalidInput as exc:
        typed = {"name": name, "email": email, "timezone": timezone, "country": country}
        return _settings(request, deps, 422, typed, error=str(exc), where="profile")
    return see_other("/settings?saved=profile")


def _changes(form: Mapping[str, Any], current: Mapping[str, Any],
             items: tuple[Setting, ...]) -> dict[str, str]:
    """The values that differ from those in force, all checked before any is stored, so
    that a form with one bad value changes nothing. An empty field keeps the value, except
    for a text whose default is empty (such as the checker rules switched off)."""
    changes = {}
    for item in items:
        text = form.get(item.key)
        if not isinstance(text, str) or text.strip() == (current[item.key] or ""):
            continue
        if not text.strip() and (item.kind is not str or item.default is None):
            continue  # nothing typed where a value is needed (a server's name, a number)
        item.parse(text.strip())
        changes[item.key] = text.strip()
    if items is POLICY:
        stored = {k: v for k, v in current.items() if k.startswith("policy.") and v is not None}
        problems = policy_from({**stored, **changes}).problems()
        if problems:
            raise InvalidInput("; ".join(problems))
    return changes


async def _save(request: Request, deps: Deps, items: tuple[Setting, ...], where: str
                ) -> Response:
    """Stores the settings of one form that changed, each as `followup config set` does."""
    form = await request.form()
    current = {item.key: item.value for item in profile.config_list(deps)}
    try:
        changes = _changes(form, current, items)
        for key, text in changes.items():
            profile.config_set(deps, key, text)
    except InvalidInput as exc:
        typed = {s.key: form.get(s.key) for s in items if isinstance(form.get(s.key), str)}
        return _settings(request, deps, 422, typed, error=str(exc), where=where)
    return see_other(f"/settings?saved={where}#{where}")


@router.post("/settings/policy")
async def save_policy(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """The playbook's numbers that changed (every open step is planned again)."""
    return await _save(request, deps, POLICY, "policy")


@router.post("/settings/mail")
async def save_mail(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """The mail servers, the sender and the digest (passwords stay out of the browser)."""
    return await _save(request, deps, MAIL, "mail")


@router.post("/settings/cards")
async def save_cards(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Whether the image of each business card saved is kept (in this installation only)."""
    return await _save(request, deps, CARDS, "cards")


@router.post("/settings/passwords")
async def save_passwords(request: Request,
                         deps: Annotated[Deps, Depends(services)]) -> Response:
    """Keeps the SMTP and IMAP passwords typed (write-only: an empty field keeps the one
    there); like `followup mail password`, in the keyring or a file only you can read."""
    form = await request.form()
    typed = {service: form.get(f"{service}_password") for service in bootstrap.password_services()}
    given = {s: v for s, v in typed.items() if isinstance(v, str) and v}
    try:
        if not given:
            raise InvalidInput("type a password to keep (an empty field keeps the one there)")
        for secret in given.values():
            if "\n" in secret or "\r" in secret or "\x00" in secret:
                raise InvalidInput("a password cannot contain a line break or NUL")
        for service, secret in given.items():
            bootstrap.keep_password(deps, service, secret)
    except InvalidInput as exc:
        return _settings(request, deps, 422, error=str(exc), where="passwords")
    return see_other("/settings?saved=passwords#passwords")


@router.post("/settings/mail/test", response_class=HTMLResponse)
def test_mail(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """`followup mail test` from the page: can the app reach and log in to the servers?"""
    from followup.services import mailcheck

    return _settings(request, deps, checks=mailcheck.check_all(deps))


@router.post("/settings/feed")
def rotate_feed(deps: Annotated[Deps, Depends(services)]) -> Response:
    """A new address for the calendar feed."""
    feed.rotate(deps)
    return see_other("/settings?saved=feed#feed")


@router.post("/settings/restore")
async def restore(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Restores a backup (a Followup export) into a home without applications, as `followup
    import` does: everything is checked, then all of it is written or none."""
    form = await request.form(max_files=1, max_fields=10)
    try:
        name, data = await uploaded(form, "backup", transfer.LARGEST)
        document = transfer.read_document(data, name)
        transfer.import_document(deps, document, form.get("with_settings") == "yes")
    except FollowupError as exc:
        return _settings(request, deps, exc.http_status, error=str(exc), where="restore")
    return see_other("/settings?saved=restore#restore")
