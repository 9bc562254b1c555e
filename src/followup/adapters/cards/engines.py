"""The OCR engines, offline on the CPU: RapidOCR (its models ship inside its wheel; it reads
Latin and Chinese script but drops accents) and Tesseract (Debian's, with its Latin-script
model, which keeps accents). `Both` reads with RapidOCR and takes each line's accents from
Tesseract where the two agree on the letters."""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np
from PIL import Image

from followup.domain.card_text import UNACCENTED, Line
from followup.domain.errors import EnvironmentFault

INSTALL = ("no OCR engine is installed: `pip install rapidocr-onnxruntime`, or on Debian "
           "`apt-get install tesseract-ocr tesseract-ocr-script-latn`")
TESSERACT_TIMEOUT = 30.0
CHOICES = ("auto", "both", "rapidocr", "tesseract")


class Engine(Protocol):
    name: str

    def lines(self, image: Image.Image) -> list[Line]: ...


class RapidOcr:
    """RapidOCR with the models its wheel carries (loaded once, on first use)."""

    name = "rapidocr"

    def __init__(self) -> None:
        self._engine: Callable[..., Any] | None = None

    @staticmethod
    def available() -> bool:
        try:
            import rapidocr_onnxruntime  # noqa: F401
        except ImportError:
            return False
        return True

    def lines(self, image: Image.Image) -> list[Line]:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            self._engine = RapidOCR()
        found, _ = self._engine(np.asarray(image), use_cls=False)
        lines = []
        for box, text, score in found or []:
            ys = [p[1] for p in box]
            lines.append(Line(_spaced(str(text)), float(score), max(ys) - min(ys), min(ys)))
        return _in_reading_order(lines, [min(p[0] for p in box) for box, _, _ in found or []])


_RUN_ON = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z])")
_SMALL_WORD = re.compile(r"\b(of|and|for|de)(?=[A-Z])")


def _spaced(text: str) -> str:
    """Words RapidOCR ran together put apart ("AcmeWidgets Ltd", "Head ofProduct"); an
    address or a web site is left alone."""
    if "@" in text or "." in text.replace(". ", ""):
        return text
    return _SMALL_WORD.sub(r"\1 ", _RUN_ON.sub(" ", text))


def _in_reading_order(lines: list[Line], lefts: Sequence[float]) -> list[Line]:
    """Lines top to bottom, and left to right within a row."""
    order = sorted(range(len(lines)),
                   key=lambda i: (round(lines[i].top / max(lines[i].height, 1) / 1.5), lefts[i]))
    return [lines[i] for i in order]


class Tesseract:
    """Debian's `tesseract` with its Latin-script model, one process per photo."""

    name = "tesseract"

    def __init__(self, languages: str = "Latin") -> None:
        self.languages = languages

    @staticmethod
    def available() -> bool:
        return shutil.which("tesseract") is not None and "Latin" in _languages()

    def words(self, image: Image.Image) -> list[list[tuple[str, float, float, float]]]:
        """The words of each line: text, confidence (0 to 1), height and top."""
        from followup.adapters.cards.photo import even_light

        out = io.BytesIO()
        even_light(image).save(out, "PNG")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(["tesseract", "stdin", "stdout", "-l", self.languages,
                                   "--psm", "11", "tsv"], input=out.getvalue(),
                                  capture_output=True, timeout=TESSERACT_TIMEOUT, env=env,
                                  check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise EnvironmentFault(f"tesseract could not read the photo ({exc})") from None
        rows = csv.reader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        grouped: dict[tuple[str, str, str], list[tuple[str, float, float, float]]] = {}
        for row in rows:
            if len(row) < 12 or row[0] != "5" or not row[11].strip():
                continue
            key = (row[2], row[3], row[4])
            grouped.setdefault(key, []).append(
                (row[11].strip(), max(float(row[10]), 0.0) / 100, float(row[9]), float(row[7])))
        return list(grouped.values())

    def lines(self, image: Image.Image) -> list[Line]:
        lines = []
        for words in self.words(image):
            lines.append(Line(" ".join(w[0] for w in words), min(w[1] for w in words),
                              max(w[2] for w in words), min(w[3] for w in words)))
        return sorted(lines, key=lambda ln: ln.top)


@cache
def _languages() -> tuple[str, ...]:
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(done.stdout.decode("utf-8", "replace").split()[1:])


def _base(char: str) -> str:
    """A letter without its accent, lower case ("Ó" -> "o", "ø" -> "o")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char.translate(UNACCENTED))
                   if not unicodedata.combining(c))
    return bare.lower() if len(bare) == 1 else char.lower()


def _letters(text: str) -> list[tuple[str, bool]]:
    """Each character that is not a blank, and whether a blank came before it."""
    out: list[tuple[str, bool]] = []
    blank = False
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            blank = True
            continue
        out.append((char, blank and bool(out)))
        blank = False
    return out


def fuse(rapid: str, tess: str) -> str:
    """RapidOCR's reading of a line, with the accents and word breaks Tesseract saw on the
    same letters ("Tomas OSé" and "Tomás Ó Sé" give "Tomás Ó Sé"); where the two read a letter
    differently, RapidOCR's stands. Lines that are not the same text are left as they were."""
    ours, theirs = _letters(rapid), _letters(tess)
    a = "".join(_base(c) for c, _ in ours)
    b = "".join(_base(c) for c, _ in theirs)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if not a or matcher.ratio() < 0.8:
        return rapid
    out: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                mine, blank = ours[i1 + k]
                seen, broken = theirs[j1 + k]
                seen = seen.upper() if mine.isupper() else seen.lower() if mine.islower() \
                    else seen
                out.append((seen, blank or broken))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            # RapidOCR has no accented letters: where Tesseract saw one, it is Tesseract's
            out.extend(theirs[j1 + k] if not theirs[j1 + k][0].isascii()
                       and ours[i1 + k][0].isascii() else ours[i1 + k]
                       for k in range(i2 - i1))
        elif tag in ("replace", "delete"):
            out.extend(ours[i1:i2])
    return "".join((" " if blank and i else "") + c for i, (c, blank) in enumerate(out))


def _best_run(line: str, rows: list[list[tuple[str, float, float, float]]]) -> str | None:
    """The run of Tesseract's words most like `line` (by their letters)."""
    target = "".join(_base(c) for c, _ in _letters(line))
    best, score = None, 0.0
    for row in rows:
        for start in range(len(row)):
            for end in range(start + 1, len(row) + 1):
                text = " ".join(w[0] for w in row[start:end])
                letters = "".join(_base(c) for c, _ in _letters(text))
                ratio = difflib.SequenceMatcher(None, target, letters, autojunk=False).ratio()
                if ratio > score:
                    best, score = text, ratio
    return best if score >= 0.8 else None


def _accented(line: Line, rows: list[list[tuple[str, float, float, float]]]) -> Line:
    """`line` with the accents and word breaks of the same text as Tesseract read it."""
    if not line.text.isascii() and any(ord(c) > 0x2E80 for c in line.text):
        return line
    run = _best_run(line.text, rows)
    if run is None:
        return line
    text = fuse(line.text, run)
    return Line(text, line.confidence, line.height, line.top, (run,) if run != text else ())


class Both:
    """RapidOCR's lines, with the accents Tesseract read on the same letters."""

    name = "both"

    def __init__(self, rapid: RapidOcr, tesseract: Tesseract) -> None:
        self.rapid, self.tesseract = rapid, tesseract

    def lines(self, image: Image.Image) -> list[Line]:
        from concurrent.futures import ThreadPoolExecutor

        # Tesseract runs in its own process: read with both at once.
        with ThreadPoolExecutor(1) as pool:
            words = pool.submit(self.tesseract.words, image)
            lines = self.rapid.lines(image)
            return [_accented(line, words.result()) for line in lines]


def engine(choice: str = "auto") -> Engine:
    """The engine asked for (`rapidocr`, `tesseract`, `both`), or with `auto` the best one
    installed; EnvironmentFault saying what to install when it is not."""
    if choice not in CHOICES:
        raise EnvironmentFault(f"FOLLOWUP_OCR_ENGINE is {choice!r}; use one of "
                               + ", ".join(CHOICES))
    rapid, tess = RapidOcr.available(), Tesseract.available()
    if choice in ("both", "auto") and rapid and tess:
        return Both(RapidOcr(), Tesseract())
    if choice in ("rapidocr", "auto") and rapid:
        return RapidOcr()
    if choice in ("tesseract", "auto") and tess:
        return Tesseract()
    raise EnvironmentFault(INSTALL)
