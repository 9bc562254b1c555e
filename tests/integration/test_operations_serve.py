"""`followup serve`'s hosted options: what it refuses before it listens, and what it believes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followup.entrypoints.cli import web

KEY = "k" * 48


@pytest.fixture(autouse=True)
def _restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # `serve --hosted` sets FOLLOWUP_MODE for its run (monkeypatch puts it back) and sends
    # the log to the runner's stderr, closed once the command is over.
    monkeypatch.setenv("FOLLOWUP_MODE", "local")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)


def serve(tmp_path: Path, *args: str, **env: str) -> Result:
    from followup.entrypoints.cli import cli

    environment = {"FOLLOWUP_HOME": str(tmp_path / "home"), **env}
    return CliRunner().invoke(cli, ["serve", *args], env=environment)


def test_hosted_mode_without_a_secret_key_stops_with_how_to_make_one(tmp_path: Path) -> None:
    result = serve(tmp_path, "--hosted")

    assert result.exit_code == 1
    assert "FOLLOWUP_SECRET_KEY of at least 32 bytes (it is not set)" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr and "Traceback" not in result.output


def test_hosted_mode_with_a_short_secret_key_stops(tmp_path: Path) -> None:
    result = serve(tmp_path, "--hosted", FOLLOWUP_SECRET_KEY="short")

    assert result.exit_code == 1 and "(it has 5)" in result.stderr


def test_several_processes_need_hosted_mode(tmp_path: Path) -> None:
    result = serve(tmp_path, "--processes", "2")

    assert result.exit_code == 2 and "--hosted" in result.stderr


def test_hosted_mode_may_listen_beyond_loopback_but_not_on_a_database_without_schema(
        tmp_path: Path) -> None:
    result = serve(tmp_path, "--hosted", "--host", "0.0.0.0", "--port", "0",
                   FOLLOWUP_SECRET_KEY=KEY)

    assert "--allow-network" not in result.stderr  # hosted mode has logins
    assert result.exit_code == 1
    assert "no schema yet: run `followup db upgrade`" in result.stderr


def test_the_local_app_still_refuses_a_network_address_without_allow_network(
        tmp_path: Path) -> None:
    result = serve(tmp_path, "--host", "0.0.0.0")

    assert result.exit_code == 2 and "--allow-network" in result.stderr


@pytest.mark.parametrize(("flag", "listed", "expected"), [
    (False, "", []),
    (True, "", ["127.0.0.1", "::1"]),
    (False, " 10.0.0.2, 10.0.0.3 ,", ["10.0.0.2", "10.0.0.3"]),
    (True, "10.0.0.2,127.0.0.1", ["127.0.0.1", "::1", "10.0.0.2"]),
])
def test_the_proxies_believed_are_loopback_with_the_flag_and_those_listed(
        monkeypatch: pytest.MonkeyPatch, flag: bool, listed: str, expected: list[str]) -> None:
    monkeypatch.setenv("FOLLOWUP_TRUSTED_PROXIES", listed)

    assert web._proxies(flag) == expected


def test_the_served_socket_sends_each_answer_at_once() -> None:
    """Nagle's algorithm off on the connections `serve` accepts: it held each keep-alive
    answer's last segment back for the client's delayed ACK (40 ms a request)."""
    import socket

    from followup.entrypoints.cli.web import _listen

    listening = _listen("127.0.0.1", 0)
    client = socket.create_connection(listening.getsockname())
    accepted, _ = listening.accept()
    try:
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        for sock in (accepted, client, listening):
            sock.close()
