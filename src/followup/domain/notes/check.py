"""The note checker: one function per rule of the playbook's table (R7), stable ids, spans.

Pure: the speller, the sibling notes and the sending time are arguments. Decisions worth knowing:
- "Hi <name>" is an acceptable greeting (NoteFacts carries no tone; it is ordinary in professional
  email); "Hey", "Hiya" and "Yo" are not. A CJK recipient may be greeted by a romanised name, which
  cannot be checked without a transliteration table.
- The sender's own name is never a misspelling (people drop the accents of their own name).
- `forgotten` and `helpers` are quiet on a note that does not carry the interview's extras, unless
  its siblings are given.
- "Sorry to hear" and "sorry it wasn't to be" are regret, not apology.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from followup.domain.model import Kind
from followup.domain.notes import fixes
from followup.domain.notes import lexicon as lex
from followup.domain.notes.facts import THANKS_KINDS, Finding, Fix, NoteFacts, Severity, Speller
from followup.domain.policy import Policy
from followup.domain.wording import plural

Hit = tuple[str, int | None, int | None]
"""A rule's finding before the policy gives it a severity: message, start, end."""


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Lower case without accents: 'Núñez' -> 'nunez'."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(lex.FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def _squash(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalnum())


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """Stemming lite: 'reporting', 'reports' and 'reported' become one word."""
    for suffix in lex.SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word.removesuffix("e")


def _close(a: str, b: str) -> bool:
    """Two folded names differ by a slip of the pen: same initial, an edit or two apart."""
    if a == b or min(len(a), len(b)) < 3 or a[0] != b[0]:
        return False
    limit = 1 if max(len(a), len(b)) <= 5 else 2
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


@lru_cache(maxsize=4096)
def _sound(name: str) -> str:
    """A folded name's rough spoken form."""
    for pattern, spoken in lex.SOUNDS:
        name = pattern.sub(spoken, name)
    return name


def _alike(a: str, b: str) -> bool:
    """Two folded names that differ by a slip of the pen or of the ear: 'Jon' for John, 'Jeff'
    for Geoff, 'Eileen' for Aileen."""
    if a == b or min(len(a), len(b)) < 3:
        return False
    if _close(a, b) or any(a in group and b in group for group in lex.NAME_VARIANTS):
        return True
    sa, sb = _sound(a), _sound(b)
    return sa == sb or _close(sa, sb)


def _same_word(a: str, b: str) -> bool:
    """One word in two forms ('migrating', 'migration') or with a one-letter slip."""
    sa, sb = _stem(a), _stem(b)
    prefix = next((i for i, (x, y) in enumerate(zip(sa, sb, strict=False)) if x != y), 99)
    prefix = min(prefix, len(sa), len(sb))
    return sa == sb or prefix >= max(5, len(sa) - 2, len(sb) - 2) or (
        min(len(a), len(b)) >= 5 and a[0] == b[0] and Levenshtein.distance(a, b) <= 1)  # fmt: skip


def _same_pair(a: str, b: str, x: str, y: str) -> bool:
    """Two words in a row match two others; one may carry a slip ('Tom Riley' for Tom Reilly)."""
    first, second = _same_word(a, x), _same_word(b, y)
    return (first and (second or _close(b, y))) or (second and _close(a, x))


def _tokens(name: str) -> list[str]:
    """The words of a name without titles, apostrophes straightened."""
    return [w for w in name.replace("’", "'").split() if _fold(w).rstrip(".") not in lex.TITLES]


def _units(name: str) -> dict[str, str]:
    """A name's words, their hyphenated parts and pairs of words, squashed, with their spelling."""
    toks = _tokens(name)
    units = {_squash(p): p for t in toks for p in t.split("-")} | {_squash(t): t for t in toks}
    return units | {_squash(a + b): f"{a} {b}" for a, b in itertools.pairwise(toks)}


def _names(words: Sequence[str], name: str, others: Sequence[str]) -> bool:
    """Whether squashed `words` name `name`, exactly or with a slip; another person's name is not
    a slip ('Maria' does not name Martin when a Maria is on record)."""
    units = _units(name)
    taken = {u for other in others if other != name for u in _units(other)}
    return any(w in units or (w not in taken and any(_alike(w, u) for u in units)) for w in words)


def _index(text: str, skip: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The folded words of a text by initial, for matching recorded phrases against it."""
    index: dict[str, list[str]] = {}
    for word in {_fold(w) for w in lex.WORD.findall(text.replace("-", " "))} - skip:
        index.setdefault(word[0], []).append(word)
    return index


def _has(index: dict[str, list[str]], word: str) -> bool:
    return any(_same_word(word, w) for w in index.get(word[0], ()))


def _covered(index: dict[str, list[str]], words: list[str], share: float = 0.5) -> bool:
    """At least `share` of `words` are in the indexed text."""
    return bool(words) and sum(_has(index, w) for w in words) >= share * len(words)


@dataclass(frozen=True)
class _Layout:
    greeting: tuple[int, int] | None
    main: tuple[int, int]
    closing: tuple[int, int] | None
    bad_closing: bool
    signature: str


def _layout(text: str) -> _Layout:
    """Splits a note into greeting, main text, closing line and signature."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos + len(raw) - len(raw.lstrip()), pos + len(raw.rstrip())
        lines += [(start, end)] if end > start else []
        pos += len(raw) + 1
    if not lines:
        return _Layout(None, (0, 0), None, False, "")
    greeting, begin = None, lines[0][0]
    first = text[lines[0][0] : lines[0][1]]
    vocative = re.match(r"\s*(?:[^\W\d_][\w'’.-]*\s?){1,3},", first)  # 'Anna, thank you for…'
    if vocative and not all(w[0].isupper() for w in vocative.group().split()):
        vocative = None
    short = len(first.split()) <= 4 and first.endswith((",", ":"))
    if lex.SALUTE.match(first) or vocative or short:
        cut = re.search(r"[,:!—]", first)  # a greeting ends at its comma when the line goes on
        end = lines[0][1] if len(first.split()) <= 8 or not cut else lines[0][0] + cut.end()
        greeting, begin = (lines[0][0], end), end
    rest = [line for line in lines if line[0] >= begin]
    for i in range(len(rest) - 1, max(len(rest) - 6, 0) - 1, -1):
        start, end = rest[i]
        m = lex.CLOSE_LINE.fullmatch(text, start, end)
        if m and (m["name"] is None or len(m["name"].split()) <= 4):
            signature = " ".join([m["name"] or ""] + [text[s:e] for s, e in rest[i + 1 :]])
            return _Layout(greeting, (begin, start), (start, end), bool(m["bad"]), signature)
    last = text[rest[-1][0] : rest[-1][1]] if rest else ""
    if len(rest) > 1 and len(last.split()) <= 4 and not last.endswith((".", "!", "?")):
        wish = rest[-2] if len(rest) > 2 else None  # 'Thank you again for your time.' + name
        if wish and lex.CLOSE_SENTENCE.fullmatch(text, *wish):
            return _Layout(greeting, (begin, rest[-1][0]), wish, False, last)
        return _Layout(greeting, (begin, rest[-1][0]), None, False, last)
    return _Layout(greeting, (begin, len(text)), None, False, "")


@dataclass
class _Note:
    body: str
    facts: NoteFacts
    policy: Policy
    speller: Speller | None
    siblings: tuple[str, ...]
    now: datetime | None
    fixes: dict[tuple[str, int | None, int | None], Fix] = field(default_factory=dict)
    """The edit that fixes a finding, by its rule and span, where a rule knows one."""

    def hit(self, rule: str, why: str, start: int | None, end: int | None,
            fix: Fix | None) -> Hit:
        """A finding whose fix is known."""
        if fix is not None:
            self.fixes[(rule, start, end)] = fix
        return (why, start, end)

    @cached_property
    def layout(self) -> _Layout:
        return _layout(self.body)

    @cached_property
    def main(self) -> str:
        return self.body[self.layout.main[0] : self.layout.main[1]]

    @cached_property
    def names(self) -> tuple[str, ...]:
        f, recipient = self.facts, [self.facts.recipient.name] if self.facts.recipient else []
        return tuple(dict.fromkeys((*f.names, *recipient, *f.helpers, *f.others, f.sender)))

    @cached_property
    def known(self) -> frozenset[str]:
        """Folded words of the company and the position: never names, never content."""
        facts = self.facts
        words = lex.WORD.findall(f"{facts.company} {facts.position}")
        # "St Brigid's Hospital": Brigid is the company's, whatever names are on record
        return frozenset(_fold(w) for word in words
                         for w in (word, re.sub(r"['’]s$", "", word)))

    @cached_property
    def words(self) -> dict[str, list[str]]:
        return _index(self.body, self.known)

    def content(self, phrase: str) -> list[str]:
        """The words of a recorded phrase that carry its meaning, in order."""
        stems = {_stem(w) for w in self.known}
        words = [_fold(w) for w in lex.WORD.findall(phrase.replace("-", " "))]
        return [w for w in words if w not in lex.STOP and _stem(w) not in stems and len(w) > 1]


def _name_spelling(n: _Note) -> list[Hit]:
    units: dict[str, str] = {}
    for name in n.names:
        units = _units(name) | units
    exact = {spelling for name in n.names for spelling in _units(name).values()}
    own, skip = set(_units(n.facts.sender)), lex.COMMON | n.known
    lower = {w for w in lex.WORD.findall(n.body) if w[0].islower()}
    facts = n.facts  # words the user recorded ("the Berlin expansion") are theirs, not slips
    recorded = set(lex.WORD.findall(" ".join([facts.topic or "", facts.next_step or "",
                                           *facts.forgotten])))
    urls = [m.span() for m in lex.URL.finditer(n.body)]
    hits: list[Hit] = []
    prev: re.Match[str] | None = None
    for m in lex.NAME.finditer(n.body):
        before, prev = prev, m
        if before and n.body[before.end() : m.start()] == " " and m.group()[0].isupper():
            pair = f"{before.group()} {m.group()}"  # 'Pryce Jones' for Pryce-Jones
            if (
                pair not in exact
                and units.get(_squash(pair), pair) != pair
                and _squash(pair) not in own
            ):
                right = units[_squash(pair)]
                why = f"'{pair}' should be spelled {right}, as on the card"
                fix = Fix(before.start(), m.end(), right)
                hits.append(n.hit("name_spelling", why, before.start(), m.end(), fix))
                continue
        tok = re.sub(r"['’]s$", "", m.group()).replace("’", "'")
        if not tok[0].isupper() or tok in exact or any(s <= m.start() < e for s, e in urls):
            continue
        f, span = _squash(tok), (m.start(), m.start() + len(tok))
        if f in own or _fold(tok) in skip or tok.lower() in lower or len(f) < 3 or tok in recorded:
            continue
        if f in units:
            why = f"'{tok}' should be spelled {units[f]}, as on the card"
            hits.append(n.hit("name_spelling", why, *span, Fix(*span, units[f])))
        elif len(f) <= 5 and m.start() >= n.layout.main[0] and _opens(n.body, m.start()):
            continue  # 'Data' opening a sentence is a word, not Dana misspelled
        elif near := [u for u in units if _alike(f, u)]:
            why = f"'{tok}' looks like a misspelling of {units[near[0]]}, the name on the card"
            hits.append(n.hit("name_spelling", why, *span, Fix(*span, units[near[0]])))
    for name in (x for x in n.names if lex.CJK.fullmatch(x.replace(" ", "")) and x not in n.body):
        for m in lex.CJK.finditer(n.body):
            for i in range(len(m.group()) - len(name) + 1):
                window = m.group()[i : i + len(name)]
                diff = [a for a, b in zip(window, name, strict=True) if a != b]
                if len(name) >= 2 and len(diff) == 1 and diff[0] not in lex.HONORIFIC:
                    why = f"'{window}' looks like a misspelling of {name}, the name on the card"
                    at = m.start() + i
                    fix = Fix(at, at + len(name), name)
                    hits.append(n.hit("name_spelling", why, at, at + len(name), fix))
    return hits


def _greeting(n: _Note) -> list[Hit]:
    rec = n.facts.recipient
    who = rec.name if rec else f"the {n.facts.company} team"
    fix = fixes.greeting(n.body, n.layout.greeting, who)
    if n.layout.greeting is None:
        why = f"The note does not open with a greeting; start with 'Dear {who},'"
        return [n.hit("greeting", why, None, None, fix)]
    start, end = n.layout.greeting
    text = n.body[start:end]
    if bad := lex.BAD_SALUTE.match(text):
        why = f"'{bad.group().strip()}' is not a professional greeting; write 'Dear {who},'"
        return [n.hit("greeting", why, start, end, fix)]
    rest = lex.SALUTE.sub("", text, count=1)
    caps = [_squash(w) for w in _tokens(rest) if w[:1].isupper()]
    words = caps + [a + b for a, b in itertools.pairwise(caps)]
    if rec is None:
        named = {_squash(t) for name in n.names for t in _tokens(name)}
        ok = bool(lex.TEAM.search(rest)) or any(w in named or w in n.known for w in words)
    elif lex.CJK.search(rec.name):
        recorded = (rec.name, rec.name[0], rec.first_name, rec.family_name)
        ok = any(part and part in text for part in recorded) or bool(words)
    else:
        ok = _names(words, rec.name, n.names)
    why = f"The greeting does not name {who}; write 'Dear {who},'"
    return [] if ok else [n.hit("greeting", why, start, end, fix)]


def _closing(n: _Note) -> list[Hit]:
    lay, sender = n.layout, n.facts.sender
    if lay.closing is None:
        why = f"No professional closing such as 'Kind regards,' followed by your name ({sender})"
        fix = fixes.add_closing(n.body, lay.main[1] if lay.signature else None, sender)
        return [n.hit("closing", why, None, None, fix)]
    line = n.body[lay.closing[0] : lay.closing[1]]
    if lay.bad_closing:
        why = f"'{line}' is not a professional closing; use 'Kind regards,' or 'Best regards,'"
        return [n.hit("closing", why, *lay.closing, fixes.closing(n.body, lay.closing))]
    signed = _fold(lay.signature)
    if any(_fold(t) in signed for t in _tokens(sender) if len(t) > 1 or lex.CJK.match(t)):
        return []
    why = f"The closing is not followed by your name ({sender})"
    return [n.hit("closing", why, *lay.closing, fixes.sign(lay.closing[1], sender))]


def _tone(n: _Note) -> list[Hit]:
    start = n.layout.greeting[0] if n.layout.greeting else n.layout.main[0]
    text, end = n.body, n.layout.main[1]
    allowed = {w.upper() for w in lex.WORD.findall(f"{n.facts.company} {n.facts.position}")}
    shouts = (m for m in lex.CAPS.finditer(text, start, end) if m.group() not in allowed)
    hits: list[Hit] = sorted(
        [(f"'{m.group()}' is slang or text-speak; write it out", *m.span())
         for m in lex.SLANG.finditer(text, start, end)]
        + [(f"'{m.group()}' is too casual for a note to an employer", *m.span())
           for m in lex.EMOJI.finditer(text, start, end)]
        + [(f"'{m.group()}': repeated punctuation reads as over-excited", *m.span())
           for m in lex.BANG.finditer(text, start, end)]
        + [(f"'{m.group()}' in capitals reads as shouting", *m.span())
           for m in shouts if len(m.group()) > 5 or m.group() not in lex.ACRONYMS]
        + [(f"'{m.group()}' apologises; a confident note does not", *m.span())
           for m in lex.SORRY.finditer(text, start, end)],
        key=lambda hit: hit[1] or 0)  # fmt: skip
    for _, at, to in hits:
        if at is not None and to is not None and (fix := fixes.tone(text, at, to)):
            n.fixes[("tone", at, to)] = fix
    return hits


def _length(n: _Note) -> list[Hit]:
    count = len(lex.WORD.findall(n.main))
    low, high = n.policy.note_min_words, n.policy.note_max_words
    if count < low:
        return [(f"The note has {plural(count, 'word')}; write at least {low}", None, None)]
    if count > high:
        return [(f"The note has {plural(count, 'word')}; keep it to {high} or fewer", None, None)]
    return []


def _american(word: str) -> str:
    """The US spelling of a British word, which the speller may know better ('organising')."""
    for british, us in lex.BRITISH:
        word = british.sub(us, word)
    return word


def _spelling(n: _Note) -> list[Hit]:
    assert n.speller is not None
    f, offset = n.facts, n.layout.main[0]
    recorded = (*n.names, f.company, f.position, f.topic or "", f.next_step or "", *f.forgotten)
    known = lex.WORKPLACE | {_fold(w) for text in recorded for w in lex.WORD.findall(text)}
    text = lex.URL.sub(lambda m: " " * len(m.group()), n.main).replace("’", "'")
    found = [(m, _fold(m.group())) for m in lex.WORD.finditer(text) if len(m.group()) > 1]
    found = [(m, w) for m, w in found if w.replace("'", "").isalpha() and w not in known
             and (m.group()[0].islower() or _opens(text, m.start())) and not m.group().isupper()
    ]  # fmt: skip
    # a contraction is known whole ("couldn't"), a possessive by its word ("team's")
    unknown = n.speller.unknown({w for _, w in found} | {w.split("'")[0] for _, w in found})
    unknown = {w for _, w in found if w in unknown and w.split("'")[0] in unknown}
    american = {w: _american(w) for w in unknown}
    still = n.speller.unknown({a for w, a in american.items() if a != w})
    unknown = {w for w in unknown if american[w] == w or american[w] in still}
    why = "'{}' is not in the dictionary; check its spelling"
    return [(why.format(m.group()), offset + m.start(), offset + m.end()) for m, w in found
            if w in unknown]  # fmt: skip


def _opens(text: str, at: int) -> bool:
    """Whether a word starts a sentence: capitalised words elsewhere are names the speller lacks."""
    return text[:at].rstrip()[-1:] in ("", ".", "!", "?", ":")


def _thanks(n: _Note) -> list[Hit]:
    for s in (s.group() for s in lex.SENTENCE.finditer(n.main)):
        said = [m for m in lex.THANKS.finditer(s) if not lex.FOR_NEWS.match(s, m.end())]
        if said or (lex.THANKS.search(s) and lex.FOR_TIME.search(s)):
            return []
    return [("The note does not thank them for their time or consideration", None, None)]


def _skills(n: _Note) -> list[Hit]:
    points = [n.content(p) for p in n.facts.forgotten]
    hits: list[Hit] = []
    for s in lex.SENTENCE.finditer(n.main):
        if any(_covered(_index(s.group()), words) for words in points):
            continue  # the user's own recorded point is theirs to mention (R7)
        if m := next((m for p in lex.PITCH if (m := p.search(s.group()))), None):
            start = n.layout.main[0] + s.start() + m.start()
            why = f"'{' '.join(m.group().split())}' sells your skills; a thank-you note won't pitch"
            hits.append((why, start, start + len(m.group().rstrip())))
    return hits


def _interest(n: _Note) -> list[Hit]:
    for s in (s.group() for s in lex.SENTENCE.finditer(n.main)):
        wants = (m for m in lex.WANT.finditer(s) if not lex.NEGATED.search(s[: m.start()]))
        if lex.INTEREST.search(s) or (lex.WANT_WHAT.search(s) and any(wants)):
            return []
    what = "future openings" if n.facts.kind is Kind.THANK_AFTER_DECISION else "the position"
    return [(f"The note does not reaffirm your interest in {what}", None, None)]


def _next_step(n: _Note) -> list[Hit]:
    if not (step := n.facts.next_step):
        return []
    words = n.content(step)
    text = [w for w in map(_fold, lex.WORD.findall(n.body.replace("-", " "))) if w not in lex.STOP]
    pairs = itertools.product(itertools.pairwise(words), itertools.pairwise(text))
    said = any(_same_pair(a, b, x, y) for (a, b), (x, y) in pairs)
    if said or _covered(n.words, [w for w in words if w not in lex.GENERIC] or words):
        return []
    return [(f"The next step ({step}) is not mentioned; say you look forward to it", None, None)]


def _specific(n: _Note) -> list[Hit]:
    words = [w for w in n.content(n.facts.topic or "") if w not in lex.GENERIC]
    if not words or any(_has(n.words, w) for w in words):
        return []
    return [(f"Nothing in the note refers to what you discussed ({n.facts.topic})", None, None)]


def _forgotten(n: _Note) -> list[Hit]:
    if not (n.facts.carries_extras or n.siblings):
        return []
    texts = [n.words, *map(_index, n.siblings)]
    why = "You forgot to mention '{}' at the interview; no note of the interview clears it up"
    return [(why.format(point), None, None) for point in n.facts.forgotten
            if not any(_covered(t, n.content(point)) for t in texts)]  # fmt: skip


def _helpers(n: _Note) -> list[Hit]:
    if not (n.facts.carries_extras or n.siblings):
        return []
    said = [_squash(m.group()) for t in (n.body, *n.siblings) for m in lex.NAME.finditer(t)
            if not m.group()[0].islower()]  # fmt: skip (capitalised, or a script without case)
    why = "{} helped you; thank them by name in one note of the interview"
    return [(why.format(h), None, None) for h in n.facts.helpers if not _names(said, h, n.names)]


def _core(n: _Note, text: str) -> str:
    """A note's main text without names, folded, for comparing notes."""
    lay, names = _layout(text), {_fold(t) for name in n.names for t in _tokens(name)}
    words = map(_fold, lex.WORD.findall(text[lay.main[0] : lay.main[1]]))
    return " ".join(w for w in words if w not in names)


def _similarity(n: _Note) -> list[Hit]:
    # fuzz.ratio keeps the word order: token_set_ratio scored two different real notes up to 87
    mine, limit, hits = _core(n, n.body), n.policy.note_similarity_percent, list[Hit]()
    for i, other in enumerate(n.siblings, 1):
        if (score := fuzz.ratio(mine, _core(n, other))) >= limit:
            opening = other.strip().split("\n")[0].strip()
            why = f"This note is {score:.0f}% the same as other note #{i} ('{opening}'); "
            hits.append((why + "write each person their own note", None, None))
    return hits


def _late(n: _Note) -> list[Hit]:
    due, now = n.facts.deadline, n.now
    if due is None or now is None:
        return []
    if (now.tzinfo is None) != (due.tzinfo is None):
        now = now.replace(tzinfo=due.tzinfo)
    if now <= due:
        return []
    return [(f"Sent after the deadline of {due:%a %d %b %Y %H:%M %Z}".strip(), None, None)]


ALL = frozenset(Kind)
THANK_YOU = frozenset({Kind.THANK_YOU})
INTEREST_KINDS = frozenset({Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.INQUIRY})
Rule = Callable[[_Note], list[Hit]]
RULES: dict[str, tuple[frozenset[Kind], Rule]] = {
    "name_spelling": (ALL, _name_spelling),
    "greeting": (ALL, _greeting),
    "closing": (ALL, _closing),
    "tone": (ALL, _tone),
    "length": (ALL, _length),
    "spelling": (ALL, _spelling),
    "thanks": (THANKS_KINDS, _thanks),
    "skills": (THANKS_KINDS | {Kind.INQUIRY}, _skills),
    "interest": (INTEREST_KINDS, _interest),
    "next_step": (THANK_YOU, _next_step),
    "specific": (THANK_YOU, _specific),
    "forgotten": (THANK_YOU, _forgotten),
    "helpers": (THANK_YOU, _helpers),
    "similarity": (THANK_YOU, _similarity),
    "late": (THANK_YOU, _late),
}
"""Every rule by its stable id: the kinds of note it applies to and the function that checks."""
_DEFAULT = Policy()


def _ids(text: str) -> set[str]:
    return {part.strip() for part in text.split(",") if part.strip()}


def check(
    body: str, facts: NoteFacts, policy: Policy = _DEFAULT, *, speller: Speller | None = None,
    siblings: Sequence[str] = (), now: datetime | None = None,
) -> list[Finding]:  # fmt: skip
    """What is wrong with a note, rule by rule, each finding with its severity and span."""
    off, errors = _ids(policy.note_rules_off), _ids(policy.note_errors)
    if speller is None:
        off.add("spelling")
    note = _Note(body, facts, policy, speller, tuple(siblings), now)
    return [
        Finding(rule, Severity.ERROR if rule in errors else Severity.WARNING, why, start, end,
                note.fixes.get((rule, start, end)))
        for rule, (kinds, fn) in RULES.items()
        if rule not in off and facts.kind in kinds
        for why, start, end in fn(note)
    ]
