"""The audit of a class-folder dataset that notebook 04 teaches: open every file, sort out the
broken, tiny, non-image and odd-mode ones (converted copies for those that can be saved), and
cache what was found on disk so that the next run opens only what changed.
``scan_image_folder`` applies 04's ``file_status`` rules (tests/test_lessons_04.py keeps them
equal); ``helpers.data.animals_split`` calls it for notebooks 05, 07, 10 and 11."""
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from .images import to_rgb

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


@dataclass
class FolderScan:
    """Result of scanning a class-folder dataset.

    ``files``/``labels`` are the usable images (converted copies where needed); ``report`` counts
    each kind of file found; ``rows`` has one dict per file (path, class, size, mode, status, and
    ``used``: the file actually read, or None if skipped). ``from_cache`` is True when no file had
    to be opened (all came from the scan cache); ``inspected`` counts the files opened this time.
    """
    root: Path
    class_names: list
    files: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    report: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)
    from_cache: bool = False
    inspected: int = 0
    cache_path: Path | None = None

    def frame(self):
        """All files as a pandas DataFrame (one row per file)."""
        import pandas as pd
        return pd.DataFrame(self.rows)


# Formats decoded at 1/8 scale by ``Image.draft`` (libjpeg's DCT scaling): the whole compressed
# stream is still read, so a truncated file still fails, but a 6000x4000 photo decodes ~10x faster.
DRAFT_FORMATS = ("JPEG", "MPO")


def class_folders(root: Path) -> list[Path]:
    """The class folders of a dataset, in label order: ``root``'s visible sub-folders, sorted."""
    return sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith("."))


def _inspect(path: Path, min_side: int):
    """Open one file with Pillow: (status, width, height, mode, format), original width/height.
    The rules of notebook 04's ``file_status`` (tests/test_lessons_04.py keeps them equal), plus
    two things for speed and strictness: JPEGs decode at 1/8 scale (every byte is still read) and
    other formats also pass Pillow's ``verify()`` (PNG: chunk checksums)."""
    from PIL import Image, UnidentifiedImageError

    if path.suffix.lower() not in IMAGE_EXTENSIONS:
        return "non-image", None, None, None, None
    try:
        with Image.open(path) as im:
            w, h, mode, fmt = im.width, im.height, im.mode, im.format
            if fmt in DRAFT_FORMATS:
                im.draft(None, (max(1, w // 8), max(1, h // 8)))   # decode at reduced scale
                im.load()                        # reads every byte: catches truncated files
                orientation = im.getexif().get(0x0112, 1)          # EXIF: phones' photos
            else:
                im.verify()                      # structural check (PNG: chunk checksums)
        if fmt not in DRAFT_FORMATS:
            with Image.open(path) as im:         # verify() leaves the image unusable: reopen
                im.load()                        # full decode: catches truncated files
                orientation = im.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "broken", None, None, None, None
    if min(w, h) < min_side:
        return "tiny", w, h, mode, fmt
    if orientation in range(2, 9):               # stored sideways: an upright copy is used
        return "converted:rotated", w, h, mode, fmt
    if mode == "RGB" and fmt in ("JPEG", "PNG", "BMP", "GIF"):
        return "ok", w, h, mode, fmt
    if mode in ("L", "LA", "I;16", "I"):
        return "converted:greyscale", w, h, mode, fmt
    if mode == "CMYK":
        return "converted:cmyk", w, h, mode, fmt
    if mode in ("RGBA", "PA") or (mode == "P" and fmt == "PNG"):
        return "converted:rgba/palette", w, h, mode, fmt
    return "converted:other", w, h, mode, fmt


def _convert(path: Path, dest: Path):
    """Write an upright RGB JPEG copy of ``path`` (EXIF orientation applied, alpha composited on
    white) to ``dest``, atomically."""
    from PIL import Image, ImageOps

    from .atomic import atomic_path

    with Image.open(path) as im, atomic_path(dest) as tmp:     # never a half-written copy
        to_rgb(ImageOps.exif_transpose(im)).save(tmp, "JPEG", quality=95)


def _copy_is_whole(dest: Path) -> bool:
    """Whether a converted copy decodes to its last byte (at 1/8 scale: cheap)."""
    from PIL import Image

    try:
        with Image.open(dest) as im:
            im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
        return True
    except (OSError, SyntaxError, ValueError):
        return False


# --------------------------------------------------------------------------- scan cache
# One JSON file per (folder, scan arguments) under <data dir>/_cache. It stores, for every file
# scanned, its size and mtime_ns next to what Pillow found; a file whose size or mtime changed
# (or a new one) is opened again, a removed one drops out. Written to a temporary name, then
# moved into place; a file that cannot be read is rebuilt, with one printed line saying so.
SCAN_CACHE_FORMAT = 2                    # 2: EXIF-rotated photos get an upright copy


def _files_under(folder: str, prefix: str, recursive: bool = True):
    """[(relative path, size, mtime_ns)] of every file below ``folder``, sorted like
    ``sorted(Path(folder).rglob("*"))`` (by path components; symlinked folders not entered).
    ``os.scandir`` and plain strings: ~10x faster than pathlib on 26k files."""
    found, stack = [], [(folder, prefix)]
    while stack:
        path, rel = stack.pop()
        with os.scandir(path) as entries:
            for e in entries:
                name = f"{rel}/{e.name}" if rel else e.name
                try:
                    if e.is_dir(follow_symlinks=False):
                        if recursive:
                            stack.append((e.path, name))
                        continue
                    st = e.stat()                # follows a link to a file
                except OSError:                  # a dangling link: not a file
                    continue
                if stat.S_ISREG(st.st_mode):
                    found.append((name, st.st_size, st.st_mtime_ns))
    return sorted(found, key=lambda item: item[0].split("/"))


def _list_files(root: Path, folders: list, per_class: int | None, seed: int = 42):
    """[(relative path, label, size, mtime_ns)] in scan order: files directly in ``root`` (label
    None), then each class folder's files, recursively, sorted by path.

    With ``per_class``, a class with more files than that keeps a seeded random sample of
    ``per_class`` of them (``numpy.random.default_rng([seed, label]).choice`` without
    replacement), listed in path order: the same seed and folder always give the same sample, and
    one class's sample does not depend on the other classes. Not the first N by name: names often
    follow the download order, the source or the date, so the first N can be a biased subset."""
    import numpy as np

    listing = [(rel, None, size, mtime)
               for rel, size, mtime in _files_under(str(root), "", recursive=False)]
    for label, folder in enumerate(folders):
        found = _files_under(str(folder), folder.name)
        if per_class is not None and len(found) > per_class:
            keep = np.random.default_rng([seed, label]).choice(len(found), per_class,
                                                               replace=False)
            found = [found[i] for i in sorted(keep)]
        listing += [(rel, label, size, mtime) for rel, size, mtime in found]
    return listing


def _cache_file(cache_dir: Path, key: dict) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir / f"scan-{digest}.json"


def _read_cache(path: Path, key: dict) -> dict:
    """The cached entries {relative path: [size, mtime_ns, status, w, h, mode, format]}, or {}."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
        if data.get("format") != SCAN_CACHE_FORMAT or data.get("key") != key:
            raise ValueError("old format or different scan arguments")
        entries = data["entries"]
        if not all(isinstance(v, list) and len(v) == 7 for v in entries.values()):
            raise ValueError("malformed entries")
        return entries
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        print(f"scan cache {path} could not be read ({type(err).__name__}: "
              f"{str(err)[:80]}): rebuilding it")
        return {}


def _write_cache(path: Path, key: dict, entries: dict):
    from .atomic import write_text

    write_text(path, json.dumps({"format": SCAN_CACHE_FORMAT, "key": key, "entries": entries}))


def scan_image_folder(root, class_names: dict | None = None, min_side: int = 16,
                      converted_dir=None, progress: bool = True,
                      per_class: int | None = None, cache: bool = True,
                      seed: int = 42) -> FolderScan:
    """Scan ``root/<class>/**`` and sort every file into usable or skipped, never mislabelling.

    Notebook 04 teaches the rules that decide, for one file, whether it is usable as is,
    converted, or skipped as non-image, broken or tiny, in its own cells (its ``file_status``).
    This function applies the same rules (``_inspect``) to every file of a folder, with a cache:

    - class = the first-level folder name (optionally renamed through ``class_names``);
      files directly in ``root`` belong to no class and are reported as ``unlabelled``;
    - photos stored sideways with an EXIF orientation tag (phones), greyscale, CMYK,
      RGBA/palette and other modes are converted to upright RGB JPEG copies in
      ``converted_dir`` (default ``<data_dir>/_converted/<root name>``); the label stays the
      folder's;
    - non-image, broken (undecodable or truncated) and tiny (short side < ``min_side``) files are
      skipped. ``report`` counts every status. Every file is decoded to catch truncation; JPEGs
      at 1/8 scale (``Image.draft``), which still reads every byte but is ~2x faster on big
      photos. Widths and heights are always the original ones.

    ``per_class`` scans at most N files of each class: a seeded random sample (``seed``, the
    course's 42 by default; the same seed gives the same files), never the first N by name.

    ``cache``: what Pillow found is kept in ``<data_dir>/_cache/scan-<hash>.json`` (one per folder
    and arguments), with each file's size and mtime. The next scan opens only the files that are
    new or changed since (none: ``from_cache`` is True and one line says so), and re-makes any
    converted copy that has gone missing.
    """
    from tqdm.auto import tqdm

    from .paths import data_dir  # paths, not data: data imports this module (no cycle)

    start = time.perf_counter()
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"No image folder at {root}.")
    folders = class_folders(root)
    names = [(class_names or {}).get(p.name, p.name) for p in folders]
    converted_dir = Path(converted_dir or data_dir() / "_converted" / root.name).resolve()
    key = {"root": str(root), "class_names": sorted(map(list, (class_names or {}).items())),
           "min_side": min_side, "per_class": per_class, "converted_dir": str(converted_dir)}
    if per_class is not None:
        key["sample_seed"] = seed             # another seed samples other files
    cache_path = _cache_file(data_dir() / "_cache", key) if cache else None
    cached = _read_cache(cache_path, key) if cache else {}
    listing = _list_files(root, folders, per_class, seed)
    entries, todo = {}, []
    for rel, label, size, mtime in listing:
        old = cached.get(rel)
        if old is not None and old[:2] == [size, mtime]:
            entries[rel] = old
        else:
            todo.append((rel, size, mtime))
    for rel, size, mtime in tqdm(todo, desc=f"scanning {root.name}", mininterval=2,
                                 disable=not (progress and todo)):
        entries[rel] = [size, mtime, *_inspect(root / rel, min_side)]
    changed = {rel for rel, *_ in todo}

    scan = FolderScan(root, names, inspected=len(todo), cache_path=cache_path)
    report = {"ok": 0}
    remade = 0
    for rel, label, size, mtime in listing:
        status, w, h, mode, fmt = entries[rel][2:]
        if label is None:
            status = "unlabelled"
        report[status] = report.get(status, 0) + 1
        use = path = f"{root}/{rel}"
        if status.startswith("converted"):
            dest = converted_dir / Path(rel).with_suffix(".jpg")
            if not dest.exists() or (rel in changed and dest.stat().st_mtime_ns < mtime) \
                    or not _copy_is_whole(dest):
                _convert(Path(path), dest)
                remade += rel not in changed
            use = str(dest)
        usable = status == "ok" or status.startswith("converted")
        if usable:
            scan.files.append(use)
            scan.labels.append(label)
        scan.rows.append({"path": path, "class": None if label is None else names[label],
                          "status": status, "width": w, "height": h, "mode": mode,
                          "format": fmt, "ext": os.path.splitext(rel)[1].lower(),
                          "used": use if usable else None})
    scan.report = report
    added = sum(rel not in cached for rel in changed)
    removed = len(cached.keys() - entries.keys())
    scan.from_cache = bool(cached) and not todo and not removed
    if cache and (todo or removed or not cache_path.exists()):
        _write_cache(cache_path, key, entries)
    seconds = time.perf_counter() - start
    if scan.from_cache:
        extra = f"; re-made {remade} missing or broken converted copies" if remade else ""
        print(f"scan of {root.name}: from cache ({len(listing):,} files, {seconds:.1f} s{extra})")
    elif cached:
        print(f"scan of {root.name}: folder changed since the cached scan ({added} added, "
              f"{len(todo) - added} modified, {removed} removed); opened {len(todo):,} of "
              f"{len(listing):,} files ({seconds:.1f} s)")
    return scan
