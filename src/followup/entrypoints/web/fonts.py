"""The bundled fonts, for browsers on systems that lack a script a name is written in (王芳).

app.css declares DroidSansFallbackFull.ttf (4 MB, Apache 2.0, the font the PDF letters fall back
on too) with a `unicode-range`, so a browser fetches it only for a page that has such a
character on it. It is served as is: a woff2 needs brotli, and a subset cannot know the names a
user will type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.responses import Response
from starlette.staticfiles import StaticFiles

FONTS = Path(__file__).parents[2] / "adapters" / "fonts"
WEEK = 7 * 24 * 3600


class Fonts(StaticFiles):
    """The fonts' folder, kept by browsers for a week and then revalidated by its ETag."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["cache-control"] = f"public, max-age={WEEK}"
        return response
