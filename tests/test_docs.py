"""The top-level documents: a README that fits one screen, and tables GitHub renders."""
import re

import pytest

from helpers.paths import REPO_ROOT

DOCS = ["README.md", "CONTRIBUTING.md", "TEACHING.md", "TROUBLESHOOTING.md", "results/README.md"]
MAX_README_LINES = 150


def cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row.strip().strip("|"))) + 1


def broken_tables(text: str) -> list[str]:
    """Tables whose header, delimiter and rows do not have the same number of cells (GitHub
    renders a table only when the header and the delimiter row agree)."""
    lines, bad = text.splitlines(), []
    for i in range(1, len(lines)):
        if re.fullmatch(r"\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*", lines[i]) \
                and "|" in lines[i - 1]:
            width = cells(lines[i - 1])
            rows = [lines[i]] + [r for r in lines[i + 1:i + 400]]
            for row in rows:
                if "|" not in row:
                    break
                if cells(row) != width:
                    bad.append(f"line {i}: {row[:80]!r} has {cells(row)} cells, header {width}")
                    break
    return bad


@pytest.mark.parametrize("name", DOCS)
def test_every_table_renders(name):
    assert not broken_tables((REPO_ROOT / name).read_text()), name


def test_table_check_can_fail():
    assert broken_tables("| a | b |\n|---|---|---|\n| 1 | 2 |\n")
    assert not broken_tables("| a | b |\n|---|---|\n| 1 | `x\\|y` |\n")


def test_readme_fits_one_screen():
    readme = (REPO_ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= MAX_README_LINES
    for link in ("CONTRIBUTING.md", "TEACHING.md", "TROUBLESHOOTING.md", "results/README.md"):
        assert f"({link})" in readme


def test_python_versions_agree():
    readme = (REPO_ROOT / "README.md").read_text()
    pyproject = (REPO_ROOT / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.11,<3.14"' in pyproject
    assert "Python 3.11, 3.12 or 3.13" in readme


def test_troubleshooting_quotes_messages():
    """Each entry's heading is the message a student sees, quoted as code."""
    text = (REPO_ROOT / "TROUBLESHOOTING.md").read_text()
    entries = re.findall(r"^### (.*)$", text, re.M)
    assert len(entries) >= 12 and all(e.startswith("`") for e in entries)
