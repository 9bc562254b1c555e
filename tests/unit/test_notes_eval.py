"""The evaluation set is what it claims to be, and the checker meets its targets on the
development half (the test half is measured by `make bench` only: benchmarks/checker.py)."""

from __future__ import annotations

from collections import Counter

from followup.domain.notes.check import check
from tests.unit.notes_eval import DEV, NOTES, RULES, TEST, score


def test_the_set_has_enough_notes_each_with_its_source_and_positives_for_every_rule() -> None:
    positives = Counter(rule for note in TEST for rule in note.expected)

    assert len(NOTES) >= 120 and len({n.number for n in NOTES}) == len(NOTES)
    assert all(note.source.startswith("https://") for note in NOTES)
    assert all(positives[rule] >= 10 for rule in RULES), positives
    assert {n.facts.kind.value for n in NOTES} == {"thank_you", "inquiry", "thank_after_decision"}


def test_the_checker_meets_its_targets_on_the_development_half() -> None:
    scores = score(check, DEV)

    assert scores.meets_targets(), scores.errors
