"""Every number of the playbook, with its default; the user may change any of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any


def _number(default: Any, help: str, most: int = 1000) -> Any:
    """A policy field with its default, the sentence that explains it, and its largest value."""
    return field(default=default, metadata={"help": help, "most": most})


@dataclass(frozen=True)
class Policy:
    interview_minutes: int = _number(
        60, "Length of an interview recorded without an end.")
    business_start: time = _number(
        time(9, 0), "Calls are planned from this hour of the employer's day (R6).")
    business_end: time = _number(
        time(17, 0), "End of business: calls are due by this hour (R6).")
    thank_you_grace_days: int = _number(
        1, "Calendar days after the interview day by which a thank-you note is late (R2).")
    panel_note_threshold: int = _number(
        7, "With more interviewers than this, offer one note to the coordinator too (R2).")
    letter_transit_business_days: int = _number(
        5, "Business days a letter may take to reach the desk of the person who decides (R2).")
    inquiry_after_days: int = _number(
        7, "First calendar day of the inquiry window after the interview, call or reply (R3).")
    inquiry_within_days: int = _number(
        10, "Last calendar day of the inquiry window (R3).")
    decision_check_deadline_business_days: int = _number(
        2, "Business days after the promised decision date by which the check call is late (R4).")
    gap_business_days: int = _number(
        3, "Least business days between two contacts the candidate starts (R6).")
    max_call_retries: int = _number(
        2, "Retries after a call that reached nobody, before an email inquiry instead (R5).")
    max_unanswered: int = _number(
        3, "Unanswered follow-ups after which the application is stale (R6).")
    last_note_window_business_days: int = _number(
        5, "Business days the optional last note stays open (R6).")
    thank_after_decision_business_days: int = _number(
        1, "Business days after a rejection by which the thank-after-decision note is due (R8).")
    thank_after_decision_grace_business_days: int = _number(
        2, "Business days after that due day by which it is late (R8).")
    keep_in_touch_days: int = _number(
        90, "Days after a rejection to check openings and say hello (R8).")
    keep_in_touch_window_days: int = _number(
        14, "Days the keep-in-touch step stays open (R8).")
    note_window_business_days: int = _number(
        2, "Business days an offered note (thank helpers, withdrawal) stays open (R9).")

    import_history_days: int = _number(
        30, "Steps of imported history whose deadline passed more than this many days before "
        "the import are recorded as skipped, not planned.", most=100_000)

    note_min_words: int = _number(
        40, "Fewer words than this in a note's body are too short (checker rule length).")
    note_max_words: int = _number(
        200, "More words than this in a note's body are too long (checker rule length).")
    note_similarity_percent: int = _number(
        80, "Two notes of one interview this similar (0-100) are near-copies (rule similarity).",
        most=100)
    note_rules_off: str = _number(
        "", "Checker rules switched off, comma-separated ids (such as skills,length).")
    note_errors: str = _number(
        "name_spelling,greeting,closing,tone",
        "Checker rules whose findings are errors that hold a note back; the rest warn.")

    def problems(self) -> list[str]:
        """Numbers that contradict each other, in words; empty when the policy is usable."""
        checks = [
            (self.business_start < self.business_end, "business hours must start before they end"),
            (self.interview_minutes >= 1, "an interview lasts at least a minute"),
            (self.inquiry_after_days <= self.inquiry_within_days,
             "the inquiry window must open before it closes"),
            (self.note_min_words < self.note_max_words,
             "a note's least words must be fewer than its most"),
        ]
        return [problem for fine, problem in checks if not fine]
