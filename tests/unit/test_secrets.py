"""Mail passwords: the environment first, then the keyring, then a file only the user reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from followup.adapters.mail import secrets
from followup.domain.errors import EnvironmentFault, InvalidInput


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path))
    monkeypatch.setenv("FOLLOWUP_NO_KEYRING", "1")
    return tmp_path


def test_a_kept_password_is_in_a_file_only_the_user_can_read(home: Path) -> None:
    where = secrets.set_password("smtp", "s3cret é")

    assert str(home) in where
    assert secrets.password("smtp") == "s3cret é" and secrets.password("imap") is None
    assert stat.S_IMODE(os.stat(home / secrets.FILE_NAME).st_mode) == 0o600


def test_the_environment_wins_over_the_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets.set_password("imap", "from the file")
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "from the environment")

    assert secrets.password("imap") == "from the environment"
    assert secrets.where("imap") == "the environment variable FOLLOWUP_IMAP_PASSWORD"


def test_a_forgotten_password_is_gone_and_the_other_stays(home: Path) -> None:
    secrets.set_password("smtp", "one")
    secrets.set_password("imap", "two")

    secrets.set_password("smtp", None)

    assert secrets.password("smtp") is None and secrets.password("imap") == "two"


def test_a_file_that_lost_its_mode_is_made_private_again(home: Path) -> None:
    secrets.set_password("smtp", "one")
    os.chmod(home / secrets.FILE_NAME, 0o644)

    assert secrets.password("smtp") == "one"
    assert stat.S_IMODE(os.stat(home / secrets.FILE_NAME).st_mode) == 0o600


@pytest.mark.parametrize("service, secret", [("pop3", "x"), ("smtp", "two\nlines")])
def test_unknown_services_and_line_breaks_are_refused(home: Path, service: str,
                                                      secret: str) -> None:
    with pytest.raises(InvalidInput):
        secrets.set_password(service, secret)


def test_a_usable_keyring_is_preferred_to_the_file(home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    kept: dict[tuple[str, str], str] = {}
    backend = types.SimpleNamespace(priority=5)
    fail = types.ModuleType("keyring.backends.fail")
    fail.Keyring = type("Keyring", (), {})  # type: ignore[attr-defined]
    backends = types.ModuleType("keyring.backends")
    backends.fail = fail  # type: ignore[attr-defined]
    keyring = types.ModuleType("keyring")
    keyring.backends = backends  # type: ignore[attr-defined]
    keyring.get_keyring = lambda: backend  # type: ignore[attr-defined]
    keyring.get_password = lambda s, u: kept.get((s, u))  # type: ignore[attr-defined]
    keyring.set_password = lambda s, u, p: kept.__setitem__((s, u), p)  # type: ignore[attr-defined]
    keyring.delete_password = lambda s, u: kept.pop((s, u))  # type: ignore[attr-defined]
    for name, module in (("keyring", keyring), ("keyring.backends", backends),
                         ("keyring.backends.fail", fail)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.delenv("FOLLOWUP_NO_KEYRING")

    where = secrets.set_password("smtp", "in the keyring")

    assert where == "the system keyring" and kept == {("followup", "smtp"): "in the keyring"}
    assert secrets.password("smtp") == "in the keyring"
    assert not (home / secrets.FILE_NAME).exists()
    backend.priority = 0  # a keyring that keeps nothing: the file is used instead
    assert "readable only by you" in secrets.set_password("smtp", "in the file")
    assert secrets.password("smtp") == "in the file"


@pytest.mark.parametrize("content", [b'{"smtp": "kept", "imap": ', b'["smtp", "kept"]',
                                     b'{"smtp": 1234}', b'{"smtp": "\xff"}'],
                         ids=["cut-off", "a-list", "not-a-string", "not-utf8"])
def test_a_damaged_file_is_an_error_and_is_never_written_over(home: Path,
                                                              content: bytes) -> None:
    kept = home / secrets.FILE_NAME
    kept.write_bytes(content)

    with pytest.raises(EnvironmentFault, match=r"is damaged .*left as it is"):
        secrets.set_password("imap", "new")
    with pytest.raises(EnvironmentFault, match="is damaged"):
        secrets.password("smtp")

    assert kept.read_bytes() == content
    assert os.listdir(home) == [secrets.FILE_NAME]
