"""Opening a card photo safely (JPEG, PNG, WebP, HEIC; within the limits; turned as the camera
says) and finding the card in it: its outline, straightened to a flat rectangle."""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from followup.domain import limits
from followup.domain.errors import InvalidInput

FORMATS = ("JPEG", "PNG", "WEBP", "HEIF", "MPO")
"""What a phone or a scanner writes (MPO: the JPEG some cameras save)."""
LONGEST = 2000
"""Pixels along the photo's longer side once opened: plenty for a card, and quick to read."""
CARD_WIDTH = 1200
"""Pixels across a straightened card."""
Array = np.ndarray[Any, Any]


def _heif() -> None:
    """Teaches Pillow to open iPhone photos (HEIC), when pillow-heif is installed."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - a declared dependency
        return
    register_heif_opener()


def open_photo(data: bytes) -> Image.Image:
    """The photo as RGB, upright (EXIF orientation applied), at most LONGEST pixels on a side.
    What is not such a photo, too large, or unpacks to too many pixels is InvalidInput."""
    if len(data) > limits.PHOTO_BYTES:
        raise InvalidInput(f"the photo is too large ({len(data) / 1e6:.0f} MB; at most "
                           f"{limits.PHOTO_BYTES // 1_000_000} MB)", field="photo")
    _heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            if opened.format not in FORMATS:
                raise InvalidInput(f"a {opened.format} image is not a photo this reads; use "
                                   "JPEG, PNG, WebP or HEIC", field="photo")
            width, height = opened.size
            if width * height > limits.PHOTO_PIXELS:
                raise InvalidInput(f"the photo has too many pixels ({width} × {height}; at "
                                   f"most {limits.PHOTO_PIXELS // 1_000_000} million)",
                                   field="photo")
            opened.draft("RGB", (LONGEST, LONGEST))
            image = ImageOps.exif_transpose(opened).convert("RGB")
            image.thumbnail((LONGEST, LONGEST))
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        what = "not an image" if isinstance(exc, UnidentifiedImageError) else "too many pixels"
        raise InvalidInput(f"the file is {what}; give a photo (JPEG, PNG, WebP or HEIC)",
                           field="photo") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(f"the photo cannot be read ({exc})", field="photo") from None
    return image


def _corners(points: Array) -> Array:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    pts = points.reshape(4, 2).astype("float32")
    total, diff = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(total)], pts[np.argmin(diff)], pts[np.argmax(total)],
                     pts[np.argmax(diff)]], dtype="float32")


def _outline(gray: Array) -> Array | None:
    """The card's four corners: the largest four-sided shape that stands out from what is
    behind it (by its edges, else by its brightness), or None when nothing covers a tenth of
    the photo."""
    import cv2

    area = gray.shape[0] * gray.shape[1]
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(blurred, 30, 120), np.ones((5, 5), np.uint8), iterations=2)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    for mask in (bright, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            size = cv2.contourArea(contour)
            if not 0.1 * area < size < 0.97 * area:
                continue
            hull = cv2.convexHull(contour)
            quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
            if len(quad) != 4:
                quad = cv2.boxPoints(cv2.minAreaRect(hull)).astype("int32")
            return _corners(quad)
    return None


def straighten(image: Image.Image) -> Image.Image:
    """The card alone, flat and upright (landscape unless it is clearly a portrait card); the
    whole photo when no card stands out."""
    import cv2

    pixels = np.asarray(image)
    corners = _outline(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY))
    if corners is None:
        return image
    tl, tr, br, bl = corners
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    if width < 50 or height < 50:
        return image
    scale = CARD_WIDTH / max(width, height)
    size = (round(width * scale), round(height * scale))
    target = np.array([[0, 0], [size[0] - 1, 0], [size[0] - 1, size[1] - 1], [0, size[1] - 1]],
                      dtype="float32")
    matrix = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(pixels, matrix, size, flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat)


def even_light(image: Image.Image) -> Image.Image:
    """The card in grey with its lighting evened out (each pixel divided by the blurred
    brightness around it), so that a shadow across the card does not hide its text from an
    engine that thresholds the whole image at once, as Tesseract does."""
    import cv2

    gray = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2GRAY)
    background = cv2.GaussianBlur(gray, (0, 0), 25)
    return Image.fromarray(cv2.divide(gray, background, scale=255))


def jpeg(image: Image.Image, longest: int = 1000) -> bytes:
    """A small JPEG of `image` for the user to see (no metadata carried over)."""
    small = image.copy()
    small.thumbnail((longest, longest))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()
