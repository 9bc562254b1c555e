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


def test_no_module_imports_one_that_imports_it_back() -> None:
    """Function-level imports included; the CLI's commands registering on its group (a
    package's own submodules) are the one cycle allowed."""
    import grimp

    graph = grimp.build_graph("followup", cache_dir=None)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if module.startswith("followup.entrypoints.cli") and \
                    imported.startswith("followup.entrypoints.cli"):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back and not all(m.startswith("followup.entrypoints.cli") for m in back):
                cycles.append(f"{module} -> {' -> '.join(back)}")
    assert cycles == []


def test_entry_points_reach_adapters_only_through_the_composition_root() -> None:
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"]
    assert any(c["type"] == "forbidden" and c["source_modules"] == ["followup.entrypoints"]
               and "followup.adapters" in c["forbidden_modules"] for c in contracts)


def test_mypy_checks_the_whole_package_strictly() -> None:
    import tomllib

    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["files"] == ["src/followup"] and mypy["strict"] is True
    unchecked = [m for o in mypy.get("overrides", []) if o.get("ignore_missing_imports")
                 for m in o["module"] if m.split(".")[0] == "followup"]
    assert unchecked == []


def test_every_type_ignore_names_its_error_code() -> None:
    import re

    bare = re.compile(r"#\s*type:\s*ignore(?!\[)")
    source = ROOT / "src" / "followup"
    offenders = [f"{path.relative_to(source)}:{n}" for path in source.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if bare.search(line)]
    assert offenders == []

def test_no_query_picks_the_first_user() -> None:
    """The acting user is passed in; only `bootstrap.local_user` chooses, and it refuses a
    database of several people rather than take the first."""
    import re

    first_user = re.compile(r"users.*(LIMIT 1\b|\.limit\(1\))|order_by\(t\.users\.c\.id\)",
                            re.IGNORECASE)
    source = ROOT / "src" / "followup"
    offenders = [f"{path.relative_to(source)}:{n}" for path in source.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if first_user.search(line)]
    assert offenders == []
