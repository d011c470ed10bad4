"""Where the course lives online, in one place: ``pyproject.toml``'s ``[project.urls] Repository``
and ``[tool.cnn-course] ref`` (a tag). From them this module writes every copy a reader sees:

- the "Open in Colab / Kaggle / Studio Lab" badges of each notebook's title cell and of the README's
  notebook table, which open the notebook at that ref;
- every notebook's first code cell, whose install lines install the helpers from that ref
  when the runtime lacks them (``helpers.course.hosted`` then adds the packages it lacks).

    python -m helpers.course.links                 # rewrite the copies from pyproject.toml
    python -m helpers.course.links --check         # exit 1 if a copy is stale (tests run this)
    python -m helpers.course.links --repository https://github.com/ada/cnn-course --ref v0.2.0
                                                   # a fork: set the one place, then rewrite
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib

from ..atomic import write_text
from ..paths import NOTEBOOK_DIR, REPO_ROOT

PYPROJECT = REPO_ROOT / "pyproject.toml"
README = REPO_ROOT / "README.md"
BADGE_IMAGES = {"Colab": "https://colab.research.google.com/assets/colab-badge.svg",
                "Kaggle": "https://kaggle.com/static/images/open-in-kaggle.svg",
                "Studio Lab": "https://studiolab.sagemaker.aws/studiolab.svg"}
INSTALL_START = "# Colab, Kaggle"        # the first line of the install block in the first cell
GITHUB = re.compile(r"^https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$")


def where() -> tuple[str, str]:
    """``(repository URL, ref)`` from pyproject.toml."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return project["project"]["urls"]["Repository"], project["tool"]["cnn-course"]["ref"]


def open_links(notebook: str, repository: str, ref: str) -> dict:
    """The three launch URLs of ``notebook`` (a file name under notebooks/) at ``ref``."""
    match = GITHUB.match(repository)
    if not match:
        raise ValueError(f"{repository!r} is not https://github.com/OWNER/NAME: Colab, Kaggle and "
                         "Studio Lab open notebooks from GitHub only")
    owner, name = match.groups()
    path = f"{owner}/{name}/blob/{ref}/notebooks/{notebook}"
    return {"Colab": f"https://colab.research.google.com/github/{path}",
            "Kaggle": f"https://kaggle.com/kernels/welcome?src=https://github.com/{path}",
            "Studio Lab": f"https://studiolab.sagemaker.aws/import/github/{path}"}


def badges(notebook: str, repository: str, ref: str) -> str:
    return " ".join(f"[![Open in {site}]({BADGE_IMAGES[site]})]({url})"
                    for site, url in open_links(notebook, repository, ref).items())


def install_block(repository: str, ref: str) -> list[str]:
    """The first code cell: install lines. They run only where ``helpers`` is not importable;
    ``CNN_COURSE_PIP`` replaces the GitHub URL (the tests install a local build this way)."""
    return [f"{INSTALL_START} or anywhere without the course: install its helpers first",
            "# (if this fails: TROUBLESHOOTING.md, linked from the README)",
            "import importlib.util, os",
            'if importlib.util.find_spec("helpers") is None:',
            f'    URL = "git+{repository}@{ref}"',
            '    %pip install -q --no-deps {os.environ.get("CNN_COURSE_PIP", URL)}',
            "    %run -m helpers.course.hosted",
            ""]


def _lines(cell) -> list[str]:
    return "".join(cell["source"]).split("\n")


def _set(cell, lines: list[str]) -> None:
    text = "\n".join(lines)
    cell["source"] = [line + "\n" for line in text.split("\n")[:-1]] + [text.split("\n")[-1]]


def sync_notebook(nb: dict, name: str, repository: str, ref: str) -> dict:
    """``nb`` with its title cell's badge line and its first code cell, the install cell,
    rewritten (inserted before the other code cells when missing)."""
    title = nb["cells"][0]
    lines = [line for line in _lines(title) if not line.startswith("[![Open in Colab]")]
    _set(title, lines[:1] + [badges(name, repository, ref)] + lines[1:])
    index, code = next((i, cell) for i, cell in enumerate(nb["cells"])
                       if cell["cell_type"] == "code")
    if not _lines(code)[0].startswith(INSTALL_START):
        code = {"cell_type": "code", "execution_count": None, "id": "install", "metadata": {},
                "outputs": [], "source": []}
        nb["cells"].insert(index, code)
    _set(code, install_block(repository, ref)[:-1])
    return nb


def sync_readme(text: str, repository: str, ref: str) -> str:
    """The README with a badge column in its notebook table, rewritten."""
    def row(match):
        cells = match.group(0).split(" | ")
        notebook = re.search(r"\(notebooks/([^)]+\.ipynb)\)", cells[1]).group(1)
        return " | ".join(cells[:3] + [badges(notebook, repository, ref)] + cells[-1:])
    return re.sub(r"^\| \d\d \| \[.*\]\(notebooks/.*$", row, text, flags=re.M)


def sync(check: bool = False) -> list[str]:
    """Rewrite (or, with ``check``, only compare) every copy: the notebooks, their executed
    copies (outputs kept: the install cell has none in a clone, so a new ref needs no re-run)
    and the README; the stale files' names."""
    repository, ref = where()
    stale = []
    executed = sorted(path for profile in ("cpu", "full")    # the committed copies
                      for path in (REPO_ROOT / "results" / "executed" / profile).glob(
                          "[0-9][0-9]_*.ipynb"))
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")) + executed:
        text = path.read_text(encoding="utf-8")
        new = json.dumps(sync_notebook(json.loads(text), path.name, repository, ref),
                         indent=1, ensure_ascii=False) + "\n"
        if new != text:
            stale.append(path.relative_to(REPO_ROOT).as_posix())
            if not check:
                write_text(path, new)
    text = README.read_text(encoding="utf-8")
    new = sync_readme(text, repository, ref)
    if new != text:
        stale.append(README.name)
        if not check:
            write_text(README, new)
    return stale


def set_where(repository: str, ref: str) -> None:
    open_links("x.ipynb", repository, ref)          # refuses a non-GitHub URL before writing
    text = PYPROJECT.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^Repository = "[^"]*"', f'Repository = "{repository}"', text)
    text = re.sub(r'(?m)^ref = "[^"]*"', f'ref = "{ref}"', text)
    write_text(PYPROJECT, text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale copies")
    parser.add_argument("--repository", help="https://github.com/OWNER/NAME of your copy")
    parser.add_argument("--ref", help="the tag (or branch) badges and installs use")
    args = parser.parse_args(argv)
    if args.check and (args.repository or args.ref):
        parser.error("--check only reports: leave out --repository and --ref")
    if args.repository or args.ref:
        repository, ref = where()
        try:
            set_where(args.repository or repository, args.ref or ref)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    stale = sync(check=args.check)
    verb = "stale" if args.check else "rewritten"
    print(f"{verb}: {', '.join(stale)}" if stale else "every copy is up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
