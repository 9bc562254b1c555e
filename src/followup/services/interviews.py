"""Recording interviews: a new one (and its application), an edit, a cancellation."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from followup.domain import calendar as cal
from followup.domain import limits, names
from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.domain.model import (
    Application,
    Contact,
    Format,
    Interview,
    Participant,
    Role,
    Source,
    Status,
)
from followup.services.context import (
    Deps,
    check_email,
    holidays_around,
    minutes,
    parse_date_or_phrase,
    parse_moment,
    policy_of,
    replan,
    required,
    user_of,
)
from followup.services.ports import Repository
from followup.services.views import (
    InterviewResult,
    action_view,
    application_view,
    interview_view,
)


@dataclass(frozen=True)
class PersonIn:
    """A person as the user gave them: the name exactly as on their card, and what else they
    said (for a helper, `title` is their role); None leaves a recorded detail as it was."""

    name: str
    email: str | None = None
    title: str | None = None
    topic: str | None = None
    honorific: str | None = None
    """Ms., Mr., Dr., Mx. or Prof.; one written before the name ("Dr. Priya Raghunathan") is
    taken from there."""
    first_name: str | None = None
    family_name: str | None = None
    phone: str | None = None
    source: Source = Source.TYPED
    """Where the spelling came from (a card photo read on the New interview form)."""


@dataclass(frozen=True)
class TopicIn:
    """What was discussed with an interviewer, who is named as recorded or given."""

    interviewer: str
    topic: str


@dataclass
class InterviewForm:
    """What a user typed about an interview; None leaves a field as it was (on edit)."""

    company: str | None = None
    position: str | None = None
    at: str | None = None
    end: str | None = None
    duration: int | None = None
    timezone: str | None = None
    format: str | None = None
    interviewers: list[PersonIn] = field(default_factory=list)
    """A non-empty list replaces the interviewers (on edit); each may carry their topic."""
    helpers: list[PersonIn] = field(default_factory=list)
    """A non-empty list replaces the helpers (on edit)."""
    topics: list[TopicIn] = field(default_factory=list)
    """Topics for interviewers, given or already recorded (on edit, without replacing them)."""
    forgot: list[str] = field(default_factory=list)
    next_step: str | None = None
    decision_by: str | None = None
    notes: str | None = None
    application_id: int | None = None
    remove_helpers: list[str] = field(default_factory=list)
    """Helpers to take off the interview, by name (on edit)."""
    remove_topics: list[str] = field(default_factory=list)
    """Interviewers whose recorded topic is cleared, by name (on edit)."""
    clear_forgot: bool = False
    """Forget every forgotten point (on edit); an empty `forgot` leaves them as they were."""
    invitation_uid: str | None = None
    """The UID of the calendar invitation the interview comes from (on add)."""
    invitation_sequence: int | None = None
    """The version (SEQUENCE) of that invitation applied."""


def _key(name: str) -> str:
    """A name as typed compared with one on record: composed, trimmed, any case, without the
    honorific it may be written with."""
    return names.split_honorific(unicodedata.normalize("NFC", name.strip()))[1].casefold()


def _checked(people: list[PersonIn], what: str, field: str) -> list[PersonIn]:
    """Each person with a name and an address that the limits allow (at most MANY people)."""
    if len(people) > limits.MANY:
        raise InvalidInput(f"at most {limits.MANY} {field} per interview", field=field)
    return [replace(p, name=required(p.name, what, field=field),
                    email=check_email(p.email, field) if p.email and p.email.strip() else None,
                    first_name=limits.optional_text(p.first_name, "a first name", limits.SHORT,
                                                    "first_name"),
                    family_name=limits.optional_text(p.family_name, "a family name",
                                                     limits.SHORT, "family_name"))
            for p in people]


def _topics(form: InterviewForm) -> list[TopicIn]:
    """Every topic the form gives: on an interviewer's record, then on its own."""
    given = [TopicIn(p.name, p.topic) for p in form.interviewers if p.topic is not None]
    return given + form.topics


def _contact_for(repo: Repository, app: Application, known: list[Contact], person: PersonIn,
                 role: Role, field: str) -> Contact:
    """The application's contact of that exact name (with the details given), or a new one."""
    title = limits.optional_text(person.title, f"the title of {person.name}", limits.SHORT,
                                 field)
    honorific = limits.honorific(person.honorific) if person.honorific is not None else None
    given = Contact(None, app.id, "", role, title=title, organisation=app.company,
                    email=person.email)
    names.rename(given, person.name)  # "Dr. Priya Raghunathan": Dr. and the name without it
    details = {"honorific": honorific or given.honorific, "first_name": person.first_name,
               "family_name": person.family_name}
    for contact in known:
        if contact.name == given.name:
            changed = False
            if person.email and contact.email != person.email:
                contact.email, changed = person.email, True
            if person.title is not None and contact.title != title:
                contact.title, changed = title, True
            for name, value in details.items():
                if value is not None and getattr(contact, name) != value:
                    setattr(contact, name, value)
                    changed = True
            if changed:
                repo.update_contact(contact)
            return contact
    for name, value in details.items():
        if value is not None:
            setattr(given, name, value)
    given.phone = limits.optional_text(person.phone, f"the phone of {person.name}",
                                       limits.PHONE, field)
    given.source = person.source
    given.keep_first()
    contact = repo.add_contact(given)
    known.append(contact)
    return contact


def _people(repo: Repository, app: Application, form: InterviewForm,
            kept: list[Participant]) -> list[Participant]:
    """The interview's participants: interviewers with their topics, then helpers."""
    given = _topics(form)
    if len(given) > limits.MANY:
        raise InvalidInput(f"at most {limits.MANY} topics per interview", field="topics")
    known = repo.contacts(app.id)
    by_id = {c.id: c for c in known}
    kept_people = [by_id[p.contact_id] for p in kept if p.contact_id in by_id]
    interviewers = [
        _contact_for(repo, app, known, person, Role.INTERVIEWER, "interviewers")
        for person in _checked(form.interviewers, "an interviewer's name", "interviewers")
    ] or [c for c in kept_people if c.role is not Role.HELPER]
    helpers = [_contact_for(repo, app, known, person, Role.HELPER, "helpers")
               for person in _checked(form.helpers, "a helper's name", "helpers")
               ] or [c for c in kept_people if c.role is Role.HELPER]
    topics: dict[int | None, str | None] = {p.contact_id: p.topic for p in kept}
    for topic in given:
        who = unicodedata.normalize("NFC", topic.interviewer.strip())
        match = next((c for c in interviewers if _key(c.name) == _key(who)), None)
        if match is None:
            names = ", ".join(c.name for c in interviewers) or "none recorded"
            raise InvalidInput(f"{who!r} is not an interviewer of this interview "
                               f"(interviewers: {names})", field="topics")
        topics[match.id] = limits.text(topic.topic, "a topic", limits.LONG, "interviewers")
    seen: set[int | None] = set()
    people = []
    for contact in interviewers + helpers:
        if contact.id not in seen:
            seen.add(contact.id)
            assert contact.id is not None
            people.append(Participant(contact.id, topics.get(contact.id)))
    return people


def _apply(deps: Deps, repo: Repository, interview: Interview, form: InterviewForm,
           timed: bool) -> None:
    """Copies the form's given fields onto `interview`, checking each."""
    user = user_of(repo)
    if form.timezone:
        interview.timezone = required(form.timezone, "the time zone", limits.ZONE, "timezone")
        cal.zone(interview.timezone)
    length = interview.end - interview.start
    if form.at:
        interview.start = parse_moment(form.at, interview.timezone, field="at")
    if form.end:
        interview.end = parse_moment(form.end, interview.timezone, field="end")
    elif form.duration is not None or timed:
        interview.end = interview.start + minutes(form.duration,
                                                  policy_of(repo).interview_minutes)
    elif form.at:
        interview.end = interview.start + length
    limits.span(interview.start, interview.end, "the interview",
                "end" if form.end else "duration")
    if form.format:
        try:
            interview.format = Format(form.format)
        except ValueError:
            raise InvalidInput(f"unknown format {form.format!r}; use one of "
                               + ", ".join(f.value for f in Format), field="format") from None
    for name in ("next_step", "notes"):
        value = getattr(form, name)
        if value is not None:
            setattr(interview, name, limits.optional_text(
                value, f"the {name.replace('_', ' ')}", field=name))
    if form.forgot:
        if len(form.forgot) > limits.MANY:
            raise InvalidInput(f"at most {limits.MANY} forgotten points", field="forgot")
        interview.forgotten = [required(f, "a forgotten point", limits.LONG, "forgot")
                               for f in form.forgot]
    _invitation(repo, interview, form)
    if form.decision_by is None and form.at and interview.decision_phrase:
        form.decision_by = interview.decision_phrase  # rescheduled: count the phrase anew
    if form.decision_by is not None:
        phrase = form.decision_by.strip()
        if phrase:
            phrase = required(phrase, "the decision date", field="decision_by")
        if not phrase:
            interview.decision_date = interview.decision_phrase = None
        else:
            anchor = cal.local_date(interview.start, interview.timezone)
            holidays = holidays_around(deps, user, interview.start)
            interview.decision_date = parse_date_or_phrase(deps, phrase, anchor, holidays)
            interview.decision_phrase = phrase


def _invitation(repo: Repository, interview: Interview, form: InterviewForm) -> None:
    """Remembers the invitation the interview comes from, once per interview."""
    if form.invitation_uid is not None and form.invitation_uid != interview.invitation_uid:
        uid = required(form.invitation_uid, "the invitation's UID", limits.INVITATION_UID,
                       "invitation")
        earlier = repo.interview_by_invitation(uid)
        if earlier is not None:
            raise NotAllowed(f"this invitation is already recorded as interview {earlier.id}",
                             field="invitation", record=earlier.id)
        interview.invitation_uid = uid
    if form.invitation_sequence is not None:
        if not 0 <= form.invitation_sequence <= limits.MAX_ID:
            raise InvalidInput("the invitation's version is out of range", field="invitation")
        interview.invitation_sequence = form.invitation_sequence


def _named(repo: Repository, recorded: list[Participant], names: list[str], helper: bool,
           what: str, field: str) -> set[int]:
    """The ids of the recorded participants `names` name (helpers or interviewers); a name
    that is not among them is an error."""
    people = [c for c in map(repo.contact, (p.contact_id for p in recorded))
              if (c.role is Role.HELPER) is helper]
    found: set[int] = set()
    for name in names:
        match = next((c for c in people if _key(c.name) == _key(name)), None)
        if match is None or match.id is None:
            listed = ", ".join(c.name for c in people) or "none recorded"
            raise InvalidInput(f"{name.strip()!r} is not {what} of this interview ({listed})",
                               field=field)
        found.add(match.id)
    return found


def _remove(repo: Repository, interview: Interview, recorded: list[Participant],
            form: InterviewForm) -> set[int]:
    """Takes the named helpers, topics and forgotten points off the interview, as the form
    asks explicitly; the ids of the helpers taken off."""
    helpers = _named(repo, recorded, form.remove_helpers, True, "a helper", "helpers")
    topics = _named(repo, recorded, form.remove_topics, False, "an interviewer", "topics")
    added = {_key(h.name) for h in form.helpers} | {_key(t.interviewer) for t in _topics(form)}
    for contact_id in helpers | topics:
        name = repo.contact(contact_id).name
        if _key(name) in added:
            raise InvalidInput(f"{name!r} is both given and removed; do one or the other",
                               field="helpers" if contact_id in helpers else "topics")
    untopical = [p.contact_id for p in recorded if p.contact_id in topics and not p.topic]
    if untopical:
        raise InvalidInput(f"no topic is recorded for {repo.contact(untopical[0]).name!r}",
                           field="topics")
    if form.clear_forgot and form.forgot:
        raise InvalidInput("give forgotten points or clear them, not both", field="forgot")
    if form.clear_forgot:
        interview.forgotten = []
    interview.participants = [
        Participant(p.contact_id, None if p.contact_id in topics else p.topic)
        for p in interview.participants if p.contact_id not in helpers]
    return helpers


def _forget_unused(repo: Repository, app_id: int, contact_ids: set[int]) -> None:
    """Deletes the helpers taken off an interview that nothing else records (another
    interview, a contact made, a step done or skipped), so no note thanks them any more."""
    if not contact_ids:
        return
    state = repo.state(app_id)
    used: set[int | None] = {p.contact_id for i in state.interviews for p in i.participants}
    used |= {t.contact_id for t in state.touches}
    used |= {a.contact_id for a in state.actions if a.status in (Status.DONE, Status.SKIPPED)}
    for contact_id in contact_ids - used:
        repo.delete_contact(contact_id)


def _result(deps: Deps, repo: Repository, app_id: int, interview_id: int | None
            ) -> InterviewResult:
    tz = user_of(repo).timezone
    state = replan(deps, repo, app_id, deps.clock())
    contacts = {c.id: c for c in state.contacts}
    interview = next(i for i in state.interviews if i.id == interview_id)
    return InterviewResult(
        application_view(state.application, tz), interview_view(interview, contacts, tz),
        tuple(action_view(a, contacts.get(a.contact_id), tz) for a in state.actions))


def add_interview(deps: Deps, form: InterviewForm) -> InterviewResult:
    """Records an interview (a new application unless one is named) and plans its steps."""
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        now = deps.clock()
        if form.application_id is not None:
            app = repo.application(form.application_id)
            rounds = len(repo.state(form.application_id).interviews)
        else:
            app = repo.add_application(Application(
                None, required(form.company, "the company", field="company"),
                required(form.position, "the position", field="position"), created_at=now))
            rounds = 0
        if not form.at:
            raise InvalidInput("give the interview's date and time", field="at",
                               remedy=Remedy.GIVE)
        tz = required(form.timezone or user.timezone, "the time zone", limits.ZONE, "timezone")
        cal.zone(tz)
        start = parse_moment(form.at, tz, field="at")
        interview = Interview(None, app.id, start, start, tz, round=rounds + 1)
        _apply(deps, repo, interview, form, timed=True)
        interview.participants = _people(repo, app, form, [])
        repo.add_interview(interview)
        result = _result(deps, repo, app.id or 0, interview.id)
        uow.commit()
        return result


def edit_interview(deps: Deps, interview_id: int, form: InterviewForm) -> InterviewResult:
    """Changes an interview (rescheduled, a corrected decision date...) and re-plans."""
    with deps.uow() as uow:
        repo = uow.repo
        interview = repo.interview(interview_id)
        app = repo.application(interview.application_id or 0)
        if form.company is not None or form.position is not None:
            app.company = required(form.company or app.company, "the company", field="company")
            app.position = required(form.position or app.position, "the position",
                                    field="position")
            repo.update_application(app)
        recorded = list(interview.participants)
        _apply(deps, repo, interview, form, timed=False)
        if form.interviewers or form.helpers or form.topics:
            interview.participants = _people(repo, app, form, interview.participants)
        removed = _remove(repo, interview, recorded, form)
        repo.update_interview(interview)
        _forget_unused(repo, app.id or 0, removed)
        result = _result(deps, repo, app.id or 0, interview.id)
        uow.commit()
        return result


def cancel_interview(deps: Deps, interview_id: int) -> InterviewResult:
    """The employer called the interview off: its steps are cancelled and the rest re-planned."""
    with deps.uow() as uow:
        repo = uow.repo
        interview = repo.interview(interview_id)
        if interview.cancelled:
            raise NotAllowed(f"interview {interview_id} is already cancelled")
        interview.cancelled = True
        repo.update_interview(interview)
        result = _result(deps, repo, interview.application_id or 0, interview.id)
        uow.commit()
        return result
