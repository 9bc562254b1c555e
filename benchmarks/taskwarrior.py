"""Taskwarrior 2.x for the `followup today` comparison: the `task` binary and a data dir."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
import uuid
from pathlib import Path


def find_task() -> tuple[str | None, str]:
    """(the `task` binary, its version), or (None, why not); apt-get installs it when root."""
    task = shutil.which("task")
    if task is None and getattr(os, "geteuid", lambda: 1)() == 0 and shutil.which("apt-get"):
        print("  task is missing: apt-get install -y taskwarrior ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "taskwarrior"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})
        task = shutil.which("task")
    if task is None:
        return None, "taskwarrior is not installed"
    found = subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()
    if not found.startswith("2."):
        return None, f"taskwarrior {found} is not 2.x (pending.data is written in 2.x format)"
    return task, found


def write_data(task: str, folder: Path, size: int, env: dict[str, str]) -> Path:
    """A fresh data dir in `folder` with `size` pending tasks written as pending.data; its taskrc.

    The defaults stay (gc included) but confirmation and verbose output; `task count
    status:pending` must agree with `size`.
    """
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    rng, now, day = random.Random(1), int(time.time()), 86_400
    lines = []
    for i in range(size):
        uid = uuid.UUID(int=rng.getrandbits(128), version=4)
        entry, due = now - rng.randint(1, 90) * day, now + rng.randint(-10, 30) * day
        project = f"job{rng.randint(1, 500)}"
        lines.append(f'[description:"Follow up on application {i + 1}" entry:"{entry}" '
                     f'status:"pending" uuid:"{uid}" due:"{due}" project:"{project}"]')
    (folder / "data" / "pending.data").write_text("\n".join(lines) + "\n")
    taskrc = folder / "taskrc"
    taskrc.write_text(f"data.location={folder / 'data'}\nconfirmation=no\nverbose=nothing\n")
    count = subprocess.run([task, f"rc:{taskrc}", "count", "status:pending"], check=True,
                           capture_output=True, text=True, env=env).stdout.strip()
    if count != str(size):
        raise RuntimeError(f"task count status:pending says {count!r}, not {size}")
    return taskrc
