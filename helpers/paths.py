"""Where things live: the repository, the notebooks, the data folder and Keras' weights cache.

The bottom of the ``helpers`` import graph: this module imports nothing from ``helpers``, so every
other module can import it without a cycle (``data``, ``audit``, ``results``,
``course.run_notebooks``).
Taught in notebook 00 (setup check), which shows where data and weights are looked for.
"""
from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
# A clone of the repository (``pip install -e .``) keeps data and results in the clone. A package
# installed from GitHub (Colab, Kaggle: the notebooks' first cell) lives in site-packages, where a
# student would never look: there they go to ``$CNN_COURSE_HOME``, else ``cnn-course/`` in the
# folder the notebook started in (Colab's file pane shows it; Kaggle keeps it as output).
DIST = "cnn-course-helpers"      # the package's distribution name (pip, importlib.metadata)
IN_CHECKOUT = (REPO_ROOT / "pyproject.toml").is_file() and NOTEBOOK_DIR.is_dir()
COURSE_DIR = REPO_ROOT if IN_CHECKOUT else Path(
    os.environ.get("CNN_COURSE_HOME", Path.cwd() / "cnn-course")).expanduser().resolve()


def data_dir() -> Path:
    """The data folder: ``$CNN_DATA_DIR``, else ``data/`` in the course folder (read on every
    call)."""
    return Path(os.environ.get("CNN_DATA_DIR", COURSE_DIR / "data")).expanduser().resolve()


def keras_home() -> Path:
    """Keras' cache folder, where pretrained weights live: ``$KERAS_HOME`` or ``~/.keras``."""
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")).expanduser()


def shown_path(path) -> str:
    """``path`` as the course prints it: relative to the course folder when inside it (``data``),
    else relative to the home folder (``~/...``), else as it is. Executed copies are read on GitHub
    and on the site, where the recording machine's absolute folders mean nothing."""
    path = Path(path).expanduser().resolve()
    here = COURSE_DIR if IN_CHECKOUT else Path.cwd().resolve()   # installed: the working folder
    for root, prefix in ((here, ""), (Path.home().resolve(), "~/")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return str(path)


def help_link() -> str:
    """TROUBLESHOOTING.md: its path in a clone, else its page in the repository the helpers were
    installed from (the package's ``Repository`` URL)."""
    if IN_CHECKOUT:
        return "TROUBLESHOOTING.md"
    try:
        urls = importlib.metadata.metadata(DIST).get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        urls = []
    repository = next((u.split(", ", 1)[1] for u in urls if u.startswith("Repository")), None)
    return f"{repository}/blob/main/TROUBLESHOOTING.md" if repository else "TROUBLESHOOTING.md"
