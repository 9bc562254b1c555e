"""The board's stages and search, from their definitions (pure)."""

from __future__ import annotations

import pytest

from followup.domain.board import Stage, fold, matches, stage
from followup.domain.model import AppStatus
from tests.unit.factories import local

INTERVIEW = local(2026, 12, 1, 10)
"""The start of the application's latest interview that was not called off."""
BEFORE = local(2026, 12, 1, 9)


@pytest.mark.parametrize(("status", "expected"), [
    (AppStatus.OFFER, Stage.OFFER),
    (AppStatus.HIRED, Stage.CLOSED),
    (AppStatus.REJECTED, Stage.CLOSED),
    (AppStatus.WITHDRAWN, Stage.CLOSED),
])
def test_an_outcome_decides_the_stage_whatever_the_interviews(status: AppStatus,
                                                               expected: Stage) -> None:
    assert stage(status, INTERVIEW, BEFORE) is expected


@pytest.mark.parametrize("status", [AppStatus.ACTIVE, AppStatus.STALE])
def test_an_interview_still_to_come_is_interviewing(status: AppStatus) -> None:
    assert stage(status, INTERVIEW, BEFORE) is Stage.INTERVIEWING


def test_an_interview_that_has_started_is_held_so_the_application_waits() -> None:
    assert stage(AppStatus.ACTIVE, INTERVIEW, INTERVIEW) is Stage.WAITING
    assert stage(AppStatus.STALE, INTERVIEW, local(2026, 12, 9, 9)) is Stage.WAITING


def test_an_application_without_interviews_waits() -> None:
    assert stage(AppStatus.ACTIVE, None, BEFORE) is Stage.WAITING


def test_search_ignores_accents_and_case_in_both_directions() -> None:
    assert fold("Siobhán Ó Briain") == "siobhan o briain"
    assert matches("jose", "Acme", "José Núñez")
    assert matches("NÚÑEZ acme", "Acme", "Data Analyst", "José Núñez")
    assert matches("王芳", "Zhongshan Tech", "王芳")
    assert not matches("initech", "Acme", "José Núñez")
    assert not matches("jose initech", "Acme", "José Núñez")  # every word must be found
