"""The worker: delivers the outbox's due messages, puts the daily digest in it (on a thread of
its own, beside delivery), and sleeps."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from followup.services import digest, periodic
from followup.services import outbox as outbox_service
from followup.services.context import Deps

log = logging.getLogger("followup.worker")

Task = Callable[[Deps], object]
"""Periodic work beside delivery (the digest; the IMAP poll registers itself here too)."""

def _imap(deps: Deps) -> object:
    """New replies, then messages of unknown fate looked for in the Sent folder."""
    from followup.services.reconcile import poll

    return poll(deps)


TASKS: list[tuple[str, Task]] = [("digest", digest.enqueue_due), ("imap", _imap)]
"""Named periodic tasks, each run at most every `TASK_EVERY` seconds."""
TASK_EVERY = 60.0
KEEP_OPEN = 30.0
"""Seconds an idle SMTP session is kept for the next message (servers drop idle ones later)."""


def default_name() -> str:
    """This worker's name in the outbox's `claimed_by`: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _tasks(deps: Deps, tasks: Sequence[tuple[str, Task]],
           stop: threading.Event | None = None) -> None:
    """Runs each task for the users it is for (`periodic.users_for`), acting for each user
    explicitly; returns early once `stop` is set."""
    try:
        chosen = periodic.users_for(deps, [name for name, _ in tasks])
    except Exception:  # the database went away for a moment: the next pass tries again
        log.exception("the users could not be read")
        return
    for name, task in tasks:
        for user in chosen[name]:
            if stop is not None and stop.is_set():
                return
            try:
                task(deps.acting(user))
            except Exception:  # one task's trouble must not stop the others
                log.exception("the %s task failed for user %s", name, user)


def _periodic(deps: Deps, stop: threading.Event, tasks: Sequence[tuple[str, Task]],
              every: float) -> None:
    """The periodic tasks, every `every` seconds until `stop` is set (on their own thread, so
    that a long pass over many users never holds up delivery)."""
    while not stop.is_set():
        started = time.monotonic()
        _tasks(deps, tasks, stop)
        stop.wait(max(every - (time.monotonic() - started), 0.0))


def run_once(deps: Deps, worker: str | None = None, batch: int = 100,
             tasks: Sequence[tuple[str, Task]] | None = None,
             lease: timedelta = outbox_service.LEASE) -> dict[str, int]:
    """Runs the periodic tasks, then delivers until nothing is due; the total counts."""
    name = worker or default_name()
    _tasks(deps, TASKS if tasks is None else tasks)
    totals: dict[str, int] = {}
    sessions = outbox_service.Sessions(deps)
    try:
        while True:
            counts = outbox_service.deliver_due(deps, name, batch, sessions, lease=lease)
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
            if counts["claimed"] == 0 and counts["cancelled"] == 0:
                return totals
    finally:
        sessions.close()


def run_forever(deps: Deps, stop: threading.Event, worker: str | None = None,
                batch: int = 100, idle: float = 0.25,
                tasks: Sequence[tuple[str, Task]] | None = None,
                on_pass: Callable[[dict[str, int]], None] | None = None,
                lease: timedelta = outbox_service.LEASE) -> None:
    """Delivers due messages until `stop` is set (usable from a thread: `followup serve`).
    The SMTP session stays open while messages keep coming, and is closed when idle."""
    name = worker or default_name()
    chosen = TASKS if tasks is None else tasks
    sessions = outbox_service.Sessions(deps)
    last_sent = time.monotonic()
    # Set once delivery stops (for whatever reason), which ends the tasks' thread too.
    finished = threading.Event()
    periodic_thread = threading.Thread(
        target=_periodic, args=(deps, finished, chosen, TASK_EVERY),
        name="followup-periodic", daemon=True)
    if chosen:
        periodic_thread.start()
    try:
        while not stop.is_set():
            try:
                counts = outbox_service.deliver_due(deps, name, batch, sessions, lease=lease)
            except Exception:  # the database went away for a moment: wait, then try again
                log.exception("a delivery pass failed")
                sessions.close()
                stop.wait(max(idle, 1.0) * 5)
                continue
            if on_pass is not None:
                on_pass(counts)
            if counts["claimed"] or counts["cancelled"]:
                last_sent = time.monotonic()
                continue
            if time.monotonic() - last_sent > KEEP_OPEN:
                sessions.close()
            stop.wait(idle)
    finally:
        finished.set()
        sessions.close()
        if periodic_thread.is_alive():
            periodic_thread.join(timeout=30)


def start_thread(deps: Deps, stop: threading.Event, **options: Any) -> threading.Thread:
    """The worker on a daemon thread of this process (single-user mode of `followup serve`)."""
    thread = threading.Thread(target=run_forever, args=(deps, stop), kwargs=options,
                              name="followup-worker", daemon=True)
    thread.start()
    return thread


@contextmanager
def running(deps: Deps, **options: Any) -> Iterator[threading.Thread]:
    """The worker on a thread for as long as the block runs (the web app's `background`):
    stopped, and waited for, when the block is left."""
    stop = threading.Event()
    thread = start_thread(deps, stop, **options)
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=30)
