"""QR codes on a card photo, decoded with zxing-cpp."""

from __future__ import annotations

import numpy as np
from PIL import Image


def qr_codes(*images: Image.Image) -> tuple[str, ...]:
    """The text of every QR code on the first of `images` that has one."""
    import zxingcpp

    wanted = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)
    for image in images:
        found = zxingcpp.read_barcodes(np.asarray(image))
        texts = tuple(b.text for b in found if b.format in wanted and b.text)
        if texts:
            return texts
    return ()
