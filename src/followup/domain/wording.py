"""The words people see for the app's identifiers (kinds of step, the checker's rules), and
counts with the right plural.

JSON and `config list` keep the identifiers; text for people says these words
instead. Pure and light (the fast path prints through it).
"""

from __future__ import annotations

STEPS = {
    "checklist": "Interview checklist",
    "thank_you": "Thank-you note",
    "inquiry": "Follow-up call",
    "decision_check": "Decision-check call",
    "callback": "Call-back",
    "call_retry": "Retry call",
    "thank_after_decision": "Thank-you after the decision",
    "keep_in_touch": "Keep in touch",
    "thank_helpers": "Thank-you to the people who helped",
    "withdrawal_note": "Withdrawal note",
    "last_note": "Last note",
}
"""Each kind of step (`Kind`'s values) in words."""
BY_CHANNEL = {"email": "Follow-up email", "letter": "Follow-up letter"}
"""An inquiry the user switched from a call to another channel."""

CHECKS = {
    "name_spelling": "Name spelled as on record",
    "greeting": "Greeting",
    "closing": "Closing",
    "tone": "Tone",
    "length": "Length",
    "spelling": "Spelling",
    "thanks": "Thanks",
    "skills": "No selling of skills",
    "interest": "Interest restated",
    "next_step": "Next step",
    "specific": "Something specific",
    "forgotten": "Points you forgot",
    "helpers": "People who helped",
    "similarity": "Notes that read alike",
    "late": "Sent late",
}
"""The note checker's rules (`notes.check.RULES`) in words."""


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 word', '2 words', '0 replies' (with `many`)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def step(kind: str, channel: str | None = None) -> str:
    """'Thank-you note', 'Follow-up email' (an inquiry by email): what a step is."""
    if kind == "inquiry" and channel in BY_CHANNEL:
        return BY_CHANNEL[channel]
    return STEPS.get(kind) or kind.replace("_", " ").capitalize()


def step_to(kind: str, channel: str | None, person: str | None) -> str:
    """'Thank-you note to José Núñez'."""
    return f"{step(kind, channel)} to {person}" if person else step(kind, channel)


def check(rule: str) -> str:
    """'Name spelled as on record': a checker rule in words."""
    return CHECKS.get(rule) or rule.replace("_", " ").capitalize()
