"""A hosted runtime (Colab, Kaggle, a fresh environment): add the packages the notebooks need that
the runtime lacks, at the course's pinned versions, and say what was done in one line.

Every notebook's first code cell runs it right after installing the helpers, and only then (a
clone with ``pip install -r requirements.txt`` never runs it):

    %pip install -q --no-deps git+https://github.com/OWNER/cnn-course@v0.2.0
    %run -m helpers.course.hosted

A package the runtime already has is kept at its version, whatever it is: Colab's TensorFlow is
built for its GPU and is never replaced; ``helpers.setup()`` says in one line when it is older than
the course supports. The pins are ``pyproject.toml``'s ``notebooks`` extra (equal to
``requirements.txt``'s, a test checks).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys

from ..paths import DIST, help_link

# distribution -> the module it provides, where the names differ (a runtime's opencv-python
# provides cv2 as well as opencv-python-headless does, so cv2 is what is looked for)
MODULE = {"opencv-python-headless": "cv2", "scikit-learn": "sklearn", "pillow": "PIL",
          "keras-tuner": "keras_tuner", "ai-edge-litert": "ai_edge_litert",
          "python-multipart": "python_multipart"}


def pins(dist: str = DIST) -> list[str]:
    """``name==version`` of every package in the distribution's ``notebooks`` extra."""
    return [req.split(";")[0].strip() for req in importlib.metadata.requires(dist) or []
            if re.search(r"""extra\s*==\s*["']notebooks["']""", req)]


def missing(requirements: list[str]) -> list[str]:
    """The requirements whose module cannot be imported here."""
    return [req for req in requirements
            if importlib.util.find_spec(MODULE.get(req.split("==")[0], req.split("==")[0])) is None]


def source(dist: str = DIST) -> str:
    """Where the helpers were installed from: the URL and ref pip recorded (PEP 610)."""
    try:
        info = json.loads(importlib.metadata.distribution(dist).read_text("direct_url.json"))
    except (TypeError, ValueError):
        return "an index"
    ref = info.get("vcs_info", {}).get("requested_revision")
    return info["url"] + (f"@{ref}" if ref else "")


def main() -> int:
    todo = missing(pins())
    if todo:
        done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", *todo])
        if done.returncode:
            print(f"course: could not install {' '.join(todo)} (pip's message is above; the "
                  f"usual causes: {help_link()})")
            return done.returncode
    added = f"added {', '.join(todo)}" if todo else "the runtime had every package it needs"
    version = importlib.metadata.version(DIST)
    print(f"course: installed its helpers {version} from {source()}; {added}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
