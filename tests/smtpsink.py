"""An SMTP sink in a process of its own (aiosmtpd on 127.0.0.1), for the delivery tests and the
mail benchmark: it logs every message it accepts (its Message-ID and the moment) to a file,
and can be told to be slow on DATA, so that a worker killed meanwhile dies mid-transaction.

Run as `python -m tests.smtpsink --log FILE [--port N] [--delay-ms MIN:MAX] [--seed S]`;
it prints `listening PORT` once ready and stops on SIGTERM. Each log line is written with one
`write()` on an O_APPEND file, before the 250 reply:

    B <unix time> <Message-ID>    the data has arrived (the final "." included)
    A <unix time> <Message-ID>    the message is accepted (logged, then answered 250)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)


def message_id(data: bytes) -> str:
    """The Message-ID of a raw message (from its header section), or "-" when it has none."""
    head = data.split(b"\r\n\r\n", 1)[0]
    found = MESSAGE_ID.search(head)
    return found.group(1).decode("ascii", "replace") if found else "-"


class Handler:
    """Logs each message; sleeps a random while (seeded) between its data and the reply."""

    def __init__(self, log: str, delay: tuple[float, float], seed: int) -> None:
        self.fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.delay = delay
        self.random = random.Random(seed)

    def _log(self, mark: str, ident: str) -> None:
        os.write(self.fd, f"{mark} {time.time():.6f} {ident}\n".encode())

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        ident = message_id(bytes(envelope.original_content or envelope.content))
        low, high = self.delay
        if high <= 0:
            self._log("A", ident)
            return "250 2.0.0 Ok: queued"
        self._log("B", ident)
        # Like a real server, which has the message once the final "." is in: a client that
        # hangs up while waiting for the reply does not undo it (aiosmtpd would cancel us).
        return await asyncio.shield(self._accept(ident, self.random.uniform(low, high)))

    async def _accept(self, ident: str, delay: float) -> str:
        await asyncio.sleep(delay)
        self._log("A", ident)
        return "250 2.0.0 Ok: queued"


async def _serve(port: int, handler: Handler) -> None:
    from aiosmtpd.smtp import SMTP

    loop = asyncio.get_running_loop()
    # A fixed hostname: otherwise each connection asks for the machine's FQDN (a DNS lookup).
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test", ident="followup-sink", timeout=60),
        "127.0.0.1", port, backlog=256)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", default="0:0", help="MIN:MAX sleep on DATA, uniform")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    low, high = (float(x) / 1000 for x in args.delay_ms.split(":"))
    asyncio.run(_serve(args.port, Handler(args.log, (low, high), args.seed)))


@dataclass
class Entry:
    mark: str
    at: float
    message_id: str


class Sink:
    """The sink's process, seen from a test: start it, read what it accepted, stop it."""

    def __init__(self, log: Path, delay_ms: tuple[float, float] = (0, 0), seed: int = 0,
                 python: str = sys.executable) -> None:
        self.log = log
        self.log.touch()
        self.process = subprocess.Popen(
            [python, "-m", "tests.smtpsink", "--log", str(log),
             "--delay-ms", f"{delay_ms[0]}:{delay_ms[1]}", "--seed", str(seed)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("listening "):
            self.process.kill()
            raise RuntimeError(f"the SMTP sink did not start: {line!r}")
        self.port = int(line.split()[1])

    def entries(self) -> list[Entry]:
        entries = []
        for line in self.log.read_text(encoding="ascii").splitlines():
            mark, at, ident = line.split(" ", 2)
            entries.append(Entry(mark, float(at), ident))
        return entries

    def accepted(self) -> Counter[str]:
        """How many times each Message-ID was accepted."""
        return Counter(e.message_id for e in self.entries() if e.mark == "A")

    def settle(self, timeout: float = 10.0) -> None:
        """Waits until every message whose data arrived is accepted too (a slow sink takes a
        message its client hung up on a little later)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            marks = Counter(e.mark for e in self.entries())
            if marks["B"] <= marks["A"]:
                return
            time.sleep(0.01)

    def clear(self) -> None:
        self.log.write_text("")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Sink:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


if __name__ == "__main__":
    main()
