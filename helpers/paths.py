"""Where things live: the repository, the notebooks, the data folder and Keras' weights cache.

The bottom of the ``helpers`` import graph: this module imports nothing from ``helpers``, so every
other module can import it without a cycle (``data``, ``audit``, ``results``,
``course.run_notebooks``).
Taught in notebook 00 (setup check), which shows where data and weights are looked for.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO_ROOT / "notebooks"


def data_dir() -> Path:
    """The data folder: ``$CNN_DATA_DIR`` or ``<repo>/data`` (read on every call)."""
    return Path(os.environ.get("CNN_DATA_DIR", REPO_ROOT / "data")).expanduser().resolve()


def keras_home() -> Path:
    """Keras' cache folder, where pretrained weights live: ``$KERAS_HOME`` or ``~/.keras``."""
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")).expanduser()


def shown_path(path) -> str:
    """``path`` as the course prints it: relative to the repository when inside it (``data``),
    else relative to the home folder (``~/...``), else as it is. Executed copies are read on GitHub
    and on the site, where the recording machine's absolute folders mean nothing."""
    path = Path(path).expanduser().resolve()
    for root, prefix in ((REPO_ROOT, ""), (Path.home().resolve(), "~/")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return str(path)
