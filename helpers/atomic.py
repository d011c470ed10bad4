"""Atomic file writes: every file ``helpers`` writes (data caches, converted images, scan caches,
saved models, results, model cards) goes to a temporary name in the same folder, then
``os.replace`` moves it into place. A reader never sees half a file, an interrupted run leaves no
truncated cache behind, and two processes writing the same file both succeed (the last one
wins). Imports nothing from ``helpers``. Notebook 04 writes its converted copies this way
(every lesson that saves a file relies on it)."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path`` (same suffix, so ``np.savez`` and ``model.save``
    keep their format) to write to; on success it replaces ``path``, on error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path, text: str) -> Path:
    """``Path.write_text``, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
