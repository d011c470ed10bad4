"""Shared by the deployment tests: a tiny classifier saved as a .keras file (the tests check the
plumbing, not accuracy: CI runs them before any notebook has trained a model) and a real photo."""
import io
import json

import keras
import pytest
from keras import layers

from helpers.data import DataNotFoundError, find_animals

CLASSES = ["cats", "dogs", "panda"]


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory):
    model = keras.Sequential([keras.Input((32, 32, 3)), layers.Rescaling(1 / 255),
                              layers.Conv2D(4, 3, padding="same", activation="relu"),
                              layers.GlobalAveragePooling2D(),
                              layers.Dense(len(CLASSES), activation="softmax")])
    path = tmp_path_factory.mktemp("model") / "tiny.keras"
    model.save(path)
    path.with_suffix(".classes.json").write_text(json.dumps(CLASSES))
    return path


@pytest.fixture(scope="session")
def photo_file():
    """A real photo from the animal data (the stand-in or Animals-10), as CI fetches it."""
    try:
        root = find_animals().root
    except DataNotFoundError as err:
        pytest.skip(f"no animal photos to test with: {err}")
    return next(p for p in sorted(root.rglob("*.jp*g")))


def encoded(im, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kwargs)
    return buf.getvalue()
