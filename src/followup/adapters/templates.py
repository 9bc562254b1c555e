"""The user's own note templates: Jinja2 files in $FOLLOWUP_HOME/templates, run sandboxed.

A template is named after the kind of note and, optionally, the tone: `thank_you.txt`,
`thank_you.warm.txt`. Its first line is `Subject: ...`; the rest is the body. Every field of
the note's facts is a variable: {{ recipient.name }}, {{ position }}, {{ topic }}, ...
"""

from __future__ import annotations

import os
from dataclasses import asdict

from followup.domain.errors import InvalidInput
from followup.domain.notes.facts import NOTE_KINDS, Draft, NoteFacts, Tone

LONGEST = 20_000


def render(text: str, facts: NoteFacts, tone: Tone, what: str = "the template") -> Draft:
    """A draft from a template's text (`Subject: ...` first, then the body), run sandboxed
    with the note's facts; `what` names the template in an error (InvalidInput)."""
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                       keep_trailing_newline=True)
    try:
        rendered = environment.from_string(text).render(**asdict(facts), tone=tone.value)
    except TemplateError as exc:
        raise InvalidInput(f"{what} cannot be used: {exc}") from None
    first, _, body = rendered.partition("\n")
    if not first.lower().startswith("subject:"):
        raise InvalidInput(f"{what} must start with a line 'Subject: ...'")
    return Draft(first.split(":", 1)[1].strip(), body.strip() + "\n")


class TemplateFolder:
    """Templates in one folder; a kind without a file there uses the built-in composer."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _path(self, kind: str, tone: Tone) -> str | None:
        for name in (f"{kind}.{tone}.txt", f"{kind}.txt"):
            path = os.path.join(self.folder, name)
            if os.path.isfile(path):
                return path
        return None

    def draft(self, facts: NoteFacts, tone: Tone) -> Draft | None:
        path = self._path(facts.kind.value, tone)
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"template {path} cannot be used: {exc}") from None
        return render(text, facts, tone, f"template {path}")

    def listing(self) -> list[dict[str, str]]:
        rows = []
        for kind in sorted(k.value for k in NOTE_KINDS):
            for tone in Tone:
                path = self._path(kind, tone)
                rows.append({"kind": kind, "tone": tone.value,
                             "template": path or "built-in"})
        return rows
