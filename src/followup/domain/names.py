"""People's names as people write them: the honorific a name was given with, and a guess at
the given and family names, which the user may correct (a guess is never needed where one is
typed)."""

from __future__ import annotations

import re

from followup.domain.model import Contact, Honorific

CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_GIVEN = re.compile(r"[^\W\d_]{2,}(?:['’-][^\W\d_]+)*")
_TITLE = re.compile(
    r"(?i)(dr|mr|mrs|ms|mx|miss|prof|sir|dame|lord|lady|rev|herr|frau|mme|sra?)\.?"
)
_SPOKEN = {"ms": Honorific.MS, "mr": Honorific.MR, "dr": Honorific.DR, "doctor": Honorific.DR,
           "mx": Honorific.MX, "prof": Honorific.PROF, "professor": Honorific.PROF}
_LEADING = re.compile(r"(?i)\s*(ms|mr|dr|doctor|mx|prof|professor)(?:\.\s*|\s+)(?=\S)")
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten", "ter",
    "dos", "das", "do", "bin", "binti", "al", "el", "ó", "ní", "nic", "mac", "mc", "ua",
})
"""Words that belong to the family name that follows them (van Beethoven, Ó Briain)."""


def honorific(text: str) -> Honorific | None:
    """The honorific `text` names ("Dr", "dr.", "Professor"), or None when it names none."""
    return _SPOKEN.get(text.strip().rstrip(".").casefold())


def split_honorific(name: str) -> tuple[Honorific | None, str]:
    """A name given with its honorific ("Dr. Priya Raghunathan") as the honorific and the
    name without it; a name without one (or that is only an honorific) as it is."""
    match = _LEADING.match(name)
    if match is None:
        return None, name.strip()
    return _SPOKEN[match.group(1).casefold()], name[match.end():].strip()


def given_name(name: str) -> str | None:
    """The given name when the name clearly starts with one; None when in any doubt."""
    parts = name.split()
    if len(parts) < 2 or "," in name or CJK.search(name):
        return None
    first = parts[0]
    if (
        not first[0].isupper()
        or first.isupper()
        or _TITLE.fullmatch(first)
        or not _GIVEN.fullmatch(first)
    ):
        return None
    return first


def guess(name: str) -> tuple[str | None, str | None]:
    """The given and family names that `name` most likely holds ("Siobhán", "Ó Briain";
    "John", "Smith" of "Smith, John"), each None when in any doubt: 王芳 and other names whose
    family name may come first are left for the user to fill in."""
    if CJK.search(name):
        return None, None
    if name.count(",") == 1:
        surname, given = (part.split() for part in name.split(","))
        return (given[0] if given and _GIVEN.fullmatch(given[0]) else None,
                " ".join(surname) or None)
    parts = name.split()
    if len(parts) < 2 or not (given_name(name) or re.fullmatch(r"\w\.", parts[0])):
        return None, None
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _PARTICLES:
        start -= 1
    family = " ".join(parts[start:])
    return given_name(name), family if family[:1].isupper() or start < len(parts) - 1 else None


def rename(contact: Contact, name: str) -> None:
    """Gives `contact` the name as typed, its honorific split off ("Dr. Priya Raghunathan"),
    and first and family names guessed from it where they were empty or the old guess (what
    the user typed in those fields stays)."""
    honorific, bare = split_honorific(name)
    old, new = guess(contact.name), guess(bare)
    contact.name = bare
    contact.honorific = honorific or contact.honorific
    if contact.first_name in (None, old[0]):
        contact.first_name = new[0]
    if contact.family_name in (None, old[1]):
        contact.family_name = new[1]
