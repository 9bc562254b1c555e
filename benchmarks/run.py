"""followup's benchmarks, printed as one table with their targets (`make bench`).

A missed target is reported as MISSED and a missing tool as skipped; the exit code is 0 unless
a benchmark itself broke (ERROR). What each one measures: benchmarks/README.md.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import taskwarrior

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
PYTHON = ROOT / ".venv" / "bin" / "python"
FOLLOWUP = ROOT / ".venv" / "bin" / "followup"
SIZE = 10_000
RUNS, WARMUP = 15, 2
NOW = "2026-11-25T12:00:00+00:00"  # FOLLOWUP_NOW of every command: the same data, the same agenda
QUIET = subprocess.DEVNULL


@dataclass
class Row:
    bench: str
    figure: str
    value: str
    target: str = ""
    result: str = ""  # ok, MISSED, skipped, ERROR, or empty for a figure without a target


ROWS: list[Row] = []


def say(text: str) -> None:
    print(text, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def environment(**extra: str) -> dict[str, str]:
    """This environment without followup or Taskwarrior settings, plus `extra`.

    Bytecode is cached (in .work/pycache) even where PYTHONDONTWRITEBYTECODE is set, as in a
    user's installation: otherwise every run would compile followup's modules again.
    """
    dropped = ("FOLLOWUP_", "TASK", "PYTHONDONTWRITEBYTECODE")
    kept = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    return kept | {"NO_COLOR": "1", "FOLLOWUP_NOW": NOW,
                   "PYTHONPYCACHEPREFIX": str(WORK / "pycache")} | extra


def medians(commands: dict[str, list[str]], env: dict[str, str], runs: int = RUNS,
            warmup: int = WARMUP) -> dict[str, float]:
    """Median wall seconds of each command (stdout to /dev/null): hyperfine, else perf_counter."""
    if shutil.which("hyperfine"):
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "hyperfine.json"
            args = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup),
                    "--runs", str(runs), "--export-json", str(report)]
            for name, argv in commands.items():
                args += ["--command-name", name, shlex.join(argv)]
            done = subprocess.run(args, env=env, stdout=QUIET, stderr=subprocess.PIPE, text=True)
            if done.returncode:
                raise RuntimeError(f"hyperfine failed: {done.stderr.strip()[-400:]}")
            return {r["command"]: r["median"] for r in json.loads(report.read_text())["results"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, argv in commands.items():  # interleaved, so drift hits every command alike
            start = time.perf_counter()
            subprocess.run(argv, env=env, check=True, stdout=QUIET)
            if i >= warmup:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def check_interpreter() -> None:
    """`.venv/bin/python` must be the interpreter itself: a pyenv shim adds its own start-up."""
    real = PYTHON.resolve()
    with real.open("rb") as file:
        script = file.read(2) == b"#!"
    ok = not script and "shims" not in real.parts
    ROWS.append(Row("setup", ".venv/bin/python resolves to", str(real), "a real binary",
                    "ok" if ok else "MISSED (a shim: timings include its start-up)"))


@functools.cache
def demo_home(size: int = SIZE) -> Path:
    """A home filled by `followup demo --size`, cached by package version, demo code and schema."""
    import followup.services.demo as demo
    from followup.adapters.db.version import HEAD

    digest = hashlib.sha256(Path(demo.__file__).read_bytes() + HEAD.encode()).hexdigest()[:10]
    home = WORK / f"home-{version('followup')}-{size}-{digest}"
    meta = home / "build.json"
    fresh = not meta.is_file()
    if fresh:
        say(f"  building the demo home ({size:,} applications); this takes a while ...")
        WORK.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix="building-", dir=WORK))
        try:
            start = time.perf_counter()
            subprocess.run([str(FOLLOWUP), "demo", "--size", str(size)], check=True, stdout=QUIET,
                           env=environment(FOLLOWUP_HOME=str(building)))
            seconds = time.perf_counter() - start
            (building / "build.json").write_text(json.dumps(
                {"seconds": seconds, "built": datetime.now().isoformat(timespec="minutes")}))
            building.rename(home)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    built = json.loads(meta.read_text())
    ROWS.append(Row("1 today", f"build: followup demo --size {size}", f"{built['seconds']:.1f} s",
                    result="built now" if fresh else f"cached: built {built['built']}"))
    return home


def bench_today() -> None:
    home = demo_home()
    env = environment(FOLLOWUP_HOME=str(home))
    listed = subprocess.run([str(PYTHON), "-m", "followup", "today", "--json"], env=env,
                            check=True, capture_output=True, text=True).stdout
    commands = {"followup today": [str(PYTHON), "-m", "followup", "today"],
                "python -c pass": [str(PYTHON), "-c", "pass"]}
    task, found = taskwarrior.find_task()
    if task is not None:
        taskrc = taskwarrior.write_data(task, WORK / "taskwarrior", SIZE, environment())
        commands["task next"] = [task, f"rc:{taskrc}", "next"]
    say(f"  timing {', '.join(commands)} ({RUNS} runs after {WARMUP} warm-ups) ...")
    got = medians(commands, env)
    mine, bare = got["followup today"], got["python -c pass"]
    steps = len(json.loads(listed)["actions"])
    ROWS.append(Row("1 today", f"followup today ({steps:,} steps listed)", ms(mine)))
    if task is None:
        ROWS.append(Row("1 today", "task next", found, "", "skipped"))
    else:
        theirs = got["task next"]
        ROWS.append(Row("1 today", f"task next ({found}, {SIZE:,} tasks)", ms(theirs)))
        ROWS.append(Row("1 today", "followup today / task next", f"{mine / theirs:.3f}",
                        f"≤ 0.667 (≤ {ms(theirs * 2 / 3)})", verdict(mine <= theirs * 2 / 3)))
    ROWS.append(Row("1 today", "python -c pass", ms(bare)))
    ROWS.append(Row("1 today", "followup today / python -c pass", f"{mine / bare:.1f}×"))


def bench_plan(size: int = SIZE) -> None:
    from followup.adapters.holidays import public_holidays
    from followup.domain.playbook import plan
    from followup.domain.policy import Policy
    from followup.services import demo

    now, policy = datetime.fromisoformat(NOW), Policy()
    holidays = public_holidays("IE", range(now.year - 1, now.year + 3))
    zones = ("Europe/Dublin",) * 4 + ("Europe/London", "America/New_York", "Asia/Tokyo")
    rng, ids, states = random.Random(1), demo._Ids(), []
    say(f"  building {size:,} application states in memory (as `followup demo` does) ...")
    start = time.perf_counter()
    for _ in range(size):  # 1-3 interviewers, decision dates on half, touches from playing forward
        state = demo._application(rng, ids, now, rng.choice(zones))
        demo._live(rng, ids, state, now, policy, holidays)
        states.append(state)
    built = time.perf_counter() - start
    best, actions = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        plans = [plan(state, now, policy, holidays) for state in states]
        best = min(best, time.perf_counter() - start)
        actions = sum(len(p.actions) for p in plans)
    ROWS.append(Row("2 plan", f"build {size:,} states (not timed against a target)",
                    f"{built:.2f} s"))
    ROWS.append(Row("2 plan", f"plan() × {size:,} ({actions:,} actions), best of 3",
                    f"{best:.2f} s", "< 2 s", verdict(best < 2)))
    ROWS.append(Row("2 plan", "per application", f"{best / size * 1e6:.0f} µs"))


def bench_interview_add(runs: int = 10) -> None:
    home = WORK / "interview-home"
    shutil.rmtree(home, ignore_errors=True)
    env = environment(FOLLOWUP_HOME=str(home))
    subprocess.run([str(FOLLOWUP), "init", "--name", "Alex Bench", "--email", "alex@example.com",
                    "--timezone", "Europe/Dublin"], env=env, check=True, stdout=QUIET)
    command = [str(FOLLOWUP), "interview", "add", "--company", "X", "--position", "Y",
               "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@x.example>"]
    say(f"  timing followup interview add ({runs} runs after 1 warm-up) ...")
    took = medians({"interview add": command}, env, runs=runs, warmup=1)["interview add"]
    ROWS.append(Row("3 interview add", "followup interview add (no date phrase)", ms(took),
                    "< 700 ms", verdict(took < 0.7)))


def bench_notes() -> None:
    import checker

    from followup.domain.notes.compose import compose

    for rule, precision, recall, support in checker.precision_recall():
        ROWS.append(Row("4 notes", f"checker {rule} (support {support})",
                        f"P {precision:.2f} R {recall:.2f}"))
    table = checker.precision_recall()
    macro_p = statistics.fmean(p for _, p, _, _ in table)
    macro_r = statistics.fmean(r for _, _, r, _ in table)
    ROWS.append(Row("4 notes", f"checker macro over {len(checker.NOTES)} labelled notes",
                    f"P {macro_p:.2f} R {macro_r:.2f}"))
    blind_p, blind_r = checker.blind()
    ROWS.append(Row("4 notes", "checker macro over 60 blind notes (never tuned to)",
                    f"P {blind_p:.2f} R {blind_r:.2f}"))
    targets = checker.TARGETS
    for half in ("dev", "test"):
        scores = checker.evaluation(half)
        for rule, (precision, recall, _, labelled) in scores.per_rule.items():
            ROWS.append(Row("4 notes", f"evaluation {half}: {rule} ({labelled} labelled)",
                            f"P {precision:.2f} R {recall:.2f}",
                            f"P ≥ {targets['rule_precision']}",
                            verdict(precision >= targets["rule_precision"])))
        ROWS.append(Row("4 notes", f"evaluation {half}: micro",
                        f"P {scores.micro_precision:.2f} R {scores.micro_recall:.2f}",
                        f"P ≥ {targets['micro_precision']}, R ≥ {targets['micro_recall']}",
                        verdict(scores.meets_targets())))
    speller = checker.SpellChecker()
    sample = next(n for n in checker.NOTES if n.facts.kind.value == "thank_you")
    checker.check(compose(sample.facts).body, sample.facts, speller=speller)  # warm
    took = []
    for _ in range(50):
        start = time.perf_counter()
        draft = compose(sample.facts)
        checker.check(draft.body, sample.facts, speller=speller)
        took.append(time.perf_counter() - start)
    one = statistics.median(took)
    ROWS.append(Row("4 notes", "draft and check one note (warm, median of 50)", ms(one),
                    "< 20 ms", verdict(one < 0.020)))
    seconds = checker.timings(runs=1)["notes_s"]
    ROWS.append(Row("4 notes", "check 1,000 notes", f"{seconds:.2f} s", "< 5 s",
                    verdict(seconds < 5)))


def bench_people(people: int = 1_000, contacts: int = 30_000) -> None:
    """Reading a vCard file of an address book, an email signature, and finding the records
    that look like one person among every contact of a large home."""
    from followup.adapters.vcard import read
    from followup.domain.duplicates import pairs
    from followup.domain.model import Contact, Role
    from followup.domain.signature import parse_signature

    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Núñez;José;;;\r\nFN:José Núñez {n}\r\n"
            "ORG:Acme Ltd\r\nTITLE:Head of Data\r\nitem1.EMAIL;type=INTERNET;type=pref:"
            "j{n}@acme.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\nTEL;type=CELL:+353 87 123 "
            "{n:04d}\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 200 + "\r\nEND:VCARD\r\n")
    data = "".join(card.format(n=n) for n in range(people)).encode()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        found = read(data)
        best = min(best, time.perf_counter() - start)
    ROWS.append(Row("7 people", f"read a vCard file of {len(found):,} people "
                    f"({len(data) / 2**20:.1f} MB), best of 3", f"{best:.2f} s", "< 3 s",
                    verdict(best < 3)))
    signature = ("Dear Siobhán,\nthank you for coming in.\n\nKind regards,\nAoife Ní Bhriain\n"
                 "Talent Partner | Northwind Traders\nT: +44 20 7946 0958 | M: +44 7700 900123\n"
                 "aoife@northwind.example\nwww.northwind.example\n\nOn Tue, 24 Nov 2026, "
                 "Siobhán wrote:\n> Dear Aoife,\n")
    times = []
    for _ in range(200):
        start = time.perf_counter()
        parse_signature(signature)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    ROWS.append(Row("7 people", "read a signature, median of 200", f"{median * 1e6:.0f} µs",
                    "< 5 ms",
                    verdict(median < 0.005)))
    rng = random.Random(1)
    names = ["José Núñez", "Jose Nunez", "Mary Byrne", "王芳", "Aoife Ní Bhriain", "Liam Smith"]
    records = [Contact(n, n // 3, rng.choice(names), Role.INTERVIEWER, organisation="Acme",
                       email=f"p{rng.randrange(contacts)}@acme.example")
               for n in range(contacts)]
    start = time.perf_counter()
    alike = pairs(records)
    took = time.perf_counter() - start
    ROWS.append(Row("7 people", f"records that look alike among {contacts:,} contacts "
                    f"({len(alike):,} pairs)", ms(took), "< 1 s", verdict(took < 1)))


def bench_module(name: str, module: str, home: Callable[[], Path | None]) -> Callable[[], None]:
    """A benchmark kept in its own module: `measure(home)` gives its rows."""
    def bench() -> None:
        measure = __import__(module).measure
        for figure, value, target, result in measure(home()):
            ROWS.append(Row(name, figure, value, target, result))
    return bench


def run(name: str, bench: Callable[[], None]) -> None:
    say(f"{name}:")
    try:
        bench()
    except Exception as exc:  # a broken benchmark is reported; the others still run
        ROWS.append(Row(name, "error", f"{type(exc).__name__}: {exc}", result="ERROR"))


def table(rows: list[Row]) -> str:
    head = ("Benchmark", "Figure", "Measured", "Target", "Result")
    cells = [head] + [(r.bench, r.figure, r.value, r.target, r.result) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(cell: tuple[str, ...]) -> str:
        return "  ".join(text.ljust(width) for text, width in zip(cell, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(head).rstrip(), rule] + [line(c).rstrip() for c in cells[1:]])


def main() -> int:
    timer = "hyperfine" if shutil.which("hyperfine") else "time.perf_counter"
    say(f"followup {version('followup')} on Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, timed with {timer}, FOLLOWUP_NOW={NOW}")
    check_interpreter()
    run("1 today", bench_today)
    run("2 plan", bench_plan)
    run("3 interview add", bench_interview_add)
    run("4 notes", bench_notes)
    run("5 web", bench_module("5 web", "web", demo_home))
    run("6 mail", bench_module("6 mail", "mail", lambda: None))
    run("7 people", bench_people)
    run("8 board", bench_module("8 board", "board", demo_home))
    run("9 invitations", bench_module("9 invitations", "invitations", lambda: None))
    run("10 insights", bench_module("10 insights", "insights", demo_home))
    run("11 moving in", bench_module("11 moving in", "moving_in", demo_home))
    run("12 cards", bench_module("12 cards", "cards", lambda: None))
    run("13 today in pages", bench_module("13 today in pages", "today_pages", demo_home))
    run("14 outbox, many users", bench_module("14 outbox, many users", "outbox_users",
                                              lambda: None))
    run("15 hosted load", bench_module("15 hosted load", "hosted", lambda: None))
    say("\n" + table(ROWS))
    return 1 if any(r.result == "ERROR" for r in ROWS) else 0


if __name__ == "__main__":
    sys.exit(main())
