"""The note checker against its labelled corpus, and how fast it is.

Run from the repository root: `python benchmarks/checker.py` (or `python -m benchmarks.checker`).
Precision and recall are per rule over tests/unit/notes_corpus.py, checked with no speller, no
sibling notes and no sending time (the corpus leaves `spelling`, `similarity` and `late` out).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `tests` importable
    sys.path.insert(0, str(ROOT))

from spellchecker import SpellChecker  # noqa: E402
from tests.unit.notes_corpus import (  # noqa: E402
    HELD_OUT_FROM,
    IN_SCOPE,
    NOTES,
    SECOND_HELD_OUT_FROM,
    CorpusNote,
)
from tests.unit.notes_eval import DEV, TARGETS, TEST, Scores, score  # noqa: E402

from followup.domain.notes.check import check  # noqa: E402

ONE_NOTE_TARGET_MS = 20.0
THOUSAND_NOTES_TARGET_S = 5.0


def precision_recall(
    notes: list[CorpusNote] | None = None,
) -> list[tuple[str, float, float, int]]:
    """(rule, precision, recall, support) for each rule in scope; 1.0 when there is nothing to get
    wrong (no finding for precision, no labelled note for recall)."""
    hits, extra, missed = Counter[str](), Counter[str](), Counter[str]()
    for note in NOTES if notes is None else notes:
        found = {f.rule for f in check(note.text, note.facts)}
        for rule in IN_SCOPE:
            if rule in found:
                (hits if rule in note.expected else extra)[rule] += 1
            elif rule in note.expected:
                missed[rule] += 1
    table = []
    for rule in IN_SCOPE:
        fired, support = hits[rule] + extra[rule], hits[rule] + missed[rule]
        precision = hits[rule] / fired if fired else 1.0
        recall = hits[rule] / support if support else 1.0
        table.append((rule, precision, recall, support))
    return table


def blind() -> tuple[float, float]:
    """Macro precision and recall over tests/unit/notes_blind.py, written without the checker."""
    from tests.unit.notes_blind import macro_scores

    return macro_scores(check)


def evaluation(half: str) -> Scores:
    """Per-rule and micro precision and recall over one half ('dev' or 'test') of the evaluation
    set in tests/unit/notes_eval/, notes modelled on published ones."""
    return score(check, DEV if half == "dev" else TEST)


def timings(runs: int = 50, batch: int = 1000) -> dict[str, float]:
    """Median ms of checking one note warm, and seconds for checking `batch` notes, both with the
    real pyspellchecker as speller."""
    speller = SpellChecker()
    sample = NOTES[0]
    check(sample.text, sample.facts, speller=speller)  # warm: the dictionary is loaded
    one = []
    for _ in range(runs):
        start = time.perf_counter()
        check(sample.text, sample.facts, speller=speller)
        one.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    for i in range(batch):
        note = NOTES[i % len(NOTES)]
        check(note.text, note.facts, speller=speller)
    return {"one_note_ms": statistics.median(one), "notes_s": time.perf_counter() - start}


def _print_table(title: str, table: list[tuple[str, float, float, int]]) -> None:
    print(f"\n{title}\n{'rule':<14} {'precision':>9} {'recall':>7} {'support':>8}")
    for rule, precision, recall, support in table:
        print(f"{rule:<14} {precision:>9.2f} {recall:>7.2f} {support:>8}")
    macro_p = sum(p for _, p, _, _ in table) / len(table)
    macro_r = sum(r for _, _, r, _ in table) / len(table)
    print(f"{'macro':<14} {macro_p:>9.2f} {macro_r:>7.2f}")


def main() -> None:
    _print_table(f"All {len(NOTES)} corpus notes", precision_recall())
    batches = [
        ("written with the checker", NOTES[:HELD_OUT_FROM]),
        ("first held-out batch", NOTES[HELD_OUT_FROM:SECOND_HELD_OUT_FROM]),
        ("second held-out batch", NOTES[SECOND_HELD_OUT_FROM:]),
    ]
    for name, notes in batches:
        table = precision_recall(notes)
        macro_p = sum(p for _, p, _, _ in table) / len(table)
        macro_r = sum(r for _, _, r, _ in table) / len(table)
        print(f"{name:<26} {len(notes):>4} notes  macro P {macro_p:.2f}  R {macro_r:.2f}")
    for half in ("dev", "test"):
        scores = evaluation(half)
        title = f"Evaluation set, {half} half ({len(DEV if half == 'dev' else TEST)} notes)"
        print(f"\n{title}\n{'rule':<14} {'precision':>9} {'recall':>7} {'fired':>6} "
              f"{'labelled':>8}")
        for rule, (p, r, fired, labelled) in scores.per_rule.items():
            print(f"{rule:<14} {p:>9.2f} {r:>7.2f} {fired:>6} {labelled:>8}")
        print(f"{'micro':<14} {scores.micro_precision:>9.2f} {scores.micro_recall:>7.2f}   "
              f"targets P {TARGETS['micro_precision']} R {TARGETS['micro_recall']}, every rule "
              f"P {TARGETS['rule_precision']}: {'met' if scores.meets_targets() else 'MISSED'}")
    t = timings()
    print(f"\n{'timing':<26} {'value':>10} {'target':>10}")
    print(f"{'check one note (warm)':<26} {t['one_note_ms']:>8.2f}ms {ONE_NOTE_TARGET_MS:>8.0f}ms")
    print(f"{'check 1,000 notes':<26} {t['notes_s']:>9.2f}s {THOUSAND_NOTES_TARGET_S:>9.0f}s")


if __name__ == "__main__":
    main()
