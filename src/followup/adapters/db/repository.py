"""The services' Repository over SQLAlchemy Core, scoped to one owner."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Date,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, StatementError

from followup.adapters.db import tables as t
from followup.adapters.db.rows import as_rows
from followup.domain.errors import InvalidInput, NotFound
from followup.domain.invitation import MailedInvitation, Method, Proposal
from followup.domain.limits import MAX_ID
from followup.domain.model import (
    Action,
    Application,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Contact,
    Format,
    Honorific,
    Interview,
    Kind,
    Participant,
    Role,
    Source,
    Status,
    Touch,
    TouchKind,
    User,
)
from followup.domain.notes.facts import Finding, Fix, Note, NoteState, Severity, Tone
from followup.domain.timing import Timing
from followup.services.ports import Overview

if TYPE_CHECKING:
    from followup.services.ports import AgendaKey, Row

EXPORTED = (t.applications, t.contacts, t.interviews, t.participants, t.actions, t.touches,
            t.notes)
"""Tables of an export, in an order that keeps foreign keys satisfied on import."""


def _application(row: Mapping[str, Any]) -> Application:
    return Application(row["id"], row["company"], row["position"], AppStatus(row["status"]),
                       row["url"], row["status_at"], row["created_at"])


def _contact(row: Mapping[str, Any]) -> Contact:
    return Contact(row["id"], row["application_id"], row["name"], Role(row["role"]), row["title"],
                   row["organisation"], row["email"], row["phone"], row["confirmed"],
                   Source(row["source"]),
                   Honorific(row["honorific"]) if row["honorific"] else None,
                   row["first_name"], row["family_name"], _texts(row["emails"], "emails"),
                   _texts(row["phones"], "phones"), row["website"])


def _texts(stored: str | None, name: str) -> list[str]:
    """A column holding a JSON list of texts (a contact's addresses or numbers); an imported
    file may have put anything there."""
    try:
        found = json.loads(stored or "[]")
    except ValueError:
        found = None
    if not isinstance(found, list) or not all(isinstance(x, str) for x in found):
        raise InvalidInput(f"a contact's {name} must be a JSON list of texts")
    return found


def _interview(row: Mapping[str, Any], people: list[Participant]) -> Interview:
    return Interview(
        row["id"], row["application_id"], row["start_at"], row["end_at"], row["timezone"],
        Format(row["format"]), row["round"], row["notes"], row["next_step"],
        row["decision_date"], row["decision_phrase"], json.loads(row["forgotten"]), people,
        row["cancelled"], row["invitation_uid"], row["invitation_sequence"])


def _invitation(row: Mapping[str, Any]) -> MailedInvitation:
    return MailedInvitation(row["id"], row["uid"], row["sequence"], Method(row["method"]),
                            row["summary"], row["organizer"], row["start_at"], row["calendar"],
                            row["message_id"], row["received_at"], Proposal(row["state"]))


def _touch(row: Mapping[str, Any]) -> Touch:
    return Touch(
        row["id"], row["application_id"], TouchKind(row["kind"]), row["at"], row["contact_id"],
        row["action_id"], CallOutcome(row["outcome"]) if row["outcome"] else None,
        row["decision_date"], row["decision_phrase"], row["callback_at"], row["notes"])


def _action(row: Mapping[str, Any]) -> Action:
    return Action(
        row["id"], row["application_id"], Kind(row["kind"]), row["interview_id"],
        row["contact_id"], Channel(row["channel"]), row["earliest"], row["due"],
        row["deadline"], row["rule"], row["why"], Status(row["status"]), row["optional"],
        row["reason"], row["anchor"], row["done_at"])


def _note(row: Mapping[str, Any]) -> Note:
    findings = tuple(Finding(f["rule"], Severity(f["severity"]), f["message"], f["start"],
                             f["end"], Fix(**f["fix"]) if f.get("fix") else None)
                     for f in json.loads(row["findings"]))
    return Note(row["action_id"], row["subject"], row["body"], Tone(row["tone"]),
                row["edited"], NoteState(row["state"]), findings, row["updated_at"])


def _note_values(note: Note) -> dict[str, Any]:
    values = _values(note)
    values["findings"] = json.dumps([asdict(f) for f in note.findings], ensure_ascii=False)
    return values


def _values(record: Any, **renames: str) -> dict[str, Any]:
    """A record's fields as column values (enums as their text), some columns renamed."""
    values = {renames.get(f.name, f.name): getattr(record, f.name) for f in fields(record)}
    values.pop("id", None)
    return values


def _contact_values(contact: Contact) -> dict[str, Any]:
    contact.keep_first()
    values = _values(contact)
    for name in ("emails", "phones"):
        values[name] = json.dumps(values[name], ensure_ascii=False)
    return values


def _interview_values(interview: Interview) -> dict[str, Any]:
    values = _values(interview, start="start_at", end="end_at")
    del values["participants"]
    values["forgotten"] = json.dumps(interview.forgotten, ensure_ascii=False)
    return values


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _from_json(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """Turns an exported row back into column values."""
    values: dict[str, Any] = {}
    for column in table.c:
        if column.name == "owner_id" or column.name not in row:
            continue
        value = row[column.name]
        values[column.name] = None if value is None else _typed(column, value)
    return values


def _typed(column: Any, value: Any) -> Any:
    """An exported value as `column` holds it, of exactly its type: an id is an integer, not
    "1" or true (which a database would quietly convert), and a text fits its column."""
    kind, name = column.type, column.name
    if isinstance(kind, t.UTCDateTime | Date) or kind.python_type in (bool, date, str):
        wanted = bool if kind.python_type is bool else str
        if not isinstance(value, wanted):
            raise TypeError(f"{name} must be {'true or false' if wanted is bool else 'text'}, "
                            f"not {json.dumps(value)[:40]}")
    if isinstance(kind, t.UTCDateTime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"{name} must carry its UTC offset, as an export writes it")
        return moment
    if kind.python_type is date:
        return date.fromisoformat(value)
    if kind.python_type is int and (type(value) is not int or not -MAX_ID - 1 <= value <= MAX_ID):
        raise TypeError(f"{name} must be a whole number below 2**31, not {json.dumps(value)[:40]}")
    length = getattr(kind, "length", None)
    if isinstance(value, str) and length is not None and len(value) > length:
        raise ValueError(f"{name} is too long ({len(value)} characters; at most {length})")
    return value


class SqlRepository:
    """Reads and writes one owner's records on one connection (the caller owns the transaction)."""

    def __init__(self, connection: Connection, owner_id: int | None) -> None:
        self.connection = connection
        self.owner_id = owner_id

    # -- helpers --------------------------------------------------------------------------
    def _rows(self, table: Table, *where: Any, order: Any = None) -> list[Mapping[str, Any]]:
        query = select(table).where(table.c.owner_id == self.owner_id, *where)
        if order is not None:
            query = query.order_by(order)
        return as_rows(self.connection.execute(query))

    def _one(self, table: Table, record_id: int, what: str) -> Mapping[str, Any]:
        rows = self._rows(table, table.c.id == record_id) if 0 < record_id <= MAX_ID else []
        if not rows:
            raise NotFound(f"no {what} with id {record_id}")
        return rows[0]

    def _insert(self, table: Table, values: dict[str, Any]) -> int:
        values = {**values, "owner_id": self.owner_id}
        result = self.connection.execute(insert(table).values(values).returning(table.c.id))
        return int(result.scalar_one())

    def _update(self, table: Table, record_id: int | None, values: dict[str, Any]) -> None:
        self.connection.execute(update(table).where(
            table.c.id == record_id, table.c.owner_id == self.owner_id).values(values))

    # -- the user -------------------------------------------------------------------------
    def user(self) -> User | None:
        """The owner's profile; None when acting for nobody (before `init`)."""
        if self.owner_id is None:
            return None
        row = self.connection.execute(
            select(t.users).where(t.users.c.id == self.owner_id)).mappings().first()
        if row is None:
            return None
        return User(row["id"], row["name"], row["email"], row["timezone"], row["country"])

    def timezone(self) -> str | None:
        user = self.user()
        return user.timezone if user else None

    def add_user(self, user: User) -> User:
        """Adds a profile; the repository then acts for it (a home's first user)."""
        values = {**_values(user), "created_at": func.now()}
        result = self.connection.execute(insert(t.users).values(values).returning(t.users.c.id))
        self.owner_id = int(result.scalar_one())
        user.id = self.owner_id
        return user

    def update_user(self, user: User) -> None:
        self.connection.execute(
            update(t.users).where(t.users.c.id == self.owner_id).values(_values(user)))

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows(t.settings)}

    def set_setting(self, key: str, value: str | None) -> None:
        self.connection.execute(delete(t.settings).where(
            t.settings.c.owner_id == self.owner_id, t.settings.c.key == key))
        if value is not None:
            self.connection.execute(
                insert(t.settings).values(owner_id=self.owner_id, key=key, value=value))

    # -- applications ---------------------------------------------------------------------
    def add_application(self, application: Application) -> Application:
        application.id = self._insert(t.applications, _values(application))
        return application

    def application(self, application_id: int) -> Application:
        return _application(self._one(t.applications, application_id, "application"))

    def applications(self) -> list[Application]:
        return [_application(r) for r in self._rows(t.applications, order=t.applications.c.id)]

    def update_application(self, application: Application) -> None:
        self._update(t.applications, application.id, _values(application))

    def delete_application(self, application_id: int) -> None:
        self.application(application_id)
        self.connection.execute(delete(t.applications).where(
            t.applications.c.id == application_id, t.applications.c.owner_id == self.owner_id))

    # -- contacts -------------------------------------------------------------------------
    def add_contact(self, contact: Contact) -> Contact:
        contact.id = self._insert(t.contacts, _contact_values(contact))
        return contact

    def contact(self, contact_id: int) -> Contact:
        return _contact(self._one(t.contacts, contact_id, "contact"))

    def contacts(self, application_id: int | None = None) -> list[Contact]:
        where = [] if application_id is None else [t.contacts.c.application_id == application_id]
        return [_contact(r) for r in self._rows(t.contacts, *where, order=t.contacts.c.id)]

    def update_contact(self, contact: Contact) -> None:
        self._update(t.contacts, contact.id, _contact_values(contact))

    def delete_contact(self, contact_id: int) -> None:
        self.connection.execute(delete(t.contacts).where(
            t.contacts.c.id == contact_id, t.contacts.c.owner_id == self.owner_id))

    def move_contact(self, from_id: int, to_id: int) -> None:
        """Hands everything of one contact to another: its places at interviews (where both
        took part, the topic of either is kept), its touches and its steps."""
        p = t.participants
        mine = [p.c.owner_id == self.owner_id]
        both = select(p.c.interview_id).where(*mine, p.c.contact_id == to_id).scalar_subquery()
        for interview_id, topic in self.connection.execute(
                select(p.c.interview_id, p.c.topic).where(
                    *mine, p.c.contact_id == from_id, p.c.interview_id.in_(both))).all():
            if topic:
                self.connection.execute(update(p).where(
                    *mine, p.c.interview_id == interview_id, p.c.contact_id == to_id,
                    p.c.topic.is_(None)).values(topic=topic))
            self.connection.execute(delete(p).where(
                *mine, p.c.interview_id == interview_id, p.c.contact_id == from_id))
        for table in (p, t.touches, t.actions):
            self.connection.execute(update(table).where(
                table.c.owner_id == self.owner_id, table.c.contact_id == from_id
            ).values(contact_id=to_id))

    # -- interviews -----------------------------------------------------------------------
    def add_interview(self, interview: Interview) -> Interview:
        interview.id = self._insert(t.interviews, _interview_values(interview))
        self._save_participants(interview)
        return interview

    def interview(self, interview_id: int) -> Interview:
        row = self._one(t.interviews, interview_id, "interview")
        return _interview(row, self._participants([interview_id]).get(interview_id, []))

    def update_interview(self, interview: Interview) -> None:
        self._update(t.interviews, interview.id, _interview_values(interview))
        self.connection.execute(delete(t.participants).where(
            t.participants.c.interview_id == interview.id,
            t.participants.c.owner_id == self.owner_id))
        self._save_participants(interview)

    def interview_by_invitation(self, uid: str) -> Interview | None:
        rows = self._rows(t.interviews, t.interviews.c.invitation_uid == uid)
        if not rows:
            return None
        found = rows[0]["id"]
        return _interview(rows[0], self._participants([found]).get(found, []))

    # -- invitations found in the mail ----------------------------------------------------
    def add_invitation(self, invitation: MailedInvitation) -> MailedInvitation | None:
        i = t.invitations
        row = {**_values(invitation, start="start_at"), "owner_id": self.owner_id}
        # Two syncs at once (the worker and `followup mail sync`) keep an invitation once.
        statement: Any
        if self.connection.dialect.name == "postgresql":
            statement = pg_insert(i).values(row).on_conflict_do_nothing(
                constraint="uq_invitations_owner_id")
        else:
            statement = sqlite_insert(i).values(row).on_conflict_do_nothing(
                index_elements=[i.c.owner_id, i.c.uid, i.c.sequence, i.c.method])
        found = self.connection.execute(statement.returning(i.c.id)).scalar_one_or_none()
        if found is None:  # that version of the invitation was kept before
            return None
        invitation.id = int(found)
        return invitation

    def invitation(self, invitation_id: int) -> MailedInvitation:
        return _invitation(self._one(t.invitations, invitation_id, "invitation"))

    def set_invitation_state(self, invitation_id: int, state: Proposal) -> None:
        self._update(t.invitations, invitation_id, {"state": str(state)})

    def _save_participants(self, interview: Interview) -> None:
        rows = [{"owner_id": self.owner_id, "interview_id": interview.id, "ordinal": n,
                 "contact_id": p.contact_id, "topic": p.topic}
                for n, p in enumerate(interview.participants)]
        if rows:
            self.connection.execute(insert(t.participants), rows)

    def _participants(self, interview_ids: list[int]) -> dict[int, list[Participant]]:
        found: dict[int, list[Participant]] = {}
        rows = self._rows(t.participants, t.participants.c.interview_id.in_(interview_ids),
                          order=t.participants.c.ordinal)
        for row in rows:
            found.setdefault(row["interview_id"], []).append(
                Participant(row["contact_id"], row["topic"]))
        return found

    # -- touches and actions --------------------------------------------------------------
    def add_touch(self, touch: Touch) -> Touch:
        touch.id = self._insert(t.touches, _values(touch))
        return touch

    def action(self, action_id: int) -> Action:
        return _action(self._one(t.actions, action_id, "action"))

    def save_actions(self, actions: Iterable[Action]) -> None:
        for action in actions:
            if action.id is None:
                action.id = self._insert(t.actions, _values(action))
            else:
                self._update(t.actions, action.id, _values(action))

    def note(self, action_id: int) -> Note | None:
        rows = self._rows(t.notes, t.notes.c.action_id == action_id)
        return _note(rows[0]) if rows else None

    def save_note(self, note: Note) -> None:
        self.connection.execute(delete(t.notes).where(
            t.notes.c.action_id == note.action_id, t.notes.c.owner_id == self.owner_id))
        self._insert(t.notes, _note_values(note))

    def lock_application(self, application_id: int) -> None:
        """Holds the application's row until commit (SQLite's writes always take turns)."""
        if self.connection.dialect.name == "postgresql" and 0 < application_id <= MAX_ID:
            self.connection.execute(select(t.applications.c.id).where(
                t.applications.c.id == application_id,
                t.applications.c.owner_id == self.owner_id).with_for_update())

    def state(self, application_id: int, for_update: bool = False) -> ApplicationState:
        """Everything recorded about one application; `for_update` holds its row until commit,
        so that two commands about one application take turns (SQLite's writes always do)."""
        if for_update:
            self.lock_application(application_id)
        application = self.application(application_id)
        where = t.interviews.c.application_id == application_id
        rows = self._rows(t.interviews, where, order=t.interviews.c.start_at)
        people = self._participants([r["id"] for r in rows])
        return ApplicationState(
            application,
            [_interview(r, people.get(r["id"], [])) for r in rows],
            self.contacts(application_id),
            [_touch(r) for r in self._rows(
                t.touches, t.touches.c.application_id == application_id, order=t.touches.c.at)],
            [_action(r) for r in self._rows(
                t.actions, t.actions.c.application_id == application_id, order=t.actions.c.id)],
        )

    def overview(self, now: datetime) -> list[Overview]:
        """Every application with what a board shows of it at `now`, in one query: its latest
        interview not called off, its last interview held and contact made by `now`, and the
        names of the people met (thousands of applications are never read one by one)."""
        i, tc, c, a = t.interviews.c, t.touches.c, t.contacts.c, t.applications.c
        held = case((i.start_at <= now, i.start_at))
        interviews = select(
            i.application_id, func.max(i.start_at).label("latest_interview"),
            type_coerce(func.max(held), t.UTCDateTime()).label("last_held"),
        ).where(i.owner_id == self.owner_id, i.cancelled.is_(False)).group_by(
            i.application_id).subquery()
        touches = select(tc.application_id, func.max(tc.at).label("last_touch")).where(
            tc.owner_id == self.owner_id, tc.at <= now).group_by(tc.application_id).subquery()
        people = select(c.application_id, func.aggregate_strings(c.name, "\n").label(
            "people")).where(c.owner_id == self.owner_id).group_by(c.application_id).subquery()
        query = select(
            t.applications, interviews.c.latest_interview, interviews.c.last_held,
            touches.c.last_touch, people.c.people,
        ).select_from(
            t.applications.outerjoin(interviews, interviews.c.application_id == a.id)
            .outerjoin(touches, touches.c.application_id == a.id)
            .outerjoin(people, people.c.application_id == a.id)
        ).where(a.owner_id == self.owner_id).order_by(a.id)
        return [Overview(_application(r), r["latest_interview"], r["last_held"],
                         r["last_touch"], r["people"] or "")
                for r in as_rows(self.connection.execute(query))]

    def activity_states(self, since: datetime, until: datetime) -> list[ApplicationState]:
        """Everything recorded about each application with an interview or a touch from
        `since` to `until`, read in one query per table."""
        i, tc = t.interviews.c, t.touches.c
        ids = select(i.application_id).where(
            i.owner_id == self.owner_id, i.start_at.between(since, until)).union(
            select(tc.application_id).where(
                tc.owner_id == self.owner_id, tc.at.between(since, until)))
        found = {row["id"]: ApplicationState(_application(row), [], [], [], [])
                 for row in self._rows(t.applications, t.applications.c.id.in_(ids),
                                       order=t.applications.c.id)}

        def of(table: Table, order: Any) -> list[Mapping[str, Any]]:
            return self._rows(table, table.c.application_id.in_(ids), order=order)

        people: dict[int, list[Participant]] = {}
        for row in self._rows(t.participants, t.participants.c.interview_id.in_(
                select(i.id).where(i.owner_id == self.owner_id, i.application_id.in_(ids))),
                order=t.participants.c.ordinal):
            people.setdefault(row["interview_id"], []).append(
                Participant(row["contact_id"], row["topic"]))
        for row in of(t.interviews, i.start_at):
            found[row["application_id"]].interviews.append(
                _interview(row, people.get(row["id"], [])))
        for row in of(t.contacts, t.contacts.c.id):
            found[row["application_id"]].contacts.append(_contact(row))
        for row in of(t.touches, tc.at):
            found[row["application_id"]].touches.append(_touch(row))
        for row in of(t.actions, t.actions.c.id):
            found[row["application_id"]].actions.append(_action(row))
        return list(found.values())

    def agenda(self, until: datetime | None) -> list[Mapping[str, Any]]:
        where = [] if until is None else [t.agenda.c.earliest < until]
        query = select(t.agenda).where(t.agenda.c.owner_id == self.owner_id, *where)
        return as_rows(self.connection.execute(
            query.order_by(t.agenda.c.earliest, t.agenda.c.id)))

    def agenda_page(self, now: datetime, until: datetime, after: AgendaKey | None,
                    limit: int) -> list[Row]:
        """The first `limit` open steps in Today's order at `now` (`timing.order`, then id)
        that may start before `until` and come after the step at `after`, each with its
        `rank`; a checklist whose interview has started is never listed (the agenda's rule)."""
        a = t.agenda.c
        # `timing.state` in SQL, as Today ranks it: past the deadline, past the target, the rest.
        rank = case((a.deadline < now, 0), (a.due < now, 1), else_=2)
        where = [a.owner_id == self.owner_id, a.earliest < until,
                 or_(a.kind != "checklist", a.earliest > now)]
        if after is not None:
            last_rank, deadline, earliest, step = after
            where.append(or_(rank > last_rank, and_(rank == last_rank, or_(
                a.deadline > deadline, and_(a.deadline == deadline, or_(
                    a.earliest > earliest, and_(a.earliest == earliest, a.id > step)))))))
        return as_rows(self.connection.execute(
            select(t.agenda, rank.label("rank")).where(*where)
            .order_by(rank, a.deadline, a.earliest, a.id).limit(limit)))

    def agenda_sections(self, now: datetime, until: datetime, limit: int | None
                        ) -> dict[Timing, tuple[list[Row], int]]:
        """Today's sections at `now` (overdue, past target, the rest) of the open steps that
        may start before `until`: the first `limit` of each (all with None), by deadline, and
        how many there are; a checklist whose interview has started is never listed (the
        agenda's rule). One pass reads only ids in order, one query the steps shown."""
        a = t.agenda.c
        ranks = (Timing.OVERDUE, Timing.PAST_TARGET, Timing.DUE)
        # `timing.state` in SQL: past the deadline, past the target, or the rest.
        rank = case((a.deadline < now, 0), (a.due < now, 1), else_=2)
        counts = dict.fromkeys(ranks, 0)
        shown: dict[Timing, list[int]] = {section: [] for section in ranks}
        for row_id, ranked in self.connection.execute(
                select(a.id, rank).where(
                    a.owner_id == self.owner_id, a.earliest < until,
                    or_(a.kind != "checklist", a.earliest > now))
                .order_by(rank, a.deadline, a.earliest, a.id)):
            section = ranks[ranked]
            counts[section] += 1
            if limit is None or len(shown[section]) < limit:
                shown[section].append(row_id)
        wanted = [row_id for ids in shown.values() for row_id in ids]
        rows = {row["id"]: row for row in as_rows(self.connection.execute(
            select(t.agenda).where(a.id.in_(wanted))))} if wanted else {}
        return {section: ([rows[row_id] for row_id in ids], counts[section])
                for section, ids in shown.items()}

    # -- export and import ----------------------------------------------------------------
    def dump(self) -> dict[str, list[dict[str, Any]]]:
        dumped = {}
        for table in EXPORTED:
            keys = [c for c in table.primary_key.columns if c.name != "owner_id"]
            dumped[table.name] = [
                {k: _jsonable(v) for k, v in row.items() if k != "owner_id"}
                for row in self._rows(table, order=keys[0])]
        return dumped

    def load(self, records: Mapping[str, list[dict[str, Any]]]) -> None:
        """Writes exported rows with their ids; a row that does not fit is an InvalidInput."""
        for table in EXPORTED:
            rows = []
            for n, record in enumerate(records.get(table.name, []), 1):
                try:
                    rows.append({**_from_json(table, record), "owner_id": self.owner_id})
                except (TypeError, ValueError) as exc:
                    raise InvalidInput(f"{table.name} record {n}: {exc}") from None
            try:
                if rows:
                    self.connection.execute(insert(table), rows)
            except (IntegrityError, StatementError) as exc:
                problem = str(exc.orig or exc).splitlines()[0]
                raise InvalidInput(f"{table.name}: {problem}") from None
        self._check_references()
        self._sync_sequences()

    def _check_references(self) -> None:
        """Every id an owner's row refers to is a row of the same owner: a file that names
        another user's record (which the database's keys alone would take) is refused."""
        for table in EXPORTED:
            for key in table.foreign_keys:
                column, target = key.parent, key.column.table
                if target is t.users:
                    continue
                theirs = select(column).where(
                    table.c.owner_id == self.owner_id, column.is_not(None),
                    ~select(target.c.id).where(target.c.id == column,
                                               target.c.owner_id == self.owner_id).exists())
                found = self.connection.execute(theirs.limit(1)).scalar()
                if found is not None:
                    raise InvalidInput(f"{table.name}: {column.name} {found} is not a record "
                                       "of this file")

    def add_states(self, states: list[ApplicationState]) -> None:
        """Bulk-inserts whole applications whose ids are unique within `states` only."""
        shift = {table.name: self.connection.execute(
            select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
            for table in (t.applications, t.contacts, t.interviews, t.actions, t.touches)}

        def ref(table: str, value: int | None) -> int | None:
            return None if value is None else value + shift[table]

        rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in EXPORTED}
        for state in states:
            app_id = ref("applications", state.application.id)
            rows["applications"].append(
                {**_values(state.application), "id": app_id})
            for c in state.contacts:
                rows["contacts"].append(
                    {**_contact_values(c), "id": ref("contacts", c.id), "application_id": app_id})
            for i in state.interviews:
                rows["interviews"].append({**_interview_values(i), "id": ref("interviews", i.id),
                                           "application_id": app_id})
                rows["participants"].extend(
                    {"interview_id": ref("interviews", i.id), "ordinal": n,
                     "contact_id": ref("contacts", p.contact_id), "topic": p.topic}
                    for n, p in enumerate(i.participants))
            for a in state.actions:
                kind, _, number = a.anchor.partition(":")
                anchored = {"interview": "interviews", "touch": "touches"}.get(kind)
                anchor = f"{kind}:{ref(anchored, int(number))}" if anchored else a.anchor
                rows["actions"].append({
                    **_values(a), "anchor": anchor,
                    "id": ref("actions", a.id), "application_id": app_id,
                    "interview_id": ref("interviews", a.interview_id),
                    "contact_id": ref("contacts", a.contact_id)})
            for h in state.touches:
                rows["touches"].append({
                    **_values(h), "id": ref("touches", h.id), "application_id": app_id,
                    "contact_id": ref("contacts", h.contact_id),
                    "action_id": ref("actions", h.action_id)})
        for table in EXPORTED:
            if rows[table.name]:
                self.connection.execute(
                    insert(table), [{**r, "owner_id": self.owner_id} for r in rows[table.name]])
        self._sync_sequences()

    def _sync_sequences(self) -> None:
        """After rows were written with their ids, PostgreSQL's sequences move past them."""
        if self.connection.dialect.name != "postgresql":
            return
        for table in (t.applications, t.contacts, t.interviews, t.actions, t.touches, t.notes):
            self.connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"))
