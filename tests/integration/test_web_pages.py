"""The server-rendered pages, in process on SQLite and PostgreSQL: setup, Today, lists, settings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from followup.services import interviews, queries
from followup.services.views import jsonable
from tests.web_client import Web, make_web, web_fixture, web_user_fixture  # noqa: F401

JOSE = interviews.PersonIn("José Núñez", "jose@acme.example")


def add_interview(w: Web, company: str = "Acme", at: str = "2026-11-25T08:00") -> int:
    """An interview this morning (the clock is 09:00): its thank-you is due today."""
    result = jsonable(interviews.add_interview(w.deps, interviews.InterviewForm(
        company=company, position="Data Analyst", at=at, interviewers=[JOSE])))
    return int(result["application"]["id"])


def open_steps(w: Web) -> list[dict[str, object]]:
    return list(jsonable(queries.agenda(w.deps, 30))["actions"])


def thank_you(w: Web) -> dict[str, object]:
    return next(a for a in open_steps(w) if a["kind"] == "thank_you")


def test_an_empty_home_sends_every_page_to_setup(web: Web) -> None:
    for path in ("/", "/applications", "/contacts", "/settings", "/interviews/new"):
        response = web.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/setup"


def test_setup_creates_the_profile_and_opens_today(web: Web) -> None:
    page = web.get("/setup")
    assert page.status_code == 200
    assert '<label for="timezone">' in page.text and "Europe/Dublin" in page.text

    response = web.form("/setup", {"name": "王芳", "email": "wang@example.com",
                                   "timezone": "Europe/Dublin", "country": "ie"})

    assert response.status_code == 303 and response.headers["location"] == "/"
    today = web.get("/")
    assert today.status_code == 200 and "<h1>Today</h1>" in today.text
    assert "Nothing to do right now" in today.text and 'href="/interviews/new"' in today.text
    settings = web.get("/settings").text
    assert 'value="王芳"' in settings and 'value="IE"' in settings
    assert web.get("/setup", follow_redirects=False).headers["location"] == "/settings"


def test_setup_with_a_bad_email_says_why_and_creates_nothing(web: Web) -> None:
    response = web.form("/setup", {"name": "Siobhán", "email": "not an address",
                                   "timezone": "Europe/Dublin"})

    assert response.status_code == 422
    assert "is not an email address" in response.text and "Traceback" not in response.text
    assert 'value="Siobhán"' in response.text  # the form again, with what was typed
    assert web.get("/", follow_redirects=False).headers["location"] == "/setup"


def test_today_shows_the_thank_you_planned_after_an_interview(web_user: Web) -> None:
    app_id = add_interview(web_user)

    page = web_user.get("/").text

    step = thank_you(web_user)
    assert "Thank-you note to José Núñez" in page
    assert str(step["why"]).split("<")[0][:40] in page.replace("&#39;", "'")
    assert f'href="/applications/{app_id}"' in page
    assert f'action="/actions/{step["id"]}/done"' in page
    assert f'href="/actions/{step["id"]}/note"' in page
    assert "due today, " in page or "due tomorrow, " in page


def test_done_by_form_ticks_the_step_off_and_returns_to_today(web_user: Web) -> None:
    add_interview(web_user)
    step = thank_you(web_user)

    response = web_user.form(f"/actions/{step['id']}/done", {"next": "/"})

    assert response.status_code == 303 and response.headers["location"] == "/?ticked=done"
    assert step["id"] not in [a["id"] for a in open_steps(web_user)]
    today = web_user.get("/?ticked=done").text
    assert "Thank-you note to José Núñez" not in today and "Marked done." in today


def test_done_goes_back_only_to_a_page_of_this_site(web_user: Web) -> None:
    add_interview(web_user)
    step = thank_you(web_user)

    response = web_user.form(f"/actions/{step['id']}/done", {"next": "//evil.example/"})

    assert response.headers["location"] == "/?ticked=done"


def test_skip_needs_a_reason_and_keeps_it(web_user: Web) -> None:
    add_interview(web_user)
    step = thank_you(web_user)

    refused = web_user.form(f"/actions/{step['id']}/skip", {"reason": "  "})
    assert refused.status_code == 422 and "reason must not be empty" in refused.text
    assert step["id"] in [a["id"] for a in open_steps(web_user)]

    response = web_user.form(f"/actions/{step['id']}/skip", {"reason": "thanked them in person"})

    assert response.status_code == 303
    plan = jsonable(queries.application_plan(web_user.deps, int(str(step["application_id"]))))
    skipped = next(a for a in plan["actions"] if a["id"] == step["id"])
    assert skipped["status"] == "skipped" and skipped["reason"] == "thanked them in person"


def test_htmx_done_swaps_the_item_for_a_confirmation(web_user: Web) -> None:
    add_interview(web_user)
    step = thank_you(web_user)

    response = web_user.htmx(f"/actions/{step['id']}/done")

    assert response.status_code == 200
    assert response.text.startswith('<li class="item ticked"') and "Done:" in response.text


def test_htmx_error_goes_to_the_message_area(web_user: Web) -> None:
    response = web_user.htmx("/actions/424242/done")

    assert response.status_code == 404
    assert response.headers["hx-retarget"] == "#flash"
    assert "424242" in response.text and "<html" not in response.text


def test_a_step_done_twice_is_refused_with_409(web_user: Web) -> None:
    add_interview(web_user)
    step = thank_you(web_user)
    web_user.form(f"/actions/{step['id']}/done")

    again = web_user.form(f"/actions/{step['id']}/done")

    assert again.status_code == 409 and "already done" in again.text


def test_applications_and_contacts_list_what_was_recorded(web_user: Web) -> None:
    app_id = add_interview(web_user, company="Ó Briain & Sons")

    apps = web_user.get("/applications").text
    contacts = web_user.get("/contacts").text

    assert "Ó Briain &amp; Sons" in apps and f'href="/applications/{app_id}"' in apps
    assert "Thank-you note to José Núñez" in apps
    assert "José Núñez" in contacts and "mailto:jose@acme.example" in contacts
    assert "No application is rejected." in web_user.get("/applications?status=rejected").text
    assert web_user.get("/applications?status=bogus").status_code == 422


def test_settings_change_the_profile_and_a_number(web_user: Web) -> None:
    page = web_user.get("/settings").text
    assert re.search(r'<label for="set-policy-inquiry_after_days">', page)

    profile = web_user.form("/settings/profile", {
        "name": "Siobhán Ó Briain", "email": "siobhan@example.ie",
        "timezone": "America/New_York", "country": "US"})
    number = web_user.form("/settings/policy", {"policy.inquiry_after_days": "9"})

    assert profile.status_code == 303 and number.status_code == 303
    after = web_user.get("/settings?saved=policy").text
    assert 'value="siobhan@example.ie"' in after and "<option selected>America/New_York" in after
    assert re.search(r'name="policy.inquiry_after_days" type="number" value="9"', after)
    assert "The playbook&#39;s numbers are saved." in after


def test_settings_refuse_a_number_out_of_range(web_user: Web) -> None:
    response = web_user.form("/settings/policy", {"policy.inquiry_after_days": "-3"})

    assert response.status_code == 422 and "whole number" in response.text
    assert 'name="policy.inquiry_after_days" type="number" value="-3"' in response.text


def test_a_settings_form_with_one_bad_number_changes_none(web_user: Web) -> None:
    before = web_user.get("/settings").text

    response = web_user.form("/settings/policy", {"policy.interview_minutes": "45",
                                                  "policy.business_start": "18:00",
                                                  "policy.business_end": "09:00"})

    assert response.status_code == 422
    assert "usiness hours must start before they end" in response.text
    assert 'name="policy.interview_minutes" type="number" value="60"' in before
    after = web_user.get("/settings").text
    assert 'name="policy.interview_minutes" type="number" value="60"' in after


def test_a_bad_time_zone_in_settings_is_shown_beside_the_profile(web_user: Web) -> None:
    response = web_user.form("/settings/profile", {
        "name": "Siobhán Ó Briain", "email": "siobhan@example.com", "timezone": "Mars/Base"})

    assert response.status_code == 422 and "Mars/Base" in response.text
    assert 'role="alert"' in response.text
    assert web_user.get("/settings").text.count("<option selected>Europe/Dublin") == 1


def test_the_calendar_feed_needs_its_token(web_user: Web) -> None:
    add_interview(web_user)
    page = web_user.get("/settings").text
    url = re.search(r'id="feed-url" readonly value="([^"]+)"', page)
    assert url is not None
    address = url.group(1).replace("&amp;", "&")
    token = address.split("token=")[1]

    feed = web_user.get(address)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in feed.text and "José Núñez" in feed.text
    assert web_user.get("/calendar.ics?token=wrong").status_code == 404
    assert web_user.get("/calendar.ics").status_code == 404

    web_user.form("/settings/feed")

    assert web_user.get(f"/calendar.ics?token={token}").status_code == 404
    fresh = re.search(r'id="feed-url" readonly value="[^"]+token=([^"]+)"',
                      web_user.get("/settings").text)
    assert fresh is not None and fresh.group(1) != token
    assert web_user.get(f"/calendar.ics?token={fresh.group(1)}").status_code == 200


def test_an_unknown_page_is_a_friendly_404(web_user: Web) -> None:
    response = web_user.get("/no/such/page")

    assert response.status_code == 404
    assert "There is no such page." in response.text and '<a class="button"' in response.text


def test_coming_up_lists_the_next_days_on_its_own_page_and_loads_into_today(
        web_user: Web) -> None:
    add_interview(web_user, at="2026-11-27T10:00")

    today = web_user.get("/").text
    coming = web_user.get("/coming")
    fragment = web_user.client.get("/coming", headers={"hx-request": "true"}).text

    assert "Thank-you note to José Núñez" not in today
    assert 'hx-get="/coming"' in today and 'href="/coming"' in today
    assert coming.status_code == 200 and "Thank-you note to José Núñez" in coming.text
    assert "<html" in coming.text
    assert "Thank-you note to José Núñez" in fragment and "<html" not in fragment


def test_a_long_day_shows_twenty_steps_and_a_link_to_all(web_user: Web) -> None:
    for n in range(21):
        add_interview(web_user, company=f"Firm {n}")

    page = web_user.get("/").text
    everything = web_user.get("/?all=1").text

    assert page.count("Thank-you note to José Núñez</h3>") == 20
    assert 'href="/?all=1#due"' in page and "Show all 21" in page
    assert everything.count("Thank-you note to José Núñez</h3>") == 21


def test_long_lists_come_in_pages(web_user: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.entrypoints.web.pages import lists

    monkeypatch.setattr(lists, "PAGE", 2)
    for company in ("Alpha", "Beta", "Gamma"):
        add_interview(web_user, company=company)

    first = web_user.get("/applications").text
    second = web_user.get("/applications?page=2").text
    beyond = web_user.get("/applications?page=9").text

    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert first.count("<tr>") == 3 and second.count("<tr>") == 2  # with the header row
    assert "Page 2 of 2" in beyond
    assert web_user.get("/applications?page=0").status_code == 422
    assert "Page 1 of 2" in web_user.get("/contacts").text


def test_mail_settings_are_saved_from_settings_and_a_bad_port_changes_none(
        web_user: Web) -> None:
    from followup.services import profile

    page = web_user.get("/settings").text
    assert '<label for="set-smtp-host">SMTP server</label>' in page
    # Passwords have a write-only form of their own (tests/integration/test_web_mail.py).
    mail_form = page[page.index('action="/settings/mail"'):page.index('id="passwords"')]
    assert 'type="password"' not in mail_form
    assert not re.search(r'name="[^"]*password', mail_form)
    assert not re.search(r'type="password"[^>]*value=', page)

    bad = web_user.form("/settings/mail", {"smtp.host": "smtp.example.com", "smtp.port": "70000"})
    assert bad.status_code == 422 and "65535" in bad.text

    saved = web_user.form("/settings/mail", {"smtp.host": "smtp.example.com",
                                             "smtp.security": "ssl", "digest.hour": "07:30",
                                             "mail.from_name": "Siobhán Ó Briain"})
    assert saved.status_code == 303
    values = {i["key"]: i["value"] for i in jsonable(profile.config_list(web_user.deps))}
    assert values["smtp.host"] == "smtp.example.com" and values["smtp.security"] == "ssl"
    assert values["digest.hour"] == "07:30" and values["mail.from_name"] == "Siobhán Ó Briain"
    assert values["smtp.port"] == "587"


def test_a_text_setting_can_be_emptied_but_a_number_cannot(web_user: Web) -> None:
    from followup.services import profile

    web_user.form("/settings/policy", {"policy.note_rules_off": "skills"})
    web_user.form("/settings/policy", {"policy.note_rules_off": "", "policy.note_min_words": ""})

    values = {i["key"]: i["value"] for i in jsonable(profile.config_list(web_user.deps))}
    assert values["policy.note_rules_off"] == "" and values["policy.note_min_words"] == "40"


def test_background_work_runs_while_the_app_serves(web_user: Web) -> None:
    from contextlib import contextmanager

    from fastapi.testclient import TestClient

    from followup.entrypoints.web.app import create_app

    events: list[str] = []

    @contextmanager
    def worker() -> Iterator[None]:
        events.append("started")
        yield
        events.append("stopped")

    with TestClient(create_app(web_user.deps, background=[worker])) as client:
        assert events == ["started"]
        assert client.get("http://127.0.0.1/").status_code == 200
    assert events == ["started", "stopped"]


def test_an_export_after_the_feed_was_shown_keeps_the_token_at_home(web_user: Web) -> None:
    from followup.services import transfer

    add_interview(web_user)
    web_user.get("/settings")  # makes the feed's token
    document = transfer.export(web_user.deps)
    assert "calendar.token" not in document["settings"]


def test_todays_sections_are_the_agenda_split_at_the_target_and_the_deadline(
        web_user: Web, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> None:
    from followup.services import demo, queries

    demo.fill(web_user.deps, size=80, seed=3)
    add_interview(web_user)  # its thank-you's target is tonight, its deadline tomorrow night
    evening = make_web(monkeypatch, home, database_url, now="2026-11-26T10:00:00+00:00")
    deps = next(evening).deps
    today = jsonable(queries.today(deps))["actions"]
    whole = jsonable(queries.today_sections(deps, None))
    first = jsonable(queries.today_sections(deps, 2))
    evening.close()

    assert whole["overdue"] == [a for a in today if a["overdue"]]
    assert whole["past_target"] == [a for a in today if a["past_target"]]
    assert whole["due"] == [a for a in today if not a["overdue"] and not a["past_target"]]
    assert whole["overdue"] + whole["past_target"] + whole["due"] == today
    assert whole["past_target_count"] == len(whole["past_target"]) > 0
    assert whole["overdue_count"] == len(whole["overdue"]) > 2
    assert (first["overdue"], first["overdue_count"]) == (whole["overdue"][:2],
                                                          whole["overdue_count"])
    assert (first["due"], first["due_count"]) == (whole["due"][:2], whole["due_count"])
    assert (first["past_target"], first["past_target_count"]) == (
        whole["past_target"][:2], whole["past_target_count"])


LONG_NAMES = ["Siobhán Ó Briain-Featherstonehaugh", "Maximiliano Alejandro Núñez de la Fuente",
              "王芳"]


def timeline_texts(page: str, kind: str) -> list[list[str]]:
    """The lines of each `tl-KIND` text of the page's timeline (the first, then <tspan>s)."""
    svg = page[page.index("<svg"):page.index("</svg>")]
    return [[html.unescape(line) for line in re.findall(r"(?:^|<tspan[^>]*>)([^<]*)", text)]
            for text in re.findall(rf'<text class="tl-{kind}"[^>]*>(.*?)</text>', svg)]


def test_the_timeline_writes_every_long_name_whole_starting_a_line_of_its_own(
        web_user: Web) -> None:
    result = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        company="Acme", position="Data Analyst", at="2026-11-24T14:00",
        interviewers=[interviews.PersonIn(n) for n in LONG_NAMES],
        decision_by="no later than the end of the next month")))

    page = web_user.get(f"/applications/{result['application']['id']}").text

    titles = ["".join(lines) for lines in timeline_texts(page, "title")]
    for name in LONG_NAMES:
        assert f"Thank-you note to {name}" in titles
    for name in LONG_NAMES[:2]:  # too long to share a line with the step's words
        named = [lines for lines in timeline_texts(page, "title")
                 if "".join(lines).endswith(name)]
        assert named and all(any("".join(lines[k:]) == name for k in range(1, len(lines)))
                             for lines in named)
    details = ["".join(lines) for lines in timeline_texts(page, "detail")]
    assert "“no later than the end of the next month”" in details
    assert "…" not in page[page.index("<svg"):page.index("</svg>")]


def test_the_fallback_font_app_css_names_is_served_by_the_app_and_kept(web_user: Web) -> None:
    from followup.entrypoints.web.fonts import FONTS

    css = web_user.get("/static/app.css").text
    source = re.search(r'src: url\("([^"]+)"\)', css)
    assert source, "app.css declares no font file"
    url = urljoin("/static/app.css", source.group(1))

    font = web_user.get(url)

    assert font.status_code == 200 and font.headers["content-type"] == "font/ttf"
    assert "max-age=" in font.headers["cache-control"] and font.headers["etag"]
    assert font.content == (FONTS / url.rsplit("/", 1)[1]).read_bytes()
    again = web_user.get(url, headers={"if-none-match": font.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
