"""Hostile card photos: what is not a photo, a photo too large, a decompression bomb, a lie
about its format. Each is a clear error (exit 4 on the CLI, 422 on the web) before any OCR
runs, and nothing is saved."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from followup.domain import limits
from tests.card_photos import CARDS, sqlite_url_fixture, sqlite_web_fixture  # noqa: F401
from tests.conftest import Cli
from tests.web_client import Web


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "GIF")
    return out.getvalue()


BOMB = _png(12_000, 12_000)
"""144 million pixels in a few kilobytes: it unpacks to far more than any card photo."""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "text": b"BEGIN:VCARD\r\nFN:Not a photo\r\nEND:VCARD\r\n",
        "empty": b"",
        "truncated": (CARDS / "siobhan.jpg").read_bytes()[:3000],
        "bomb": BOMB,
        "gif": _gif(),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = tmp_path / f"{name}.jpg"
        paths[name].write_bytes(data)
    large = tmp_path / "large.jpg"
    with large.open("wb") as out:  # 30 MB, sparse: a JPEG's start, then nothing
        out.write(b"\xff\xd8\xff\xe0")
        out.truncate(30_000_000)
    paths["large"] = large
    return paths


@pytest.mark.parametrize(("name", "said"), [
    ("text", "not an image"), ("empty", "not an image"), ("truncated", "cannot be read"),
    ("bomb", "too many pixels"), ("gif", "not a photo this reads"),
    ("large", "too large"),
])
def test_a_hostile_photo_is_refused_quickly_and_nothing_is_saved(
        user: Cli, files: dict[str, Path], name: str, said: str) -> None:
    user.json("interview", "add", "--company", "Acme", "--position", "Engineer",
              "--at", "2026-11-24T14:00")
    start = time.perf_counter()
    result = user("contact", "scan", str(files[name]), "--interview", "1", "--yes")
    assert result.exit_code == 4, result.output + result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.perf_counter() - start < 10
    assert user.json("contact", "list") == []


def test_too_many_photos_at_once_are_refused(user: Cli, files: dict[str, Path]) -> None:
    many = [str(files["gif"])] * (limits.PHOTOS + 1)
    result = user("contact", "scan", *many)
    assert result.exit_code == 4 and f"at most {limits.PHOTOS}" in result.stderr


def test_the_web_refuses_a_bomb_and_a_non_image_with_the_form_kept(web: Web) -> None:
    for data, said in ((BOMB, "too many pixels"), (b"%PDF-1.7\n", "not an image")):
        page = web.client.post("/interviews/new", data={
            "csrftoken": web.token(), "scan": "1", "company": "Acme <b>", "position": "Eng",
            "iv_name": [""], "iv_email": [""], "iv_title": [""], "iv_topic": [""]},
            files={"card": ("card.jpg", data, "image/jpeg")})
        assert page.status_code == 422, page.text
        assert said in page.text and 'value="Acme &lt;b&gt;"' in page.text
        assert 'aria-invalid="true"' in page.text
    empty = web.client.post("/interviews/new", data={"csrftoken": web.token(), "scan": "1"},
                            files={"card": ("", b"", "application/octet-stream")})
    assert empty.status_code == 422 and "choose a photo" in empty.text
    large = web.client.post("/interviews/new", data={"csrftoken": web.token(), "scan": "1"},
                            files={"card": ("big.jpg", b"\xff" * (limits.PHOTO_BYTES + 1),
                                            "image/jpeg")})
    assert large.status_code == 422 and "too large" in large.text
    assert web.client.get("/api/v1/contacts", headers={"x-requested-with": "fetch"}).json() == []


def test_among_several_photos_the_error_names_the_one_refused(
        user: Cli, files: dict[str, Path]) -> None:
    result = user("contact", "scan", str(files["gif"]), str(files["text"]))
    assert result.exit_code == 4
    assert "card photo 1: a GIF image is not a photo this reads" in result.stderr
