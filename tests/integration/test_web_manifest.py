"""The web app manifest and the home-screen icons, in process (the browser suite adds Chromium's
own reading of them in tests/browser/test_phone.py)."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urljoin

from PIL import Image

from followup.entrypoints.web.security import CSP
from tests.web_client import Web, web_fixture, web_user_fixture  # noqa: F401

MANIFEST = "/manifest.webmanifest"


def test_the_manifest_is_served_as_a_manifest_before_setup_too(web: Web) -> None:
    response = web.get(MANIFEST)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Followup"
    assert manifest["short_name"] == "Followup"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert "manifest-src 'self'" in CSP
    assert response.headers["content-security-policy"] == CSP


def test_the_manifest_colours_are_the_style_sheets(web: Web) -> None:
    manifest = web.get(MANIFEST).json()
    css = web.get("/static/app.css").text

    def colour(name: str) -> str:
        found = re.search(rf"--{name}:\s*(#[0-9a-f]{{6}})", css, re.I)
        assert found, name
        return found.group(1).lower()

    assert manifest["theme_color"] == colour("accent")
    assert manifest["background_color"] == colour("bg")


def test_every_icon_the_manifest_names_is_a_png_of_its_declared_size(web: Web) -> None:
    manifest = web.get(MANIFEST).json()
    purposes = set()
    for icon in manifest["icons"]:
        response = web.get(urljoin(MANIFEST, icon["src"]))
        assert response.status_code == 200, icon["src"]
        assert response.headers["content-type"] == icon["type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG"
        assert f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add((icon["sizes"], icon["purpose"]))
        if icon["purpose"] == "maskable":  # a mask cuts it anywhere: no see-through corner
            assert image.mode == "RGB"
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_every_page_links_the_manifest_and_the_ios_icon(web_user: Web) -> None:
    page = web_user.get("/").text

    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#1f5fbf">' in page
    assert '<meta name="apple-mobile-web-app-capable" content="yes">' in page
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
    assert touch
    image = Image.open(io.BytesIO(web_user.get(touch.group(1)).content))
    assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")
