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
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from followup.domain.model import Kind
from followup.domain.notes.facts import THANKS_KINDS, Finding, NoteFacts, Severity, Speller
from followup.domain.policy import Policy

Hit = tuple[str, int | None, int | None]
"""A rule's finding before the policy gives it a severity: message, start, end."""


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")
_NAME = re.compile(r"(?<![\w@/.'’-])[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_URL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[a-z]{2,})+/\S*")
_SENTENCE = re.compile(r"(?:[^.!?;:\n]|\n(?!\s*\n))+[.!?;:]*")
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "’": "'"})
_TITLES = _set("mr mrs ms miss mx dr prof sir madam madame monsieur herr frau")
_HONORIFIC = frozenset("先女小老经总博教")
_STOP = _set("""a about above across after again against all also although am an and any are as at
    be because been before being best between both but by can could dear do during each every few
    first following for from good great has had have he hello her hey hi him his hope how however i
    if in into is it its itself just kind last like look looking made make many me mine more morning
    most much my next nice no nor not now of off on once one only or our out over own please really
    regards same she should since so some still such than thank thanks that the their them then
    there these they this those though through to too under until up upon us very via warm was we
    well were what when where which while who whom why will with would yes you your yours two three
    four five six seven eight nine ten moving""")
_COMMON = _STOP | _set("""team monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december director manager
    head lead senior junior jan feb mar apr jun jul aug sep sept oct nov dec""")
"""Words never taken for a misspelled name, even when capitalised."""
_GENERIC = _set("""interview role position job company opportunity meeting call week day next step
    stage process work business group office time""")
_ACRONYMS = _set("""SQL HTML CSS NASA CEO CTO CFO COO CIO CMO VP API APIS AWS GCP ETL KPI KPIS UX UI
    HR IT MBA PHD USA UK EU NYC JSON YAML REST HTTP HTTPS SAAS CRM ERP SAP NGO NHS FDA GDPR HIPAA
    IPO ROI OKR OKRS SLA SLAS QA CI CD LLM NLP AI ML GPU CPU IBM HSBC UCLA MIT NYU UCD RSVP ASAP PDF
    CAD BIM LEED OSHA CPA ACCA CFA PMP TDD BDD SDK IOS PHP GCSE ICU SCRUM SEO SMS""")
_WORKPLACE = _set("""app apps inbox rollout rollouts analytics repo repos fintech voicemail
    voicemails onboarding workflow workflows hackathon linkedin maths hoc startup startups""")
_SUFFIXES = "ations ation ating ated ates ate ings ing ions ion ies es ed s".split()  # noqa: SIM905
_BRITISH = [(re.compile(a), b) for a, b in (
    (r"is(?=e|ing|ed|ation|a)", "iz"), (r"ys(?=e|ing|ed)", "yz"), (r"our", "or"),
    (r"tre\b", "ter"), (r"ll(?=ed|ing|er)", "l"), (r"mme(?=s?\b)", "m"), (r"ogue\b", "og"),
)]  # fmt: skip

_SALUTE = _re(r"""\s*(?:dear|hello|hi|hey|hiya|heya|yo|howdy|sup|greetings
    |good\s+(?:morning|afternoon|evening)|to\s+whom)\b""")
_BAD_SALUTE = _re(r"""\s*(?:hey|hiya|heya|yo|howdy|sup|hi\s+there|hi\s+guys
    |to\s+whom\s+it\s+may\s+concern|dear\s+(?:sirs?|madam)(?:\s+or\s+madam)?)\b""")
_TEAM = _re(r"\b(?:team|committee|panel|all|everyone|colleagues|hiring\s+manager|recruit\w*)\b")
_CLOSE_LINE = _re(r"""(?P<phrase>
      (?:with\s+)?(?:(?:best|kind|kindest|warm|warmest)\s+(?:regards|wishes)|best|regards
      |(?:yours\s+)?(?:sincerely|faithfully|truly|respectfully)(?:\s+yours)?|thank\s+you|thanks
      |many\s+thanks|(?:gratitude|appreciation|thanks)|gratefully|warmly|cordially|all\s+the\s+best)
      (?:\s+(?:again|so\s+much|very\s+much))?
    | (?P<bad>cheers|later|laters|xoxo|xo|xx|thx|thnx|tx|ta|love|lots\s+of\s+love|hugs|ttyl|peace
      |ciao|bye|cya|take\s+care|talk\s+soon|see\s+(?:you|ya)(?:\s+\w+)?|catch\s+you\s+later))
    \s*[,.!—-]*\s*(?P<name>(?-i:[^\W\d_a-z])[^\n,.!?]{0,40})?""")
_SLANG = _re(r"""(?<![\w'’.-])(?:u|ur|thx|thnx|tnx|thanx|gonna|wanna|gotta|lol|lmao|rofl|btw|omg
    |imo|imho|tbh|tbf|idk|ngl|brb|ttyl|plz|pls|cuz|coz|kinda|sorta|lemme|gimme|dunno|ya|yeah|yep
    |yup|nope|dude|bro|awesome-?sauce|ha(?:ha)+|he(?:he)+|b4|gr8|2moro|l8r|def(?=\s+\w)|rn|ikr|smh
    |lowkey|yday|tmrw|tmr|2day|cya|xoxo)(?![\w'’-]|\.\w)""")
_EMOJI = _re(
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]+ | (?<![\w:])[:;=]-?[)(DP](?!\w) | <3"
)
_BANG = re.compile(r"[!?]*![!?]*!+|\?{2,}")
_CAPS = re.compile(r"\b[A-Z]{4,}\b")
_SORRY = _re(r"""\b(?:apologi[sz](?:e[sd]?|ing)|(?:my\s+)?apologies|forgive\s+me
    |sorry(?!\s+(?:to\s+(?:hear|learn|see|read)|not\s+to|(?:that\s+)?(?:it|this)\s+(?:was|did|is))))
    \b""")
_THANKS = _re(r"""\b(?:thank(?:s|\s+you|\s+u|ing\s+you)|many\s+thanks|thx|thanx)\b
    (?!\s+(?:also\s+|as\s+well\s+)?to\b)
    |\b(?:grateful|gratitude)\b|\bappreciat\w*\s+(?:your|the|you|having|meeting|speaking|being)\b""")
_FOR_NEWS = _re(r"""(?:\s+\w+){0,2}\s+for\s+(?:your\s+|the\s+)?(?:e-?mail|message|update|news|reply
    |letting\s+me\s+know|getting\s+back)""")
_FOR_TIME = _re(r"""\b(?:time|consideration|considering|meeting|speaking|talking|interview\w*|help
    |support|chat|call|conversation|opportunity|chance|hosting|tour)\b""")
_SKILL = r"""(?:skills?|skill\s*set|experience|expertise|background|abilit(?:y|ies)|strengths?
    |track\s+record|qualifications?|talents?|capabilit(?:y|ies)|proficiency|competenc(?:e|ies)
    |know-how|credentials|accomplishments|achievements)"""
_FILL = r"(?:(?!your\b|their\b|his\b|her\b|you\b|\w+ed\b)[\w+\#-]+\s+){0,5}?"
_PITCH = [_re(p) for p in (
    rf"""\bmy\s+{_FILL}{_SKILL}\b(?!\s+(?:today|yesterday|with\s+(?:you|your)|at\s+(?:the|your)
        |during|interviewing|meeting|visiting|of\s+(?:the|our|your)\b))""",
    rf"\bI(?:\s+(?:can|would|will))?(?:\s+(?:bring|have|offer|possess)|['’]ve(?:\s+got)?)\s+{_FILL}{_SKILL}",
    r"""\bI(?:\s+am|'m|’m)\s+(?:(?:a|an|the|very|highly|truly|really|also|certainly)\s+){0,3}
        (?:proven|strong|natural|skilled|seasoned|experienced|accomplished|talented|results[-\s]driven
        |detail[-\s]oriented|hard[-\s]working|self[-\s]starter|versatile|ideal|perfect|uniquely|expert
        |right\s+(?:person|candidate|fit)|well[-\s](?:suited|qualified|placed|positioned|equipped)
        |organi[sz]ed|reliable|dependable|adaptable|proactive|quick\s+to\s+learn|a\s+fast\s+learner
        |used\s+to\s+working|calm\s+under)\b""",
    rf"\bwith\s+my\s+(?:[\w-]+\s+){{0,3}}(?:years?|{_SKILL})\b",
    r"""\b(?:confident|sure|certain|convinced|believe|know|think)\b(?:\s+that)?\s+I\s+
        (?:would|could|can|will|'d|’d)\s+(?:\w+\s+)?
        (?:be\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:asset|addition|fit|candidate|hire|contributor|member)
        |bring|contribute|add\s+value|excel|deliver|hit\s+the\s+ground|lead|succeed|thrive|solve|fix
        |help\s+(?:\w+\s+){0,3}(?:fast|quickly)|make\s+an?\s+(?:\w+\s+)?(?:impact|difference))""",
    r"\bmake\s+me\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:asset|addition|fit|candidate|hire|choice|member)",
    r"""\bI(?:\s+have|'ve|’ve)?\s+(?:successfully\s+|also\s+|personally\s+)?(?:led|managed|delivered
        |built|launched|grew|grown|increased|drove|driven|spearheaded|shipped|published|won|saved
        |architected|mentored|scaled|headed)\s+(?!to\b|(?:the|a|our|your)\s+(?:interview|conversation
        |call))""",
    r"\bI\s+(?:really\s+)?(?:excel|shine|thrive)\s+(?:at|in|on|when)\b",
    rf"\bas\s+(?:a|an)\s+[\w\s-]{{0,40}}?\bwith\s+(?:[\w-]+\s+){{0,5}}?{_SKILL}",
    r"\bI\s+know\s+how\s+to\b",
)]  # fmt: skip
_WANT = _re(r"""\b(?:interested|interest|excited|excitement|enthusiastic|enthusiasm|keen|eager
    |thrilled|delighted|motivated|passionate|(?:would|'d|’d)\s+(?:\w+\s+){0,2}?(?:love|like|prefer)
    \s+to)\b""")
_WANT_WHAT = _re(r"""\b(?:role|position|job|post|opportunit\w*|team|join\w*|part\s+of|contribut\w*
    |work\w*|compan\w*|future|possibility|prospect|offer|apply|hear(?:ing)?\s+(?:back|from|more)
    |next|stage|step|round|test|exercise|task|presentation|decision
    |interview|assessment)\b""")
_INTEREST = _re(r"""\blook(?:ing)?\s+forward\s+to\b|\bcan(?:'|’)?t\s+wait\b
    |\bkeep\s+me\s+in\s+mind\b
    |\bhope\s+to\s+(?:hear|join|work|be|see|continue|meet)\b|\bbe\s+considered\b|\bpaths\s+cross\b
    |\b(?:future|other|similar)\s+(?:openings?|opportunit\w+|roles?|positions?|vacanc\w+)\b
    |\b(?:stay|keep)\s+in\s+touch\b|\bfirst\s+choice\b
    |\b(?:remain|still)\s+(?:\w+\s+){0,2}?(?:interested|keen|enthusiastic|excited|eager|up\s+for)""")
_NEGATED = _re(r"\b(?:no\s+longer|not|n't|n’t)\s+(?:\w+\s+){0,2}$")


def _fold(text: str) -> str:
    """Lower case without accents: 'Núñez' -> 'nunez'."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def _squash(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalnum())


def _stem(word: str) -> str:
    """Stemming lite: 'reporting', 'reports' and 'reported' become one word."""
    for suffix in _SUFFIXES:
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
    return [w for w in name.replace("’", "'").split() if _fold(w).rstrip(".") not in _TITLES]


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
    return any(w in units or (w not in taken and any(_close(w, u) for u in units)) for w in words)


def _index(text: str, skip: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The folded words of a text by initial, for matching recorded phrases against it."""
    index: dict[str, list[str]] = {}
    for word in {_fold(w) for w in _WORD.findall(text.replace("-", " "))} - skip:
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
    if _SALUTE.match(first) or vocative or (len(first.split()) <= 4 and first.endswith((",", ":"))):
        cut = re.search(r"[,:!—]", first)  # a greeting ends at its comma when the line goes on
        end = lines[0][1] if len(first.split()) <= 8 or not cut else lines[0][0] + cut.end()
        greeting, begin = (lines[0][0], end), end
    rest = [line for line in lines if line[0] >= begin]
    for i in range(len(rest) - 1, max(len(rest) - 6, 0) - 1, -1):
        start, end = rest[i]
        m = _CLOSE_LINE.fullmatch(text, start, end)
        if m and (m["name"] is None or len(m["name"].split()) <= 4):
            signature = " ".join([m["name"] or ""] + [text[s:e] for s, e in rest[i + 1 :]])
            return _Layout(greeting, (begin, start), (start, end), bool(m["bad"]), signature)
    last = text[rest[-1][0] : rest[-1][1]] if rest else ""
    if len(rest) > 1 and len(last.split()) <= 4 and not last.endswith((".", "!", "?")):
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
        return frozenset(map(_fold, _WORD.findall(f"{self.facts.company} {self.facts.position}")))

    @cached_property
    def words(self) -> dict[str, list[str]]:
        return _index(self.body, self.known)

    def content(self, phrase: str) -> list[str]:
        """The words of a recorded phrase that carry its meaning, in order."""
        stems = {_stem(w) for w in self.known}
        words = [_fold(w) for w in _WORD.findall(phrase.replace("-", " "))]
        return [w for w in words if w not in _STOP and _stem(w) not in stems and len(w) > 1]


def _name_spelling(n: _Note) -> list[Hit]:
    units: dict[str, str] = {}
    for name in n.names:
        units = _units(name) | units
    exact = {spelling for name in n.names for spelling in _units(name).values()}
    own, skip = set(_units(n.facts.sender)), _COMMON | n.known
    lower = {w for w in _WORD.findall(n.body) if w[0].islower()}
    facts = n.facts  # words the user recorded ("the Berlin expansion") are theirs, not slips
    recorded = set(_WORD.findall(" ".join([facts.topic or "", facts.next_step or "",
                                           *facts.forgotten])))
    urls = [m.span() for m in _URL.finditer(n.body)]
    hits: list[Hit] = []
    prev: re.Match[str] | None = None
    for m in _NAME.finditer(n.body):
        before, prev = prev, m
        if before and n.body[before.end() : m.start()] == " " and m.group()[0].isupper():
            pair = f"{before.group()} {m.group()}"  # 'Pryce Jones' for Pryce-Jones
            if (
                pair not in exact
                and units.get(_squash(pair), pair) != pair
                and _squash(pair) not in own
            ):
                why = f"'{pair}' should be spelled {units[_squash(pair)]}, as on the card"
                hits.append((why, before.start(), m.end()))
                continue
        tok = re.sub(r"['’]s$", "", m.group()).replace("’", "'")
        if not tok[0].isupper() or tok in exact or any(s <= m.start() < e for s, e in urls):
            continue
        f, span = _squash(tok), (m.start(), m.start() + len(tok))
        if f in own or _fold(tok) in skip or tok.lower() in lower or len(f) < 3 or tok in recorded:
            continue
        if f in units:
            hits.append((f"'{tok}' should be spelled {units[f]}, as on the card", *span))
        elif len(f) <= 5 and m.start() >= n.layout.main[0] and _opens(n.body, m.start()):
            continue  # 'Data' opening a sentence is a word, not Dana misspelled
        elif near := [u for u in units if _close(f, u)]:
            why = f"'{tok}' looks like a misspelling of {units[near[0]]}, the name on the card"
            hits.append((why, *span))
    for name in (x for x in n.names if _CJK.fullmatch(x.replace(" ", "")) and x not in n.body):
        for m in _CJK.finditer(n.body):
            for i in range(len(m.group()) - len(name) + 1):
                window = m.group()[i : i + len(name)]
                diff = [a for a, b in zip(window, name, strict=True) if a != b]
                if len(name) >= 2 and len(diff) == 1 and diff[0] not in _HONORIFIC:
                    why = f"'{window}' looks like a misspelling of {name}, the name on the card"
                    hits.append((why, m.start() + i, m.start() + i + len(name)))
    return hits


def _greeting(n: _Note) -> list[Hit]:
    rec = n.facts.recipient
    who = rec.name if rec else f"the {n.facts.company} team"
    if n.layout.greeting is None:
        return [(f"The note does not open with a greeting; start with 'Dear {who},'", None, None)]
    start, end = n.layout.greeting
    text = n.body[start:end]
    if bad := _BAD_SALUTE.match(text):
        why = f"'{bad.group().strip()}' is not a professional greeting; write 'Dear {who},'"
        return [(why, start, end)]
    rest = _SALUTE.sub("", text, count=1)
    caps = [_squash(w) for w in _tokens(rest) if w[:1].isupper()]
    words = caps + [a + b for a, b in itertools.pairwise(caps)]
    if rec is None:
        named = {_squash(t) for name in n.names for t in _tokens(name)}
        ok = bool(_TEAM.search(rest)) or any(w in named or w in n.known for w in words)
    elif _CJK.search(rec.name):
        ok = rec.name in text or rec.name[0] in text or bool(words)
    else:
        ok = _names(words, rec.name, n.names)
    return [] if ok else [(f"The greeting does not name {who}; write 'Dear {who},'", start, end)]


def _closing(n: _Note) -> list[Hit]:
    lay, sender = n.layout, n.facts.sender
    if lay.closing is None:
        why = f"No professional closing such as 'Kind regards,' followed by your name ({sender})"
        return [(why, None, None)]
    line = n.body[lay.closing[0] : lay.closing[1]]
    if lay.bad_closing:
        why = f"'{line}' is not a professional closing; use 'Kind regards,' or 'Best regards,'"
        return [(why, *lay.closing)]
    signed = _fold(lay.signature)
    if any(_fold(t) in signed for t in _tokens(sender) if len(t) > 1 or _CJK.match(t)):
        return []
    return [(f"The closing is not followed by your name ({sender})", *lay.closing)]


def _tone(n: _Note) -> list[Hit]:
    start = n.layout.greeting[0] if n.layout.greeting else n.layout.main[0]
    text, end = n.body, n.layout.main[1]
    allowed = {w.upper() for w in _WORD.findall(f"{n.facts.company} {n.facts.position}")}
    shouts = (m for m in _CAPS.finditer(text, start, end) if m.group() not in allowed)
    return sorted(
        [(f"'{m.group()}' is slang or text-speak; write it out", *m.span())
         for m in _SLANG.finditer(text, start, end)]
        + [(f"'{m.group()}' is too casual for a note to an employer", *m.span())
           for m in _EMOJI.finditer(text, start, end)]
        + [(f"'{m.group()}': repeated punctuation reads as over-excited", *m.span())
           for m in _BANG.finditer(text, start, end)]
        + [(f"'{m.group()}' in capitals reads as shouting", *m.span())
           for m in shouts if len(m.group()) > 5 or m.group() not in _ACRONYMS]
        + [(f"'{m.group()}' apologises; a confident note does not", *m.span())
           for m in _SORRY.finditer(text, start, end)],
        key=lambda hit: hit[1] or 0)  # fmt: skip


def _length(n: _Note) -> list[Hit]:
    count, low, high = len(_WORD.findall(n.main)), n.policy.note_min_words, n.policy.note_max_words
    if count < low:
        return [(f"The note has {count} words; write at least {low}", None, None)]
    if count > high:
        return [(f"The note has {count} words; keep it to {high} or fewer", None, None)]
    return []


def _american(word: str) -> str:
    """The US spelling of a British word, which the speller may know better ('organising')."""
    for british, us in _BRITISH:
        word = british.sub(us, word)
    return word


def _spelling(n: _Note) -> list[Hit]:
    assert n.speller is not None
    f, offset = n.facts, n.layout.main[0]
    recorded = (*n.names, f.company, f.position, f.topic or "", f.next_step or "", *f.forgotten)
    known = _WORKPLACE | {_fold(w) for text in recorded for w in _WORD.findall(text)}
    text = _URL.sub(lambda m: " " * len(m.group()), n.main).replace("’", "'")
    found = [(m, _fold(m.group())) for m in _WORD.finditer(text) if len(m.group()) > 1]
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
    for s in (s.group() for s in _SENTENCE.finditer(n.main)):
        said = [m for m in _THANKS.finditer(s) if not _FOR_NEWS.match(s, m.end())]
        if said or (_THANKS.search(s) and _FOR_TIME.search(s)):
            return []
    return [("The note does not thank them for their time or consideration", None, None)]


def _skills(n: _Note) -> list[Hit]:
    points = [n.content(p) for p in n.facts.forgotten]
    hits: list[Hit] = []
    for s in _SENTENCE.finditer(n.main):
        if any(_covered(_index(s.group()), words) for words in points):
            continue  # the user's own recorded point is theirs to mention (R7)
        if m := next((m for p in _PITCH if (m := p.search(s.group()))), None):
            start = n.layout.main[0] + s.start() + m.start()
            why = f"'{' '.join(m.group().split())}' sells your skills; a thank-you note won't pitch"
            hits.append((why, start, start + len(m.group().rstrip())))
    return hits


def _interest(n: _Note) -> list[Hit]:
    for s in (s.group() for s in _SENTENCE.finditer(n.main)):
        wants = (m for m in _WANT.finditer(s) if not _NEGATED.search(s[: m.start()]))
        if _INTEREST.search(s) or (_WANT_WHAT.search(s) and any(wants)):
            return []
    what = "future openings" if n.facts.kind is Kind.THANK_AFTER_DECISION else "the position"
    return [(f"The note does not reaffirm your interest in {what}", None, None)]


def _next_step(n: _Note) -> list[Hit]:
    if not (step := n.facts.next_step):
        return []
    words = n.content(step)
    text = [w for w in map(_fold, _WORD.findall(n.body.replace("-", " "))) if w not in _STOP]
    pairs = itertools.product(itertools.pairwise(words), itertools.pairwise(text))
    said = any(_same_pair(a, b, x, y) for (a, b), (x, y) in pairs)
    if said or _covered(n.words, [w for w in words if w not in _GENERIC] or words):
        return []
    return [(f"The next step ({step}) is not mentioned; say you look forward to it", None, None)]


def _specific(n: _Note) -> list[Hit]:
    words = [w for w in n.content(n.facts.topic or "") if w not in _GENERIC]
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
    said = [_squash(m.group()) for t in (n.body, *n.siblings) for m in _NAME.finditer(t)
            if not m.group()[0].islower()]  # fmt: skip (capitalised, or a script without case)
    why = "{} helped you; thank them by name in one note of the interview"
    return [(why.format(h), None, None) for h in n.facts.helpers if not _names(said, h, n.names)]


def _core(n: _Note, text: str) -> str:
    """A note's main text without names, folded, for comparing notes."""
    lay, names = _layout(text), {_fold(t) for name in n.names for t in _tokens(name)}
    words = map(_fold, _WORD.findall(text[lay.main[0] : lay.main[1]]))
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
        Finding(rule, Severity.ERROR if rule in errors else Severity.WARNING, why, start, end)
        for rule, (kinds, fn) in RULES.items()
        if rule not in off and facts.kind in kinds
        for why, start, end in fn(note)
    ]
