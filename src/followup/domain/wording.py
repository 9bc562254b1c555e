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
WHY_CHECKS = {
    "name_spelling": "A misspelled name is the one mistake every reader notices: spell each name "
                     "exactly as on the card (R7).",
    "greeting": "Greeting the person by name shows the note was written for them; “Hey” or “To "
                "whom it may concern” reads as careless or generic (R7).",
    "closing": "A professional closing and your name end the note the way the reader expects, and "
               "say who wrote it (R7).",
    "tone": "Slang, emoji, shouting and apologies undo the professional impression the interview "
            "made (R7).",
    "length": "About 40 to 200 words is long enough to say something specific and short enough to "
              "be read at once (R7).",
    "spelling": "A note is read as a sample of your work; a spelling mistake suggests haste (R7).",
    "thanks": "A note's first job is to thank them for their time or their consideration (R7).",
    "skills": "A thank-you note that sells your skills reads as a second cover letter; the "
              "interview was the place for that (R7: stricter than most advice, and it can be "
              "switched off).",
    "interest": "After an interview the reader wants to know you still want the position, or "
                "future openings after a rejection (R7).",
    "next_step": "Naming the next step they described shows you listened and are ready for it "
                 "(R7).",
    "specific": "One detail from your conversation with this person shows the note is not a "
                "template (R7).",
    "forgotten": "A note is your chance to clear up what you forgot to say at the interview (R7).",
    "helpers": "People who helped you on the day are remembered when one note thanks them by name "
               "(R7).",
    "similarity": "Interviewers compare notes; near-copies tell them the notes were not written "
                  "for them (R7).",
    "late": "A thank-you note counts while the interview is fresh: by the end of the next day "
            "(R2).",
}
"""Why each checker rule exists, in one plain sentence with the playbook rule behind it."""


def fix_words(body: str | None, start: int, end: int, text: str) -> str:
    """'replace "Cheers," with "Kind regards,"', 'remove "!!!"', 'add "Dear Anna,"': a checker's
    suggested fix in words (`body` is the text it applies to)."""
    new = " ".join(text.split())
    if start == end:
        return f'add "{new}"'
    old = " ".join(body[start:end].split()) if body is not None else None
    if old is None:
        return f'replace characters {start}-{end} with "{new}"'
    return f'remove "{old}"' if not new else f'replace "{old}" with "{new}"'


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
