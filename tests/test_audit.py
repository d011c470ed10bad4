"""The folder audit (helpers.audit) at Animals-10 scale: its cache over thousands of generated files
and big-JPEG checks; and the image pipeline's streaming mode (helpers.images)."""
import io
import json
import os
import time
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image, ImageFile

from helpers import audit, images

CLASSES = ("cat", "dog", "horse", "spider", "squirrel")
PER_CLASS = 1000                                   # 5 x 1,000 = 5,000 files


def jpeg_bytes(colour, size=(24, 18)):
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=80)
    return buf.getvalue()


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    """5,000 tiny JPEGs in 5 class folders, one greyscale PNG (converted) and one broken file."""
    root = tmp_path_factory.mktemp("many") / "animals"
    for k, name in enumerate(CLASSES):
        (root / name).mkdir(parents=True)
        data = jpeg_bytes((40 * k, 200 - 30 * k, 90))
        for i in range(PER_CLASS - (2 if k == 0 else 0)):
            (root / name / f"{i:05d}.jpg").write_bytes(data)
    Image.new("L", (30, 30), 99).save(root / "cat" / "grey.png")
    (root / "cat" / "broken.jpg").write_bytes(b"\xff\xd8 not a jpeg")
    return root


class Counter:
    """Wraps ``audit._inspect`` and counts how many files were opened."""

    def __init__(self, monkeypatch):
        self.calls = 0
        self.real = audit._inspect
        monkeypatch.setattr(audit, "_inspect", self)

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


def same_result(a, b):
    return (a.files, a.labels, a.report, a.rows, a.class_names) == \
        (b.files, b.labels, b.report, b.rows, b.class_names)


def test_second_scan_of_5000_files_comes_from_the_cache(big_folder, data_home, monkeypatch,
                                                        capsys):
    counter = Counter(monkeypatch)
    start = time.perf_counter()
    first = audit.scan_image_folder(big_folder, progress=False)
    first_s = time.perf_counter() - start
    assert counter.calls == 5000 and first.inspected == 5000 and not first.from_cache
    assert len(first.files) == 4999 and first.report["broken"] == 1
    assert first.report["converted:greyscale"] == 1
    assert first.cache_path.parent == data_home / "_cache" and first.cache_path.exists()

    counter.calls = 0
    start = time.perf_counter()
    second = audit.scan_image_folder(big_folder, progress=False)
    second_s = time.perf_counter() - start
    assert counter.calls == 0 and second.inspected == 0 and second.from_cache
    assert same_result(first, second)
    assert "scan of animals: from cache (5,000 files" in capsys.readouterr().out
    # No file was opened the second time (counter.calls == 0): that is the cache's whole claim.
    # How much faster it is depends on the machine's load, so it is reported, not asserted.
    print(f"5,000 files: first scan {first_s:.2f} s, from cache {second_s:.2f} s")


def test_other_arguments_get_their_own_cache(big_folder, data_home, monkeypatch):
    audit.scan_image_folder(big_folder, progress=False)
    counter = Counter(monkeypatch)
    subset = audit.scan_image_folder(big_folder, progress=False, per_class=10)
    assert counter.calls == 50 and not subset.from_cache and len(subset.files) == 50
    renamed = audit.scan_image_folder(big_folder, {"cat": "gatto"}, progress=False, per_class=10)
    assert counter.calls == 100 and renamed.class_names[0] == "gatto"
    assert audit.scan_image_folder(big_folder, progress=False, per_class=10).from_cache


def test_per_class_cap_is_a_seeded_random_sample_not_the_first_names(tmp_path, data_home):
    """Names often follow something (the source, the date, the photographer): a cap that took the
    first N files by name would take a biased subset. Here, in each class, a_*.jpg are red and
    z_*.jpg blue, 50 of each: a cap of 10 must take both colours, the same seed the same files."""
    root = tmp_path / "balls"
    red, blue = jpeg_bytes((220, 20, 20)), jpeg_bytes((20, 20, 220))
    for name in ("big", "small"):
        (root / name).mkdir(parents=True)
        for i in range(50):
            (root / name / f"a_{i:02d}.jpg").write_bytes(red)
            (root / name / f"z_{i:02d}.jpg").write_bytes(blue)

    def sample(**kwargs):
        scan = audit.scan_image_folder(root, progress=False, per_class=10, **kwargs)
        return [Path(f).relative_to(root).as_posix() for f in scan.files]

    picked = sample(cache=False)
    for name in ("big", "small"):
        mine = [f for f in picked if f.startswith(f"{name}/")]
        assert len(mine) == 10 and mine == sorted(mine)              # listed in path order
        assert {f.split("/")[1][0] for f in mine} == {"a", "z"}      # red and blue
        with Image.open(root / mine[0]) as a, Image.open(root / mine[-1]) as z:
            assert a.getpixel((5, 5))[0] > 150 and z.getpixel((5, 5))[2] > 150
    big = [f.split("/")[1] for f in picked if f.startswith("big/")]
    small = [f.split("/")[1] for f in picked if f.startswith("small/")]
    assert big != small                                  # each class draws its own sample
    assert sample(cache=False) == picked                 # the same seed: the same files
    assert sample(seed=42) == picked and sample(seed=42) == picked    # also through the cache
    assert sample(seed=7, cache=False) != picked         # another seed: another sample
    assert sample(seed=7) != picked                      # ... and its own cache
    everything = audit.scan_image_folder(root, progress=False, per_class=100, cache=False)
    assert len(everything.files) == 200                  # a cap above the class size: all files
    assert everything.files == sorted(everything.files)


def small_folder(root, n=20):
    for name in ("a", "b"):
        (root / name).mkdir(parents=True)
        for i in range(n):
            (root / name / f"{i:03d}.jpg").write_bytes(jpeg_bytes((10 * i, 50, 200)))
    Image.new("RGBA", (30, 30), (0, 0, 255, 128)).save(root / "b" / "alpha.png")
    return root


def test_changed_added_and_removed_files_are_noticed(tmp_path, data_home, monkeypatch, capsys):
    root = small_folder(tmp_path / "pets")
    first = audit.scan_image_folder(root, progress=False)
    assert len(first.files) == 41
    counter = Counter(monkeypatch)

    touched = root / "a" / "003.jpg"                    # same bytes, new mtime
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    again = audit.scan_image_folder(root, progress=False)
    assert counter.calls == 1 and not again.from_cache and again.inspected == 1
    assert "1 modified" in capsys.readouterr().out

    (root / "a" / "003.jpg").write_bytes(b"now broken")  # modified: now reported broken
    (root / "b" / "new.jpg").write_bytes(jpeg_bytes((1, 2, 3)))
    (root / "b" / "000.jpg").unlink()
    again = audit.scan_image_folder(root, progress=False)
    assert counter.calls == 3 and not again.from_cache
    assert "1 added, 1 modified, 1 removed" in capsys.readouterr().out
    statuses = {r["path"].rsplit("/", 2)[-2] + "/" + r["path"].rsplit("/", 1)[-1]: r["status"]
                for r in again.rows}
    assert statuses["a/003.jpg"] == "broken" and statuses["b/new.jpg"] == "ok"
    assert "b/000.jpg" not in statuses and len(again.files) == 40

    # A removed file alone is a change too, and the result must match a scan without any cache.
    (root / "b" / "001.jpg").unlink()
    counter.calls = 0
    again = audit.scan_image_folder(root, progress=False)
    assert counter.calls == 0 and not again.from_cache and len(again.files) == 39
    fresh = audit.scan_image_folder(root, progress=False, cache=False)
    assert same_result(again, fresh)
    assert audit.scan_image_folder(root, progress=False).from_cache


def test_missing_converted_copy_is_made_again(tmp_path, data_home, monkeypatch, capsys):
    root = small_folder(tmp_path / "pets", n=2)
    first = audit.scan_image_folder(root, progress=False)
    copy = next(f for f in first.files if f.endswith("alpha.jpg"))
    assert copy.startswith(str(data_home / "_converted" / "pets"))
    os.remove(copy)
    counter = Counter(monkeypatch)
    again = audit.scan_image_folder(root, progress=False)
    assert counter.calls == 0 and again.from_cache and os.path.exists(copy)
    assert "re-made 1 missing or broken converted copies" in capsys.readouterr().out
    with Image.open(copy) as im:
        assert im.mode == "RGB"


def test_truncated_converted_copy_is_made_again(tmp_path, data_home, capsys):
    root = small_folder(tmp_path / "pets", n=2)
    copy = next(f for f in audit.scan_image_folder(root, progress=False).files
                if f.endswith("alpha.jpg"))
    whole = Path(copy).read_bytes()
    Path(copy).write_bytes(whole[: len(whole) // 2])        # as an interrupted copy would be
    capsys.readouterr()
    audit.scan_image_folder(root, progress=False)
    assert "re-made 1 missing or broken converted copies" in capsys.readouterr().out
    assert Path(copy).read_bytes() == whole


@pytest.mark.parametrize("damage", ["truncated", "garbage", "old format", "empty"])
def test_unreadable_cache_is_rebuilt_with_one_line(tmp_path, data_home, monkeypatch, capsys,
                                                   damage):
    root = small_folder(tmp_path / "pets", n=5)
    first = audit.scan_image_folder(root, progress=False)
    path = first.cache_path
    text = path.read_text()
    path.write_text({"truncated": text[: len(text) // 2], "garbage": "\x00\x01 not json",
                     "old format": json.dumps({"format": 0, "rows": []}),
                     "empty": ""}[damage])
    capsys.readouterr()
    counter = Counter(monkeypatch)
    again = audit.scan_image_folder(root, progress=False)
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith(f"scan cache {path} could not be read")
    assert out[0].endswith("rebuilding it")
    assert counter.calls == 11 and not again.from_cache and same_result(first, again)
    assert json.loads(path.read_text())["format"] == audit.SCAN_CACHE_FORMAT
    assert audit.scan_image_folder(root, progress=False).from_cache
    assert not list(path.parent.glob("*.tmp"))          # written atomically, no leftovers


def test_no_cache_when_asked(tmp_path, data_home):
    root = small_folder(tmp_path / "pets", n=2)
    scan = audit.scan_image_folder(root, progress=False, cache=False)
    assert scan.cache_path is None and not (data_home / "_cache").exists()


def photo_like_jpeg(path, size):
    """A JPEG with smooth colour and some noise, like a photo (not one flat colour)."""
    w, h = size
    rng = np.random.default_rng(0)
    small = Image.fromarray(rng.integers(0, 256, (h // 100, w // 100, 3), dtype=np.uint8))
    big = np.asarray(small.resize(size, Image.BICUBIC), dtype=np.int16)
    big = np.clip(big + rng.integers(-10, 11, big.shape, dtype=np.int16), 0, 255)
    Image.fromarray(big.astype(np.uint8)).save(path, "JPEG", quality=90)


def test_big_jpeg_keeps_its_size_and_truncation_is_still_caught(tmp_path, monkeypatch):
    path = tmp_path / "big.jpg"
    photo_like_jpeg(path, (3000, 2000))
    decoded_sizes = []
    real_load = ImageFile.ImageFile.load

    def spy_load(im):
        out = real_load(im)
        decoded_sizes.append(im.size)
        return out
    monkeypatch.setattr(ImageFile.ImageFile, "load", spy_load)
    assert audit._inspect(path, 16) == ("ok", 3000, 2000, "RGB", "JPEG")
    assert decoded_sizes and max(decoded_sizes) == (375, 250)   # decoded at 1/8 scale
    data = path.read_bytes()
    for keep in (0.3, 0.9, 0.999):                              # cut anywhere, even near the end
        (tmp_path / "cut.jpg").write_bytes(data[: int(len(data) * keep)])
        assert audit._inspect(tmp_path / "cut.jpg", 16)[0] == "broken", keep


def test_big_truncated_jpeg_is_skipped_by_the_scan(tmp_path, data_home):
    root = tmp_path / "photos"
    (root / "cat").mkdir(parents=True)
    photo_like_jpeg(root / "cat" / "whole.jpg", (3000, 2000))
    data = (root / "cat" / "whole.jpg").read_bytes()
    (root / "cat" / "cut.jpg").write_bytes(data[: len(data) - 5000])
    scan = audit.scan_image_folder(root, progress=False)
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in scan.rows}
    assert rows["cut.jpg"]["status"] == "broken" and rows["cut.jpg"]["used"] is None
    assert (rows["whole.jpg"]["width"], rows["whole.jpg"]["height"]) == (3000, 2000)
    assert scan.files == [str(root / "cat" / "whole.jpg")]


def test_streaming_dataset_yields_the_same_batches(tmp_path):
    root = small_folder(tmp_path / "pets", n=5)
    files = sorted(str(p) for p in root.rglob("*.jpg"))
    labels = list(range(len(files)))
    kept = images.image_dataset(files, labels, 16, 4)
    streamed = images.image_dataset(files, labels, 16, 4, cache=False)
    graph = (lambda ds: tf.raw_ops.DatasetToGraphV2(input_dataset=ds._variant_tensor).numpy())
    assert b"CacheDataset" in graph(kept) and b"CacheDataset" not in graph(streamed)
    for (xa, ya), (xb, yb) in zip(kept, streamed):
        np.testing.assert_array_equal(xa.numpy(), xb.numpy())
        np.testing.assert_array_equal(ya.numpy(), yb.numpy())
