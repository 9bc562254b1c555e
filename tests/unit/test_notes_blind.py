"""The checker on notes written without sight of it: it must stay general."""

from __future__ import annotations

from followup.domain.notes.check import check
from tests.unit.notes_blind import macro_scores


def test_the_checker_keeps_its_precision_and_recall_on_blind_notes() -> None:
    precision, recall = macro_scores(check)

    assert precision >= 0.9
    assert recall >= 0.9
