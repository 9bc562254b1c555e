"""`followup serve`: the web app on this machine."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import click

from followup.domain.errors import InvalidInput
from followup.entrypoints.cli import cli
from followup.entrypoints.cli.output import say, to_stderr

if TYPE_CHECKING:
    import socket


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
def serve(host: str, port: int, open_browser: bool, allow_hosts: tuple[str, ...],
          no_worker: bool, allow_network: bool) -> None:
    """The web app on your own data: Today, new interviews, notes and calls.

    It listens on 127.0.0.1 (this computer only) and answers only to localhost names, so
    other sites cannot reach it through your browser. While it runs it also delivers the notes
    you send, the daily digest, and notices replies (as `followup worker`). Stop it with Ctrl+C.
    """
    if not _loopback(host):
        if not allow_network:
            raise click.UsageError(
                f"{host or 'every address'} can be reached from other computers, and the app "
                "has no login; serve on 127.0.0.1, or add --allow-network if you mean it")
        to_stderr(f"warning: listening on {host or 'every address'}: anyone who can reach "
                  f"it on port {port} can read and change your data")
    # Imported here: the other commands must not pay for FastAPI and uvicorn.
    import uvicorn

    from followup import bootstrap
    from followup.entrypoints import worker
    from followup.entrypoints.web.app import create_app
    from followup.entrypoints.web.security import home_secret

    deps = bootstrap.build()
    background = [] if no_worker else [lambda: worker.running(deps)]
    app = create_app(deps, hosts=allow_hosts, secret=home_secret(bootstrap.home()),
                     background=background)
    sock = _listen(host, port)
    port = sock.getsockname()[1]  # the one the system chose for --port 0
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{port}/"
    say(f"Followup is at {url} (data in {bootstrap.home()}); stop it with Ctrl+C.")
    config = uvicorn.Config(app, log_level="warning", proxy_headers=False,
                            server_header=False)
    server = uvicorn.Server(config)
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
    say("Followup stopped.")


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
    try:
        sock.bind((host, port))
        sock.listen(2048)  # connections wait in the queue until the server starts
    except OSError as exc:
        sock.close()
        raise InvalidInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}; is Followup "
                           "already running? Try another --port") from None
    return sock
