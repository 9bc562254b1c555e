"""Mail passwords: the environment, else the OS keyring, else a 0600 file in the home."""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from followup.domain.errors import EnvironmentFault, InvalidInput
from followup.paths import home

SERVICES = ("smtp", "imap")
KEYRING_SERVICE = "followup"
FILE_NAME = "secrets.json"


def _check(service: str) -> str:
    if service not in SERVICES:
        raise InvalidInput(f"no password is kept for {service!r}; use smtp or imap")
    return service


def _env(service: str) -> str:
    return f"FOLLOWUP_{service.upper()}_PASSWORD"


def _keyring() -> Any | None:
    """The keyring module when it is installed and has a backend that really stores secrets."""
    if os.environ.get("FOLLOWUP_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or broken: the file is the fallback
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    # The "fail" and "null" backends (priority 0 or less) keep nothing; neither does a chain
    # without backends, so the file is used instead.
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def _path() -> str:
    return os.path.join(home(), FILE_NAME)


def _read_file() -> dict[str, str]:
    """The passwords kept in the file; a file that cannot be read or understood is an error
    that leaves it as it is (writing over it would lose the passwords it still holds)."""
    path = _path()
    try:
        # A copy restored from a backup may have lost its mode: make it private again.
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise EnvironmentFault(f"cannot read the mail passwords in {path} "
                               f"({exc.strerror or exc}); check that you may read it") from None
    except ValueError as exc:  # not UTF-8 or not JSON
        raise _damaged(path, f"not JSON: {exc}") from None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise _damaged(path, "not an object of service names and passwords")
    return data


def _damaged(path: str, reason: str) -> EnvironmentFault:
    return EnvironmentFault(f"the mail passwords file {path} is damaged ({reason}); it was left "
                            "as it is: repair it, or move it away and keep the passwords again "
                            "with `followup mail password smtp` (and imap)")


def _write_file(data: dict[str, str]) -> None:
    path = _path()
    temporary = path + ".tmp"
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        # Created with 0600 from the start, so the password is never readable by others.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        raise EnvironmentFault(f"cannot keep the password in {path} ({exc.strerror or exc}); "
                               "check that you may write to that folder") from None


def password(service: str) -> str | None:
    """The password for `service` (smtp or imap), or None when none is kept anywhere."""
    _check(service)
    from_env = os.environ.get(_env(service))
    if from_env:
        return from_env
    keyring = _keyring()
    if keyring is not None:
        try:
            found = keyring.get_password(KEYRING_SERVICE, service)
        except Exception:
            found = None
        if found:
            return str(found)
    return _read_file().get(service)


def set_password(service: str, secret: str | None) -> str:
    """Keeps (or with None forgets) the password for `service`; returns where it is kept."""
    _check(service)
    if secret is not None and ("\n" in secret or "\r" in secret or "\x00" in secret):
        raise InvalidInput("a password cannot contain a line break or NUL")
    keyring = _keyring()
    if keyring is not None:
        try:
            if secret is None:
                with contextlib.suppress(Exception):  # nothing kept there: nothing to forget
                    keyring.delete_password(KEYRING_SERVICE, service)
            else:
                keyring.set_password(KEYRING_SERVICE, service, secret)
                _forget_in_file(service)
                return "the system keyring"
        except Exception:  # a locked or broken keyring: keep it in the file instead
            pass
    data = _read_file()
    if secret is None:
        data.pop(service, None)
    else:
        data[service] = secret
    _write_file(data)
    return f"{_path()} (readable only by you)"


def _forget_in_file(service: str) -> None:
    data = _read_file()
    if service in data:
        del data[service]
        _write_file(data)


def where(service: str) -> str | None:
    """Where the password of `service` comes from (never the password itself)."""
    _check(service)
    if os.environ.get(_env(service)):
        return f"the environment variable {_env(service)}"
    keyring = _keyring()
    if keyring is not None:
        try:
            if keyring.get_password(KEYRING_SERVICE, service):
                return "the system keyring"
        except Exception:
            pass
    return f"{_path()}" if service in _read_file() else None


class LocalPasswords:
    """The services' MailPasswords of a local home: its one user's, kept as above (the user's
    id is not needed: a local home has one)."""

    def get(self, user_id: int | None, service: str) -> str | None:
        return password(service)

    def keep(self, user_id: int | None, service: str, secret: str | None) -> str:
        return set_password(service, secret)

    def where(self, user_id: int | None, service: str) -> str | None:
        return where(service)
