"""The edits the checker suggests: what a user can apply with one click to fix a finding.

Only where the replacement is obvious: a name spelled as on the card, a professional greeting or
closing in place of a casual one, a word written out, repeated punctuation or an emoji removed.
Wording that needs the user's own thought (a pitch, an apology, interest) gets no fix.
"""

from __future__ import annotations

from followup.domain.notes import lexicon as lex
from followup.domain.notes.facts import Fix

CLOSING = "Kind regards,"
SPELLED_OUT = {
    "u": "you", "ur": "your", "thx": "thanks", "thnx": "thanks", "tnx": "thanks",
    "thanx": "thanks", "gonna": "going to", "wanna": "want to", "gotta": "have to",
    "btw": "by the way", "imo": "in my opinion", "imho": "in my opinion", "tbh": "to be honest",
    "idk": "I don't know", "plz": "please", "pls": "please", "cuz": "because", "coz": "because",
    "kinda": "rather", "sorta": "rather", "lemme": "let me", "gimme": "give me",
    "dunno": "don't know", "yeah": "yes", "yep": "yes", "yup": "yes", "nope": "no",
    "b4": "before", "gr8": "great", "2moro": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "2day": "today", "yday": "yesterday", "l8r": "later", "def": "definitely", "rn": "right now",
}  # fmt: skip
"""Text-speak written out; slang with no plain equivalent ("lol", "dude") is removed instead."""


def greeting(body: str, span: tuple[int, int] | None, who: str) -> Fix:
    """'Dear <who>,' in place of the greeting, or before the first line when there is none."""
    if span is None:
        at = len(body) - len(body.lstrip())
        return Fix(at, at, f"Dear {who},\n\n")
    return Fix(*span, f"Dear {who},")


def closing(body: str, line: tuple[int, int]) -> Fix | None:
    """'Kind regards,' in place of a casual closing phrase, keeping a name on the same line on a
    line of its own."""
    m = lex.CLOSE_LINE.fullmatch(body, *line)
    if m is None or m["bad"] is None:
        return None
    if m["name"] is not None:
        return Fix(m.start("bad"), m.start("name"), f"{CLOSING}\n")
    return Fix(m.start("bad"), line[1], CLOSING)


def add_closing(body: str, signature_at: int | None, sender: str) -> Fix:
    """'Kind regards,' above a signature, or 'Kind regards,' and the sender's name at the end."""
    if signature_at is not None:
        return Fix(signature_at, signature_at, f"{CLOSING}\n")
    end = len(body.rstrip())
    return Fix(end, end, f"\n\n{CLOSING}\n{sender}")


def sign(line_end: int, sender: str) -> Fix:
    """The sender's name under the closing line."""
    return Fix(line_end, line_end, f"\n{sender}")


def tone(body: str, start: int, end: int) -> Fix | None:
    """Repeated punctuation made one mark, an emoji or slang removed or written out, shouting in
    lower case; an apology has no obvious fix."""
    found = body[start:end]
    if lex.BANG.fullmatch(found):
        return Fix(start, end, "?" if "?" in found else ".")
    if (plain := SPELLED_OUT.get(found.lower())) is not None:
        return Fix(start, end, plain[0].upper() + plain[1:] if found[0].isupper() else plain)
    if lex.EMOJI.fullmatch(found) or lex.SLANG.fullmatch(found):
        while start > 0 and body[start - 1] in " \t":
            start -= 1  # the space before it goes too
        return Fix(start, end, "")
    if lex.CAPS.fullmatch(found):
        opens = body[:start].rstrip()[-1:] in ("", ".", "!", "?", "\n")
        return Fix(start, end, found.capitalize() if opens else found.lower())
    return None
