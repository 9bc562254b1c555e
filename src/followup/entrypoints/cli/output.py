"""How the CLI shows results: one JSON document, or plain text for people."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import click

from followup.entrypoints import text
from followup.services.views import ActionView


def emit_json(document: Any) -> None:
    click.echo(text.json_text(document))


def actions_table(title: str, actions: Iterable[ActionView], now: datetime,
                  company: bool = True) -> None:
    click.echo(text.actions(title, actions, now, company))


def say(message: str) -> None:
    """Prints text for people; what it quotes from records or mail cannot drive the terminal."""
    click.echo(text.clean(message))


def to_stderr(message: str) -> None:
    """One line on stderr, cleaned like everything else the CLI prints."""
    click.echo(text.clean(f"followup: {message}"), err=True)
