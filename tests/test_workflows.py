"""The GitHub Actions workflows are valid: each file passes GitHub's workflow schema, as vendored
by check-jsonschema (offline), and the course job runs what .ci/run runs."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def check(path: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_there_is_a_workflow():
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_githubs_schema(path):
    out = check(path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_schema_check_can_fail(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: 3\n")
    assert check(bad).returncode != 0


def test_course_job_runs_ci_run():
    text = (REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert "run: bash .ci/run" in text and "windows-latest" in text and "macos-latest" in text
