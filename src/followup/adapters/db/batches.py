"""Many owners' records read and written together (the worker's batches): a few statements for
a whole batch, every row still bound to its owner."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, insert, select, tuple_, update

from followup.adapters.db import tables as t
from followup.adapters.db.repository import (
    _action,
    _application,
    _contact,
    _interview,
    _touch,
    _values,
)
from followup.adapters.db.rows import as_rows
from followup.domain.model import (
    Action,
    Application,
    ApplicationState,
    Participant,
    Touch,
    User,
)

Key = tuple[int, int]
"""(owner id, record id)."""


def _bound(row: Mapping[str, Any], keys: Collection[Key], what: str) -> Key:
    """The (owner, application) a row belongs to, which must be one asked for: a row of
    another owner never lands in an application's state."""
    key = (int(row["owner_id"]), int(row["application_id"]))
    if key not in keys:
        raise AssertionError(f"{what} {row['id']} of owner {key[0]} is not among the "
                             "applications read")
    return key


class SqlBatches:
    """Records of many owners on one connection; the caller owns the transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _of(self, table: Table, keys: Collection[Key], order: Any) -> list[Mapping[str, Any]]:
        owners = sorted({owner for owner, _ in keys})
        ids = sorted({record for _, record in keys})
        # Both lists filter (the indexes serve them); the pairs are checked row by row.
        return as_rows(self.connection.execute(select(table).where(
            table.c.owner_id.in_(owners), table.c.application_id.in_(ids)).order_by(order)))

    def applications_of(self, steps: Collection[Key]) -> dict[Key, int]:
        """The application of each (owner, action id) that exists under that owner."""
        if not steps:
            return {}
        a = t.actions.c
        rows = self.connection.execute(select(a.owner_id, a.id, a.application_id).where(
            tuple_(a.owner_id, a.id).in_(sorted(steps))))
        return {(int(owner), int(action)): int(application)
                for owner, action, application in rows if application is not None}

    def states(self, keys: Collection[Key], for_update: bool = False
               ) -> dict[Key, ApplicationState]:
        """Everything recorded about each (owner, application id) that exists, one query per
        table; `for_update` holds the applications' rows until commit, taken in the order of
        (owner, application) so that two batches never wait for each other in a circle."""
        wanted = set(keys)
        if not wanted:
            return {}
        ap = t.applications.c
        query = select(t.applications).where(
            tuple_(ap.owner_id, ap.id).in_(sorted(wanted))).order_by(ap.owner_id, ap.id)
        if for_update and self.connection.dialect.name == "postgresql":
            query = query.with_for_update(of=t.applications)
        found: dict[Key, ApplicationState] = {}
        for row in as_rows(self.connection.execute(query)):
            key = (int(row["owner_id"]), int(row["id"]))
            if key not in wanted:
                raise AssertionError(f"application {key[1]} of owner {key[0]} was not asked for")
            found[key] = ApplicationState(_application(row), [], [], [], [])
        keys = set(found)
        if not keys:
            return found
        interviews = self._of(t.interviews, keys, t.interviews.c.start_at)
        people: dict[int, list[Participant]] = {}
        owners_of = {int(r["id"]): _bound(r, keys, "interview")[0] for r in interviews}
        if owners_of:
            p = t.participants.c
            for row in as_rows(self.connection.execute(select(t.participants).where(
                    p.interview_id.in_(sorted(owners_of))).order_by(p.ordinal))):
                if int(row["owner_id"]) != owners_of[int(row["interview_id"])]:
                    raise AssertionError(f"a participant of interview {row['interview_id']} "
                                         f"belongs to owner {row['owner_id']}")
                people.setdefault(int(row["interview_id"]), []).append(
                    Participant(row["contact_id"], row["topic"]))
        for row in interviews:
            found[_bound(row, keys, "interview")].interviews.append(
                _interview(row, people.get(int(row["id"]), [])))
        for row in self._of(t.contacts, keys, t.contacts.c.id):
            found[_bound(row, keys, "contact")].contacts.append(_contact(row))
        for row in self._of(t.touches, keys, t.touches.c.at):
            found[_bound(row, keys, "touch")].touches.append(_touch(row))
        for row in self._of(t.actions, keys, t.actions.c.id):
            found[_bound(row, keys, "action")].actions.append(_action(row))
        return found

    def users(self, owner_ids: Collection[int]) -> dict[int, User]:
        """The profile of each owner, by id."""
        if not owner_ids:
            return {}
        rows = self.connection.execute(select(t.users).where(
            t.users.c.id.in_(sorted(owner_ids)))).mappings()
        return {int(r["id"]): User(r["id"], r["name"], r["email"], r["timezone"], r["country"])
                for r in rows}

    def settings(self, owner_ids: Collection[int]) -> dict[int, dict[str, str]]:
        """The settings of each owner (an owner with none has an empty mapping)."""
        found: dict[int, dict[str, str]] = {owner: {} for owner in owner_ids}
        if found:
            s = t.settings.c
            for owner, key, value in self.connection.execute(select(
                    s.owner_id, s.key, s.value).where(s.owner_id.in_(sorted(found)))):
                found[int(owner)][key] = value
        return found

    def everyones_settings(self, keys: Collection[str]) -> dict[int, dict[str, str]]:
        """Every user's settings among `keys`, in one query (a user with none of them has an
        empty mapping), by user id in order."""
        u, s = t.users.c, t.settings.c
        found: dict[int, dict[str, str]] = {}
        rows = self.connection.execute(select(u.id, s.key, s.value).select_from(
            t.users.outerjoin(t.settings, and_(s.owner_id == u.id, s.key.in_(sorted(keys)))))
            .order_by(u.id))
        for owner, key, value in rows:
            mine = found.setdefault(int(owner), {})
            if key is not None:
                mine[key] = value
        return found

    def save_actions(self, actions: Sequence[tuple[int, Action]]) -> None:
        """Writes each owner's actions: the new ones inserted (and given their ids), the others
        updated where both their id and their owner match."""
        new = [(owner, action) for owner, action in actions if action.id is None]
        old = [(owner, action) for owner, action in actions if action.id is not None]
        if new:
            ids = self.connection.execute(
                insert(t.actions).returning(t.actions.c.id, sort_by_parameter_order=True),
                [{**_values(action), "owner_id": owner} for owner, action in new]).scalars()
            for (_, action), action_id in zip(new, ids, strict=True):
                action.id = int(action_id)
        if old:
            self._update_many(t.actions, [(owner, action.id or 0, _values(action))
                                          for owner, action in old])

    def add_touches(self, touches: Sequence[tuple[int, Touch]]) -> None:
        """Adds each owner's touches, giving them their ids."""
        if not touches:
            return
        ids = self.connection.execute(
            insert(t.touches).returning(t.touches.c.id, sort_by_parameter_order=True),
            [{**_values(touch), "owner_id": owner} for owner, touch in touches]).scalars()
        for (_, touch), touch_id in zip(touches, ids, strict=True):
            touch.id = int(touch_id)

    def update_applications(self, applications: Sequence[tuple[int, Application]]) -> None:
        """Updates each owner's applications (where both id and owner match)."""
        if applications:
            self._update_many(t.applications, [(owner, app.id or 0, _values(app))
                                               for owner, app in applications])

    def _update_many(self, table: Table, rows: list[tuple[int, int, dict[str, Any]]]) -> None:
        columns = sorted(rows[0][2])
        statement = update(table).where(and_(
            table.c.id == bindparam("_id"), table.c.owner_id == bindparam("_owner"))).values(
            {name: bindparam(f"_{name}") for name in columns})
        self.connection.execute(statement, [
            {"_id": record, "_owner": owner, **{f"_{k}": v for k, v in values.items()}}
            for owner, record, values in rows])
