"""Moving in on the web: upload a CSV file, map its columns, preview, import; and restore a
backup from Settings, all or nothing."""

from __future__ import annotations

import re

import httpx

from tests.integration.test_moving_in import MAP, SHEET
from tests.unit.test_moving_in import huntr_file
from tests.web_client import Web, web_fixture, web_user_fixture  # noqa: F401


def _upload(w: Web, path: str, field: str, name: str, data: bytes,
            **fields: str) -> httpx.Response:
    """Posts a multipart form as a browser does: the CSRF token first, then the file."""
    return w.client.post(path, data={"csrftoken": w.token(), **fields},
                         files={field: (name, data, "text/csv")}, follow_redirects=False)


def _key(page: str) -> str:
    found = re.search(r'name="key" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def _applications(w: Web) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = w.api("GET", "/api/v1/applications").json()
    return listed


def _add_interview(w: Web) -> None:
    response = w.api("POST", "/api/v1/interviews", {
        "company": "Globex", "position": "Analyst", "start": "2026-11-24T10:00"})
    assert response.status_code == 201, response.text


def test_applications_and_settings_lead_to_the_import(web_user: Web) -> None:
    assert 'href="/import"' in web_user.get("/applications").text
    assert 'href="/import"' in web_user.get("/settings").text
    page = web_user.get("/import")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text


def test_a_huntr_export_is_previewed_then_imported(web_user: Web) -> None:
    _add_interview(web_user)
    page = _upload(web_user, "/import", "file", "huntr.csv", huntr_file(), source="huntr")
    assert page.status_code == 200, page.text
    assert "3 applications" in page.text
    assert "Imported" not in page.text  # the flash of a finished import is not shown yet
    assert "王芳 Tech" in page.text and "Wishlist" in page.text
    assert len(_applications(web_user)) == 1  # a preview writes nothing
    done = web_user.form("/import/preview", {"key": _key(page.text), "source": "huntr",
                                             "go": "yes"})
    assert done.status_code == 303
    assert done.headers["location"] == "/import?imported=3&passed=1"
    assert "Imported 3 applications" in web_user.get(done.headers["location"]).text
    assert len(_applications(web_user)) == 4
    # The file is gone once imported: posting again imports nothing twice.
    again = web_user.form("/import/preview", {"key": _key(page.text), "source": "huntr",
                                              "go": "yes"})
    assert again.status_code == 410
    assert len(_applications(web_user)) == 4


def test_a_spreadsheets_columns_are_mapped_on_the_page(web_user: Web) -> None:
    page = _upload(web_user, "/import", "file", "jobs.csv", SHEET, source="csv")
    # German column names say nothing to Followup: the page asks for the map.
    assert page.status_code == 422
    assert "No column gives the company or the position: say which" in page.text
    assert '<option value="Firma">Firma</option>' in page.text
    chosen = {f"map_{pair.split('=')[0]}": pair.split("=")[1] for pair in MAP.split(",")}
    preview = web_user.form("/import/preview", {"key": _key(page.text), "source": "csv",
                                                "preview": "yes", **chosen})
    assert preview.status_code == 200, preview.text
    assert '<option value="Firma" selected>Firma</option>' in preview.text
    assert "long past recorded as skipped (imported history)" in preview.text
    done = web_user.form("/import/preview", {"key": _key(page.text), "source": "csv",
                                             "go": "yes", **chosen})
    assert done.status_code == 303, done.text
    assert {a["company"] for a in _applications(web_user)} == {"Café Müller", "Initech", "Acme"}


def test_a_bad_file_is_shown_as_one_error_and_imports_nothing(web_user: Web) -> None:
    bad = huntr_file().replace(b"2026-09-26T19:17:05.000Z", b"26/09/2026")
    page = _upload(web_user, "/import", "file", "huntr.csv", bad, source="huntr")
    assert page.status_code == 422
    assert "Line 2: the date applied is" in page.text
    assert 'name="go"' not in page.text
    binary = _upload(web_user, "/import", "file", "x.csv", b"\x00\x01" * 100, source="csv")
    assert binary.status_code == 422 and "binary data" in binary.text
    assert _applications(web_user) == []


def test_a_backup_is_restored_from_settings_all_or_nothing(web_user: Web) -> None:
    _add_interview(web_user)
    backup = web_user.api("GET", "/api/v1/export").content
    assert web_user.api("DELETE", "/api/v1/applications/1").status_code == 200
    assert _applications(web_user) == []
    done = _upload(web_user, "/settings/restore", "backup", "backup.json", backup)
    assert done.status_code == 303, done.text
    assert "The backup is restored" in web_user.get(done.headers["location"]).text
    assert [a["company"] for a in _applications(web_user)] == ["Globex"]
    # The home now holds applications: a second restore is refused and changes nothing.
    refused = _upload(web_user, "/settings/restore", "backup", "backup.json", backup)
    assert refused.status_code == 409
    assert "already holds applications" in refused.text
    assert len(_applications(web_user)) == 1


def test_a_broken_backup_is_refused_with_the_reason(web_user: Web) -> None:
    refused = _upload(web_user, "/settings/restore", "backup", "backup.json", b"{not json")
    assert refused.status_code == 422
    assert "not a JSON file" in refused.text
    assert _applications(web_user) == []


def test_the_api_imports_with_a_dry_run_first(web_user: Web) -> None:
    body = {"from": "csv", "csv": SHEET.decode("utf-8-sig"), "dry_run": True,
            "map": {pair.split("=")[0]: pair.split("=")[1] for pair in MAP.split(",")}}
    dry = web_user.api("POST", "/api/v1/imports", body)
    assert dry.status_code == 200, dry.text
    assert (dry.json()["applications"], dry.json()["dry_run"]) == (3, True)
    assert _applications(web_user) == []
    done = web_user.api("POST", "/api/v1/imports", {**body, "dry_run": False}).json()
    assert (done["applications"], done["steps_skipped"]) == (3, 4)
    assert done["made"][0]["interview_at"] == "2026-08-10T10:00:00+01:00"  # Dublin's summer
    assert len(_applications(web_user)) == 3


def test_the_api_refuses_a_bad_file_with_the_reason(web_user: Web) -> None:
    bad = web_user.api("POST", "/api/v1/imports", {"from": "huntr", "csv": "a,b\n1,2\n"})
    assert bad.status_code == 422
    assert bad.json()["error"]["message"].startswith("the file has no column")
    surrogate = web_user.client.post(
        "/api/v1/imports", content=rb'{"from": "csv", "csv": "Company,Position\nA\ud800,B\n"}',
        headers={"content-type": "application/json"})
    assert surrogate.status_code == 422  # a lone surrogate is not text
    assert surrogate.json()["error"]["field"] == "csv"
    assert _applications(web_user) == []


def test_the_cli_and_the_api_offer_the_same_sources() -> None:
    from typing import get_args

    from followup.domain.moving_in import SOURCES
    from followup.entrypoints.web.api_moving_in import Source

    assert get_args(Source) == SOURCES


def test_an_uploaded_file_is_kept_for_its_owner_only_and_a_few_at_a_time() -> None:
    from followup.entrypoints.web.pages.moving_in import Uploads

    uploads = Uploads()
    first = uploads.keep(1, "a.csv", b"A")
    assert uploads.get(1, first) == ("a.csv", b"A")
    assert uploads.get(2, first) is None  # another user of a hosted app
    later = [uploads.keep(1, f"{n}.csv", b"x") for n in range(Uploads.KEPT)]
    assert uploads.get(1, first) is None  # the oldest made room
    assert uploads.get(1, later[-1]) == (f"{Uploads.KEPT - 1}.csv", b"x")
