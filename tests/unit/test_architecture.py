"""The shape of the code: a pure domain, one migration head, a light `today`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from followup.adapters.db.version import HEAD

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is installed with the dev extras"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fast_path_knows_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from followup.adapters.db.schema import MIGRATIONS

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


def test_the_domain_never_reads_the_clock() -> None:
    domain = ROOT / "src" / "followup" / "domain"
    offenders = [
        f"{path.name}:{n}" for path in domain.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(call in line for call in ("datetime.now(", "date.today(", "time.time("))
    ]
    assert offenders == []
