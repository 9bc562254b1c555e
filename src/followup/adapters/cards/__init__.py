"""Business-card photos read on this machine: the photo opened safely, the card found and
straightened, its QR code decoded, its printed text read by an OCR engine. Pillow, OpenCV
and the engines are imported only when a photo is read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from followup.services.ports import CardText

if TYPE_CHECKING:
    from followup.adapters.cards.engines import Engine


class CardScanner:
    """The PhotoReader: one OCR engine, loaded on first use and kept for the next photo."""

    def __init__(self, folder: str | None = None, choice: str = "auto") -> None:
        self.folder = folder
        """Where the card images a user keeps go (None: nowhere)."""
        self.choice = choice
        self._engine: Engine | None = None

    def read(self, photo: bytes) -> CardText:
        from followup.adapters.cards.codes import qr_codes
        from followup.adapters.cards.engines import engine
        from followup.adapters.cards.photo import jpeg, open_photo, straighten

        image = open_photo(photo)
        if self._engine is None:
            self._engine = engine(self.choice)
        card = straighten(image)
        codes = qr_codes(card, image)
        return CardText(codes, tuple(self._engine.lines(card)), self._engine.name, jpeg(card))

    def keep(self, image: bytes, contact_id: int) -> None:
        if self.folder is None:
            return
        folder = Path(self.folder)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / f"contact-{contact_id}.jpg"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(image)
