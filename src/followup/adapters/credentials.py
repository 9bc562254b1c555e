"""Password hashing (argon2id through pwdlib), the common passwords, and TOTP (pyotp), whose
keys are kept encrypted (Fernet, under a key derived from FOLLOWUP_SECRET_KEY)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path

from followup.domain.errors import EnvironmentFault

COMMON = Path(__file__).with_name("common_passwords.txt")
SECOND_FACTOR = b"followup second factor v1"
"""The HKDF label of the key that encrypts second-factor keys (part of the stored format)."""

Keys = Callable[[], tuple[bytes, Sequence[bytes]]]
"""The current secret key and the previous ones, read when needed."""


class Argon2Credentials:
    """The `Credentials` port: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane):
    pwdlib's default (64 MiB, 3 passes, 4 lanes) took 0.4 s a hash on a 2-core server, which
    a burst of logins turns into minutes of waiting."""

    def __init__(self, keys: Keys, time_cost: int = 2, memory_kib: int = 19_456) -> None:
        from pwdlib import PasswordHash
        from pwdlib.hashers.argon2 import Argon2Hasher

        # A hash records its own cost: hashes of any cost verify, whatever the current one.
        self._hasher = PasswordHash((Argon2Hasher(time_cost=time_cost, memory_cost=memory_kib,
                                                  parallelism=1),))
        self._keys = keys

    @cached_property
    def _dummy(self) -> str:
        """Verified when an account has no password or does not exist: the same work."""
        return self._hasher.hash(secrets.token_urlsafe(16))

    @cached_property
    def common(self) -> frozenset[str]:
        lines = COMMON.read_text(encoding="utf-8").splitlines()
        return frozenset(line.strip().lower() for line in lines
                         if line.strip() and not line.startswith("#"))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password: str, password_hash: str | None) -> bool:
        if password_hash is None:
            self._hasher.verify(password, self._dummy)
            return False
        try:
            return self._hasher.verify(password, password_hash)
        except Exception:  # a hash this library cannot read matches nothing
            return False

    def seal(self, user_id: int, secret: str) -> str:
        from followup.adapters.db.mail_passwords import cipher

        label = f"{user_id}:totp\n".encode()
        return cipher(*self._keys(), info=SECOND_FACTOR).encrypt(label + secret.encode()
                                                                  ).decode("ascii")

    def unseal(self, user_id: int, sealed: str) -> str:
        from cryptography.fernet import InvalidToken

        from followup.adapters.db.mail_passwords import cipher

        label = f"{user_id}:totp\n".encode()
        try:
            plain = cipher(*self._keys(), info=SECOND_FACTOR).decrypt(sealed.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError):
            plain = b""
        if not plain.startswith(label):
            raise EnvironmentFault(
                f"the second factor of user {user_id} cannot be read with FOLLOWUP_SECRET_KEY "
                "or FOLLOWUP_OLD_SECRET_KEYS; put the old key back, or turn the user's second "
                "factor off (`followup user passwd` does not) and set it up again")
        return plain[len(label):].decode()

    def reseal(self, user_id: int, sealed: str) -> str:
        """The same key sealed again under the current secret key (a key rotation)."""
        return self.seal(user_id, self.unseal(user_id, sealed))

    def new_secret(self) -> str:
        import pyotp

        return pyotp.random_base32()

    def otp_uri(self, secret: str, email: str) -> str:
        import pyotp

        return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Followup")

    def otp_step(self, secret: str, code: str, now: datetime) -> int | None:
        import hmac

        import pyotp

        code = "".join(code.split())
        if not code.isdigit():
            return None
        totp = pyotp.TOTP(secret)
        for drift in (0, -1, 1):  # a clock a step behind or ahead still counts
            moment = now + timedelta(seconds=drift * totp.interval)
            if hmac.compare_digest(totp.at(moment), code):
                return int(totp.timecode(moment))
        return None
