"""How the CLI shows results: one JSON document, or plain text for people."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import click

from followup.entrypoints import text


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def actions_table(title: str, actions: Iterable[Mapping[str, Any]], now: datetime,
                  company: bool = True) -> None:
    click.echo(text.actions(title, actions, now, company))


def say(message: str) -> None:
    click.echo(message)
