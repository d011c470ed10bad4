"""Notebook 10 builds a small FastAPI service in its own cells (``make_app``) before it introduces
helpers.deploy.app as the hardened version. The lesson's app must answer a photo with 200 and JSON
whose probabilities sum to 1, and preprocess exactly as the helper does
(helpers.deploy.classifier)."""
import io

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from helpers.deploy.classifier import Classifier, read_image
from lesson_code import lesson_namespace


@pytest.fixture(scope="module")
def make_app():
    return lesson_namespace("10_deployment", "make_app")["make_app"]


def synthetic_jpeg(width=61, height=45) -> bytes:
    """A landscape photo-like JPEG (odd sizes: the central square's offsets round)."""
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def test_10_lesson_app_answers_json(make_app, tiny_model_file, tiny_classes):
    client = TestClient(make_app(tiny_model_file))
    reply = client.post("/predict", files={"file": ("photo.jpg", synthetic_jpeg(), "image/jpeg")})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert set(body["probabilities"]) == set(tiny_classes)
    assert sum(body["probabilities"].values()) == pytest.approx(1.0, abs=1e-4)
    top = [t["probability"] for t in body["top"]]
    assert top == sorted(top, reverse=True) and len(top) == 3
    assert body["top"][0]["probability"] == pytest.approx(max(body["probabilities"].values()))


def test_10_lesson_app_preprocesses_as_the_helper(make_app, tiny_model_file):
    data = synthetic_jpeg()
    body = TestClient(make_app(tiny_model_file)).post(
        "/predict", files={"file": ("photo.jpg", data, "image/jpeg")}).json()
    clf = Classifier.load(str(tiny_model_file))
    expected = clf.probabilities(read_image(data))
    got = [body["probabilities"][name] for name in clf.class_names]
    np.testing.assert_allclose(got, expected, atol=1e-5)
