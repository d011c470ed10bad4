"""Keep executed notebooks small: small enough to commit, to mail or to serve as a site.

``compact(nb)`` re-encodes every PNG output as an 8-bit palette PNG, after scaling it down to at
most ``MAX_WIDTH`` pixels wide: Matplotlib's plots have few colours, so they read the same at a
third of the bytes or less. A re-encoding that comes out larger is not kept. Outputs are never
dropped, and code cells are not touched. ``cnn-run`` applies it to every executed copy; on
existing copies: ``python -m helpers.course.compact results/executed/cpu/*.ipynb``.
"""
from __future__ import annotations

import base64
import io
import sys
from pathlib import Path

MAX_WIDTH = 1100          # pixels: sharp on a laptop screen at a notebook's column width


def compact_png(data: bytes, max_width: int = MAX_WIDTH) -> bytes:
    """``data`` (a PNG) scaled to at most ``max_width`` pixels wide and palette-encoded, or
    ``data`` itself when that is not smaller."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        if img.width > max_width:
            img = img.resize((max_width, round(img.height * max_width / img.width)),
                             Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        img.quantize(256, method=Image.Quantize.MEDIANCUT).save(buf, "PNG", optimize=True)
    return buf.getvalue() if buf.tell() < len(data) else data


def compact(nb) -> int:
    """Compact every PNG output of ``nb`` in place; returns the bytes saved."""
    saved = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" not in data:
                continue
            raw = base64.b64decode(data["image/png"])
            small = compact_png(raw)
            if len(small) < len(raw):
                data["image/png"] = base64.b64encode(small).decode("ascii")
                out.get("metadata", {}).pop("image/png", None)     # old width/height hints
                saved += len(raw) - len(small)
    return saved


def main(argv=None) -> int:
    import nbformat

    from ..atomic import atomic_path

    for name in (sys.argv[1:] if argv is None else argv):
        path = Path(name)
        nb = nbformat.read(path, as_version=4)
        saved = compact(nb)
        with atomic_path(path) as tmp:
            nbformat.write(nb, tmp)
        print(f"{path.name}: {saved / 1e6:.2f} MB saved, {path.stat().st_size / 1e6:.2f} MB now")
    return 0


if __name__ == "__main__":
    sys.exit(main())
