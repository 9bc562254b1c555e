"""A small HTTP/1.1 load generator: keep-alive connections on loopback, closed loop, JSON out.

    python benchmarks/loadgen.py --port 8000 --path / --connections 2 --requests 500 --seconds 20
    python benchmarks/loadgen.py --port 8000 --path /api/v1/today --connections 4 --seconds 5

Each connection sends a request, reads the whole response, then sends the next one. Several
`--path`s are taken in turn. Prints one JSON object: requests, seconds, requests_per_s, the
client-side latencies (ms, sorted), the status codes counted, and the errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What the connections measured, together."""

    budget: int | None  # requests left to send, or None when running for a time
    until: float  # perf_counter time after which no request starts
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def take(self) -> bool:
        """Whether one more request may start."""
        if time.perf_counter() >= self.until:
            return False
        if self.budget is None:
            return True
        if self.budget <= 0:
            return False
        self.budget -= 1
        return True


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response whole; its status, and whether the server keeps the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                break
    else:  # the body runs to the end of the connection
        await reader.read()
        return status, False
    return status, headers.get("connection") != "close"


async def connection(host: str, port: int, requests: list[bytes], turn: int,
                     tally: Tally) -> None:
    """One keep-alive connection sending requests in turn until the tally says stop."""
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while tally.take():
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            start = time.perf_counter()
            writer.write(requests[turn % len(requests)])
            status, keep = await read_response(reader)
            tally.latencies.append((time.perf_counter() - start) * 1000)
            tally.statuses[status] += 1
            turn += 1
            if not keep:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            tally.errors.append(f"{type(exc).__name__}: {exc}")
            if writer is not None:
                writer.close()
            writer = None
            if len(tally.errors) > 20:
                return
    if writer is not None:
        writer.close()


def request(path: str, host_header: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: followup-loadgen\r\n"
            "Accept: */*\r\nX-Requested-With: loadgen\r\n\r\n").encode("latin-1")


async def run(host: str, port: int, paths: list[str], connections: int, requests: int | None,
              seconds: float | None) -> dict[str, object]:
    """Send the requests over `connections` connections; the figures as a dict."""
    host_header = f"{host}:{port}"
    tally = Tally(budget=requests,
                  until=time.perf_counter() + (seconds if seconds is not None else 3600))
    encoded = [request(p, host_header) for p in paths]
    start = time.perf_counter()
    await asyncio.gather(*(connection(host, port, encoded, i, tally) for i in range(connections)))
    took = time.perf_counter() - start
    done = len(tally.latencies)
    return {"requests": done, "seconds": took, "requests_per_s": done / took if took else 0.0,
            "latencies_ms": sorted(tally.latencies), "statuses": dict(tally.statuses),
            "errors": tally.errors[:5], "error_count": len(tally.errors)}


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, path: str, connections: int, seconds: float) -> tuple[float, float]:
    """wrk's requests/s and median latency (ms) on `path`: one thread, keep-alive."""
    done = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds:.0f}s",
                           "--latency", "--timeout", "30s", f"http://127.0.0.1:{port}{path}"],
                          check=True, capture_output=True, text=True)
    rate = median = None
    for line in done.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(words[1])
        elif words[:1] == ["50%"]:
            value = words[1]
            unit = next(u for u in ("us", "ms", "s") if value.endswith(u))
            median = float(value[: -len(unit)]) * _UNITS[unit]
        elif "Non-2xx" in line or "Socket errors" in line:
            raise RuntimeError(f"wrk on {path}: {line.strip()}")
    if rate is None or median is None:
        raise RuntimeError(f"wrk on {path} printed no rate: {done.stdout[-400:]}")
    return rate, median


def client_kind() -> str:
    """The client that measures requests/s: wrk when installed (a Python client tops out
    first on a fast endpoint), else this module."""
    return "wrk" if shutil.which("wrk") else "loadgen.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", action="append", required=True)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--requests", type=int, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, help="start no request after this long")
    args = parser.parse_args(argv)
    if args.requests is None and args.seconds is None:
        parser.error("give --requests, --seconds or both")
    figures = asyncio.run(run(args.host, args.port, args.path, args.connections, args.requests,
                              args.seconds))
    json.dump(figures, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
