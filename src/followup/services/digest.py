"""The daily digest: one email to the user with today's and overdue steps, once a day."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from followup.config import mail_values
from followup.domain import calendar as cal
from followup.domain import timing, wording
from followup.domain.model import User
from followup.domain.timing import Timing
from followup.services.agenda import agenda_until
from followup.services.context import Deps
from followup.services.ports import Outgoing, Person
from followup.services.reviews import DigestComment, digest_news
from followup.services.views import AgendaItem


def digest_message_id(owner_id: int, day: date, sender: str) -> str:
    """The one Message-ID of a user's digest for `day`: a second enqueue adds nothing."""
    domain = sender.rpartition("@")[2].strip().lower() or "localhost"
    tag = hashlib.sha256(f"{owner_id}:{sender.lower()}".encode()).hexdigest()[:12]
    return f"<digest.{day:%Y%m%d}.{owner_id}.{tag}@{domain}>"


@dataclass(frozen=True, slots=True)
class DigestQueued:
    """Today's digest, put in the outbox."""

    id: int
    message_id: str
    steps: int


def _line(step: AgendaItem) -> str:
    who = step.contact.name if step.contact else None
    return (f"- {wording.step_to(step.kind, step.channel, who)} at {step.company} "
            f"({step.position}): {step.when} [step {step.id}]\n  {step.why}")


def _comment(said: DigestComment) -> str:
    about = f"on “{said.quote}”: " if said.quote else ""
    return f"- {said.step} at {said.company} [step {said.action_id}]\n  {about}{said.body}"


def body(user: User, day: date, steps: Sequence[AgendaItem],
         comments: Sequence[DigestComment] = ()) -> tuple[str, str]:
    """The digest's subject and text, in Today's sections and order; then what the user's
    coach said of the notes they share."""
    count = wording.plural(len(steps), "step")
    late = sum(1 for s in steps if s.overdue)
    subject = f"Followup: {count} for {day:%a %d %b}" + (f", {late} overdue" if late else "")
    parts = [f"Good morning, {user.name.split()[0]}. Your steps for {day:%A %d %B}:"]
    if not steps:  # only the coach's comments to tell
        subject = f"Followup: your coach commented on your notes, {day:%a %d %b}"
        parts = [f"Good morning, {user.name.split()[0]}."]
    for rank in (Timing.OVERDUE, Timing.PAST_TARGET, Timing.DUE):
        title = timing.SECTIONS[rank]
        shown = [s for s in steps if timing.section(s.overdue, s.past_target) is rank]
        if shown:
            parts.append(f"{title}:\n" + "\n".join(_line(s) for s in shown))
    if comments:
        parts.append("Your coach commented on your notes:\n"
                     + "\n".join(_comment(c) for c in comments))
    parts.append("Today in Followup lists them; tick each off there once it is done.")
    return subject, "\n\n".join(parts) + "\n"


def enqueue_due(deps: Deps) -> DigestQueued | None:
    """Puts today's digest in the outbox once the user's digest hour has passed (at most once
    a day, whoever calls it and however often); None when there is nothing to send."""
    if deps.messages is None:
        return None
    with deps.uow() as uow:
        repo = uow.repo
        user = repo.user()
        if user is None or user.id is None:
            return None
        values: dict[str, Any] = mail_values(repo.settings())
        now = deps.clock()
        local = now.astimezone(cal.zone(user.timezone))
        if (not values["digest.enabled"] or not values["smtp.host"]
                or local.time() < values["digest.hour"]):
            return None
        sender = values["mail.from_address"] or user.email
        message_id = digest_message_id(user.id, local.date(), sender)
        if uow.outbox.has(message_id):
            return None
        steps = agenda_until(repo, now).actions
        comments = digest_news(deps, uow, now - timedelta(days=1))
        if not steps and not comments:
            return None
        subject, text = body(user, local.date(), steps, comments)
        composed = deps.messages.build(
            Person(values["mail.from_name"] or user.name, sender), [Person(user.name, user.email)],
            subject, text, now, message_id, headers={"Auto-Submitted": "auto-generated"})
        item = Outgoing(None, user.id, None, "digest", message_id, composed.sender,
                        composed.recipients, composed.subject, composed.text, now,
                        created_at=now)
        added = uow.outbox.add(item)
        uow.commit()
    return DigestQueued(item.id or 0, message_id, len(steps)) if added else None
