"""Today's page cursor: an opaque position in Today's order, kept by the client between pages.

It holds the sort key of the last step shown (keyset paging, not an offset: a step done meanwhile
does not shift the next page) and the moment the first page was read, so that every page ranks
the steps as of that moment and a step turning overdue between two pages is neither shown twice
nor skipped. A checksum catches a cursor garbled on the way; one altered on purpose only moves
the reader within their own steps, which they may read anyway.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from followup.domain.errors import InvalidInput
from followup.domain.limits import MAX_ID
from followup.services.ports import AgendaKey

LIFETIME = timedelta(days=1)
"""How long a cursor may be used after its first page: a day-old listing is stale."""
SKEW = timedelta(minutes=5)
"""How far ahead of this process's clock another process's cursor may be."""
_VERSION = 1
_LAYOUT = struct.Struct(">BqBqqI")
_TAG = 8
_CHECK = b"followup today cursor"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LONGEST = 4 * -(-(_LAYOUT.size + _TAG) // 3)


@dataclass(frozen=True, slots=True)
class Position:
    at: datetime
    """When the first page was read: every page lists and ranks the steps as of then."""
    after: AgendaKey
    """The last step shown; the next page starts after it."""


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _tag(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_TAG, key=_CHECK).digest()


def write(position: Position) -> str:
    """The cursor of `position`: URL-safe text."""
    rank, deadline, earliest, step = position.after
    body = _LAYOUT.pack(_VERSION, _micros(position.at), rank, _micros(deadline),
                        _micros(earliest), step)
    return base64.urlsafe_b64encode(body + _tag(body)).decode().rstrip("=")


def read(text: str, now: datetime) -> Position:
    """The position a cursor holds; InvalidInput (field `cursor`) for one this list did not
    give, or one too old to continue."""
    bad = InvalidInput("the cursor is not one this list gave (garbled or altered); ask for "
                       "the first page again, without a cursor", field="cursor")
    if not text or len(text) > _LONGEST:
        raise bad
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise bad from None
    body, tag = raw[:-_TAG], raw[-_TAG:]
    if len(body) != _LAYOUT.size or not hmac.compare_digest(tag, _tag(body)):
        raise bad
    version, at, rank, deadline, earliest, step = _LAYOUT.unpack(body)
    if version != _VERSION or rank not in (0, 1, 2) or not 0 < step <= MAX_ID:
        raise bad
    try:
        position = Position(_moment(at), (rank, _moment(deadline), _moment(earliest), step))
    except OverflowError:
        raise bad from None
    if position.at > now + SKEW:
        raise bad
    if position.at < now - LIFETIME:
        raise InvalidInput("the cursor is more than a day old; ask for the first page again, "
                           "without a cursor", field="cursor")
    return position
