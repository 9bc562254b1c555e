"""The fixtures of the card photo tests: on SQLite only, since the reading is what is under
test and each photo costs about a second of OCR. Import them into a test module:

    from tests.card_photos import CARDS, sqlite_url_fixture, sqlite_web_fixture  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_client import Web, make_web

CARDS = Path(__file__).resolve().parent / "fixtures" / "cards"
"""Small photos of rendered cards (made with benchmarks/cards/render.py)."""


@pytest.fixture(name="database_url")
def sqlite_url_fixture(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cards.db'}"


@pytest.fixture(name="web")
def sqlite_web_fixture(monkeypatch: pytest.MonkeyPatch, home: Path,
                       database_url: str) -> Iterator[Web]:
    """The web app on a home with a profile (Dublin, IE), on SQLite."""
    yield from make_web(monkeypatch, home, database_url, profile=True)
