"""Notebook 04's own code against the helpers that do the same job for notebooks 05-07: its
bad-file rules (``file_status``) against the scan's, its cap, split, pipeline and class weights
against ``helpers.data.animals_split`` and ``helpers.images.image_dataset``. These checks used to
be ``assert`` cells in the lesson (issue "Lessons a student can trust"). Cheap: no training, a
synthetic 3-class folder of small images, the ``smoke`` profile."""
import contextlib
import io

import numpy as np
import pytest
from PIL import Image

from helpers import audit, data, images
from helpers.profile import PROFILES
from lesson_code import code_cells, lesson_namespace

NB = "04_animals10_data"


def jpeg(path, size=(64, 48), colour=(200, 60, 60), mode="RGB", **save):
    Image.new(mode, size, colour).save(path, **save)


def bad_files(folder):
    """One file of each kind, with the status both rule sets must give it."""
    folder.mkdir(parents=True, exist_ok=True)
    jpeg(folder / "normal.jpg")
    whole = (folder / "normal.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(whole[: len(whole) // 3])
    jpeg(folder / "tiny.jpg", size=(10, 10))
    jpeg(folder / "cmyk.jpg", mode="CMYK", colour=(0, 200, 200, 0))
    (folder / "text.jpg").write_text("this is not a JPEG")
    (folder / "notes.txt").write_text("not an image")
    jpeg(folder / "grey.png", mode="L", colour=120)
    jpeg(folder / "grey16.png", mode="I;16", colour=30000)
    jpeg(folder / "alpha.png", mode="RGBA", colour=(0, 0, 255, 100))
    jpeg(folder / "palette.png", mode="P", colour=3)
    jpeg(folder / "palette.gif", mode="P", colour=3)
    png = (folder / "alpha.png").read_bytes()
    (folder / "truncated.png").write_bytes(png[: len(png) // 2])
    exif = Image.Exif()
    exif[0x0112] = 6                                    # stored sideways
    jpeg(folder / "sideways.jpg", exif=exif)
    return {"normal.jpg": "ok", "truncated.jpg": "broken", "tiny.jpg": "tiny",
            "cmyk.jpg": "converted:cmyk", "text.jpg": "broken", "notes.txt": "non-image",
            "grey.png": "converted:greyscale", "grey16.png": "converted:greyscale",
            "alpha.png": "converted:rgba/palette", "palette.png": "converted:rgba/palette",
            "palette.gif": "converted:other", "truncated.png": "broken",
            "sideways.jpg": "converted:rotated"}


@pytest.fixture(scope="module")
def smoke():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CNN_PROFILE", "smoke")
        yield mp


@pytest.fixture(scope="module")
def file_status(smoke):
    return lesson_namespace(NB, "file_status")["file_status"]


def test_lesson_rules_and_scan_agree_on_bad_files(file_status, tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_DATA_DIR", str(tmp_path / "data"))
    expected = bad_files(tmp_path / "folder" / "cat")
    for name, status in expected.items():
        path = tmp_path / "folder" / "cat" / name
        assert file_status(path) == status, name                 # the lesson's function
        assert audit._inspect(path, 16)[0] == status, name      # the helper's rules
    scan = audit.scan_image_folder(tmp_path / "folder", converted_dir=tmp_path / "converted",
                                    progress=False, cache=False)
    assert {r["path"].rsplit("/", 1)[-1]: r["status"] for r in scan.rows} == expected
    assert file_status(tmp_path / "folder" / "cat" / "tiny.jpg", min_side=8) == "ok"


# --------------------------------------------------------------------------- cap, split, pipeline

@pytest.fixture(scope="module")
def lesson(smoke, tmp_path_factory):
    """The lesson's cells up to the class weights, on a synthetic stand-in of 3 x 60 photos-like
    images (smoke caps it at 40 per class, so the sample matters), one greyscale, one broken."""
    home = tmp_path_factory.mktemp("data")
    smoke.setenv("CNN_DATA_DIR", str(home))
    rng = np.random.default_rng(0)
    for k, name in enumerate(["cats", "dogs", "panda"]):
        folder = home / "animals3" / name
        folder.mkdir(parents=True)
        for i in range(60):
            pixels = rng.integers(0, 256, (30 + k, 40, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(folder / f"{i:03d}.jpg", quality=90)
        Image.new("L", (40, 40), 99).save(folder / "grey.png")
        (folder / "broken.jpg").write_bytes(b"\xff\xd8 not a jpeg")
    return lesson_namespace(NB, "source", "PER_CLASS", "scan", "n_test", "make_dataset",
                            "weights_for")


@pytest.fixture(scope="module")
def split(lesson):
    return data.animals_split(lesson["P"], seed=lesson["SEED"], progress=False)


def test_lesson_cap_is_the_profiles_rule(lesson):
    cell = next(c for c in code_cells(NB) if "budget_cap =" in c)
    assert lesson["PER_CLASS"] == lesson["P"].animals_cap(len(lesson["class_folders"])) == 40
    for profile in PROFILES.values():
        namespace = dict(lesson, IMAGE_BUDGET=profile.animals_images,
                         PER_CLASS_LIMIT=profile.animals_per_class)
        with contextlib.redirect_stdout(io.StringIO()):
            exec(cell, namespace)
        assert namespace["PER_CLASS"] == profile.animals_cap(3), profile.name


def test_animals_split_is_the_lessons_split(lesson, split):
    assert split.per_class == lesson["PER_CLASS"]
    assert len(lesson["scan"].files) == 3 * 40 - sum(   # the sample may draw the broken file
        r["status"] == "broken" for r in lesson["scan"].rows)
    for part in ("train", "val", "test"):
        assert list(lesson[f"{part}_files"]) == list(getattr(split, f"{part}_files")), part
        assert np.array_equal(lesson[f"{part}_labels"], getattr(split, f"{part}_labels")), part


def test_image_dataset_is_the_lessons_pipeline(lesson):
    packaged = images.image_dataset(lesson["val_files"], lesson["val_labels"],
                                    lesson["IMAGE_SIZE"], lesson["BATCH_SIZE"])
    for (x1, y1), (x2, y2) in zip(packaged, lesson["val_ds"], strict=True):
        assert np.array_equal(x1.numpy(), x2.numpy()) and np.array_equal(y1.numpy(), y2.numpy())


def test_lesson_class_weights_are_animals_splits(lesson, split):
    mine = lesson["weights_for"](lesson["train_labels"])
    assert mine == pytest.approx(split.class_weights())
