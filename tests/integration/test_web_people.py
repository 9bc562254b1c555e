"""The people page: a vCard upload, a pasted signature checked before it is saved, and the
records of one person merged, on SQLite and PostgreSQL, without JavaScript."""

from __future__ import annotations

import html
from pathlib import Path

import httpx

from followup.services import contacts, interviews, people
from followup.services.views import jsonable
from tests.web_client import Web, web_fixture, web_user_fixture  # noqa: F401

CARDS = Path(__file__).parent.parent / "unit" / "vcards"
SIGNATURE = ("Dear Siobhán,\nthank you for your time.\n\nKind regards,\nAoife Ní Bhriain\n"
             "Talent Partner | Acme Ltd\nT: 01 555 0109\naoife@acme.example\n")


def add_interview(w: Web, *people: interviews.PersonIn, company: str = "Acme Ltd") -> int:
    result = jsonable(interviews.add_interview(w.deps, interviews.InterviewForm(
        company=company, position="Data Analyst", at="2026-11-25T08:00",
        interviewers=list(people))))
    return int(result["application"]["id"])


def upload(w: Web, data: bytes, application: int | str = "") -> httpx.Response:
    return w.client.post("/contacts/import", data={"csrftoken": w.token(),
                                                   "application_id": str(application)},
                         files={"file": ("people.vcf", data, "text/vcard")},
                         follow_redirects=True)


def test_an_uploaded_vcard_adds_people_marked_from_the_card(web_user: Web) -> None:
    app = add_interview(web_user, interviews.PersonIn("Jose Nunez", "jose.nunez@acme.example"))

    page = upload(web_user, (CARDS / "apple.vcf").read_bytes(), app)

    text = html.unescape(page.text)
    assert page.status_code == 200
    assert "From the vCard: 1 added, 1 updated." in text
    assert "José Núñez" in text and "王芳" in text and "from the card" in text
    assert "087 123 4567" in text and 'href="tel:+353871234567"' in text
    assert len(jsonable(contacts.list_contacts(web_user.deps))) == 2


def test_the_application_page_leads_to_the_forms_with_its_application_chosen(
        web_user: Web) -> None:
    app = add_interview(web_user)
    assert f'href="/contacts?application={app}#add-heading"' in web_user.get(
        f"/applications/{app}").text
    page = web_user.get(f"/contacts?application={app}").text
    assert page.count(f'<option value="{app}" selected>') == 2  # the vCard and the signature


def test_a_bad_upload_says_why_beside_the_form_and_saves_nothing(web_user: Web) -> None:
    add_interview(web_user)
    for data, said in ((b"\x00\x01binary", "binary"), (b"just text", "no vCard"),
                       (b"BEGIN:VCARD\r\n" + b"A" * 2_100_000, "too large")):
        page = upload(web_user, data)
        assert page.status_code == 422 and said in page.text
    assert jsonable(contacts.list_contacts(web_user.deps)) == []
    assert "choose a vCard file" in web_user.client.post(
        "/contacts/import", data={"csrftoken": web_user.token()},
        files={"file": ("", b"", "text/vcard")}).text


def test_a_pasted_signature_is_shown_to_check_and_saved_only_when_confirmed(
        web_user: Web) -> None:
    app = add_interview(web_user)

    review = web_user.form("/contacts/signature", {"signature": SIGNATURE,
                                                   "application_id": str(app)})
    assert jsonable(contacts.list_contacts(web_user.deps)) == []
    text = html.unescape(review.text)
    assert 'value="Aoife Ní Bhriain"' in text and 'value="Talent Partner"' in text
    assert 'value="(01) 555 0109"' in text and 'value="aoife@acme.example"' in text

    saved = web_user.form("/contacts/signature/save", {
        "name": "Aoife Ní Bhriain", "title": "Talent Partner", "organisation": "Acme Ltd",
        "email": "aoife@acme.example", "phone": "(01) 555 0109", "website": "",
        "application_id": str(app)}, follow=True)

    assert "Saved; the spelling is marked as confirmed." in saved.text
    [aoife] = jsonable(contacts.list_contacts(web_user.deps))
    assert aoife["confirmed"] is True and aoife["phone"] == "+35315550109"
    assert aoife["source"] == "email"


def test_a_signature_without_a_name_or_a_review_without_application_is_refused(
        web_user: Web) -> None:
    add_interview(web_user)
    nameless = web_user.form("/contacts/signature", {"signature": "+353 1 555 0100"})
    unplaced = web_user.form("/contacts/signature/save", {"name": "Aoife", "phone": "12"})
    assert nameless.status_code == 422 and "no name found" in nameless.text
    assert unplaced.status_code == 422 and "choose the application" in unplaced.text
    assert jsonable(contacts.list_contacts(web_user.deps)) == []


def test_the_list_offers_to_merge_the_same_person_and_merges_them(web_user: Web) -> None:
    add_interview(web_user, interviews.PersonIn("José Núñez", "jose@acme.example"),
                  interviews.PersonIn("Jose Nunez", "jn@acme.example"))
    page = web_user.get("/contacts").text
    assert "These look like the same person" in page
    assert "the same name at the same company" in page
    pair = people.people(web_user.deps).duplicates[0]

    merged = web_user.form("/contacts/merge", {"keep_id": str(pair.keep.id),
                                               "other_id": str(pair.other.id)}, follow=True)

    assert "Merged: one person" in merged.text
    assert "These look like the same person" not in merged.text
    [kept] = jsonable(contacts.list_contacts(web_user.deps))
    assert kept["emails"] == ["jose@acme.example", "jn@acme.example"]
