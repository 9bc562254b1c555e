"""Draws the app's icons (the favicon's check mark on the brand colour) as the PNG files the web
app manifest and iOS ask for, into entrypoints/web/static/. Run once after changing the design:

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "src/followup/entrypoints/web/static"
BRAND = (0x1F, 0x5F, 0xBF)  # app.css --accent, the favicon's square
INK = (0xFF, 0xFF, 0xFF)  # app.css --accent-ink
CHECK = [(9.0, 16.5), (13.5, 21.0), (23.0, 11.5)]
"""favicon.svg's check mark, in its 32-unit grid."""
STROKE = 3.2
SUPERSAMPLE = 4
"""Drawn this many times larger, then scaled down: smooth edges without an SVG renderer."""


def draw(size: int, *, rounded: bool, scale: float = 1.0) -> Image.Image:
    """The icon at `size` px: a rounded square with clear corners (a browser shows it as is),
    or a full square (`rounded=False`) that iOS and Android's masks cut to their own shape.
    `scale` sizes the check mark about the centre (a maskable one stays in the safe zone)."""
    big = size * SUPERSAMPLE
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(7 * unit), fill=BRAND)
    else:
        pen.rectangle((0, 0, big - 1, big - 1), fill=BRAND)
    # The check mark's middle is its box's centre (16, 16.25): scale about it.
    points = [((16 + (x - 16) * scale) * unit, (16.25 + (y - 16.25) * scale) * unit)
              for x, y in CHECK]
    r = STROKE * scale * unit / 2
    # A round-capped, round-joined stroke: a quadrilateral per segment, a disc at each point.
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        nx, ny = (y1 - y2) / length * r, (x2 - x1) / length * r
        pen.polygon([(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny),
                     (x1 - nx, y1 - ny)], fill=INK)
    for x, y in points:
        pen.ellipse((x - r, y - r, x + r, y + r), fill=INK)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    return small if rounded else small.convert("RGB")  # no transparency for masks and iOS


def main() -> None:
    icons = {
        "icon-192.png": draw(192, rounded=True, scale=1.15),
        "icon-512.png": draw(512, rounded=True, scale=1.15),
        # Android's masks keep the central circle of 80% of the width: the mark stays inside
        # it (its farthest point is 35% of the width from the centre).
        "icon-maskable-512.png": draw(512, rounded=False, scale=1.1),
        "apple-touch-icon.png": draw(180, rounded=False, scale=1.15),
    }
    for name, icon in icons.items():
        path = STATIC / name
        icon.save(path, optimize=True)
        size = icon.width
        print(f"{path.relative_to(STATIC.parents[3])}: {size}x{size}, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
