"""New interview filled in from a calendar invitation (.ics upload), then saved as the browser
would; an update opens the interview with its new time, a cancellation offers to cancel it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from followup.services import profile, queries
from followup.services.views import jsonable
from tests.web_client import Web, make_web

FILES = Path(__file__).parent.parent / "invitations"
NOW = "2026-12-04T09:00:00+00:00"
INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>(.*?)(?=<)", re.S)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


@pytest.fixture
def ada(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Iterator[Web]:
    for web in make_web(monkeypatch, home, database_url, now=NOW):
        profile.init(web.deps, "Ada Candidate", "ada@example.org", "Europe/Dublin", "IE")
        yield web


def upload(web: Web, name: str, data: bytes | None = None) -> httpx.Response:
    content = data if data is not None else (FILES / name).read_bytes()
    return web.client.post("/interviews/new/invitation",
                           data={"csrftoken": web.token()},
                           files={"invitation": (name, content, "text/calendar")})


def fields(page: str, action: str) -> list[tuple[str, str]]:
    """The fields the form posting to `action` would send, as a browser sends them."""
    start = page.index(f'action="{action}"')
    form = page[start:page.index("</form>", start)]
    sent: list[tuple[str, str]] = []
    for tag, attrs, inner in INPUT.findall(form):
        a = dict(ATTR.findall(attrs))
        if "name" not in a or a.get("type") in ("submit", "file"):
            continue
        if tag == "select":
            chosen = re.search(r'<option value="([^"]*)" selected', form[form.index(attrs):])
            value = chosen.group(1) if chosen else ""
        elif tag == "textarea":
            value = inner
        else:
            value = a.get("value", "")
        sent.append((a["name"], html.unescape(value)))
    return sent


def save(web: Web, page: str, action: str) -> httpx.Response:
    body = "&".join(f"{httpx.QueryParams({k: v})}" for k, v in fields(page, action)
                    if k != "csrftoken")
    return web.client.post(action, content=f"csrftoken={web.token()}&{body}".encode(),
                           headers={"content-type": "application/x-www-form-urlencoded"},
                           follow_redirects=False)


def test_an_invitation_fills_the_form_and_saving_records_it_once(ada: Web) -> None:
    page = upload(ada, "google.ics")
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert "Filled in from the invitation from José García" in text
    sent = dict(fields(page.text, "/interviews/new"))
    assert (sent["company"], sent["position"]) == ("Globex", "Backend Engineer")
    assert (sent["at"], sent["duration"]) == ("2026-12-08T10:00", "60")
    assert sent["timezone"] == "America/New_York" and sent["format"] == "video"
    assert sent["invitation_uid"] == "7kq2v9d0b1n5m3c8e4r6t2y1u0@google.com"
    names = [v for k, v in fields(page.text, "/interviews/new") if k == "iv_name"]
    assert names[:2] == ["José García", "priya.n@globex.com"]
    assert jsonable(queries.applications(ada.deps, None)) == []  # nothing saved by reading it

    saved = save(ada, page.text, "/interviews/new")
    assert saved.status_code == 303, saved.text
    [app] = jsonable(queries.applications(ada.deps, None))
    assert (app["company"], app["position"]) == ("Globex", "Backend Engineer")

    again = upload(ada, "google.ics")
    assert "already recorded" in again.text
    twice = save(ada, page.text, "/interviews/new")
    assert twice.status_code == 409 and "already recorded as interview" in twice.text
    assert len(jsonable(queries.applications(ada.deps, None))) == 1


def test_an_invitation_without_a_company_asks_for_it(ada: Web) -> None:
    page = upload(ada, "outlook.ics")
    assert "does not say the company or the position" in page.text
    sent = dict(fields(page.text, "/interviews/new"))
    assert sent["company"] == "" and sent["timezone"] == "Europe/Berlin"
    assert sent["format"] == "onsite"


def test_an_update_opens_the_interview_at_its_new_time_and_a_cancel_offers_to_cancel(
        ada: Web) -> None:
    page = upload(ada, "outlook.ics")
    body = page.text.replace('id="company" name="company" value=""',
                             'id="company" name="company" value="Contoso"')
    body = body.replace('id="position" name="position" value=""',
                        'id="position" name="position" value="Data Analyst"')
    assert save(ada, body, "/interviews/new").status_code == 303

    update = upload(ada, "outlook-update.ics")
    assert "moves this interview" in update.text
    sent = dict(fields(update.text, "/interviews/1/edit"))
    assert (sent["at"], sent["invitation_sequence"]) == ("2026-12-11T10:00", "1")
    assert save(ada, update.text, "/interviews/1/edit").status_code == 303
    plan = jsonable(queries.application_plan(ada.deps, 1))
    assert plan["interviews"][0]["start"] == "2026-12-11T09:00:00+00:00"

    cancel = upload(ada, "outlook-cancel.ics")
    assert "cancels this interview" in cancel.text
    assert 'action="/interviews/1/cancel"' in cancel.text


@pytest.mark.parametrize(("data", "words"), [
    (b"", "choose the invitation"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
    (b"\x00\x01\x02" * 1000, "binary"),
    (b"BEGIN:VCALENDAR\r\nX-A:" + b"a" * (30 * 1024 * 1024), "too large"),
])
def test_a_file_that_is_no_invitation_comes_back_with_the_reason(ada: Web, data: bytes,
                                                                words: str) -> None:
    page = upload(ada, "bad.ics", data)
    assert page.status_code == 422 and words in page.text
    assert jsonable(queries.applications(ada.deps, None)) == []


def test_today_proposes_a_mailed_invitation_with_add_and_ignore(ada: Web) -> None:
    from followup.services.invitations import found_in_mail, reader

    with ada.deps.uow() as uow:
        kept = found_in_mail(uow.repo, reader(ada.deps), (FILES / "google.ics").read_bytes(),
                             "<m1@globex.com>", datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
        uow.commit()
    assert kept is not None
    today = html.unescape(ada.get("/").text)
    assert "Proposed interview: Interview: Backend Engineer @ Globex" in today
    assert "(from the invitation of José García" in today
    assert f'href="/invitations/{kept.id}"' in today

    added = ada.get(f"/invitations/{kept.id}")
    assert dict(fields(added.text, "/interviews/new"))["company"] == "Globex"
    assert save(ada, added.text, "/interviews/new").status_code == 303
    assert "Proposed interview" not in ada.get("/").text  # the interview carries it now

    with ada.deps.uow() as uow:
        update = (FILES / "google.ics").read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:1")
        moved = found_in_mail(uow.repo, reader(ada.deps), update, "<m2@globex.com>",
                              datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        uow.commit()
    assert moved is not None and str(moved.change) == "reschedule"
    assert "Interview moved" in ada.get("/").text
    ignored = ada.form(f"/invitations/{moved.id}/ignore")
    assert ignored.status_code == 303
    assert "Interview moved" not in ada.get("/").text
    assert ada.get("/invitations/424242").status_code == 404
