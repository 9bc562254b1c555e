"""docs/hosting.md and deploy/: the variables table is generated, the configurations are valid.

Regenerate the table after changing `installation.VARIABLES`:
    PYTHONPATH=src .venv/bin/python -m tests.integration.test_operations_docs
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from followup.installation import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
HOSTING = ROOT / "docs" / "hosting.md"
DEPLOY = ROOT / "deploy"
START, END = "<!-- variables:start -->", "<!-- variables:end -->"


def table() -> str:
    """The Markdown table of every FOLLOWUP_* variable, in the order of VARIABLES."""
    rows = ["| Variable | Default | What it does |", "| --- | --- | --- |"]
    for variable in VARIABLES:
        default = f"`{variable.default}`" if variable.default else ""
        text = variable.help.replace("|", "\\|")
        rows.append(f"| `{variable.name}` | {default} | {text} |")
    return "\n".join(rows)


def documented() -> str:
    text = HOSTING.read_text(encoding="utf-8")
    return text[text.index(START) + len(START):text.index(END)].strip()


def test_the_hosting_guide_lists_exactly_the_installations_variables() -> None:
    names = re.findall(r"^\| `(FOLLOWUP_[A-Z_]+)` \|", documented(), flags=re.MULTILINE)

    assert names == [v.name for v in VARIABLES]


def test_the_variables_table_is_the_generated_one() -> None:
    assert documented() == table(), (
        "docs/hosting.md is out of date: run "
        "`PYTHONPATH=src .venv/bin/python -m tests.integration.test_operations_docs`")


def test_the_guide_names_the_files_of_deploy_that_exist() -> None:
    text = HOSTING.read_text(encoding="utf-8")
    for name in ("deploy/systemd/followup-web.service", "deploy/systemd/followup-worker@.service",
                 "deploy/Caddyfile", "deploy/nginx.conf"):
        assert (ROOT / name).is_file(), name
        assert name in text or name.split("/", 1)[1].replace("systemd/", "") in text, name


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_nginx_configuration_is_valid(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                           "1", "-subj", "/CN=followup.example.org", "-keyout", str(key),
                           "-out", str(cert)], capture_output=True, check=False)
    assert made.returncode == 0, made.stderr
    site = (DEPLOY / "nginx.conf").read_text()
    site = (site.replace("/etc/letsencrypt/live/followup.example.org/fullchain.pem", str(cert))
            .replace("/etc/letsencrypt/live/followup.example.org/privkey.pem", str(key)))
    site = re.sub(r"listen \[::\]:.*;", "", site)  # `nginx -t` binds nothing: ports only parse
    site = site.replace("listen 80;", "listen 127.0.0.1:18080;").replace(
        "listen 443 ssl http2;", "listen 127.0.0.1:18443 ssl http2;")
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {tmp_path};"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; {temp} include {tmp_path}/site.conf; }}\n")

    checked = subprocess.run(["nginx", "-t", "-c", str(tmp_path / "nginx.conf"),
                              "-p", str(tmp_path)], capture_output=True, text=True, check=False)

    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_systemd_units_are_valid(tmp_path: Path) -> None:
    units = []
    for name, unit in (("followup-web.service", "followup-web.service"),
                       ("followup-worker@.service", "followup-worker@1.service")):
        text = (DEPLOY / "systemd" / name).read_text()
        assert "/opt/followup/venv/bin/followup " in text
        # verify wants the program to exist: any executable stands in for it
        (tmp_path / unit).write_text(text.replace("/opt/followup/venv/bin/followup", "/bin/true"))
        units.append(str(tmp_path / unit))

    checked = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True,
                             text=True, check=False, env={"SYSTEMD_LOG_LEVEL": "notice"})

    assert checked.returncode == 0 and checked.stderr == "", checked.stderr


if __name__ == "__main__":
    text = HOSTING.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    HOSTING.write_text(f"{head}{START}\n{table()}\n{END}{rest.split(END, 1)[1]}",
                       encoding="utf-8")
    print(f"wrote the table of {len(VARIABLES)} variables into {HOSTING}")
