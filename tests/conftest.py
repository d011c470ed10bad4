"""Shared fixtures: ``data_home``, a data dir and Keras home inside tmp_path (never the real ones);
and for the deployment tests (test_serve, test_browser), a tiny classifier saved as a .keras file
with its class names beside it (the tests check the plumbing, not accuracy: CI runs them before
any notebook has trained a model), and a real photo; ``chromium`` for the browser tests and ``deck_assets`` for the decks."""
import json
import os
import shutil

import keras
import pytest
from keras import layers

from helpers.data import DataNotFoundError, find_animals


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    return tmp_path / "data"


@pytest.fixture(scope="session")
def tiny_classes():
    return ["cats", "dogs", "panda"]


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory, tiny_classes):
    model = keras.Sequential([keras.Input((32, 32, 3)), layers.Rescaling(1 / 255),
                              layers.Conv2D(4, 3, padding="same", activation="relu"),
                              layers.GlobalAveragePooling2D(),
                              layers.Dense(len(tiny_classes), activation="softmax")])
    path = tmp_path_factory.mktemp("model") / "tiny.keras"
    model.save(path)
    path.with_suffix(".classes.json").write_text(json.dumps(tiny_classes))
    return path


@pytest.fixture(scope="session")
def photo_file():
    """A real photo from the animal data (the stand-in or Animals-10), as CI fetches it."""
    try:
        root = find_animals().root
    except DataNotFoundError as err:
        pytest.skip(f"no animal photos to test with: {err}")
    return next(p for p in sorted(root.rglob("*.jp*g")))


@pytest.fixture(scope="session")
def chromium():
    """The system's Chromium for the browser tests (Playwright drives it, downloads none):
    skipped without one, unless ``CNN_REQUIRE_BROWSER=1`` (``.ci/run``) makes that a failure."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "no Chromium on PATH: apt-get install chromium"
        if os.environ.get("CNN_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (CNN_REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def deck_assets():
    """reveal.js and MathJax for the decks (``cnn-slides``, the site): from the data folder's
    cache, else from the npm registry. Skipped when neither can give them, unless
    ``CNN_REQUIRE_BROWSER=1`` (``.ci/run``, which has the registry) makes that a failure."""
    from helpers.course import slides

    try:
        for name in slides.ASSETS:
            slides._tarball(name)
    except RuntimeError as err:
        if os.environ.get("CNN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{err} (CNN_REQUIRE_BROWSER=1)")
        pytest.skip(str(err))
