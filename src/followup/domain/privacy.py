"""What a coach may read of a client's records: people by their initials, never in full."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from followup.domain.names import CJK


def initials(name: str) -> str:
    """'Ana López' -> 'A. L.'; 'Siobhán Ó Briain' -> 'S. Ó. B.'; '王芳' -> '王.'"""
    words = [w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFC", name.strip())) if w]
    letters = []
    for word in words:
        first = next((c for c in word if c.isalnum()), "")
        if first:
            letters.append(f"{first.upper()}.")
    return " ".join(letters) or "?"


def masked(text: str, names: Iterable[str]) -> str:
    """`text` with each name, and each part of it, written as initials: "A short note to
    Ana López" -> "A short note to A. L."."""
    parts: dict[str, str] = {}
    for name in names:
        name = unicodedata.normalize("NFC", name.strip())
        if not name:
            continue
        parts[name] = initials(name)
        for word in re.split(r"\s+", name):
            # A single part ("Ana", "López") alone is hidden too; CJK names have no spaces.
            if len(word) >= 2 or CJK.search(word):
                parts.setdefault(word, initials(word))
    if not parts:
        return text
    def alone(part: str) -> str:
        # A Latin name is a whole word ("Ana", not the start of "Analysis"); a CJK one is not
        # set off by spaces.
        return re.escape(part) if CJK.search(part) else rf"(?<!\w){re.escape(part)}(?!\w)"

    pattern = re.compile("|".join(alone(p) for p in sorted(parts, key=len, reverse=True)))
    return pattern.sub(lambda m: parts[m.group(0)], unicodedata.normalize("NFC", text))
