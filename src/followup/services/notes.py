"""Notes: a personal draft for every note the plan holds, checked on every save, and letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from followup.domain import calendar as cal
from followup.domain import choices, limits, wording
from followup.domain.errors import InvalidInput, NotAllowed, NotFound, Remedy
from followup.domain.model import (
    Action,
    ApplicationState,
    AppStatus,
    Channel,
    Contact,
    Kind,
    Role,
    User,
)
from followup.domain.notes.check import RULES, check
from followup.domain.notes.compose import compose
from followup.domain.notes.facts import (
    NOTE_KINDS,
    Draft,
    Finding,
    Letter,
    Note,
    NoteFacts,
    NoteState,
    Recipient,
    Severity,
    Tone,
)
from followup.domain.policy import Policy
from followup.services.context import (
    Deps,
    holidays_around,
    policy_of,
    required,
    user_of,
)
from followup.services.note_views import (
    ArrivalView,
    CheckView,
    NoteView,
    RecipientView,
    RuleView,
    TextCheckView,
    findings_view,
)
from followup.services.ports import Repository

MAX_NOTE = limits.LONG
"""Characters a note may have (a note is meant to be short; this only stops accidents)."""
MAX_SUBJECT = limits.SHORT
"""Characters a note's subject may have (the header of an email, or a letter's reference)."""


@dataclass
class _Scene:
    """One note's action with everything recorded around it."""

    action: Action
    state: ApplicationState
    user: User
    policy: Policy


def _scene(repo: Repository, action_id: int, lock: bool = False) -> _Scene:
    """The note's step and its application; `lock` (a writer) holds the application's row
    first, as re-planning and sending do, so a draft never races a send of the same note."""
    state = repo.state(repo.action(action_id).application_id or 0, for_update=lock)
    action = next(a for a in state.actions if a.id == action_id)
    if action.kind not in NOTE_KINDS:
        raise NotAllowed(f"action {action_id} is a {action.kind}, which has no note")
    return _Scene(action, state, user_of(repo), policy_of(repo))


def facts_for(state: ApplicationState, user: User, kind: Kind, contact: Contact | None,
              interview_id: int | None, deadline: datetime | None = None) -> NoteFacts:
    """What a note of `kind` to `contact` may draw on, from what was recorded."""
    live = [i for i in state.interviews if not i.cancelled]
    interview = next((i for i in state.interviews if i.id == interview_id), None) or (
        live[-1] if live else None)
    people = {c.id: c for c in state.contacts}
    present = [people[p.contact_id] for p in interview.participants
               if p.contact_id in people] if interview else []
    interviewers = [c for c in present if c.role is Role.INTERVIEWER]
    helpers = [c.name for c in present if c.role is Role.HELPER] or [
        c.name for c in state.contacts if c.role is Role.HELPER]
    topic = next((p.topic for p in interview.participants
                  if contact and p.contact_id == contact.id), None) if interview else None
    to_panel = kind is Kind.THANK_YOU and (contact is None or contact.role is not Role.INTERVIEWER)
    first = interviewers[0] if interviewers else None
    return NoteFacts(
        kind=kind, sender=user.name,
        recipient=Recipient(contact.name, contact.title, contact.email, contact.honorific,
                            contact.first_name, contact.family_name) if contact else None,
        company=state.application.company, position=state.application.position,
        interview_day=cal.local_date(interview.start, interview.timezone) if interview else None,
        topic=topic, next_step=interview.next_step if interview else None,
        forgotten=tuple(interview.forgotten) if interview else (),
        helpers=tuple(helpers), names=tuple(c.name for c in state.contacts),
        others=tuple(c.name for c in interviewers) if to_panel else (),
        carries_extras=kind is not Kind.THANK_YOU or contact is None or contact == first,
        deadline=deadline.astimezone(cal.zone(user.timezone))
        if deadline and kind is Kind.THANK_YOU else None,
        decision_day=interview.decision_date if interview else None,
    )


def _facts(scene: _Scene, action: Action | None = None) -> NoteFacts:
    action = action or scene.action
    return facts_for(scene.state, scene.user, action.kind, scene.state.contact(action.contact_id),
                     action.interview_id, action.deadline)


def _draft(deps: Deps, scene: _Scene, facts: NoteFacts, tone: Tone) -> Draft:
    """The user's own template when there is one for this kind, else the built-in composer."""
    custom = deps.templates.draft(facts, tone) if deps.templates else None
    return custom or compose(facts, tone, scene.policy)


def _siblings(deps: Deps, repo: Repository, scene: _Scene) -> list[str]:
    """The texts of the other thank-you notes of the same interview (drafted if not kept)."""
    if scene.action.kind is not Kind.THANK_YOU:
        return []
    texts = []
    for other in scene.state.actions:
        if (other.kind is Kind.THANK_YOU and other.interview_id == scene.action.interview_id
                and other.id != scene.action.id and other.status.value in ("planned", "done")):
            kept = repo.note(other.id or 0)
            texts.append(kept.body if kept else _draft(deps, scene, _facts(scene, other),
                                                        Tone.FORMAL).body)
    return texts


def _check(deps: Deps, repo: Repository, scene: _Scene, body: str) -> tuple[Finding, ...]:
    return tuple(check(body, _facts(scene), scene.policy,
                       speller=deps.speller() if deps.speller else None,
                       siblings=_siblings(deps, repo, scene), now=deps.clock()))


def _view(scene: _Scene, note: Note, arrival: ArrivalView | None = None,
          kept: bool | None = None, pdf: str | None = None) -> NoteView:
    contact = scene.state.contact(scene.action.contact_id)
    # A thank-you with no recorded topic stays general; one thing discussed makes it personal.
    no_topic = (scene.action.kind is Kind.THANK_YOU and contact is not None
                and contact.role is Role.INTERVIEWER and not (_facts(scene).topic or "").strip())
    return NoteView(
        ok(note.findings), findings_view(note.findings), scene.action.id or 0,
        scene.action.kind, RecipientView(contact.name, contact.email) if contact else None,
        note.subject, note.body, note.state, note.tone, note.edited, scene.action.channel,
        arrival, kept, pdf, no_topic)


def ok(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return not any(f.severity is Severity.ERROR for f in findings)


def _checked(deps: Deps, repo: Repository, scene: _Scene, note: Note) -> Note:
    """The note with the checker's findings and the state they give it."""
    findings = _check(deps, repo, scene, note.body)
    return replace(note, findings=findings, updated_at=deps.clock(),
                   state=NoteState.READY if ok(findings) else NoteState.DRAFT)


def _save(deps: Deps, repo: Repository, scene: _Scene, note: Note) -> Note:
    kept = _checked(deps, repo, scene, note)
    repo.save_note(kept)
    return kept


def _kept_or_draft(deps: Deps, repo: Repository, scene: _Scene, keep: bool) -> Note:
    """The note kept for the step, else a fresh draft (kept only when `keep`)."""
    note = repo.note(scene.action.id or 0)
    if note is not None:
        return note
    written = _draft(deps, scene, _facts(scene), Tone.FORMAL)
    fresh = Note(scene.action.id or 0, written.subject, written.body)
    return _save(deps, repo, scene, fresh) if keep else _checked(deps, repo, scene, fresh)


def draft(deps: Deps, action_id: int, tone: str | None = None, force: bool = False,
          channel: str | None = None,
          write: Callable[[NoteFacts, Tone], Draft] | None = None) -> NoteView:
    """Writes (and keeps) a draft for a note-kind action; an edited note needs `force`.
    `write` drafts from the note's facts instead of the user's template or the composer."""
    with deps.uow() as uow:
        repo = uow.repo
        scene = _scene(repo, action_id, lock=True)
        kept = repo.note(action_id)
        if kept is not None and kept.edited and not force:
            raise NotAllowed(f"the note of action {action_id} has your own edits, which a "
                             "new draft would replace", remedy=Remedy.FORCE, record=action_id)
        chosen = _tone(tone) if tone else (kept.tone if kept else Tone.FORMAL)
        if channel is not None and channel != scene.action.channel:
            if not scene.action.is_open or scene.action.kind is Kind.INQUIRY:
                raise NotAllowed(f"action {action_id} is {scene.action.status} "
                                 f"{scene.action.kind}; its channel stays "
                                 f"{scene.action.channel}")
            scene.action.channel = _channel(channel)
            repo.save_actions([scene.action])
        facts = _facts(scene)
        written = write(facts, chosen) if write else _draft(deps, scene, facts, chosen)
        note = _save(deps, repo, scene, Note(action_id, written.subject, written.body, chosen))
        result = _view(scene, note, _arrival(deps, scene))
        uow.commit()
        return result


def _kept(repo: Repository, action_id: int) -> Note:
    note = repo.note(action_id)
    if note is None:
        raise NotFound(f"no note for action {action_id} yet", remedy=Remedy.DRAFT,
                       record=action_id)
    return note


def show(deps: Deps, action_id: int) -> NoteView:
    with deps.uow() as uow:
        scene = _scene(uow.repo, action_id)
        return _view(scene, _kept(uow.repo, action_id), _arrival(deps, scene))


def keep(deps: Deps, action_id: int) -> NoteView:
    """Keeps the draft a page showed (nothing changes when a note is kept already)."""
    with deps.uow() as uow:
        scene = _scene(uow.repo, action_id, lock=True)
        note = _kept_or_draft(deps, uow.repo, scene, keep=True)
        result = _view(scene, note, _arrival(deps, scene))
        uow.commit()
        return result


def preview(deps: Deps, action_id: int) -> NoteView:
    """The note kept for a step, else the draft that would be kept, checked but not stored
    (`kept` says which): what a page shows without writing anything."""
    with deps.reading() as uow:
        scene = _scene(uow.repo, action_id)
        kept = uow.repo.note(action_id) is not None
        note = _kept_or_draft(deps, uow.repo, scene, keep=False)
        return _view(scene, note, _arrival(deps, scene), kept=kept)


def edit(deps: Deps, action_id: int, body: str | None, subject: str | None = None
         ) -> NoteView:
    """Keeps the user's text and/or subject for the note (checked again) in place of the
    draft's; None leaves that part as it is."""
    if body is None and subject is None:
        raise InvalidInput("nothing to change: give the note's text, its subject or both")
    text = required(body, "the note", MAX_NOTE) if body is not None else None
    # A short text is one line: a subject can never end the header early.
    title = (required(subject, "the subject", MAX_SUBJECT, field="subject")
             if subject is not None else None)
    with deps.uow() as uow:
        repo = uow.repo
        scene = _scene(repo, action_id, lock=True)
        kept = repo.note(action_id)
        if kept is None:
            written = _draft(deps, scene, _facts(scene), Tone.FORMAL)
            kept = Note(action_id, written.subject, written.body)
        note = _save(deps, repo, scene, Note(action_id, title or kept.subject,
                                             kept.body if text is None else text, kept.tone,
                                             edited=True))
        result = _view(scene, note)
        uow.commit()
        return result


def check_action(deps: Deps, action_id: int) -> CheckView:
    """The checker's findings on the note kept for an action."""
    with deps.uow() as uow:
        scene = _scene(uow.repo, action_id)
        findings = _check(deps, uow.repo, scene, _kept(uow.repo, action_id).body)
        return CheckView(ok(findings), findings_view(findings))


def check_edit(deps: Deps, action_id: int, body: str) -> TextCheckView:
    """The checker's findings on a text being written for an action's note, without keeping it;
    `body` is the text the spans count in (as `edit` would keep it)."""
    text = required(body, "the note", MAX_NOTE)
    with deps.uow() as uow:
        scene = _scene(uow.repo, action_id)
        findings = _check(deps, uow.repo, scene, text)
        return TextCheckView(ok(findings), findings_view(findings), text)


def checker_rules(deps: Deps) -> list[RuleView]:
    """The checker's rules as this user's policy sets them: each with its severity, whether it
    is on, and why it exists."""
    with deps.uow() as uow:
        policy = policy_of(uow.repo)
    off = {r.strip() for r in policy.note_rules_off.split(",")}
    errors = {r.strip() for r in policy.note_errors.split(",")}
    return [RuleView(rule, Severity.ERROR if rule in errors else Severity.WARNING,
                     rule not in off, wording.WHY_CHECKS[rule]) for rule in RULES]


def apply_fix(deps: Deps, action_id: int, body: str, rule: str, start: int | None,
              end: int | None) -> TextCheckView:
    """Makes the edit the checker suggests for one finding (`rule` at `start`-`end`) in a text
    being written for an action's note, without keeping it: the fixed text, checked again. The
    fix is found again in `body`, so only the checker's own suggestion is ever made."""
    text = required(body, "the note", MAX_NOTE)
    with deps.uow() as uow:
        scene = _scene(uow.repo, action_id)
        fix = next((f.fix for f in _check(deps, uow.repo, scene, text)
                    if f.fix and (f.rule, f.start, f.end) == (rule, start, end)), None)
        if fix is None:
            raise InvalidInput("the text changed since that fix was suggested; check it again",
                               field="body")
        fixed = fix.apply(text)
        findings = _check(deps, uow.repo, scene, fixed)
        return TextCheckView(ok(findings), findings_view(findings), fixed)


def check_text(deps: Deps, body: str, to: str, kind: str = "thank_you",
               application_id: int | None = None, interview_id: int | None = None
               ) -> CheckView:
    """Checks a text the user wrote elsewhere, as a note of `kind` to `to` (a name or an id)."""
    text = required(body, "the note", MAX_NOTE)
    note_kind = _kind(kind)
    with deps.uow() as uow:
        repo = uow.repo
        if interview_id is not None:
            application_id = repo.interview(interview_id).application_id
        if application_id is None:
            raise InvalidInput("name the application or the interview the note is about",
                               field="application", remedy=Remedy.GIVE)
        state = repo.state(application_id)
        contact = _recipient(state, to)
        live = [i for i in state.interviews if not i.cancelled]
        interview = interview_id or (live[-1].id if live else None)
        action = next((a for a in state.actions if a.kind is note_kind
                       and a.contact_id == contact.id and a.interview_id == interview), None)
        facts = facts_for(state, user_of(repo), note_kind, contact, interview,
                          action.deadline if action else None)
        findings = check(text, facts, policy_of(repo),
                         speller=deps.speller() if deps.speller else None, now=deps.clock())
        return CheckView(ok(findings), findings_view(findings))


def letter(deps: Deps, action_id: int, path: str, force: bool = False,
           keep: bool = True) -> NoteView:
    """Prints the note as a one-page letter to `path`; says when it would arrive. A note the
    checker holds back (an error) is printed only with `force`. Without a kept note, a draft
    is printed (and kept, when `keep`)."""
    with deps.uow() if keep else deps.reading() as uow:
        repo = uow.repo
        scene = _scene(repo, action_id, lock=keep)
        note = _kept_or_draft(deps, repo, scene, keep)
        if not ok(note.findings) and not force:
            rules = ", ".join(sorted({f.rule for f in note.findings
                                      if f.severity is Severity.ERROR}))
            raise NotAllowed(f"the note of action {action_id} has errors ({rules})",
                             remedy=Remedy.FIX_NOTE, record=action_id)
        contact = scene.state.contact(scene.action.contact_id)
        today = cal.local_date(deps.clock(), scene.user.timezone)
        deps.print_letter(Letter(
            scene.user.name, scene.user.email, today, contact.name if contact else None,
            contact.title if contact else None, scene.state.application.company, note.body),
            path)
        result = _view(scene, note, _arrival(deps, scene, force=True), pdf=path)
        if keep:
            uow.commit()
        return result


def _arrival(deps: Deps, scene: _Scene, force: bool = False) -> ArrivalView | None:
    """R2: a letter posted today, when it may arrive, and whether that is after the decision."""
    if scene.action.channel is not Channel.LETTER and not force:
        return None
    now = deps.clock()
    holidays = holidays_around(deps, scene.user, now)
    posted = cal.local_date(now, scene.user.timezone)
    arrives = cal.add_business_days(posted, scene.policy.letter_transit_business_days, holidays)
    decided = _decision_in_force(scene.state)
    late = decided is not None and arrives > decided
    message = (f"A letter posted today may take until {arrives:%a %d %b} to arrive"
               + (f", after the decision date ({decided:%a %d %b}): send it by email as well."
                  if late else "."))
    return ArrivalView(arrives, late, message)


def _decision_in_force(state: ApplicationState) -> date | None:
    """The decision date the employer gave last (at an interview or when they got in touch),
    or None once the outcome is known."""
    if state.application.status not in (AppStatus.ACTIVE, AppStatus.STALE):
        return None
    given = [(i.start, i.decision_date) for i in state.interviews
             if not i.cancelled and i.decision_date is not None]
    given += [(t.at, t.decision_date) for t in state.touches if t.decision_date is not None]
    return max(given, key=lambda pair: pair[0])[1] if given else None


def _recipient(state: ApplicationState, to: str) -> Contact:
    wanted = to.strip()
    if wanted.isdigit():
        found = state.contact(int(wanted))
        if found is None:
            raise NotFound(f"no contact {wanted} in application {state.application.id}")
        return found
    matches = [c for c in state.contacts if c.name.casefold() == wanted.casefold()]
    if not matches:
        names = ", ".join(c.name for c in state.contacts) or "none recorded"
        raise NotFound(f"no contact called {wanted!r} in application {state.application.id} "
                       f"(contacts: {names})")
    return matches[0]


def _tone(text: str) -> Tone:
    try:
        return Tone(text)
    except ValueError:
        raise InvalidInput(f"unknown tone {text!r}; use formal or warm") from None


def _channel(text: str) -> Channel:
    if text not in choices.NOTE_CHANNELS:
        raise InvalidInput(f"a note goes by email or letter, not {text!r}")
    return Channel(text)


def _kind(text: str) -> Kind:
    try:
        kind = Kind(text)
    except ValueError:
        kind = None
    if kind not in NOTE_KINDS:
        kinds = ", ".join(sorted(k.value for k in NOTE_KINDS))
        raise InvalidInput(f"{text!r} is not a kind of note; use one of {kinds}")
    assert kind is not None
    return kind
