"""The installation's settings: FOLLOWUP_* environment variables, set by whoever runs Followup.

Local mode (the default) serves one person with no login. Hosted mode serves many users with
logins and needs a secret key; the table `VARIABLES` documents every variable in one place
(docs/hosting.md shows it, and a test keeps the two the same).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from followup.domain.errors import EnvironmentFault

MIN_SECRET_BYTES = 32


@dataclass(frozen=True)
class Variable:
    name: str
    help: str
    default: str = ""


VARIABLES = (
    Variable("FOLLOWUP_MODE", "`local`: one person, no login. `hosted`: many users with logins "
             "(also `followup serve --hosted`).", "local"),
    Variable("FOLLOWUP_SECRET_KEY", "Hosted: at least 32 bytes of random text. It signs sessions, "
             "forms and links, and the key that encrypts mail passwords is derived from it."),
    Variable("FOLLOWUP_OLD_SECRET_KEYS", "Previous secret keys, comma-separated, still read "
             "during a key rotation until `followup db rotate-key` has run."),
    Variable("FOLLOWUP_DATABASE_URL", "The database: `postgresql+psycopg://user@host/db` for "
             "hosted mode; SQLite in FOLLOWUP_HOME by default (one process only)."),
    Variable("FOLLOWUP_HOME", "The data folder (SQLite file, local mail passwords, templates)."),
    Variable("FOLLOWUP_BASE_URL", "The public address, such as `https://followup.example.org`: "
             "links in invitations and password resets start with it."),
    Variable("FOLLOWUP_ALLOWED_HOSTS", "Host names the web app answers to besides localhost, "
             "comma-separated (also `--allow-host`)."),
    Variable("FOLLOWUP_TRUSTED_PROXIES", "Addresses of the reverse proxies whose "
             "X-Forwarded-For and X-Forwarded-Proto are believed, comma-separated (also "
             "`--proxy-headers`, which trusts 127.0.0.1).", ""),
    Variable("FOLLOWUP_SESSION_IDLE_MINUTES", "A login ends after this many minutes without a "
             "request.", "720"),
    Variable("FOLLOWUP_SESSION_MAX_DAYS", "A login ends this many days after it began, however "
             "active.", "30"),
    Variable("FOLLOWUP_LOGIN_LIMIT", "Failed logins allowed per account and per address "
             "before both are refused for the window (limits' notation).", "10/15 minutes"),
    Variable("FOLLOWUP_RATE_LIMIT_STORAGE", "Where failed logins are counted: `memory://` (each "
             "process alone) or `redis://127.0.0.1:6379` (shared by every process).",
             "memory://"),
    Variable("FOLLOWUP_METRICS_TOKEN", "A token that lets a non-loopback scraper read /metrics "
             "(`Authorization: Bearer …`); without it only loopback may."),
    Variable("FOLLOWUP_RELAY_HOST", "The installation's SMTP relay, for invitations and password "
             "resets (users' notes go through their own servers)."),
    Variable("FOLLOWUP_RELAY_PORT", "The relay's port.", "587"),
    Variable("FOLLOWUP_RELAY_SECURITY", "starttls, ssl or none.", "starttls"),
    Variable("FOLLOWUP_RELAY_USERNAME", "The relay's login, if it asks for one."),
    Variable("FOLLOWUP_RELAY_PASSWORD", "The relay's password."),
    Variable("FOLLOWUP_RELAY_FROM", "The sender of the installation's own mail, such as "
             "`Followup <no-reply@example.org>`."),
    Variable("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "`1` lets users' SMTP and IMAP servers be loopback "
             "or private addresses (refused by default in hosted mode).", "0"),
    Variable("FOLLOWUP_LOG_FORMAT", "`json` (one object per line) or `text`; json in hosted mode.",
             ""),
)
BY_NAME = {v.name: v for v in VARIABLES}


def value(name: str) -> str:
    """A variable's value, else its default."""
    return os.environ.get(name) or BY_NAME[name].default


def hosted() -> bool:
    """Whether this installation serves many users (FOLLOWUP_MODE=hosted)."""
    mode = value("FOLLOWUP_MODE").strip().lower()
    if mode not in ("local", "hosted"):
        raise EnvironmentFault(f"FOLLOWUP_MODE={mode!r}: set it to local or hosted")
    return mode == "hosted"


def _listed(name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value(name).split(",") if part.strip())


def _number(name: str, most: int) -> int:
    text = value(name)
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise EnvironmentFault(f"{name}={text!r}: give a whole number from 1 to {most}")
    return int(text)


@dataclass(frozen=True)
class Installation:
    """The settings of a hosted installation, read and checked once at start."""

    secret_key: bytes
    old_keys: tuple[bytes, ...]
    base_url: str
    trusted_proxies: tuple[str, ...]
    session_idle: timedelta
    session_max: timedelta
    login_limit: str
    rate_limit_storage: str
    metrics_token: str
    allow_private_hosts: bool


def secret_key() -> bytes:
    """FOLLOWUP_SECRET_KEY, refused when missing or shorter than 32 bytes."""
    key = os.environ.get("FOLLOWUP_SECRET_KEY", "").encode()
    if len(key) < MIN_SECRET_BYTES:
        raise EnvironmentFault(
            f"hosted mode needs FOLLOWUP_SECRET_KEY of at least {MIN_SECRET_BYTES} bytes "
            f"({'it is not set' if not key else f'it has {len(key)}'}); make one with "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(48))'` and keep it safe")
    return key


def installation() -> Installation:
    """The hosted installation's settings; EnvironmentFault names the first one that is wrong."""
    base_url = value("FOLLOWUP_BASE_URL").rstrip("/")
    if base_url and not base_url.startswith(("https://", "http://")):
        raise EnvironmentFault(f"FOLLOWUP_BASE_URL={base_url!r}: give an address such as "
                               "https://followup.example.org")
    return Installation(
        secret_key=secret_key(),
        old_keys=tuple(k.encode() for k in _listed("FOLLOWUP_OLD_SECRET_KEYS")),
        base_url=base_url or "http://127.0.0.1:8000",
        trusted_proxies=_listed("FOLLOWUP_TRUSTED_PROXIES"),
        session_idle=timedelta(minutes=_number("FOLLOWUP_SESSION_IDLE_MINUTES", 525_600)),
        session_max=timedelta(days=_number("FOLLOWUP_SESSION_MAX_DAYS", 3650)),
        login_limit=value("FOLLOWUP_LOGIN_LIMIT"),
        rate_limit_storage=value("FOLLOWUP_RATE_LIMIT_STORAGE"),
        metrics_token=value("FOLLOWUP_METRICS_TOKEN"),
        allow_private_hosts=value("FOLLOWUP_ALLOW_PRIVATE_HOSTS") == "1",
    )
