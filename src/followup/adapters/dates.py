"""A second opinion on date phrases from dateparser, for wordings the domain does not know."""

from __future__ import annotations

from datetime import date, datetime


def date_words(text: str, anchor: date) -> date | None:
    """The date dateparser reads in `text` counted from `anchor`, or None."""
    import dateparser

    found = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": datetime.combine(anchor, datetime.min.time()),
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    return found.date() if found else None
