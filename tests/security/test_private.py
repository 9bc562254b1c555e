"""The user's data is theirs alone: the home, the database and every file written are private,
and the web app is not offered to the network by accident."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"
INIT = ("init", "--name", "José Núñez", "--email", "jose@example.com",
        "--timezone", "Europe/Madrid", "--country", "ES")
ADD = ("interview", "add", "--company", "Acme", "--position", "Analyst",
       "--at", "2026-11-24T10:00", "--interviewer", "Siobhán Ó Briain <siobhan@acme.example>")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def shared_umask() -> Iterator[None]:
    """The usual umask, which lets everyone read what a program creates."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def local(home: Path) -> Cli:
    return Cli(CliRunner(), {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW})


def test_a_new_home_its_database_and_every_file_written_are_private(
        local: Cli, home: Path, tmp_path: Path, shared_umask: None) -> None:
    for args in (INIT, ADD):
        assert local(*args).exit_code == 0
    written = [tmp_path / "export.json", tmp_path / "letter.pdf"]
    assert local("export", "-o", str(written[0])).exit_code == 0
    assert local("note", "pdf", "1", "-o", str(written[1])).exit_code == 0

    assert mode(home) == 0o700
    assert {p.name: mode(p) for p in home.iterdir()} == {
        p.name: 0o600 for p in home.iterdir()}
    assert [mode(p) for p in written] == [0o600] * 2
    assert os.umask(0o022) == 0o022  # the caller's umask is given back


def test_an_existing_home_is_made_private_on_first_use_and_never_loosened(
        local: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    for args in (INIT, ADD):
        assert local(*args).exit_code == 0
    database = home / "followup.db"
    home.chmod(0o755)
    database.chmod(0o644)

    assert local("plan", "1").exit_code == 0
    assert (mode(home), mode(database)) == (0o700, 0o600)

    home.chmod(0o751)
    database.chmod(0o440)  # the user's own choice to keep it from being written
    from followup.entrypoints import fast

    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    assert fast._answer(0, False)  # `followup today` on the stdlib path
    assert "Acme" in capsys.readouterr().out
    assert (mode(home), mode(database)) == (0o700, 0o400)


def test_a_shared_folder_given_as_the_home_is_not_locked_away_from_others(
        local: Cli, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp is

    assert local(*INIT, FOLLOWUP_HOME=str(shared)).exit_code == 0

    assert mode(shared) == 0o1777 and mode(shared / "followup.db") == 0o600


def serve(local: Cli, *args: str) -> tuple[int, str]:
    result = local("serve", "--no-worker", *args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1", "followup.example"])
def test_serve_refuses_an_address_other_computers_can_reach(local: Cli, home: Path,
                                                            host: str) -> None:
    code, err = serve(local, "--host", host, "--port", "0")

    assert code == 2 and len(err.splitlines()) == 1
    assert "can be reached from other computers" in err and "--allow-network" in err
    assert not home.exists()  # refused before anything was opened


@pytest.mark.parametrize("host, address", [("127.0.0.1", "127.0.0.1"),
                                           ("localhost", "127.0.0.1"),
                                           ("127.0.0.2", "127.0.0.2")])
def test_serve_on_this_computer_needs_no_flag(local: Cli, host: str, address: str) -> None:
    assert local(*INIT).exit_code == 0
    with socket.socket() as taken:  # something already listens there, so serve stops at it
        taken.bind((address, 0))
        taken.listen(1)

        code, err = serve(local, "--host", host, "--port", str(taken.getsockname()[1]))

    assert code == 4 and "cannot listen" in err and "warning" not in err


def test_serve_with_allow_network_warns_that_anyone_can_read_and_change_the_data(
        local: Cli) -> None:
    assert local(*INIT).exit_code == 0

    # 192.0.2.1 (TEST-NET-1) is no address of this machine: binding fails, nothing is reached.
    code, err = serve(local, "--host", "192.0.2.1", "--port", "8000", "--allow-network")

    warning, refusal = err.splitlines()
    assert warning == ("followup: warning: listening on 192.0.2.1: anyone who can reach it on "
                       "port 8000 can read and change your data")
    assert code == 4 and refusal.startswith("followup: cannot listen on 192.0.2.1:8000")
