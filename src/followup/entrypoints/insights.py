"""Insights in words: each part's title, its numbers said in a sentence or two, and how it is
counted; the CLI prints them and the Insights page shows the same sentences over its charts."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain.wording import plural
from followup.services.stats import DEFINITIONS, StatsView

NONE = "–"
"""What stands for a number that cannot be worked out (a rate of nothing)."""
STAGE_NAMES = {"application": "application", "first_interview": "first interview",
               "later_rounds": "later rounds", "offer": "offer"}


@dataclass(frozen=True)
class Part:
    """One part of Insights: `key` names its member in the JSON and its definition."""

    key: str
    title: str
    lines: tuple[str, ...]

    @property
    def counted(self) -> str:
        return DEFINITIONS[self.key]


def percent(rate: float | None) -> str:
    """A rate as a whole percentage, or a dash when there was nothing to count."""
    return NONE if rate is None else f"{rate:.0%}"


def number(value: float | int | None) -> str:
    """A count or a measure as short as it goes (11.0 is 11), or a dash."""
    if value is None:
        return NONE
    return f"{value:g}" if isinstance(value, float) else str(value)


def parts(view: StatsView) -> list[Part]:
    """The parts in the order a person reads them, weeks last."""
    f, t, r = view.funnel, view.thank_you, view.response
    d, k, s, p = view.days_to_decision, view.decision_date_kept, view.stale, view.per_application
    ended = [f"{STAGE_NAMES[x.stage]}: " + ", ".join(
        w for w in (f"{x.rejected} rejected" if x.rejected else "",
                    f"{x.withdrawn} withdrawn" if x.withdrawn else "") if w)
             for x in f.stages if x.rejected or x.withdrawn]
    late = t.late_by
    return [
        Part("funnel", "Funnel", (
            f"{plural(f.applications, 'application')} → {f.interviewed} interviewed → "
            f"{f.later_rounds} with later rounds → {plural(f.offers, 'offer')} → "
            f"{f.hired} hired",
            f"{f.rejected} rejected, {f.withdrawn} withdrawn"
            + (f" (ended at {'; '.join(ended)})" if ended else ""))),
        Part("thank_you", "Thank-you notes", (
            f"{t.on_time} of {t.due} on time ({percent(t.on_time_rate)}); {t.late} late, "
            f"{t.missed} missed",
            f"Late by: up to a day {late.within_a_day}, one to three days "
            f"{late.one_to_three_days}, more than three days {late.more_than_three_days}; "
            f"median {number(late.median_hours)} hours")),
        Part("response", "Response", (
            f"{r.answered_within_7_days} of {plural(r.follow_ups, 'follow-up')} answered "
            f"within 7 days ({percent(r.rate)}); {r.waiting} still within their 7 days",)),
        Part("days_to_decision", "Days to decision", (
            f"median {number(d.median)} days (quartiles {number(d.q1)} to {number(d.q3)}), "
            f"from {plural(d.n, 'decision')}",)),
        Part("decision_date_kept", "Decision dates kept", (
            f"{k.kept} of {k.given} kept ({percent(k.rate)})",)),
        Part("stale", "Stale applications", (
            f"{s.stale} of {plural(s.applications, 'application')} went stale "
            f"({percent(s.share)})",)),
        Part("per_application", "Follow-ups per application", (
            f"{plural(p.follow_ups, 'follow-up')} for {plural(p.applications, 'application')}"
            f": {number(p.mean)} each",)),
    ]
