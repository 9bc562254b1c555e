"""Business-card photos read for real (the OCR engines, OpenCV, zxing-cpp) on a few small
photos of rendered cards: the CLI's `contact scan` and the web's "Add from a card photo".
On SQLite only: the reading is what is under test, and each photo costs about a second."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from tests.card_photos import CARDS, sqlite_url_fixture, sqlite_web_fixture  # noqa: F401
from tests.conftest import Cli
from tests.web_client import Web

SIOBHAN, WANG, QR, HEIC = (str(CARDS / n) for n in (
    "siobhan.jpg", "wang-fang.jpg", "qr-vcard.jpg", "zoe-sideways.heic"))


def _interview(user: Cli) -> dict[str, Any]:
    result: dict[str, Any] = user.json(
        "interview", "add", "--company", "Acme Widgets Ltd", "--position", "Engineer",
        "--at", "2026-11-24T14:00", "--interviewer", "Ann Lee <ann@acme.example>")
    return result


def test_scan_reads_four_cards_at_once_and_saves_nothing_without_yes(user: Cli) -> None:
    scan = user.json("contact", "scan", SIOBHAN, WANG, QR, HEIC)
    people = {p["photo"]: p for p in scan["contacts"]}
    assert scan["saved"] is False and len(people) == 4
    siobhan = people[1]
    assert siobhan["name"] == "Siobhán Ó Briain"  # the accents kept
    assert siobhan["title"] == "Senior Talent Partner"
    assert siobhan["organisation"] == "Acme Widgets Ltd"
    assert siobhan["email"] == "siobhan.obriain@acmewidgets.ie"
    assert siobhan["phone"] == "+35312345678" and siobhan["phones_national"] == ["(01) 234 5678"]
    assert siobhan["source"]["name"] == "ocr" and 0 < siobhan["confidence"]["name"] <= 1
    assert siobhan["confirmed"] is False and siobhan["id"] is None
    assert (people[2]["name"], people[2]["email"]) == ("王芳", "wang.fang@northwind.com")
    qr = people[3]  # the QR code's vCard wins over the printed "Jose Garcia"
    assert (qr["name"], qr["title"], qr["source"]["name"]) == (
        "José García", "Technical Recruiter", "qr")
    assert qr["confidence"]["name"] == 1.0
    assert "jose@contoso.com" in qr["emails"]  # the printed address too
    heic = people[4]  # an iPhone photo stored sideways, turned by its EXIF orientation
    assert (heic["name"], heic["phone"]) == ("Zoë Müller", "+353871234567")
    assert user.json("contact", "list") == []


def test_scan_into_an_interview_adds_the_interviewer_and_plans_their_thank_you(
        user: Cli) -> None:
    recorded = _interview(user)
    interview_id = recorded["interview"]["id"]
    text = user("contact", "scan", SIOBHAN, "--interview", str(interview_id))
    assert text.exit_code == 0
    assert "Siobhán Ó Briain" in text.output and "Nothing saved" in text.output
    scan = user.json("contact", "scan", SIOBHAN, "--interview", str(interview_id), "--yes")
    saved = scan["contacts"][0]
    assert scan["saved"] is True and saved["id"] and saved["role"] == "interviewer"
    plan = user.json("plan", str(recorded["application"]["id"]))
    people = {c["name"]: c for c in plan["contacts"]}
    card = people["Siobhán Ó Briain"]
    assert (card["source"], card["confirmed"], card["phone"]) == ("card", False, "+35312345678")
    assert card["email"] == "siobhan.obriain@acmewidgets.ie"
    interview = next(i for i in plan["interviews"] if i["id"] == interview_id)
    assert {p["name"] for p in interview["participants"]} == {"Ann Lee", "Siobhán Ó Briain"}
    thanked = {a["contact"]["name"] for a in plan["actions"]
               if a["kind"] == "thank_you" and a["status"] == "planned"}
    assert "Siobhán Ó Briain" in thanked
    user("contact", "edit", str(saved["id"]), "--name", "Siobhán Ó Briain-Smyth", "--confirmed")
    again = user.json("contact", "scan", SIOBHAN, "--interview", str(interview_id), "--yes")
    assert again["contacts"][0]["id"] == saved["id"]  # known by email: completed, not doubled
    assert again["contacts"][0]["name"] == "Siobhán Ó Briain-Smyth"  # a confirmed name stays


def test_saving_needs_an_application_or_an_interview(user: Cli) -> None:
    result = user("contact", "scan", SIOBHAN, "--yes")
    assert result.exit_code == 4
    assert "--application" in result.stderr
    assert user.json("contact", "list") == []


def test_new_interview_fills_an_interviewer_from_a_card_photo_and_saves_it(web: Web) -> None:
    with open(SIOBHAN, "rb") as photo:
        page = web.client.post("/interviews/new", data={
            "csrftoken": web.token(), "scan": "1", "company": "Acme Widgets Ltd",
            "position": "Engineer", "at": "2026-11-24T14:00", "format": "video",
            "iv_name": ["", ""], "iv_email": ["", ""], "iv_title": ["", ""],
            "iv_topic": ["", ""]}, files={"card": ("card.jpg", photo, "image/jpeg")})
    assert page.status_code == 200, page.text
    body = html.unescape(page.text)
    assert re.search(r'name="iv_name" value="Siobhán Ó Briain"', body)
    assert 'value="siobhan.obriain@acmewidgets.ie"' in body
    assert 'value="+35312345678"' in body  # the phone travels with the row
    assert 'src="data:image/jpeg;base64,' in body  # the card beside what was read
    assert 'capture="environment"' in body and 'accept="image/*"' in body
    assert "Nothing is saved yet" in body
    assert web.client.get("/contacts").text.count("Siobhán") == 0
    saved = web.form("/interviews/new", {
        "company": "Acme Widgets Ltd", "position": "Engineer", "at": "2026-11-24T14:00",
        "format": "video", "iv_name": ["Siobhán Ó Briain", ""],
        "iv_email": ["siobhan.obriain@acmewidgets.ie", ""],
        "iv_title": ["Senior Talent Partner", ""],
        "iv_topic": ["", ""], "iv_phone": ["+35312345678", ""], "iv_card": ["1", ""]})
    assert saved.status_code == 303, saved.text
    contacts = web.client.get("/api/v1/contacts", headers={"x-requested-with": "fetch"}).json()
    person = next(c for c in contacts if c["name"] == "Siobhán Ó Briain")
    assert (person["source"], person["phone"]) == ("card", "+35312345678")


def test_application_page_reads_cards_then_saves_the_checked_people(web: Web) -> None:
    web.form("/interviews/new", {
        "company": "Northwind Technologies", "position": "Engineer", "at": "2026-11-24T14:00",
        "format": "video", "iv_name": ["Ann Lee"], "iv_email": [""], "iv_title": [""],
        "iv_topic": [""]})
    app_id = web.client.get("/api/v1/applications", headers={
        "x-requested-with": "fetch"}).json()[0]["id"]
    page = web.client.get(f"/applications/{app_id}").text
    assert f'action="/applications/{app_id}/cards"' in page and 'type="file"' in page
    with open(WANG, "rb") as photo:
        review = web.client.post(f"/applications/{app_id}/cards",
                                 data={"csrftoken": web.token()},
                                 files={"card": ("wang.jpg", photo, "image/jpeg")})
    assert review.status_code == 200, review.text
    body = html.unescape(review.text)
    assert 'value="王芳"' in body and "Check the cards" in body
    assert '<img src="data:image/jpeg;base64,' in body
    image = re.search(r'name="image" value="([^"]+)"', body)
    assert image
    saved = web.form(f"/applications/{app_id}/cards/save", {
        "name": ["王芳"], "title": ["Engineering Manager"], "organisation": ["Northwind"],
        "email": ["wang.fang@northwind.com"], "phone": ["+861065528899"],
        "role": ["recruiter"], "image": [image.group(1)], "save": ["0"], "confirmed": ["0"]})
    assert saved.status_code == 303, saved.text
    people = html.unescape(web.client.get(f"/applications/{app_id}").text)
    assert "王芳" in people and "recruiter" in people
    assert not (Path(web.deps.cards.folder or "") / "contact-2.jpg").exists()  # type: ignore


def test_without_an_ocr_engine_scan_says_what_to_install(
        user: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.adapters.cards import engines

    monkeypatch.setattr(engines.RapidOcr, "available", staticmethod(lambda: False))
    monkeypatch.setattr(engines.Tesseract, "available", staticmethod(lambda: False))
    result = user("contact", "scan", SIOBHAN)
    assert result.exit_code == 1
    assert "pip install rapidocr-onnxruntime" in result.stderr
    assert "tesseract-ocr-script-latn" in result.stderr


def test_the_card_image_is_kept_only_when_the_setting_says_so(user: Cli, home: Path) -> None:
    recorded = _interview(user)
    assert user("config", "set", "cards.keep_photos", "yes").exit_code == 0
    scan = user.json("contact", "scan", HEIC, "--application",
                     str(recorded["application"]["id"]), "--yes",
                     FOLLOWUP_OCR_ENGINE="rapidocr")
    assert scan["photos_kept"] is True and scan["contacts"][0]["engine"] == "rapidocr"
    kept = home / "cards" / f"contact-{scan['contacts'][0]['id']}.jpg"
    assert kept.read_bytes().startswith(b"\xff\xd8")  # the straightened card, a JPEG
    assert kept.stat().st_mode & 0o077 == 0  # for the user's eyes only


def test_the_settings_page_switches_keeping_card_images_on(web: Web) -> None:
    page = web.client.get("/settings").text
    assert 'id="cards"' in page and 'name="cards.keep_photos"' in page
    saved = web.form("/settings/cards", {"cards.keep_photos": "yes"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#cards")
    assert "Your card photo settings are saved." in web.client.get(
        saved.headers["location"]).text


def test_the_api_reads_a_card_photo_sent_as_base64_and_saves_it_when_asked(web: Web) -> None:
    import base64

    photo = base64.b64encode(Path(QR).read_bytes()).decode()
    read = web.api("POST", "/api/v1/contacts/scan", {"photos": [photo]})
    assert read.status_code == 200, read.text
    person = read.json()["contacts"][0]
    assert (person["name"], person["source"]["name"]) == ("José García", "qr")
    assert read.json()["saved"] is False
    bad = web.api("POST", "/api/v1/contacts/scan", {"photos": ["not base64!"]})
    assert bad.status_code == 422 and "base64" in bad.text
    nowhere = web.api("POST", "/api/v1/contacts/scan",
                      {"photos": [photo], "interview_id": 99, "save": True})
    assert nowhere.status_code == 404
    assert web.api("GET", "/api/v1/contacts").json() == []
