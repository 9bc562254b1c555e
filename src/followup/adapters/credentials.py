"""Password hashing (argon2id through pwdlib), the common passwords, and TOTP (pyotp)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path

COMMON = Path(__file__).with_name("common_passwords.txt")


class Argon2Credentials:
    """The `Credentials` port: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane):
    pwdlib's default (64 MiB, 3 passes, 4 lanes) took 0.4 s a hash on a 2-core server, which
    a burst of logins turns into minutes of waiting."""

    def __init__(self) -> None:
        from pwdlib import PasswordHash
        from pwdlib.hashers.argon2 import Argon2Hasher

        self._hasher = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19_456,
                                                  parallelism=1),))

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
