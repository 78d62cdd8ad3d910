"""Security checks in the suite: security headers on every route (signed in or not), bandit
clean (each silenced finding justified in the code), and pip-audit of both virtualenvs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rightcall.config import REPO_ROOT

from test_accounts import team  # noqa: F401  (fixture)
from workspace_helpers import client_as

SAMPLE_ARGS = {"locale": "fr", "page_id": "about", "user_id": 1, "table_id": "pages", "token": "not-a-token",
               "kinds": "services", "item_id": "city-311", "part_name": "fr", "number": 1, "filename": "css/site.css"}
VENV_BIN = Path(sys.executable).parent


def every_route(app):
    for rule in app.url_map.iter_rules():
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:[^:>]+:)?{name}>", str(SAMPLE_ARGS[name]), path)
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        yield rule.endpoint, method, path


@pytest.mark.parametrize("role", [None, "admin"])
def test_security_headers_on_every_route(team, role):
    client = client_as(team, role) if role else team.test_client()
    seen = 0
    for endpoint, method, path in every_route(team):
        response = client.open(path, method=method)
        headers = response.headers
        where = (endpoint, method, path, response.status_code)
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp, where
        framing = "SAMEORIGIN" if endpoint == "admin.page_preview" and response.status_code == 200 else "DENY"
        assert headers.get("X-Frame-Options") == framing, where
        assert headers.get("X-Content-Type-Options") == "nosniff", where
        assert headers.get("Referrer-Policy") == "no-referrer", where
        assert response.status_code < 500, where
        seen += 1
    assert seen >= 40


def test_bandit_finds_nothing_unjustified():
    result = subprocess.run([str(VENV_BIN / "bandit"), "-r", "site/rightcall", "bot/actions", "bot/components",
                             "bot/tracker_store.py", "-f", "json", "-q"], cwd=REPO_ROOT, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert [(r["test_id"], r["filename"], r["line_number"]) for r in report["results"]] == []
    # Every finding silenced with "# nosec" says why, on the line above.
    for path in list((REPO_ROOT / "site" / "rightcall").rglob("*.py")) + list((REPO_ROOT / "bot").glob("*/*.py")):
        if ".venv" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "# nosec" in line:
                test = re.search(r"# nosec (B\d+)", line)
                assert test, f"{path}:{number + 1}: name the bandit test"
                assert lines[number - 1].strip().startswith(f"# bandit {test.group(1)}:"), \
                    f"{path}:{number + 1}: justify it on the line above ('# bandit {test.group(1)}: why')"


KNOWN = REPO_ROOT / "deploy" / "known-vulnerabilities.txt"


def explained() -> set[str]:
    """Vulnerability ids accepted after review: 'ID  package  why' lines in deploy/known-vulnerabilities.txt."""
    if not KNOWN.exists():
        return set()
    return {line.split()[0] for line in KNOWN.read_text().splitlines() if line.strip() and not line.startswith("#")}


@pytest.mark.parametrize("venv", ["site", "bot"])
def test_pip_audit_leaves_no_known_vulnerability_unexplained(venv):
    args = [str(VENV_BIN / "pip-audit"), "-f", "json", "--progress-spinner", "off"]
    if venv == "site":
        args.append("--local")
    else:
        site_packages = sorted((REPO_ROOT / "bot" / ".venv" / "lib").glob("python3*/site-packages"))
        if not site_packages:
            pytest.fail("bot/.venv is missing: run 'make test' (it creates it)")
        args += ["--path", str(site_packages[0])]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout or "{}")
    dependencies = report.get("dependencies", [])
    assert dependencies, result.stderr[-2000:]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        pytest.skip("pip-audit could not reach a vulnerability database from this machine (PyPI's JSON API "
                    "and OSV are not reachable here): run 'make audit' where they are")
    unexplained = [(d["name"], d["version"], v["id"]) for d in audited for v in d.get("vulns", [])
                   if v["id"] not in explained() and not set(v.get("aliases", [])) & explained()]
    assert unexplained == []
