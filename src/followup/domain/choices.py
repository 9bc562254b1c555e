"""The values a person may choose from, in the order they are offered: one list for the CLI's
choices, the API's schema and the services' checks."""

from __future__ import annotations

from followup.domain.model import AppStatus, CallOutcome, Channel, Format, Honorific, Kind, Role
from followup.domain.notes.facts import NOTE_KINDS, Tone

FORMATS = tuple(f.value for f in Format)
ROLES = tuple(r.value for r in Role)
HONORIFICS = tuple(h.value for h in Honorific)
STATUSES = tuple(s.value for s in AppStatus)
CALL_OUTCOMES = tuple(o.value for o in CallOutcome)
DECISIONS = ("pending", AppStatus.OFFER.value, AppStatus.REJECTED.value)
"""What a call may have heard: nothing decided yet, or a decision."""
OUTCOMES = tuple(s.value for s in (AppStatus.OFFER, AppStatus.HIRED, AppStatus.REJECTED,
                                    AppStatus.WITHDRAWN, AppStatus.ACTIVE))
"""What `outcome` records: a decision, a withdrawal, or `active` to undo one (stale is the
planner's word, never given)."""
TONES = tuple(t.value for t in Tone)
NOTE_CHANNELS = (Channel.EMAIL.value, Channel.LETTER.value)
NOTE_KINDS_OFFERED = tuple(k.value for k in (
    Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.WITHDRAWAL_NOTE, Kind.LAST_NOTE,
    Kind.THANK_HELPERS, Kind.INQUIRY))
"""The kinds of note `note check --file` can check a text as (every kind of note)."""
assert set(NOTE_KINDS_OFFERED) == {k.value for k in NOTE_KINDS}
