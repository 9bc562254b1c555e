"""The web app manifest: what a phone needs to put Followup on its home screen."""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter()

BRAND = "#1f5fbf"
"""app.css --accent: the icons' square and the phone's status bar."""
BACKGROUND = "#f6f7f9"
"""app.css --bg: the splash screen behind the icon while the first page loads."""

# Icon paths are relative to the manifest's own address, as the standard resolves them.
ICONS = [
    {"src": "static/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "static/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "static/icon-maskable-512.png", "sizes": "512x512", "type": "image/png",
     "purpose": "maskable"},
]
MANIFEST = {
    "id": "/",
    "name": "Followup",
    "short_name": "Followup",
    "description": "Plans and tracks your follow-up after job interviews.",
    "lang": "en",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "theme_color": BRAND,
    "background_color": BACKGROUND,
    "icons": ICONS,
    "shortcuts": [
        {"name": "New interview", "url": "/interviews/new",
         "description": "Record an interview you just had", "icons": ICONS[:1]},
        {"name": "Today", "url": "/", "icons": ICONS[:1]},
    ],
}
BODY = json.dumps(MANIFEST, ensure_ascii=False, indent=1).encode()


@router.get("/manifest.webmanifest", include_in_schema=False)
def manifest() -> Response:
    """The manifest as JSON; served before setup and without a login, as browsers fetch it."""
    return Response(BODY, media_type="application/manifest+json",
                    headers={"Cache-Control": "public, max-age=3600"})
