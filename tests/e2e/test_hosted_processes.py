"""`followup serve --hosted --processes 2` as a real process tree, and the local `serve`."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

KEY = "e2e-secret-key-of-a-hosted-installation-0123456789"


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FOLLOWUP_", "PROMETHEUS_"))}
    return {**env, "FOLLOWUP_HOME": str(home), "NO_COLOR": "1", "PYTHONWARNINGS": "ignore",
            **extra}


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    out: Path
    err: Path

    def request(self, path: str, headers: dict[str, str] | None = None
                ) -> tuple[int, dict[str, str], str]:
        """One request on a connection of its own (so that any process may take it)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request("GET", path, headers=headers or {})
            answer = connection.getresponse()
            return answer.status, dict(answer.getheaders()), answer.read().decode()
        finally:
            connection.close()

    def ready(self) -> None:
        """Waits for a process to answer (the socket listens before they have started)."""
        deadline = time.monotonic() + 90  # on a busy machine, importing the app takes a while
        while time.monotonic() < deadline:
            try:
                if self.request("/readyz", {"X-Request-ID": "ready"})[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"no web process answered:\n{self.err.read_text()}")

    def log(self) -> list[dict[str, object]]:
        return [record for line in self.err.read_text().splitlines() if line.startswith("{")
                if (record := json.loads(line)).get("request_id") != "ready"]

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def start(tmp_path: Path, env: dict[str, str], *args: str) -> Server:
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "followup", "serve", "--port", "0",
                                    *args], env=env, stdout=stdout, stderr=stderr)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", out.read_text())
        if found:
            return Server(process, int(found.group(1)), out, err)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    pytest.fail(f"serve did not start:\n{out.read_text()}\n{err.read_text()}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def sample(text: str, line_start: str) -> float:
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.split()[-1])
    return 0.0


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Two web processes and an outbox worker on a migrated SQLite home, behind --proxy-headers
    (one process tree for the tests of this module, the last of which stops it)."""
    place = tmp_path_factory.mktemp("hosted")
    env = environment(place / "home", FOLLOWUP_SECRET_KEY=KEY)
    upgrade = subprocess.run([sys.executable, "-m", "followup", "db", "upgrade"], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    assert upgrade.returncode == 0, upgrade.stderr
    server = start(place, env, "--hosted", "--processes", "2", "--proxy-headers")
    try:
        server.ready()
        yield server
    finally:
        server.stop()


def test_two_web_processes_answer_and_their_counts_add_up(hosted: Server) -> None:
    status, _, body = hosted.request("/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = hosted.request("/readyz")
    assert status == 200 and json.loads(body)["status"] == "ready"

    asked = 2  # the two above: /healthz once, /readyz once
    healthz = 1
    pids: set[object] = set()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(20):  # the kernel hands connections to whichever process takes them
            answers = list(pool.map(lambda _: hosted.request("/healthz")[0], range(16)))
            assert answers == [200] * 16
            asked += 16
            healthz += 16
            time.sleep(0.1)  # the log lines are written after the answers
            pids = {line["pid"] for line in hosted.log() if line["path"] == "/healthz"}
            if len(pids) >= 2:
                break
    assert len(pids) == 2, f"one process took all {healthz} requests: {pids}"

    status, headers, text = hosted.request("/metrics")
    time.sleep(0.1)
    assert status == 200 and headers["content-type"].startswith("text/plain")
    counted = 'followup_http_requests_total{method="GET",route="/healthz",status="200"}'
    assert sample(text, counted) == healthz  # both processes' counts, added up
    assert sample(text, "followup_outbox_rows{state=\"scheduled\"}") == 0
    assert sample(text, "followup_database_up") == 1
    access = [line for line in hosted.log()
              if line["logger"] == "followup.access" and line["path"] != "/metrics"]
    assert len(access) == asked and len({line["request_id"] for line in access}) == asked


def test_the_proxys_forwarded_client_is_believed_and_metrics_stay_closed_through_it(
        hosted: Server) -> None:
    status, headers, _ = hosted.request("/healthz", {"X-Forwarded-For": "203.0.113.9",
                                                     "X-Forwarded-Proto": "https",
                                                     "X-Request-ID": "from-the-proxy-1"})
    closed, _, _ = hosted.request("/metrics", {"X-Forwarded-For": "203.0.113.9"})

    assert status == 200 and headers["x-request-id"] == "from-the-proxy-1"
    assert closed == 404
    time.sleep(0.1)
    [line] = [r for r in hosted.log() if r["request_id"] == "from-the-proxy-1"]
    assert line["client"] == "203.0.113.9"


def test_stopping_serve_stops_every_process_it_started(hosted: Server) -> None:
    hosted.request("/healthz")
    time.sleep(0.1)
    web_pids = {int(str(line["pid"])) for line in hosted.log()}
    found = re.search(r"Worker \S+:(\d+) delivering", hosted.out.read_text())
    assert found, hosted.out.read_text()
    worker = int(found.group(1))
    assert alive(worker) and all(alive(pid) for pid in web_pids)

    assert hosted.stop(signal.SIGTERM) == 0

    out = hosted.out.read_text()
    assert "Worker stopped." in out and out.rstrip().endswith("Followup stopped.")
    assert not alive(worker) and not any(alive(pid) for pid in web_pids)
    assert "Traceback" not in hosted.err.read_text()


def test_local_serve_is_as_it_was(tmp_path: Path) -> None:
    home = tmp_path / "home"
    server = start(tmp_path, environment(home))
    try:
        first = server.out.read_text().splitlines()[0]
        assert first == (f"Followup is at http://127.0.0.1:{server.port}/ (data in {home}); "
                         "stop it with Ctrl+C.")
        assert server.request("/setup")[0] == 200
        assert server.request("/healthz")[0] == 200
    finally:
        code = server.stop(signal.SIGINT)
    assert code == 0
    assert server.out.read_text().rstrip().endswith("Followup stopped.")
    assert server.err.read_text() == ""  # no access log unless FOLLOWUP_LOG_FORMAT asks
