"""The OCR engines, offline on the CPU: RapidOCR (its models ship inside its wheel; it reads
Latin and Chinese script but drops accents) and Tesseract (Debian's, with its Latin-script
model, which keeps accents). `Both` reads with RapidOCR and takes each line's accents from
Tesseract where the two agree on the letters."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np
from PIL import Image

from followup.domain.cards import Line, fold
from followup.domain.errors import EnvironmentFault

INSTALL = ("no OCR engine is installed: `pip install rapidocr-onnxruntime`, or on Debian "
           "`apt-get install tesseract-ocr tesseract-ocr-script-latn`")
TESSERACT_TIMEOUT = 30.0


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
        found, _ = self._engine(np.asarray(image))
        lines = []
        for box, text, score in found or []:
            ys = [p[1] for p in box]
            lines.append(Line(str(text), float(score), max(ys) - min(ys), min(ys)))
        return _in_reading_order(lines, [min(p[0] for p in box) for box, _, _ in found or []])


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
        out = io.BytesIO()
        image.convert("L").save(out, "PNG")
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


def _accented(line: Line, words: list[list[tuple[str, float, float, float]]]) -> Line:
    """`line` spelled as Tesseract read the same letters (with their accents), when a run of
    Tesseract's words has exactly its letters; else `line` as it was."""
    target = fold(line.text)
    if not target or line.text.isascii() is False:
        return line
    for row in words:
        for start in range(len(row)):
            run = ""
            for end in range(start, len(row)):
                run += fold(row[end][0])
                if run == target:
                    text = " ".join(w[0] for w in row[start:end + 1])
                    return Line(text, line.confidence, line.height, line.top) \
                        if not text.isascii() else line
                if not target.startswith(run):
                    break
    return line


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
    rapid, tess = RapidOcr.available(), Tesseract.available()
    if choice in ("both", "auto") and rapid and tess:
        return Both(RapidOcr(), Tesseract())
    if choice in ("rapidocr", "auto") and rapid:
        return RapidOcr()
    if choice in ("tesseract", "auto") and tess:
        return Tesseract()
    raise EnvironmentFault(INSTALL)
