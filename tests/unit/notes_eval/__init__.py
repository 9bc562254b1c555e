"""The checker's evaluation set: notes modelled on published ones, labelled by hand (notes.txt).

The checker may be tuned on the development notes only; the test notes are evaluated by
`make bench` and reported in benchmarks/README.md, and a new round of tuning needs new test notes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from followup.domain.model import Kind
from followup.domain.notes.facts import Finding, NoteFacts, Recipient

RULES = ("name_spelling", "greeting", "closing", "thanks", "skills", "interest", "next_step",
         "specific")  # fmt: skip
"""The rules whose wording varies from writer to writer: the ones this set measures."""
TARGETS = {"micro_precision": 0.92, "micro_recall": 0.88, "rule_precision": 0.85}
_HEAD = re.compile(r"^=== (\d+) (\w+)$")


@dataclass(frozen=True)
class EvalNote:
    number: int
    text: str
    facts: NoteFacts
    expected: frozenset[str]
    source: str


def _note(number: int, kind: str, source: str, header: dict[str, str], text: str) -> EvalNote:
    expected = frozenset(header.get("expect", "").split())
    assert expected <= set(RULES), (number, expected - set(RULES))
    to = header["to"]
    names = tuple(n.strip() for n in header.get("names", "").split(",") if n.strip())
    facts = NoteFacts(kind=Kind(kind), sender=header["from"], recipient=Recipient(to),
                      company=header["company"], position=header["position"],
                      topic=header.get("topic"), next_step=header.get("next"),
                      names=(to, *names))  # fmt: skip
    return EvalNote(number, text.strip("\n"), facts, expected, source)


HERE = Path(__file__).with_name("notes.txt")


def load(path: Path = HERE) -> list[EvalNote]:
    """Every note of the set, in order."""
    notes: list[EvalNote] = []
    source, lines = "", path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("# source: "):
            source = line.removeprefix("# source: ").strip()
        if m := _HEAD.match(line):
            header: dict[str, str] = {}
            i += 1
            while lines[i] != "---":
                key, _, value = lines[i].partition(":")
                header[key.strip()] = value.strip()
                i += 1
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].startswith(("# source: ", "=== ")):
                body.append(lines[i])
                i += 1
            notes.append(_note(int(m[1]), m[2], source, header, "\n".join(body)))
            source = ""
            continue
        i += 1
    return notes


NOTES = load()
ROUND_2_FROM = 155
"""Round 1 split notes 1-154 into odd (development) and even (test) numbers; once its test half
had been looked at, all of them became development data, and round 2's test half was written."""
DEV = [n for n in NOTES if n.number < ROUND_2_FROM]
TEST = [n for n in NOTES if n.number >= ROUND_2_FROM]

Checker = Callable[[str, NoteFacts], list[Finding]]


@dataclass(frozen=True)
class Scores:
    per_rule: dict[str, tuple[float, float, int, int]]
    """rule -> (precision, recall, findings, labelled positives)."""
    micro_precision: float
    micro_recall: float
    errors: tuple[tuple[int, str, str], ...]
    """(note number, rule, 'missed' or 'false alarm') for each mistake."""

    def meets_targets(self) -> bool:
        rules = all(p >= TARGETS["rule_precision"] for p, _, _, _ in self.per_rule.values())
        return (self.micro_precision >= TARGETS["micro_precision"]
                and self.micro_recall >= TARGETS["micro_recall"] and rules)  # fmt: skip


def score(check: Checker, notes: Sequence[EvalNote]) -> Scores:
    """Per-rule and micro precision and recall of `check` on `notes` (1.0 with nothing to get
    wrong)."""
    hit, fired, labelled = Counter[str](), Counter[str](), Counter[str]()
    errors = []
    for note in notes:
        found = {f.rule for f in check(note.text, note.facts)} & set(RULES)
        for rule in RULES:
            fired[rule] += rule in found
            labelled[rule] += rule in note.expected
            hit[rule] += rule in found and rule in note.expected
            if (rule in found) != (rule in note.expected):
                errors.append((note.number, rule, "missed" if rule in note.expected
                               else "false alarm"))  # fmt: skip
    per_rule = {r: (hit[r] / fired[r] if fired[r] else 1.0,
                    hit[r] / labelled[r] if labelled[r] else 1.0, fired[r], labelled[r])
                for r in RULES}  # fmt: skip
    total_hit, total_fired, total_labelled = (sum(c.values()) for c in (hit, fired, labelled))
    return Scores(per_rule, total_hit / total_fired if total_fired else 1.0,
                  total_hit / total_labelled if total_labelled else 1.0, tuple(errors))
