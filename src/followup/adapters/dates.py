"""A second opinion on date phrases from dateparser, for wordings the domain does not know."""

from __future__ import annotations

from datetime import date, datetime

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "pl", "ga"]


def date_words(text: str, anchor: date) -> date | None:
    """The date dateparser reads in `text` counted from `anchor`, or None.

    Only a text with a day number and a word in it is asked about ("4. Dezember",
    "le 4 décembre"): dateparser fills a missing day from the anchor ("next month" would become a
    guess), and reads "4/12/2026" in one country's order or another's.
    """
    if not (any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)):
        return None
    import dateparser

    found = dateparser.parse(text, languages=LANGUAGES, settings={
        "RELATIVE_BASE": datetime.combine(anchor, datetime.min.time()),
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    return found.date() if found else None
