"""The data layer on tiny folders made here: CIFAR-10 layout, bad files, Animals-10 names, the
split, and caches written atomically."""
import numpy as np
import pytest
from PIL import Image

from helpers import audit, data

# One distinct colour per CIFAR class, so labels can be checked after decoding and shuffling.
COLOURS = [(25 * i, 255 - 25 * i, (80 * i) % 256) for i in range(10)]


def make_cifar_folders(root, per_class):
    for split, n in per_class.items():
        for name, colour in zip(data.CIFAR10_CLASSES, COLOURS):
            d = root / "cifar10" / split / name
            d.mkdir(parents=True)
            for i in range(n):
                Image.new("RGB", (32, 32), colour).save(d / f"{i:04d}.jpg", quality=100)


def test_cifar_from_folders_keeps_labels_and_caches(data_home):
    make_cifar_folders(data_home, {"train": 10, "test": 4})
    c = data.load_cifar10(val_fraction=0.2)
    assert c.x_train.shape == (80, 32, 32, 3) and c.x_val.shape == (20, 32, 32, 3)
    assert c.x_test.shape == (40, 32, 32, 3) and c.x_train.dtype == np.uint8
    for x, y in [(c.x_train, c.y_train), (c.x_val, c.y_val), (c.x_test, c.y_test)]:
        mean_colour = x.reshape(len(x), -1, 3).mean(axis=1)
        expected = np.array(COLOURS)[y]
        assert np.abs(mean_colour - expected).max() < 6       # JPEG drift only
    assert np.bincount(c.y_val, minlength=10).tolist() == [2] * 10   # stratified
    assert (data_home / "cifar10.npz").exists()
    # The cache is used next time, even with the folders gone.
    for f in (data_home / "cifar10").rglob("*.jpg"):
        f.unlink()
    again = data.load_cifar10(n_train=50, n_test=20, val_fraction=0.2)
    assert len(again.y_train) == 40 and len(again.y_test) == 20
    assert np.bincount(again.y_test, minlength=10).tolist() == [2] * 10


def test_cifar_missing_gives_one_clear_error(data_home, monkeypatch):
    import keras

    def offline():
        raise OSError("network unreachable")
    monkeypatch.setattr(keras.datasets.cifar10, "load_data", offline)
    with pytest.raises(data.DataNotFoundError) as err:
        data.load_cifar10()
    msg = str(err.value)
    assert str(data_home / "cifar10") in msg and "fetch cifar10 --from" in msg
    assert "keras.datasets.cifar10" in msg


def make_bad_folder(root):
    """Two classes with one file of every kind; returns {file name: expected status}."""
    (root / "cat").mkdir(parents=True)
    (root / "dog" / "nested").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 10, 10)).save(root / "cat" / "ok.jpg")
    Image.new("L", (40, 40), 128).save(root / "cat" / "grey.png")
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(root / "cat" / "cmyk.jpg")
    Image.new("RGBA", (40, 40), (0, 0, 255, 128)).save(root / "dog" / "rgba.png")
    Image.new("P", (40, 40), 3).save(root / "dog" / "palette.png")
    Image.new("RGB", (8, 8)).save(root / "dog" / "tiny.jpg")
    Image.new("RGB", (40, 40), (0, 200, 0)).save(root / "dog" / "nested" / "deep.jpg")
    full = root / "dog" / "full.jpg"
    Image.new("RGB", (200, 200), (9, 9, 9)).save(full)
    (root / "dog" / "truncated.jpg").write_bytes(full.read_bytes()[:300])
    (root / "dog" / "not_really.jpg").write_text("this is not an image")
    (root / "cat" / "notes.txt").write_text("hello")
    (root / "cat" / ".DS_Store").write_bytes(b"\x00\x01")
    Image.new("RGB", (40, 40)).save(root / "orphan.jpg")
    return {"ok.jpg": "ok", "grey.png": "converted:greyscale", "cmyk.jpg": "converted:cmyk",
            "rgba.png": "converted:rgba/palette", "palette.png": "converted:rgba/palette",
            "tiny.jpg": "tiny", "deep.jpg": "ok", "full.jpg": "ok", "truncated.jpg": "broken",
            "not_really.jpg": "broken", "notes.txt": "non-image", ".DS_Store": "non-image",
            "orphan.jpg": "unlabelled"}


def test_scan_counts_converts_and_never_mislabels(tmp_path, data_home):
    expected = make_bad_folder(tmp_path / "pets")
    scan = audit.scan_image_folder(tmp_path / "pets", converted_dir=tmp_path / "conv",
                                  progress=False)
    assert scan.class_names == ["cat", "dog"]
    got = {r["path"].rsplit("/", 1)[-1]: r["status"] for r in scan.rows}
    assert got == expected
    counts = {}
    for status in expected.values():
        counts[status] = counts.get(status, 0) + 1
    assert scan.report == counts
    usable = {f.rsplit("/", 1)[-1].rsplit(".", 1)[0]: scan.class_names[label]
              for f, label in zip(scan.files, scan.labels)}
    assert usable == {"ok": "cat", "grey": "cat", "cmyk": "cat", "rgba": "dog",
                      "palette": "dog", "deep": "dog", "full": "dog"}
    for f in scan.files:                       # every usable file decodes as RGB
        with Image.open(f) as im:
            assert im.mode == "RGB"
    with Image.open(tmp_path / "conv" / "dog" / "rgba.jpg") as im:
        r, g, b = im.getpixel((5, 5))
        assert b > 200 and 100 < r < 160        # blue at half alpha over white


def test_find_animals_prefers_real_and_translates(data_home):
    with pytest.raises(data.DataNotFoundError, match="kaggle.com/datasets/alessiocorrado99"):
        data.find_animals()
    (data_home / "animals3" / "cats").mkdir(parents=True)
    src = data.find_animals()
    assert src.is_standin and "STAND-IN" in src.description
    for italian in ("cane", "gatto"):
        (data_home / "animals10" / "raw-img" / italian).mkdir(parents=True)
        Image.new("RGB", (64, 64)).save(data_home / "animals10" / "raw-img" / italian / "a.jpg")
    src = data.find_animals()
    assert not src.is_standin
    scan = audit.scan_image_folder(src.root, src.class_names, progress=False)
    assert scan.class_names == ["dog", "cat"]     # folder order cane, gatto -> English


def make_animals(root, per_class):
    """An animals3-like folder: {class name: number of images}, one colour per class."""
    for (name, n), colour in zip(per_class.items(), COLOURS):
        d = root / "animals3" / name
        d.mkdir(parents=True)
        for i in range(n):
            Image.new("RGB", (24, 20), colour).save(d / f"{i:03d}.jpg")


def test_animals_split_is_stratified_disjoint_and_fixed(data_home):
    make_animals(data_home, {"cats": 40, "dogs": 40, "panda": 20})
    s = data.animals_split(progress=False)
    assert (len(s.train_files), len(s.val_files), len(s.test_files)) == (70, 15, 15)
    parts = [s.train_files, s.val_files, s.test_files]
    assert sorted(sum(parts, [])) == sorted(s.scan.files)            # disjoint, nothing lost
    assert np.bincount(s.test_labels).tolist() == [6, 6, 3]          # each class's share kept
    assert np.bincount(s.val_labels).tolist() == [6, 6, 3]
    for files, labels in [(s.train_files, s.train_labels), (s.test_files, s.test_labels)]:
        assert all(s.class_names[y] in f for f, y in zip(files, labels))   # labels travel along
    again = data.animals_split(progress=False)
    assert again.test_files == s.test_files and again.train_files == s.train_files
    other = data.animals_split(seed=1, progress=False)
    assert other.test_files != s.test_files
    weights = s.class_weights()                                       # 'balanced': n/(k*n_c)
    assert weights == pytest.approx({0: 70 / (3 * 28), 1: 70 / (3 * 28), 2: 70 / (3 * 14)})


def test_profile_image_budget_caps_each_class(data_home):
    import dataclasses

    from helpers.profile import PROFILES

    cpu, smoke, full = PROFILES["cpu"], PROFILES["smoke"], PROFILES["full"]
    assert cpu.animals_cap(3) == 1000 and cpu.animals_cap(10) == 300      # stand-in, Animals-10
    assert smoke.animals_cap(10) == 40 and full.animals_cap(10) is None
    make_animals(data_home, {"cats": 30, "dogs": 25, "panda": 12})
    tight = dataclasses.replace(cpu, animals_images=60)                  # 20 per class
    s = data.animals_split(tight, progress=False)
    assert s.per_class == 20
    counts = np.bincount(np.concatenate([s.train_labels, s.val_labels, s.test_labels]))
    assert counts.tolist() == [20, 20, 12]
    assert data.animals_split(7, progress=False).per_class == 7
    assert len(data.animals_split(progress=False).scan.files) == 67       # no cap: all of them


# --------------------------------------------------------------------------- caches that heal

@pytest.mark.parametrize("damage", ["truncated", "garbage", "old format"])
def test_unreadable_cifar_cache_is_rebuilt_with_one_line(data_home, capsys, damage):
    make_cifar_folders(data_home, {"train": 2, "test": 1})
    first = data.load_cifar10(val_fraction=0.5)
    cache = data_home / "cifar10.npz"
    whole = cache.read_bytes()
    cache.write_bytes({"truncated": whole[: len(whole) // 2], "garbage": b"\0" * 100,
                       "old format": None}[damage] or b"")
    if damage == "old format":                  # a valid .npz without the arrays we need
        np.savez(cache, x=np.zeros(3))
    capsys.readouterr()
    again = data.load_cifar10(val_fraction=0.5)
    out = capsys.readouterr().out
    assert out.count("could not be read") == 1 and "rebuilding it" in out
    assert np.array_equal(again.x_test, first.x_test) and np.array_equal(again.y_test, first.y_test)
    with np.load(cache) as z:                   # healed on disk too
        assert len(z["y_train"]) == 20


def test_two_processes_build_the_same_cache_at_once(data_home):
    import os
    import subprocess
    import sys
    import time

    make_cifar_folders(data_home, {"train": 20, "test": 5})
    start = time.time() + 8                     # both wait for the same moment, then build
    script = ("import time; from helpers import data; time.sleep(max(0, {start} - time.time()));"
              "(xtr, ytr), (xte, yte), _ = data.cifar10_arrays(); print(len(ytr), len(yte))")
    procs = [subprocess.Popen([sys.executable, "-c", script.format(start=start)],
                              stdout=subprocess.PIPE, text=True, env=dict(os.environ))
             for _ in range(2)]
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and outs == [["200", "50"]] * 2
    with np.load(data_home / "cifar10.npz") as z:
        assert len(z["y_train"]) == 200
    assert not list(data_home.glob(".*.tmp*"))  # no temporary file left behind


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    from helpers.atomic import atomic_path

    target = tmp_path / "results.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_unreadable_saved_model_is_ignored_with_one_line(data_home, capsys):
    from helpers import models
    from helpers.profile import PROFILES

    path = models.model_path("cifar10_cnn", PROFILES["smoke"])
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 truncated zip")
    assert models.load_saved_model("cifar10_cnn", PROFILES["smoke"]) is None
    assert capsys.readouterr().out.count("could not be loaded") == 1


def test_phone_photos_get_an_upright_copy(data_home):
    root = data_home / "phone"
    (root / "cat").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6                            # "rotate 90 degrees clockwise to display"
    Image.new("RGB", (60, 40), (200, 30, 30)).save(root / "cat" / "portrait.jpg", exif=exif)
    Image.new("RGB", (60, 40), (30, 200, 30)).save(root / "cat" / "plain.jpg")
    scan = audit.scan_image_folder(root, progress=False, cache=False)
    status = dict(zip([p.split("/")[-1] for p in scan.frame()["path"]], scan.frame()["status"]))
    assert status == {"portrait.jpg": "converted:rotated", "plain.jpg": "ok"}
    upright = next(f for f in scan.files if "portrait" in str(f))
    assert Image.open(upright).size == (40, 60)  # width and height swapped: as on screen
