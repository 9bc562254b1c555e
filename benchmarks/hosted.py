"""The hosted load benchmark (issue 10): 1,000 users of 20 applications each on PostgreSQL,
`followup serve --hosted --processes 4 --no-worker`, and an open-loop load generator on
loopback sending a mix of pages, API calls, note checks and logins at a stepped offered rate.

The figure is the highest offered rate at which Today and the application page keep
p99 ≤ 150 ms (client side, from the moment each request was due) with no request failing,
beside a bare Starlette endpoint served by 4 uvicorn processes the same way under the same
bound. Run alone:

    python benchmarks/hosted.py            # the rows of the table
    python benchmarks/hosted.py --profile  # where one Today page's time goes, in process

The seeded schema is kept between runs (`followup_bench_hosted`, with a marker table naming
the seed's version) since seeding 1,000 users takes a while; `--fresh` seeds it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
NOW = "2026-11-25T12:00:00+00:00"  # run.NOW: the clock of every benchmark
PG_URL = os.environ.get("FOLLOWUP_BENCH_DATABASE_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SCHEMA = "followup_bench_hosted"
SECRET = "hosted-benchmark-secret-key-0123456789-abcdefghij"
PASSWORD = "correct horse battery staple"
USERS, APPLICATIONS = 1_000, 20
SIGNED_IN = 200
"""Users who send the load (signed in, and with an access token each)."""
PROCESSES = 4
STEP_SECONDS = 10.0
PRODUCT_RATES = (10, 20, 30, 40, 50, 60, 80, 100, 120, 160, 200, 240, 320, 400, 500, 600)
BARE_RATES = (100, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 2000, 2400, 2800, 3200, 4000)
P99_BOUND, P50_TARGET = 150.0, 25.0  # ms
MIX = (("today", 24), ("application", 24), ("api today", 17), ("api plan", 16),
       ("note check", 17), ("login", 2))
"""Kinds of request and their share in 100."""
Row = tuple[str, str, str, str]


def say(text: str) -> None:
    print(text, flush=True)


def seed_version() -> str:
    """What the seeded schema depends on: these numbers, the demo generator and the schema."""
    import followup.services.demo as demo
    from followup.adapters.db.version import HEAD

    text = f"{USERS}/{APPLICATIONS}/{PASSWORD}/{NOW}/{HEAD}/" + Path(demo.__file__).read_text()
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def url_of(schema: str) -> str:
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def environment(url: str, home: Path) -> dict[str, str]:
    """The installation's variables: hosted, PostgreSQL, the clock fixed."""
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("FOLLOWUP_", "PYTHONDONTWRITEBYTECODE"))}
    return kept | {"FOLLOWUP_MODE": "hosted", "FOLLOWUP_SECRET_KEY": SECRET,
                   "FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_HOME": str(home),
                   "FOLLOWUP_NOW": NOW, "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src"),
                   "PYTHONPYCACHEPREFIX": str(ROOT / "benchmarks" / ".work" / "pycache")}


# -- seeding ---------------------------------------------------------------------------------
def seed_users(first: int, last: int, password_hash: str) -> None:
    """Accounts `first`..`last - 1` (user{n}@example.org, the password hashed once by the
    caller), each with a profile and `APPLICATIONS` demo applications (seed: the user's id).
    Runs in a process whose environment is `environment(...)`."""
    from followup import bootstrap
    from followup.domain.accounts import Role
    from followup.services import demo, profile

    deps = bootstrap.build(migrate=False)
    now = deps.clock()
    for n in range(first, last):
        email = f"user{n}@example.org"
        with deps.for_owners() as uow:
            uid = uow.accounts.add(email, f"User {n}", Role.SEEKER, "Europe/Dublin", None,
                                   password_hash, now)
            uow.commit()
        acting = deps.acting(uid)
        profile.init(acting, f"User {n}", email, "Europe/Dublin", "IE")
        demo.fill(acting, size=APPLICATIONS, seed=uid)
    deps.for_owners().engine.dispose()  # type: ignore[attr-defined]


def seeded(connection: Any, version: str) -> bool:
    found = connection.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s "
        "AND table_name = 'bench_seed'", (SCHEMA,)).fetchone()
    if found is None:
        return False
    row = connection.execute(f"SELECT version FROM {SCHEMA}.bench_seed").fetchone()
    return row is not None and row[0] == version


def seed(home: Path, fresh: bool = False) -> tuple[str, float | None]:
    """The URL of the seeded schema, and the seconds seeding took (None: kept from before)."""
    import psycopg

    version = seed_version()
    url = url_of(SCHEMA)
    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True, connect_timeout=5) as connection:
        if not fresh and seeded(connection, version):
            return url, None
        connection.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        connection.execute(f"CREATE SCHEMA {SCHEMA}")
        start = time.perf_counter()
        env = environment(url, home)
        subprocess.run([str(PYTHON), "-m", "followup", "db", "upgrade"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        from pwdlib import PasswordHash
        from pwdlib.hashers.argon2 import Argon2Hasher

        # The installation's own cost (adapters/credentials.py), computed once for all.
        password_hash = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19_456,
                                                   parallelism=1),)).hash(PASSWORD)
        # One process: demo.fill numbers rows from the tables' highest ids, so two seeding
        # at once would collide; 1,000 users take under a minute anyway.
        subprocess.run([str(PYTHON), str(Path(__file__)), "--seed", "0", str(USERS),
                        password_hash], env=env, check=True)
        took = time.perf_counter() - start
        connection.execute(f"CREATE TABLE {SCHEMA}.bench_seed (version text, seconds real)")
        connection.execute(f"INSERT INTO {SCHEMA}.bench_seed VALUES (%s, %s)", (version, took))
    return url, took


def drop() -> None:
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


# -- the servers -----------------------------------------------------------------------------
@contextlib.contextmanager
def product(url: str, home: Path, log: Path) -> Iterator[tuple[int, int]]:
    """`followup serve --hosted --processes 4 --no-worker --port 0` on the seeded schema; yields
    its port and pid once /healthz answers. Its log lines (JSON, one a request) go to `log`."""
    argv = [str(PYTHON), "-m", "followup", "serve", "--hosted", "--processes", str(PROCESSES),
            "--no-worker", "--port", "0"]
    with _started(argv, environment(url, home), log, "/healthz") as started:
        yield started


def bare_app() -> Any:
    """uvicorn factory: a bare Starlette app with one endpoint answering a small JSON."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def hello(request: Request) -> JSONResponse:
        return JSONResponse({"hello": "world", "items": [1, 2, 3]})

    return Starlette(routes=[Route("/hello", hello)])


@contextlib.contextmanager
def bare(log: Path) -> Iterator[tuple[int, int]]:
    """The bare endpoint served the same way: 4 uvicorn processes on one socket, the product's
    uvicorn options (warnings only, no Server header, no proxy headers)."""
    port = free_port()
    argv = [str(PYTHON), "-m", "uvicorn", "hosted:bare_app", "--factory",
            "--app-dir", str(ROOT / "benchmarks"), "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(PROCESSES), "--log-level", "warning", "--no-proxy-headers",
            "--no-server-header"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    with _started(argv, env, log, "/hello", port) as started:
        yield started


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _started(argv: list[str], env: dict[str, str], log: Path, ready: str,
             port: int | None = None) -> Iterator[tuple[int, int]]:
    """Runs `argv` (a server printing its address, unless `port` is given) until /`ready`
    answers 200; yields the port and the process id; stops it after (SIGTERM, which stops
    the processes it started)."""
    import httpx

    with log.open("w") as errors:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=errors, text=True)
        try:
            if port is None:
                assert process.stdout is not None
                line = process.stdout.readline()  # "Followup (hosted: …) is at http://…/; …"
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if found is None:
                    raise RuntimeError(f"the server said {line!r}; log: "
                                       f"{log.read_text()[-600:]}")
                port = int(found.group(1))
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{argv[2]} exited: {log.read_text()[-600:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{port}{ready}", timeout=5).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{argv[2]} did not answer within 60 s")
                time.sleep(0.2)
            yield port, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command name) of every process."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                name, rest = (entry / "stat").read_text().rsplit(")", 1)
                found.append((int(entry.name), int(rest.split()[1]), name.split("(", 1)[1]))
    return found


@dataclass
class Meter:
    """CPU seconds of a server (its process and its children) and of every PostgreSQL
    process on the machine (other users of the database included)."""

    server: int

    def read(self) -> dict[int, tuple[bool, float]]:
        """Each process's CPU seconds, and whether it is the server's (else PostgreSQL's)."""
        processes = _processes()
        ours = {self.server} | {pid for pid, parent, _ in processes if parent == self.server}
        found = {pid: (True, cpu_seconds(pid)) for pid in ours}
        found |= {pid: (False, cpu_seconds(pid)) for pid, _, name in processes
                  if name == "postgres"}
        return found

    @staticmethod
    def spent(before: dict[int, tuple[bool, float]], after: dict[int, tuple[bool, float]]
              ) -> tuple[float, float]:
        """CPU seconds of the server and of PostgreSQL between two reads (a process that
        ended meanwhile is left out; one that began counts whole)."""
        server = postgres = 0.0
        for pid, (mine, cpu) in after.items():
            used = cpu - before.get(pid, (mine, 0.0))[1]
            if mine:
                server += used
            else:
                postgres += used
        return server, postgres


# -- who sends the load ----------------------------------------------------------------------
@dataclass(frozen=True)
class Sender:
    """A signed-in user of the load: session cookie, access token, an application of theirs and
    one of its contacts (whom a checked note is to)."""

    email: str
    cookie: str
    token: str
    application: int
    contact: str


def _with_environment(url: str, home: Path) -> contextlib.AbstractContextManager[None]:
    """os.environ set to the installation's variables for a while (for services in process)."""
    @contextlib.contextmanager
    def scope() -> Iterator[None]:
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(environment(url, home))
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return scope()


def senders(url: str, home: Path, port: int, count: int = SIGNED_IN) -> list[Sender]:
    """`count` users picked at random (seed 1), each signed in by POST /login as a browser
    does (its CSRF cookie first) and given a personal access token (services.sessions)."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, options=f"-csearch_path={SCHEMA}") as db:
        users = db.execute("SELECT id, email FROM users WHERE email LIKE 'user%%' "
                           "ORDER BY id").fetchall()
        picked = random.Random(1).sample(users, count)
        # Each one's active application with the most interviews, and its first contact.
        rows = db.execute(
            "SELECT DISTINCT ON (a.owner_id) a.owner_id, a.id, c.name FROM applications a "
            "JOIN contacts c ON c.application_id = a.id WHERE a.owner_id = ANY(%s) "
            "ORDER BY a.owner_id, (a.status = 'active') DESC, "
            "(SELECT count(*) FROM interviews i WHERE i.application_id = a.id) DESC, a.id, c.id",
            ([uid for uid, _ in picked],)).fetchall()
    application = {owner: (app, name) for owner, app, name in rows}

    def sign_in(email: str) -> str:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            form = client.get("/login")
            token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
            if form.status_code != 200 or token is None:
                raise RuntimeError(f"GET /login: HTTP {form.status_code}")
            answer = client.post("/login", data={"csrftoken": token.group(1), "email": email,
                                                 "password": PASSWORD, "next": "/"})
            cookie = answer.cookies.get("followup_session")
            if answer.status_code != 303 or not cookie:
                raise RuntimeError(f"POST /login for {email}: HTTP {answer.status_code}")
            return cookie

    with ThreadPoolExecutor(PROCESSES) as pool:
        cookies = list(pool.map(sign_in, [email for _, email in picked]))
    with _with_environment(url, home):
        from followup import bootstrap
        from followup.services import sessions

        deps = bootstrap.build(migrate=False)
        tokens = [sessions.create_token(deps.acting(uid), "load").token for uid, _ in picked]
        deps.for_owners().engine.dispose()  # type: ignore[attr-defined]
    return [Sender(email, cookie, token, *application[uid])
            for (uid, email), cookie, token in zip(picked, cookies, tokens, strict=True)]


def login_form(port: int) -> tuple[str, str]:
    """A CSRF cookie and its form token, as GET /login gives a browser (for the mix's logins)."""
    import httpx

    answer = httpx.get(f"http://127.0.0.1:{port}/login", timeout=30)
    token = re.search(r'name="csrftoken" value="([^"]+)"', answer.text)
    cookie = answer.cookies.get("csrftoken")
    if token is None or cookie is None:
        raise RuntimeError(f"GET /login gave no CSRF token (HTTP {answer.status_code})")
    return cookie, token.group(1)


def forget(url: str) -> None:
    """The sessions and tokens a run made, removed: the kept schema is as seeded again."""
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, options=f"-csearch_path={SCHEMA}") as db:
        db.execute("DELETE FROM sessions")
        db.execute("DELETE FROM access_tokens")


# -- the requests ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shot:
    kind: str
    data: bytes
    expect: int


def _get(host: str, path: str, *headers: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "User-Agent: followup-hosted-load",
             "Accept: */*", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _post(host: str, path: str, body: bytes, content_type: str, *headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", "User-Agent: followup-hosted-load",
             "Accept: */*", f"Content-Type: {content_type}", f"Content-Length: {len(body)}",
             *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def product_shots(port: int, users: list[Sender], emails: list[str],
                  form: tuple[str, str]) -> Callable[[int], Shot]:
    """The product's mix: request `n` is of kind MIX's n-th slot (shuffled), by a user chosen
    at random (seed n); a login is by one of all the users in turn."""
    host = f"127.0.0.1:{port}"
    slots = [kind for kind, share in MIX for _ in range(share)]
    random.Random(1).shuffle(slots)
    csrf_cookie, csrf_token = form

    def shot(n: int) -> Shot:
        kind = slots[n % len(slots)]
        user = users[random.Random(n).randrange(len(users))]
        cookie = f"Cookie: followup_session={user.cookie}"
        bearer = f"Authorization: Bearer {user.token}"
        if kind == "today":
            return Shot(kind, _get(host, "/", cookie), 200)
        if kind == "application":
            return Shot(kind, _get(host, f"/applications/{user.application}", cookie), 200)
        if kind == "api today":
            return Shot(kind, _get(host, "/api/v1/today", bearer), 200)
        if kind == "api plan":
            return Shot(kind, _get(host, f"/api/v1/applications/{user.application}/plan",
                                   bearer), 200)
        if kind == "note check":
            body = json.dumps({
                "body": f"Dear {user.contact},\n\nThank you for your time today. I enjoyed "
                        "hearing about the team's plans for next year.\n\nKind regards,\n",
                "to": user.contact, "application_id": user.application}).encode()
            return Shot(kind, _post(host, "/api/v1/notes/check", body, "application/json",
                                    bearer), 200)
        email = emails[n % len(emails)]
        body = urllib.parse.urlencode({"csrftoken": csrf_token, "email": email,
                                       "password": PASSWORD, "next": "/"}).encode()
        return Shot("login", _post(host, "/login", body, "application/x-www-form-urlencoded",
                                   f"Cookie: csrftoken={csrf_cookie}"), 303)
    return shot


def bare_shots(port: int) -> Callable[[int], Shot]:
    data = _get(f"127.0.0.1:{port}", "/hello")
    return lambda n: Shot("bare", data, 200)


# -- the open-loop generator ---------------------------------------------------------------------
@dataclass
class Step:
    """What one offered rate gave."""

    rate: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    lateness: list[float] = field(default_factory=list)
    """How late each request was written, after its due time (ms): the generator's own lag."""
    client_cpu: float = 0.0
    """The generator's CPU time over the step's wall time (1.0: one core all the time)."""
    connections: int = 0
    server_cpu: float = 0.0
    """CPU seconds of the server's processes over the step."""
    postgres_cpu: float = 0.0
    """CPU seconds of every PostgreSQL process on the machine over the step."""

    def p(self, kind: str, q: float) -> float:
        return percentile(self.latencies.get(kind, []), q)

    def passed(self, bounded: tuple[str, ...]) -> bool:
        return not self.failures and all(
            self.latencies.get(kind) and self.p(kind, 99) <= P99_BOUND for kind in bounded)

    def completed(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..100) of `values`; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


async def _read(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """One whole response: its status, and whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, chunked, close = None, False, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding":
            chunked = value == "chunked"
        elif name == "connection":
            close = value == "close"
    if length is not None:
        await reader.readexactly(length)
    elif chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        return status, False
    return status, not close


class Pool:
    """Keep-alive connections to one server: an idle one is reused, else one more is opened
    (an open-loop client never waits for a connection to free up). A connection idle for
    IDLE_SECONDS is closed rather than reused: the server may be closing it (uvicorn's
    keep-alive timeout is 5 s), and a browser would not count that race as a failure."""

    IDLE_SECONDS = 3.0

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.opened = 0

    async def take(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        now = time.monotonic()
        while self.idle:
            reader, writer, since = self.idle.pop()
            if now - since < self.IDLE_SECONDS and not reader.at_eof():
                return reader, writer
            writer.close()
        self.opened += 1
        return await asyncio.open_connection("127.0.0.1", self.port)

    def give(self, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> None:
        self.idle.append((*connection, time.monotonic()))

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()
        self.idle.clear()


async def _one(pool: Pool, shot: Shot, due: float, step: Step, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    connection = None
    try:
        connection = await asyncio.wait_for(pool.take(), timeout)
        reader, writer = connection
        step.lateness.append((loop.time() - due) * 1000)
        writer.write(shot.data)
        status, keep = await asyncio.wait_for(_read(reader), timeout)
        took = (loop.time() - due) * 1000
        if status != shot.expect:
            step.failures[f"{shot.kind}: HTTP {status}"] += 1
        else:
            step.latencies.setdefault(shot.kind, []).append(took)
        if keep:
            pool.give(connection)
        else:
            writer.close()
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
        step.failures[f"{shot.kind}: {type(exc).__name__}"] += 1
        if connection is not None:
            connection[1].close()


async def offer(pool: Pool, shots: Callable[[int], Shot], rate: int, seconds: float,
                first: int = 0, timeout: float = 30.0, meter: Meter | None = None) -> Step:
    """Starts `rate × seconds` requests at their due times (start + i / rate), whatever the
    answers; each latency runs from the request's due time to its response's last byte."""
    loop = asyncio.get_running_loop()
    step = Step(rate, seconds)
    count = int(rate * seconds)
    prepared = [shots(first + i) for i in range(count)]
    opened, cpu = pool.opened, time.process_time()
    before = meter.read() if meter else {}
    start = loop.time() + 0.05
    tasks = []
    for i, shot in enumerate(prepared):
        due = start + i / rate
        wait = due - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        tasks.append(asyncio.create_task(_one(pool, shot, due, step, timeout)))
    await asyncio.gather(*tasks)
    step.client_cpu = (time.process_time() - cpu) / (loop.time() - start)
    step.connections = pool.opened - opened
    if meter:
        step.server_cpu, step.postgres_cpu = Meter.spent(before, meter.read())
    return step


async def ramp(port: int, pid: int, shots: Callable[[int], Shot], rates: tuple[int, ...],
               bounded: tuple[str, ...], label: str) -> list[Step]:
    """Warms up, then offers each rate in turn for STEP_SECONDS until a rate fails the bound
    twice running (the machine is shared: a burst of someone else's work can spoil one step);
    every step run, a failed one included."""
    pool = Pool(port)
    try:
        await offer(pool, shots, rates[0], 5.0, first=10**6)  # warm: templates, pools, caches
        steps: list[Step] = []
        sent = 0
        for rate in rates:
            for attempt in (1, 2):
                await asyncio.sleep(1.0)  # what the last step left queued drains first
                step = await offer(pool, shots, rate, STEP_SECONDS, first=sent,
                                   meter=Meter(pid))
                sent += int(rate * STEP_SECONDS)
                steps.append(step)
                done = max(1, step.completed())
                say(f"  {label} {rate:>5}/s{' again' if attempt == 2 else ''}: " + ", ".join(
                    f"{kind} p50 {step.p(kind, 50):.0f} p99 {step.p(kind, 99):.0f}"
                    for kind in sorted(step.latencies))
                    + (f"; failed {dict(step.failures)}" if step.failures else "")
                    + f"; client CPU {step.client_cpu:.0%}, lateness p99 "
                      f"{percentile(step.lateness, 99):.0f} ms; CPU ms a request: server "
                      f"{step.server_cpu / done * 1000:.1f}, PostgreSQL "
                      f"{step.postgres_cpu / done * 1000:.1f}")
                if step.passed(bounded):
                    break
            else:
                break
        return steps
    finally:
        pool.close()


# -- the figures -------------------------------------------------------------------------------
def best(steps: list[Step], bounded: tuple[str, ...]) -> Step | None:
    passing = [s for s in steps if s.passed(bounded)]
    return passing[-1] if passing else None


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def measure(home: Path | None = None) -> list[Row]:
    """The rows (figure, measured, target, result)."""
    try:
        import psycopg

        psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"),
                        connect_timeout=5).close()
    except Exception as exc:
        return [("hosted load", f"PostgreSQL not available ({exc})", "", "skipped")]
    with tempfile.TemporaryDirectory(prefix="followup-hosted-bench-") as work:
        return _measure(Path(work))


def _measure(work: Path) -> list[Row]:
    loads = [" ".join(Path("/proc/loadavg").read_text().split()[:3])]
    start = time.perf_counter()
    url, seeded_in = seed(work)
    if seeded_in is None:
        say(f"  {USERS:,} users × {APPLICATIONS} applications: kept from an earlier run "
            f"({time.perf_counter() - start:.1f} s to check)")
    else:
        say(f"  {USERS:,} users × {APPLICATIONS} applications seeded in {seeded_in:.1f} s")
    rows: list[Row] = [(f"seed: {USERS:,} users × {APPLICATIONS} demo applications "
                        "(one process)", f"{seeded_in:.1f} s" if seeded_in is not None
                        else "kept", "", "seeded now" if seeded_in is not None else
                        "cached schema")]
    try:
        with product(url, work, work / "product.log") as (port, pid):
            started = time.perf_counter()
            users = senders(url, work, port)
            say(f"  {len(users)} users signed in and given tokens in "
                f"{time.perf_counter() - started:.1f} s")
            emails = [f"user{n}@example.org" for n in range(USERS)]
            shots = product_shots(port, users, emails, login_form(port))
            bounded = ("today", "application")
            steps = asyncio.run(ramp(port, pid, shots, PRODUCT_RATES, bounded, "product"))
        with bare(work / "bare.log") as (port, pid):
            bare_steps = asyncio.run(ramp(port, pid, bare_shots(port), BARE_RATES, ("bare",),
                                          "bare"))
    finally:
        forget(url)
    loads.append(" ".join(Path("/proc/loadavg").read_text().split()[:3]))
    return rows + rows_of(steps, bare_steps, loads)


def rows_of(steps: list[Step], bare_steps: list[Step], loads: list[str]) -> list[Row]:
    won, bare_won = best(steps, ("today", "application")), best(bare_steps, ("bare",))
    rows: list[Row] = [(f"machine load (1, 5, 15 min) before / after, {os.cpu_count()} cores",
                        f"{loads[0]} / {loads[-1]}", "", "")]
    last = steps[-1]
    capped = last.passed(("today", "application"))
    if won is None:
        rows.append(("product: highest offered rate with Today and application page p99 ≤ "
                     "150 ms, no failure", f"none (from {steps[0].rate}/s)", "", "MISSED"))
    else:
        rows.append((f"product ({PROCESSES} processes, {USERS:,} users): highest offered rate, "
                     "Today and application page p99 ≤ 150 ms, no failure",
                     f"{'≥ ' if capped else ''}{won.rate}/s", "", ""))
        for kind, _ in MIX:
            values = won.latencies.get(kind, [])
            target = f"p50 ≤ {P50_TARGET:.0f} ms" if kind in ("today", "application") else ""
            result = ("ok" if percentile(values, 50) <= P50_TARGET else "MISSED") if target else ""
            rows.append((f"  at {won.rate}/s: {kind} ({len(values)}) p50 / p99",
                         f"{ms(percentile(values, 50))} / {ms(percentile(values, 99))}",
                         target, result))
        rows.append((f"  at {won.rate}/s: generator lateness p99, its CPU, new connections",
                     f"{ms(percentile(won.lateness, 99))}, {won.client_cpu:.0%}, "
                     f"{won.connections}", "", ""))
        done = max(1, won.completed())
        rows.append((f"  at {won.rate}/s: CPU a request, the {PROCESSES} web processes / every "
                     "PostgreSQL process", f"{ms(won.server_cpu / done * 1000)} / "
                     f"{ms(won.postgres_cpu / done * 1000)}", "", ""))
    if not capped:
        why = (", ".join(f"{k} {n}" for k, n in last.failures.items()) if last.failures else
               f"Today p99 {ms(last.p('today', 99))}, application p99 "
               f"{ms(last.p('application', 99))}")
        rows.append((f"  the next step, {last.rate}/s, failed", why, "", ""))
    bare_capped = bare_steps[-1].passed(("bare",))
    if bare_won is None:
        rows.append(("bare Starlette: highest offered rate under the same bound",
                     f"none (from {bare_steps[0].rate}/s)", "", "MISSED"))
    else:
        rows.append((f"bare Starlette ({PROCESSES} uvicorn processes): highest offered rate, "
                     "p99 ≤ 150 ms, no failure",
                     f"{'≥ ' if bare_capped else ''}{bare_won.rate}/s", "", ""))
        rows.append((f"  at {bare_won.rate}/s: p50 / p99; generator CPU; server CPU a request",
                     f"{ms(bare_won.p('bare', 50))} / {ms(bare_won.p('bare', 99))}; "
                     f"{bare_won.client_cpu:.0%}; "
                     f"{ms(bare_won.server_cpu / max(1, bare_won.completed()) * 1000)}", "", ""))
        if not bare_capped:
            failed = bare_steps[-1]
            rows.append((f"  the next step, {failed.rate}/s, failed",
                         ", ".join(f"{k} {n}" for k, n in failed.failures.items())
                         or f"p99 {ms(failed.p('bare', 99))}", "", ""))
    if won is not None and bare_won is not None:
        rows.append(("product / bare Starlette (highest rates)",
                     f"{won.rate / bare_won.rate:.3f}", "", ""))
    return rows


def profile(path: str = "/", requests: int = 100) -> None:
    """Print where the time of `path` goes for one signed-in user of the seeded schema:
    cProfile over `requests` requests made in this process (the app as a web process builds
    it, the endpoints' thread pool run inline so that one profiler sees all of it)."""
    import cProfile
    import pstats

    import anyio.to_thread

    async def inline(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return func(*args)

    work = Path(tempfile.mkdtemp(prefix="followup-hosted-profile-"))
    url, _ = seed(work)
    os.environ.clear()
    os.environ.update(environment(url, work))
    from followup.entrypoints.web.hosted import build_app
    from followup.services import sessions

    app = build_app()
    deps = app.state.deps
    cookie = sessions.login(deps, "user1@example.org", PASSWORD).token
    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    raw, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": raw, "raw_path": raw.encode(),
             "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"),
                         (b"cookie", f"followup_session={cookie}".encode())],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}

    async def get() -> int:
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            status = message.get("status", status)

        await app(dict(scope), receive, send)
        return status

    async def run() -> cProfile.Profile:
        for _ in range(5):
            if (got := await get()) != 200:
                raise RuntimeError(f"GET {path}: HTTP {got}")
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        for _ in range(requests):
            await get()
        profiler.disable()
        say(f"{requests} × GET {path}: {(time.perf_counter() - start) / requests * 1000:.1f} "
            "ms each under the profiler")
        return profiler

    try:
        pstats.Stats(asyncio.run(run())).sort_stats("cumulative").print_stats(40)
    finally:
        forget(url)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))  # this checkout's code, as the servers run it
    if argv[:1] == ["--seed"]:  # in a process of its own, with the installation's variables
        seed_users(int(argv[1]), int(argv[2]), argv[3])
        return 0
    if argv[:1] == ["--drop"]:
        drop()
        return 0
    if argv[:1] == ["--profile"]:
        profile(*argv[1:2])
        return 0
    if argv[:1] == ["--fresh"]:
        drop()
    for figure, value, target, result in measure():
        print(f"{figure:<100} {value:>24} {target:>10} {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
