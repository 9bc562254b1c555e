"""Hosted users' SMTP and IMAP passwords, encrypted at rest in `mail_passwords`.

Each password is a Fernet token (AES-128-CBC with HMAC-SHA256, from `cryptography`). The Fernet
key is not the secret key itself: it is derived from FOLLOWUP_SECRET_KEY with HKDF-SHA256,
no salt and the fixed label `INFO`, so the key that signs sessions never encrypts anything
and a change of label (a new version) gives unrelated keys. Keys derived the same way from
FOLLOWUP_OLD_SECRET_KEYS still decrypt (MultiFernet) until `followup db rotate-key` has
encrypted every row again under the current key.

The text encrypted starts with the row's owner and service, checked on reading: a token
copied to another user's row (by whoever can write to the database) is refused, not used.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from followup.adapters.db.engine import READ_ONLY
from followup.adapters.db.tables import mail_passwords as table
from followup.domain.errors import EnvironmentFault, InvalidInput, NotAllowed

INFO = b"followup mail passwords v1"
"""The HKDF label (`info`) of the key that encrypts mail passwords: part of the stored format,
so changing it makes every kept password unreadable."""
SERVICES = ("smtp", "imap")
WHERE = "the database, encrypted with a key derived from FOLLOWUP_SECRET_KEY"

Keys = Callable[[], tuple[bytes, Sequence[bytes]]]
"""The current secret key and the previous ones, read when needed."""


def fernet_key(secret_key: bytes, info: bytes = INFO) -> bytes:
    """The Fernet key (urlsafe base64 of 32 bytes) derived from a secret key for one use
    (`info`: each use has its own label, so its own key)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret_key)
    return base64.urlsafe_b64encode(derived)


def cipher(current: bytes, old: Sequence[bytes] = (), info: bytes = INFO) -> MultiFernet:
    """Encrypts under `current`; decrypts under `current` or any of `old`."""
    return MultiFernet([Fernet(fernet_key(k, info)) for k in (current, *old)])


def _label(owner_id: int, service: str) -> bytes:
    return f"{owner_id}:{service}\n".encode()


def _check(user_id: int | None, service: str) -> int:
    if service not in SERVICES:
        raise InvalidInput(f"no password is kept for {service!r}; use smtp or imap")
    if user_id is None:
        raise NotAllowed("no account to keep a mail password for: log in first")
    return user_id


def _undecryptable(owner_id: int, service: str) -> EnvironmentFault:
    return EnvironmentFault(
        f"the {service.upper()} password of user {owner_id} cannot be decrypted with "
        "FOLLOWUP_SECRET_KEY or any of FOLLOWUP_OLD_SECRET_KEYS: put the key it was kept "
        "under back in FOLLOWUP_OLD_SECRET_KEYS, or have the user keep it again")


def _open(crypt: MultiFernet, owner_id: int, service: str, token: str) -> str:
    try:
        plain = crypt.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        raise _undecryptable(owner_id, service) from None
    label = _label(owner_id, service)
    if not plain.startswith(label):
        raise EnvironmentFault(f"the {service.upper()} password kept for user {owner_id} "
                               "was written for another account; have the user keep it again")
    return plain[len(label):].decode("utf-8")


class SqlMailPasswords:
    """The services' MailPasswords of a hosted installation: one encrypted row per user and
    service, each read and written in a transaction of its own."""

    def __init__(self, engine: Engine, keys: Keys) -> None:
        self.engine = engine
        self.keys = keys

    def _cipher(self) -> MultiFernet:
        current, old = self.keys()
        return cipher(current, old)

    def get(self, user_id: int | None, service: str) -> str | None:
        owner = _check(user_id, service)
        # Read beside the caller's unit of work, which may be writing (SQLite: not queued).
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            token = connection.execute(select(table.c.secret).where(
                table.c.owner_id == owner, table.c.service == service)).scalar_one_or_none()
        return None if token is None else _open(self._cipher(), owner, service, token)

    def keep(self, user_id: int | None, service: str, secret: str | None) -> str:
        owner = _check(user_id, service)
        if secret is None:
            with self.engine.begin() as connection:
                connection.execute(delete(table).where(table.c.owner_id == owner,
                                                       table.c.service == service))
            return WHERE
        if "\n" in secret or "\r" in secret or "\x00" in secret:
            raise InvalidInput("a password cannot contain a line break or NUL")
        token = self._cipher().encrypt(_label(owner, service) + secret.encode("utf-8"))
        values = {"owner_id": owner, "service": service, "secret": token.decode("ascii"),
                  "updated_at": datetime.now(UTC)}
        with self.engine.begin() as connection:
            insert: Any = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
            statement = insert(table).values(values)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[table.c.owner_id, table.c.service],
                set_={"secret": statement.excluded.secret,
                      "updated_at": statement.excluded.updated_at}))
        return WHERE

    def where(self, user_id: int | None, service: str) -> str | None:
        owner = _check(user_id, service)
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            found = connection.execute(select(table.c.owner_id).where(
                table.c.owner_id == owner, table.c.service == service)).first()
        return WHERE if found is not None else None

    def rotate(self) -> int:
        """Encrypts every row again under the current key, in one transaction (all or none);
        returns how many rows there are."""
        crypt = self._cipher()
        with self.engine.begin() as connection:
            rows = connection.execute(select(table.c.owner_id, table.c.service, table.c.secret)
                                      .order_by(table.c.owner_id, table.c.service)
                                      .with_for_update()).all()
            for owner, service, token in rows:
                _open(crypt, owner, service, token)  # a row no key opens stops everything
                fresh = crypt.rotate(token.encode("ascii")).decode("ascii")
                connection.execute(update(table).where(
                    table.c.owner_id == owner, table.c.service == service).values(secret=fresh))
        return len(rows)
