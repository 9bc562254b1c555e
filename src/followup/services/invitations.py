"""Interviews from calendar invitations: a user hands over the invitation the employer sent
(a file, an upload, or a message in their mailbox) and gets the interview it describes; an
updated invitation reschedules it, a cancellation cancels it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.config import mail_values
from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput, NotAllowed, NotFound, Remedy
from followup.domain.incoming import company_domains
from followup.domain.invitation import (
    Invitation,
    MailedInvitation,
    Method,
    Proposal,
    names_company,
    position_in,
)
from followup.domain.model import Application, AppStatus, Format
from followup.services import interviews
from followup.services.context import Deps, required, user_of
from followup.services.interviews import InterviewForm, PersonIn
from followup.services.ports import InvitationReader, Repository
from followup.services.views import Change, InterviewResult, ProposedInvitation, local

GENERIC_LABELS = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "mail", "email",
                            "careers", "jobs", "hr", "corp"})
"""Parts of a domain that never name the company."""


@dataclass(frozen=True, slots=True)
class InvitedPerson:
    """Someone the invitation names, spelled as the sender's calendar spells them."""

    name: str
    email: str
    organizer: bool = field(metadata={"doc": "They sent the invitation."})


@dataclass(frozen=True, slots=True)
class ProposedInterview:
    """What an invitation would record: the interview's facts and what it changes."""

    change: Change
    uid: str = field(metadata={"doc": "The invitation's UID; its updates carry the same."})
    sequence: int
    company: str | None = field(metadata={"doc": "None: the invitation does not say; ask."})
    position: str | None = field(metadata={"doc": "From the summary when the company is known."})
    application_id: int | None = field(metadata={"doc": "The application it is a round of."})
    interview_id: int | None = field(metadata={"doc": "The interview it reschedules or cancels."})
    start: datetime
    end: datetime | None
    timezone: str = field(metadata={"doc": "The zone the invitation was written in."})
    format: Format | None
    location: str | None
    link: str | None = field(metadata={"doc": "The video link (Teams, Zoom, Meet...)."})
    summary: str | None
    organizer: str | None
    interviewers: tuple[InvitedPerson, ...]
    missing: tuple[str, ...] = field(metadata={"doc": "Fields to give before it can be added."})


@dataclass(frozen=True, slots=True)
class InvitationImport:
    """An invitation read, and (when the user said yes) recorded."""

    proposal: ProposedInterview
    recorded: bool
    result: InterviewResult | None = field(default=None, metadata={
        "json": "interview", "doc": "The interview and its plan, once recorded."})


def own_addresses(repo: Repository) -> set[str]:
    """The user's own addresses (profile, sender, mail logins): never an interviewer."""
    values = mail_values(repo.settings())
    found = {user_of(repo).email}
    found |= {str(values.get(k) or "") for k in
              ("mail.from_address", "imap.username", "smtp.username")}
    return {a.strip().lower() for a in found if "@" in a}


def _domain_word(domain: str) -> str:
    """The part of a domain that names the company: "globex" of "careers.globex.co.uk"."""
    labels = [x for x in domain.split(".")[:-1] if x not in GENERIC_LABELS]
    return labels[-1] if labels else ""


def _named_in(summary: str | None, word: str) -> str | None:
    """The company's name as the summary spells it, when the summary names `word`."""
    if not summary or len(word) < 2:
        return None
    pattern = r"\b" + r"[\s-]?".join(map(re.escape, word.split("-"))) + r"\b"
    found = re.search(pattern, summary, re.IGNORECASE)
    return found.group(0) if found else None


def _application(repo: Repository, invitation: Invitation, own: set[str],
                 given: str | None) -> tuple[str | None, Application | None]:
    """The company the invitation is from and the application it belongs to, if any: the
    company given, an application that knows the sender's domain or whose company the summary
    names, or the sender's domain when the summary names it."""
    apps = sorted(repo.applications(), key=lambda a: (
        a.status in (AppStatus.ACTIVE, AppStatus.STALE), a.id or 0))
    by_id = {a.id: a for a in apps}
    if given is not None:
        company = required(given, "the company", field="company")
        same = [a for a in apps if a.company.casefold() == company.casefold()]
        return company, same[-1] if same else None
    contacts = repo.contacts()
    known = company_domains((a.id or 0, [*(c.email or "" for c in contacts
                                           if c.application_id == a.id), a.url or ""])
                            for a in apps)
    domains = invitation.domains(own)
    for domain in domains:
        if domain in known:
            app = by_id[known[domain]]
            return app.company, app
    named = [a for a in apps if names_company(invitation.summary, a.company)]
    if named:
        return named[-1].company, named[-1]
    for domain in domains:
        spelled = _named_in(invitation.summary, _domain_word(domain))
        if spelled:
            return spelled, None
    return None, None


def _in_zone(moment: datetime, zone: str) -> datetime:
    """An invitation's time in `zone`; a floating time is read there (PLAYBOOK conventions)."""
    if moment.tzinfo is None:
        return cal.at(moment.date(), moment.time(), zone)
    return moment.astimezone(ZoneInfo(zone))


def _propose(repo: Repository, invitation: Invitation, company: str | None,
             position: str | None) -> ProposedInterview:
    user = user_of(repo)
    own = own_addresses(repo)
    zone = invitation.timezone or user.timezone
    recorded = repo.interview_by_invitation(invitation.uid)
    if invitation.method is Method.CANCEL:
        if recorded is None:
            raise NotFound("no interview was recorded from this invitation, so there is "
                           "nothing to cancel", field="invitation")
        change = Change.UNCHANGED if recorded.cancelled else Change.CANCEL
    elif recorded is None:
        change = Change.NEW
    elif invitation.sequence > (recorded.invitation_sequence or 0) and not recorded.cancelled:
        change = Change.RESCHEDULE
    else:
        change = Change.UNCHANGED
    if recorded is not None:
        app: Application | None = repo.application(recorded.application_id or 0)
        name: str | None = app.company if app else None
    else:
        name, app = _application(repo, invitation, own, company)
    if position is not None:
        position = required(position, "the position", field="position")
    elif app is not None:
        position = app.position
    elif name is not None and invitation.summary:
        position = position_in(invitation.summary, name)
    missing = tuple(f for f, v in (("company", name), ("position", position)) if v is None)
    start = _in_zone(invitation.start, zone)
    end = _in_zone(invitation.end, zone) if invitation.end is not None else None
    organizer = invitation.organizer
    # Someone already on record keeps the spelling recorded (perhaps confirmed from a card).
    spelled = {(c.email or "").lower(): c.name
               for c in repo.contacts(app.id if app else None) if c.email}
    return ProposedInterview(
        change, invitation.uid, invitation.sequence, name, position,
        app.id if app else None, recorded.id if recorded else None,
        local(start, user.timezone), local(end, user.timezone) if end else None, zone,
        invitation.format, invitation.location, invitation.link, invitation.summary,
        organizer.name if organizer else None,
        tuple(InvitedPerson(spelled.get(p.email.lower(), p.name), p.email, p.organizer)
              for p in invitation.interviewers(own)),
        missing if change is Change.NEW else ())


def reader(deps: Deps) -> InvitationReader:
    """The calendar reader the composition root wired."""
    if deps.read_invitation is None:
        raise NotAllowed("reading calendar invitations is not set up here")
    return deps.read_invitation


def propose(deps: Deps, data: bytes, company: str | None = None,
            position: str | None = None) -> ProposedInterview:
    """What an invitation would record (or change), without recording anything: the New
    interview form fills itself from it, and the CLI shows it before `--yes`."""
    invitation = reader(deps)(data)
    with deps.reading() as uow:
        return _propose(uow.repo, invitation, company, position)


def form_of(proposal: ProposedInterview) -> InterviewForm:
    """The interview form an invitation fills in (what the user then confirms)."""
    zone = ZoneInfo(proposal.timezone)
    return InterviewForm(
        company=proposal.company, position=proposal.position,
        at=proposal.start.astimezone(zone).isoformat(),
        end=proposal.end.astimezone(zone).isoformat() if proposal.end else None,
        timezone=proposal.timezone,
        format=str(proposal.format) if proposal.format else None,
        interviewers=[PersonIn(p.name, p.email) for p in proposal.interviewers],
        notes=notes_of(proposal), application_id=proposal.application_id,
        invitation_uid=proposal.uid, invitation_sequence=proposal.sequence)


def notes_of(proposal: ProposedInterview) -> str | None:
    """Where the interview takes place, kept in its notes."""
    lines = [f"{label}: {value}" for label, value in
             (("Join", proposal.link), ("Location", proposal.location)) if value]
    return "\n".join(lines) or None


def import_invitation(deps: Deps, data: bytes, company: str | None = None,
                      position: str | None = None, apply: bool = False) -> InvitationImport:
    """Reads an invitation and, when the user says yes (`apply`), records the interview it
    describes, reschedules the interview of an earlier version, or cancels it."""
    proposal = propose(deps, data, company, position)
    if not apply or proposal.change is Change.UNCHANGED:
        return InvitationImport(proposal, False)
    return InvitationImport(proposal, True, apply_proposal(deps, proposal))


def apply_proposal(deps: Deps, proposal: ProposedInterview) -> InterviewResult:
    """Records what the invitation says; the interview and its plan."""
    if proposal.change is Change.CANCEL:
        assert proposal.interview_id is not None
        return interviews.cancel_interview(deps, proposal.interview_id)
    if proposal.change is Change.RESCHEDULE:
        assert proposal.interview_id is not None
        form = form_of(proposal)
        moved = InterviewForm(at=form.at, end=form.end, timezone=form.timezone,
                              invitation_sequence=proposal.sequence)
        return interviews.edit_interview(deps, proposal.interview_id, moved)
    for name in proposal.missing:
        raise InvalidInput(f"the invitation does not say which {name} it is for; give it",
                           field=name, remedy=Remedy.GIVE)
    return interviews.add_interview(deps, form_of(proposal))


def found_in_mail(repo: Repository, read: InvitationReader, data: bytes,
                  message_id: str | None, received: datetime) -> ProposedInvitation | None:
    """Keeps an invitation that arrived by mail for Today (each version once); None when it
    is nothing to act on (unreadable, already on record, or kept before)."""
    try:
        invitation = read(data)
        proposal = _propose(repo, invitation, None, None)
    except (InvalidInput, NotFound):  # not an invitation, or cancelling one never recorded
        return None
    if proposal.change is Change.UNCHANGED:
        return None
    kept = repo.add_invitation(MailedInvitation(
        None, invitation.uid, invitation.sequence, invitation.method, invitation.summary,
        proposal.organizer, proposal.start, data.decode("utf-8-sig"), message_id, received))
    if kept is None or kept.id is None:
        return None
    return ProposedInvitation(kept.id, proposal.change, kept.summary, kept.organizer,
                              proposal.start, local(received, user_of(repo).timezone),
                              proposal.interview_id)


def calendar_of(deps: Deps, invitation_id: int) -> bytes:
    """The text of an invitation that arrived by mail (Today's Add reads it like an upload)."""
    with deps.reading() as uow:
        return uow.repo.invitation(invitation_id).calendar.encode()


def ignore(deps: Deps, invitation_id: int) -> None:
    """The user does not want this invitation from the mail: it leaves Today."""
    with deps.uow() as uow:
        uow.repo.invitation(invitation_id)  # NotFound for another user's
        uow.repo.set_invitation_state(invitation_id, Proposal.IGNORED)
        uow.commit()
