"""A coach's example notes and templates: published to their clients after the checker read
them drafted with demo facts, withdrawn, and drafted by a client with their own facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.domain import limits
from followup.domain.errors import InvalidInput, NotAllowed, NotFound
from followup.domain.model import Kind
from followup.domain.notes.check import check
from followup.domain.notes.facts import NOTE_KINDS, Draft, NoteFacts, Recipient, Severity, Tone
from followup.services.coach_access import me_as_coach
from followup.services.coach_ports import CoachTemplates, RenderTemplate, StoredTemplate
from followup.services.context import Deps, policy_of, required
from followup.services.note_views import FindingView, NoteView, findings_view
from followup.services.notes import MAX_NOTE, MAX_SUBJECT
from followup.services.notes import draft as draft_note
from followup.services.ports import UnitOfWork
from followup.services.results import doc

MAX_TITLE = 200
"""Characters a template's title may have (its column's width)."""


@dataclass(frozen=True)
class CoachTemplateView:
    """A template a coach published to their clients."""

    id: int = doc("The template's id.")
    kind: Kind = doc("The kind of note it drafts (thank_you, thank_after_decision, ...).")
    tone: Tone | None = doc("The tone it is written in; None: either (it may use {{ tone }}).")
    title: str = doc("What clients see it as, such as 'Thank-you after a panel'.")
    body: str = doc("The template: 'Subject: ...' on the first line, then the note, with "
                    "{{ recipient.name }}, {{ company }}, {{ position }}, {{ topic }}... "
                    "(sandboxed Jinja2).")
    published_at: datetime = doc("When it was published.")
    demo: Draft | None = doc("The template drafted with the demo facts, as the checker read it.",
                             omit_none=True)


@dataclass(frozen=True)
class ExampleView:
    """One of the coach's templates a client may start a note from."""

    id: int = doc("The template's id.")
    kind: Kind = doc("The kind of note it drafts.")
    tone: Tone | None = doc("Its tone; None: the note's.")
    title: str = doc("Its title.")
    coach: str = doc("The coach's name.")
    published_at: datetime = doc("When the coach published it.")


class TemplateRefused(InvalidInput):
    """The checker holds the template back: drafted with the demo facts, it has errors."""

    def __init__(self, message: str, findings: tuple[FindingView, ...], draft: Draft) -> None:
        super().__init__(message, field="body")
        self.findings = findings
        self.draft = draft


DEMO_NAMES = ("Ana López", "Tomás Byrne", "Mei Chen")


def demo_facts(kind: Kind) -> NoteFacts:
    """The facts a template is drafted with on publish: an interview at a made-up company."""
    ana = Recipient("Ana López", "Head of Data", "ana.lopez@northwind.example", "Ms.", "Ana",
                    "López")
    tomas = Recipient("Tomás Byrne", "Recruiter", "tomas.byrne@northwind.example", "Mr.",
                      "Tomás", "Byrne")
    return NoteFacts(
        kind=kind, sender="Jordan Doe", recipient=tomas if kind is Kind.THANK_HELPERS else ana,
        company="Northwind Analytics", position="Data Analyst",
        interview_day=date(2026, 11, 24), topic="the move to the new data warehouse",
        next_step="a second round with the team", forgotten=("my SQL certification",),
        helpers=("Tomás Byrne",), names=DEMO_NAMES, others=("Mei Chen",)
        if kind is Kind.THANK_YOU else (), decision_day=date(2026, 12, 4))


def _kind(text: str) -> Kind:
    try:
        kind = Kind(text.strip())
    except ValueError:
        kind = None
    if kind is None or kind not in NOTE_KINDS:
        kinds = ", ".join(sorted(k.value for k in NOTE_KINDS))
        raise InvalidInput(f"{text!r} is not a kind of note; use one of {kinds}", field="kind")
    return kind


def _tone(text: str | None) -> Tone | None:
    if text is None or not text.strip():
        return None
    try:
        return Tone(text.strip())
    except ValueError:
        raise InvalidInput(f"unknown tone {text!r}; use formal or warm, or none",
                           field="tone") from None


def _store(deps: Deps, uow: UnitOfWork) -> CoachTemplates:
    if deps.coach_templates is None:
        raise NotAllowed("coaches' templates are not available here")
    return deps.coach_templates(uow)


def _renderer(deps: Deps) -> RenderTemplate:
    if deps.render_template is None:
        raise NotAllowed("templates are not available here")
    return deps.render_template


def _written(render: RenderTemplate, text: str, facts: NoteFacts, tone: Tone,
             what: str) -> Draft:
    """The template drafted with `facts`: a subject and a body within a note's limits."""
    try:
        drafted = render(text, facts, tone, what)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="body") from None
    subject = required(drafted.subject, "the drafted subject", MAX_SUBJECT, field="body")
    body = required(drafted.body, "the drafted note", MAX_NOTE, field="body")
    return Draft(subject, body)


def _view(found: StoredTemplate, demo: Draft | None = None) -> CoachTemplateView:
    return CoachTemplateView(found.id, Kind(found.kind), Tone(found.tone) if found.tone else None,
                             found.title, found.body, found.published_at, demo)


def publish(deps: Deps, kind: str, tone: str | None, title: str, body: str
            ) -> CoachTemplateView:
    """Publishes a template to the acting coach's clients once the checker finds no error in
    it drafted with the demo facts (in each tone it may be used in); TemplateRefused otherwise."""
    coach = me_as_coach(deps)
    note_kind, chosen = _kind(kind), _tone(tone)
    name = required(title, "the title", MAX_TITLE, field="title")
    text = limits.text(body, "the template", MAX_NOTE, "body")
    render, facts = _renderer(deps), demo_facts(note_kind)
    with deps.acting(coach.id).uow() as uow:
        policy = policy_of(uow.repo)
        shown: Draft | None = None
        for each in (chosen,) if chosen else tuple(Tone):
            drafted = _written(render, text, facts, each, "the template")
            shown = shown or drafted
            findings = check(drafted.body, facts, policy,
                             speller=deps.speller() if deps.speller else None)
            errors = [f for f in findings if f.severity is Severity.ERROR]
            if errors:
                rules = ", ".join(sorted({f.rule for f in errors}))
                raise TemplateRefused(
                    f"the checker holds this template back ({rules}) when it drafts the "
                    f"demo note{'' if chosen else f' in the {each} tone'}; fix it and publish "
                    "again", findings_view(findings), drafted)
        store = _store(deps, uow)
        made = store.add(coach.id, note_kind.value, chosen.value if chosen else None, name,
                         text, deps.clock())
        found = store.get(made)
        assert found is not None
        uow.commit()
    return _view(found, shown)


def mine(deps: Deps) -> list[CoachTemplateView]:
    """The acting coach's templates in use, the newest first."""
    coach = me_as_coach(deps)
    with deps.acting(coach.id).reading() as uow:
        return [_view(t) for t in _store(deps, uow).of_coach(coach.id)]


def withdraw(deps: Deps, template_id: int) -> CoachTemplateView:
    """Withdraws one of the acting coach's templates: clients no longer see it (their notes
    drafted from it stay as they are)."""
    coach = me_as_coach(deps)
    with deps.acting(coach.id).uow() as uow:
        store = _store(deps, uow)
        found = store.get(template_id) if 0 < template_id <= limits.MAX_ID else None
        if found is None or found.coach_id != coach.id or found.withdrawn_at is not None:
            raise NotFound(f"no template with id {template_id}")
        store.withdraw(template_id, deps.clock())
        uow.commit()
    return _view(found)


def _coach_of(deps: Deps, uow: UnitOfWork) -> tuple[int, str] | None:
    """The acting user's coach (id, name), if they have one (hosted mode only)."""
    if deps.hosting is None:
        return None
    user_id = deps.acting_user()
    me = uow.accounts.get(user_id) if user_id is not None else None
    coach = uow.accounts.get(me.coach_id) if me and me.coach_id is not None else None
    return (coach.id, coach.name) if coach and not coach.disabled else None


def examples(deps: Deps, action_id: int) -> list[ExampleView]:
    """The coach's templates a client may start this step's note from (those of its kind)."""
    with deps.reading() as uow:
        action = uow.repo.action(action_id)  # NotFound for another user's step
        if action.kind not in NOTE_KINDS:
            raise NotAllowed(f"action {action_id} is a {action.kind}, which has no note")
        coach = _coach_of(deps, uow)
        if coach is None or deps.coach_templates is None:
            return []
        found = _store(deps, uow).of_coach(coach[0], action.kind.value)
    return [ExampleView(t.id, Kind(t.kind), Tone(t.tone) if t.tone else None, t.title,
                        coach[1], t.published_at) for t in found]


def draft_from(deps: Deps, action_id: int, template_id: int, force: bool = False
               ) -> NoteView:
    """Drafts the step's note from one of the client's coach's templates, with the client's own
    facts, in place of the draft (an edited note needs `force`, as a new draft does)."""
    with deps.reading() as uow:
        action = uow.repo.action(action_id)  # NotFound for another user's step
        coach = _coach_of(deps, uow)
        found = (_store(deps, uow).get(template_id)
                 if coach and 0 < template_id <= limits.MAX_ID else None)
    if (found is None or coach is None or found.coach_id != coach[0]
            or found.withdrawn_at is not None or found.kind != action.kind.value):
        raise NotFound(f"no template with id {template_id}")
    render = _renderer(deps)
    what = f"your coach's template {found.title!r}"

    def write(facts: NoteFacts, tone: Tone) -> Draft:
        return _written(render, found.body, facts, tone, what)

    return draft_note(deps, action_id, found.tone, force, write=write)
