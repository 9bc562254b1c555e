"""`followup serve`: the web app on this machine, or a hosted installation's web processes."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

from followup.domain.errors import EnvironmentFault, InvalidInput
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.output import say, to_stderr

if TYPE_CHECKING:
    import socket
    import subprocess

    from fastapi import FastAPI

FACTORY = "followup.entrypoints.web.hosted:app_factory"
METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; keep the default unless you know why.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your web browser.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name the app answers to (besides localhost); repeatable. "
                   "Also FOLLOWUP_ALLOWED_HOSTS (comma-separated).")
@click.option("--no-worker", is_flag=True,
              help="Do not deliver the outbox from this process (when `followup worker` runs "
                   "elsewhere).")
@click.option("--allow-network", is_flag=True,
              help="Listen on an address other computers can reach (the app has no login: "
                   "anyone who reaches it can read and change your data).")
@click.option("--hosted", is_flag=True,
              help="Serve an installation's users, who log in (FOLLOWUP_MODE=hosted for this "
                   "run); needs FOLLOWUP_SECRET_KEY. See docs/hosting.md.")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Hosted mode: web processes taking requests; with more than one, the outbox "
                   "is delivered by one more process (unless --no-worker).")
@click.option("--proxy-headers", is_flag=True,
              help="Behind a reverse proxy: believe the X-Forwarded-For and X-Forwarded-Proto "
                   "that 127.0.0.1 (and FOLLOWUP_TRUSTED_PROXIES) send.")
def serve(host: str, port: int, open_browser: bool, allow_hosts: tuple[str, ...],
          no_worker: bool, allow_network: bool, hosted: bool, processes: int,
          proxy_headers: bool) -> None:
    """The web app on your own data: Today, new interviews, notes and calls.

    It listens on 127.0.0.1 (this computer only) and answers only to localhost names, so
    other sites cannot reach it through your browser. While it runs it also delivers the notes
    you send, the daily digest, and notices replies (as `followup worker`). Stop it with Ctrl+C.

    With --hosted it serves the users of an installation, who log in: see docs/hosting.md.
    """
    from followup import installation

    if hosted:
        os.environ["FOLLOWUP_MODE"] = "hosted"  # for this run and the processes it starts
    hosted = installation.hosted()
    if processes > 1 and not hosted:
        raise click.UsageError("--processes is for an installation with logins: add --hosted")
    if hosted:
        installation.installation()  # a missing or short FOLLOWUP_SECRET_KEY stops us here
    elif not _loopback(host):
        if not allow_network:
            raise click.UsageError(
                f"{host or 'every address'} can be reached from other computers, and the app "
                "has no login; serve on 127.0.0.1, or add --allow-network if you mean it")
        to_stderr(f"warning: listening on {host or 'every address'}: anyone who can reach "
                  f"it on port {port} can read and change your data")
    proxies = _proxies(proxy_headers)
    # Imported here: the other commands must not pay for FastAPI and uvicorn.
    from followup import bootstrap
    from followup.entrypoints import logs

    ours = logs.configure() is not None
    if hosted:
        if allow_hosts:  # the web processes read them from the environment
            os.environ["FOLLOWUP_ALLOWED_HOSTS"] = ",".join(
                [*allow_hosts, os.environ.get("FOLLOWUP_ALLOWED_HOSTS", "")]).strip(",")
        _check_schema()
        if processes > 1 and bootstrap.sqlite_path(bootstrap.database_url()) is not None:
            to_stderr("warning: several processes share one SQLite file, which lets one write "
                      "at a time; set FOLLOWUP_DATABASE_URL to PostgreSQL for real use")
    sock = _listen(host, port)
    port = sock.getsockname()[1]  # the one the system chose for --port 0
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{port}/"
    options: dict[str, Any] = {
        "log_level": "warning", "server_header": False, "proxy_headers": bool(proxies),
        "forwarded_allow_ips": ",".join(proxies) or None}
    if ours:  # our handler writes every line; uvicorn's own access log would repeat ours
        options.update(log_config=None, access_log=False)
    if processes > 1:
        worker = "" if no_worker else " and one outbox worker"
        say(f"Followup (hosted: {processes} web processes{worker}) is at {url}; "
            "stop it with Ctrl+C.")
        _serve_processes(sock, processes, no_worker, options)
    else:
        os.environ.pop(METRICS_DIR, None)  # one process counts in memory
        if hosted:
            app = _hosted_app(no_worker)
            say(f"Followup (hosted) is at {url}; stop it with Ctrl+C.")
        else:
            app = _local_app(allow_hosts, no_worker)
            say(f"Followup is at {url} (data in {bootstrap.home()}); stop it with Ctrl+C.")
        _serve_one(app, sock, url, open_browser, options)
    say("Followup stopped.")


def _proxies(proxy_headers: bool) -> list[str]:
    """The addresses whose X-Forwarded-* headers are believed: 127.0.0.1 with --proxy-headers,
    and FOLLOWUP_TRUSTED_PROXIES."""
    from followup import installation

    listed = installation.value("FOLLOWUP_TRUSTED_PROXIES").split(",")
    found = [*(["127.0.0.1", "::1"] if proxy_headers else []), *(p.strip() for p in listed)]
    return list(dict.fromkeys(p for p in found if p))


def _check_schema() -> None:
    """Refuses to serve a database that does not answer or whose schema is not this code's."""
    from followup import bootstrap
    from followup.services import operations

    ready = operations.readiness(bootstrap.build(migrate=False), bootstrap.health_probe)
    if not ready.ready:
        if ready.database:  # it answers, with another schema: the remedy is ours to say
            raise EnvironmentFault(f"{ready.problem}: run `followup db upgrade`, or run the "
                                   "Followup that matches the schema")
        raise EnvironmentFault(ready.detail or ready.problem or "the database is not ready")


def _local_app(allow_hosts: tuple[str, ...], no_worker: bool) -> FastAPI:
    """The app of one person's own data, with the outbox delivered on a thread."""
    from followup import bootstrap
    from followup.entrypoints import worker
    from followup.entrypoints.web.app import create_app
    from followup.entrypoints.web.security import home_secret

    deps = bootstrap.build()
    background = [] if no_worker else [lambda: worker.running(deps)]
    return create_app(deps, hosts=allow_hosts, secret=home_secret(bootstrap.home()),
                      background=background)


def _hosted_app(no_worker: bool) -> FastAPI:
    """A hosted installation's app in this one process, with the outbox on a thread."""
    from followup.entrypoints import worker
    from followup.entrypoints.web.hosted import build_app

    app = build_app(background=[] if no_worker else [lambda: worker.running(app.state.deps)])
    return app


def _serve_one(app: FastAPI, sock: socket.socket, url: str, open_browser: bool,
               options: dict[str, Any]) -> None:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, **options))
    if open_browser:
        import threading
        import webbrowser

        def when_ready() -> None:
            # Open once the server runs, so the first page does not fail to load.
            for _ in range(100):
                if server.started:
                    webbrowser.open(url)
                    return
                threading.Event().wait(0.1)

        threading.Thread(target=when_ready, daemon=True).start()
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops cleanly, then passes it on
        server.run(sockets=[sock])


def _serve_processes(sock: socket.socket, processes: int, no_worker: bool,
                     options: dict[str, Any]) -> None:
    """`processes` web processes on one socket (each builds its app with the hosted factory,
    and is restarted if it dies), and one `followup worker` process; all stopped together."""
    import shutil
    import subprocess
    import sys
    import tempfile

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    # The processes' counters live in files here (prometheus-client's multiprocess mode), so
    # that /metrics adds them up; a fresh folder, private, removed at the end.
    folder = tempfile.mkdtemp(prefix="followup-metrics-")
    os.environ[METRICS_DIR] = folder
    config = uvicorn.Config(FACTORY, factory=True, workers=processes, **options)
    delivery = None if no_worker else subprocess.Popen(
        [sys.executable, "-m", "followup", "worker"])
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        if delivery is not None:
            _stop(delivery)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Asks a process to stop (it finishes the message it is sending), then makes it."""
    import subprocess

    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _loopback(host: str) -> bool:
    """Whether `host` is this computer alone (127.0.0.0/8, ::1 or localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve to anything
        return False


def _listen(host: str, port: int) -> socket.socket:
    """The bound socket, so that a port in use is a clear error before anything is printed."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Answers go out at once (the accepted connections inherit it): asyncio sets TCP_NODELAY
    # only on sockets made with proto=IPPROTO_TCP, so on this one Nagle's algorithm held each
    # answer's last segment back until the client's delayed ACK, 40 ms a keep-alive request.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # connections wait in the queue until the server starts
    except OSError as exc:
        sock.close()
        raise InvalidInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}; is Followup "
                           "already running? Try another --port") from None
    return sock
