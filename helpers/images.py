"""Image folders: scan a class-folder dataset for bad files, read and resize images, and build
the cached ``tf.data`` pipeline that notebook 04 builds step by step."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


@dataclass
class FolderScan:
    """Result of scanning a class-folder dataset.

    ``files``/``labels`` are the usable images (converted copies where needed); ``report`` counts
    each kind of file found; ``rows`` has one dict per file (path, class, size, mode, status, and
    ``used``: the file actually read, or None if skipped).
    """
    root: Path
    class_names: list
    files: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    report: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)

    def frame(self):
        """All files as a pandas DataFrame (one row per file)."""
        import pandas as pd
        return pd.DataFrame(self.rows)


def _inspect(path: Path, min_side: int):
    """Open one file with Pillow: (status, width, height, mode, format)."""
    from PIL import Image, UnidentifiedImageError

    if path.suffix.lower() not in IMAGE_EXTENSIONS:
        return "non-image", None, None, None, None
    try:
        with Image.open(path) as im:
            im.verify()                          # cheap structural check
        with Image.open(path) as im:
            im.load()                            # full decode: catches truncated files
            w, h, mode, fmt = im.width, im.height, im.mode, im.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "broken", None, None, None, None
    if min(w, h) < min_side:
        return "tiny", w, h, mode, fmt
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
    """Write an RGB JPEG copy of ``path`` (alpha composited on white) to ``dest``."""
    from PIL import Image

    dest.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(path) as im:
        if im.mode in ("RGBA", "LA", "PA", "P"):
            im = im.convert("RGBA")
            bg = Image.new("RGB", im.size, (255, 255, 255))
            bg.paste(im, mask=im.getchannel("A"))
            im = bg
        elif im.mode in ("I;16", "I"):
            im = im.point(lambda v: v / 256).convert("L").convert("RGB")
        else:
            im = im.convert("RGB")
        im.save(dest, "JPEG", quality=95)


def scan_image_folder(root, class_names: dict | None = None, min_side: int = 16,
                      converted_dir=None, progress: bool = True,
                      per_class: int | None = None) -> FolderScan:
    """Scan ``root/<class>/**`` and sort every file into usable or skipped, never mislabelling.

    - class = the first-level folder name (optionally renamed through ``class_names``);
      files directly in ``root`` belong to no class and are reported as ``unlabelled``;
    - greyscale, CMYK, RGBA/palette and other modes are converted to RGB JPEG copies in
      ``converted_dir`` (default ``<data_dir>/_converted/<root name>``); the label stays the folder's;
    - non-image, broken (undecodable or truncated) and tiny (short side < ``min_side``) files are
      skipped. ``report`` counts every status.

    ``per_class`` scans only the first N files (sorted by name) of each class: a quick subset.
    """
    from tqdm.auto import tqdm

    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"No image folder at {root}.")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    names = [(class_names or {}).get(p.name, p.name) for p in folders]
    if converted_dir is None:
        from .data import data_dir
        converted_dir = data_dir() / "_converted" / root.name
    converted_dir = Path(converted_dir)
    scan = FolderScan(root, names)
    report = {"ok": 0}
    all_files = [(p, None) for p in sorted(root.iterdir()) if p.is_file()]
    for label, folder in enumerate(folders):
        all_files += [(p, label) for p in sorted(folder.rglob("*")) if p.is_file()][:per_class]
    for path, label in tqdm(all_files, desc=f"scanning {root.name}", disable=not progress,
                            mininterval=2):
        status, w, h, mode, fmt = _inspect(path, min_side)
        if label is None:
            status = "unlabelled"
        report[status] = report.get(status, 0) + 1
        use = path
        if status.startswith("converted"):
            use = converted_dir / path.relative_to(root).with_suffix(".jpg")
            if not use.exists():
                _convert(path, use)
        usable = status == "ok" or status.startswith("converted")
        if usable:
            scan.files.append(str(use))
            scan.labels.append(label)
        scan.rows.append({"path": str(path), "class": None if label is None else names[label],
                          "status": status, "width": w, "height": h, "mode": mode,
                          "format": fmt, "ext": path.suffix.lower(),
                          "used": str(use) if usable else None})
    scan.report = report
    return scan


def load_image(path, image_size: int, mode: str = "crop"):
    """Read one image file as a float32 tensor of shape (image_size, image_size, 3), values 0-255.

    ``mode`` keeps or drops the aspect ratio: ``"crop"`` takes the central square,
    ``"pad"`` letterboxes with black, ``"stretch"`` distorts the image to a square."""
    import tensorflow as tf

    img = tf.io.decode_image(tf.io.read_file(path), channels=3, expand_animations=False)
    if mode == "crop":
        h, w = tf.shape(img)[0], tf.shape(img)[1]
        side = tf.minimum(h, w)
        img = tf.image.crop_to_bounding_box(img, (h - side) // 2, (w - side) // 2, side, side)
    if mode == "pad":
        return tf.image.resize_with_pad(img, image_size, image_size, antialias=True)
    return tf.image.resize(img, (image_size, image_size), antialias=True)


def image_dataset(files, labels, image_size: int, batch_size: int, shuffle: bool = False,
                  seed: int = 42, mode: str = "crop"):
    """A ``tf.data`` pipeline over image files: parallel decode and resize (``load_image``),
    cache the resized images in memory as uint8, shuffle (training only), batch, prefetch.
    Batches are float32 images in 0-255 and integer labels; models normalise inside."""
    import tensorflow as tf

    autotune = tf.data.AUTOTUNE
    ds = tf.data.Dataset.from_tensor_slices((list(map(str, files)), list(labels)))
    ds = ds.map(lambda f, y: (tf.cast(tf.round(load_image(f, image_size, mode)), tf.uint8), y),
                num_parallel_calls=autotune).cache()
    if shuffle:
        ds = ds.shuffle(len(files), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size).map(lambda x, y: (tf.cast(x, tf.float32), y)).prefetch(autotune)
