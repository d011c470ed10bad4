"""The web service (helpers.deploy.app) and the predict command (helpers.deploy.cli): a real
photo is classified; every kind of bad upload gets a clear 4xx answer, never a 500; phone photos
are read as they look on screen; a bounded load test ends with zero errors."""
import io
import struct
import zlib

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from helpers.deploy import cli
from helpers.deploy.classifier import Classifier, ImageError, read_image
from helpers.deploy.app import create_app, load_test, running_server

MAX_BYTES = 300_000


def encoded(im, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kwargs)
    return buf.getvalue()


@pytest.fixture(scope="module")
def classifier(tiny_model_file):
    return Classifier.load(str(tiny_model_file))


@pytest.fixture(scope="module")
def client(classifier):
    return TestClient(create_app(classifier, max_bytes=MAX_BYTES))


@pytest.fixture(scope="module")
def photo(photo_file):
    im = Image.open(photo_file).convert("RGB")
    im.thumbnail((240, 240))                    # every encoding of it stays under MAX_BYTES
    return im


def post(client, data, name="upload.jpg"):
    return client.post("/predict", files={"file": (name, data)})


def png_claiming(width, height) -> bytes:
    """A small valid PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb:
    decoding it would need width * height * 3 bytes)."""
    data = bytearray(encoded(Image.new("L", (8, 8)), "PNG"))
    ihdr = data[12:29]                          # chunk type + 13 bytes of data
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def test_health_and_page(client, tiny_classes):
    assert client.get("/health").json()["classes"] == tiny_classes
    page = client.get("/")
    assert page.status_code == 200 and 'type="file"' in page.text


def test_a_real_photo_gets_three_classes_and_an_overlay(client, photo, tiny_classes):
    r = post(client, encoded(photo, "JPEG"))
    assert r.status_code == 200, r.text
    out = r.json()
    assert [t["label"] for t in out["top"]] and {t["label"] for t in out["top"]} <= set(tiny_classes)
    assert abs(sum(t["probability"] for t in out["top"]) - 1) < 1e-4      # 3 of 3 classes
    assert out["overlay"].startswith("data:image/png;base64,")
    assert (out["width"], out["height"]) == photo.size


@pytest.mark.parametrize("mode,fmt", [("RGBA", "PNG"), ("CMYK", "JPEG"), ("L", "PNG"),
                                      ("I;16", "PNG"), ("P", "GIF")])
def test_other_image_modes_are_classified(client, photo, mode, fmt):
    im = photo.convert("L").convert("I;16") if mode == "I;16" else photo.convert(mode)
    if mode == "RGBA":
        im.putalpha(Image.linear_gradient("L").resize(im.size))        # real transparency
    assert post(client, encoded(im, fmt), f"x.{fmt.lower()}").status_code == 200


def test_phone_photos_are_read_as_they_look_on_screen(client, photo):
    exif = Image.Exif()
    exif[0x0112] = 6                            # orientation: rotate 90 degrees to display
    data = encoded(photo, "JPEG", exif=exif)
    assert read_image(data).shape[:2] == (photo.width, photo.height)
    out = post(client, data).json()
    assert (out["width"], out["height"]) == (photo.height, photo.width)


@pytest.mark.parametrize("name,make,status", [
    ("empty", lambda p: b"", 422),
    ("text", lambda p: b"just some text, not a picture", 415),
    ("fake png", lambda p: b"\x89PNG\r\n\x1a\n" + b"\0" * 200, 415),
    ("truncated jpeg", lambda p: encoded(p, "JPEG")[:3000], 422),
    ("decompression bomb", lambda p: png_claiming(40_000, 40_000), 413),
    ("over the size limit", lambda p: np.random.default_rng(0).bytes(MAX_BYTES + 1), 413),
])
def test_bad_uploads_get_a_clear_4xx(client, photo, name, make, status):
    r = post(client, make(photo))
    assert r.status_code == status, (name, r.text)
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


def test_requests_without_a_file_get_4xx(client, photo):
    assert client.post("/predict", files={"other": ("x.jpg", b"123")}).status_code == 422
    assert client.post("/predict", data={"file": "a string"}).status_code == 415
    r = client.post("/predict", content=encoded(photo, "JPEG"),
                    headers={"content-type": "image/jpeg"})
    assert r.status_code == 415


def test_read_image_reports_bombs_before_decoding():
    with pytest.raises(ImageError) as err:
        read_image(png_claiming(100_000, 100_000))
    assert err.value.status == 413


def test_bounded_load_test_on_localhost(classifier, photo):
    with running_server(create_app(classifier)) as url:
        stats = load_test(url, encoded(photo, "JPEG"), requests=12, concurrency=3)
    assert stats["errors"] == 0 and stats["requests"] == 12
    assert 0 < stats["p50_ms"] <= stats["p95_ms"] and stats["requests_per_s"] > 0


def test_predict_command_goes_on_after_a_bad_file(tmp_path, tiny_model_file, tiny_classes, photo,
                                                  capsys):
    (tmp_path / "good.jpg").write_bytes(encoded(photo, "JPEG"))
    (tmp_path / "notes.jpg").write_text("not a photo")
    code = cli.main([str(tmp_path), str(tmp_path / "missing.png"),
                     "--model", str(tiny_model_file)])
    out = capsys.readouterr().out
    assert code == 1
    assert "missing.png: skipped (no such file or folder)" in out
    assert "notes.jpg: skipped (not an image" in out
    line = next(x for x in out.splitlines() if x.startswith(str(tmp_path / "good.jpg")))
    assert sum(name in line for name in tiny_classes) == 3 and "%" in line
    assert "1 classified, 2 skipped" in out


def test_a_course_model_saved_by_save_model_predicts_with_class_names(tmp_path, data_home,
                                                                        tiny_model_file,
                                                                        tiny_classes, photo,
                                                                        capsys):
    """What notebooks 02 and 05 save (``helpers.models.save_model``) carries its class names, so
    ``cnn-predict --model <that .keras file>`` prints names; a model without them says so."""
    import keras

    from helpers import models
    from helpers.profile import PROFILES

    model = keras.saving.load_model(tiny_model_file)
    with pytest.raises(ValueError, match="2 class names for a model with 3 outputs"):
        models.save_model(model, "tiny", PROFILES["smoke"], tiny_classes[:2])
    path = models.save_model(model, "tiny", PROFILES["smoke"], tiny_classes)
    (tmp_path / "good.jpg").write_bytes(encoded(photo, "JPEG"))
    assert cli.main([str(tmp_path / "good.jpg"), "--model", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "good.jpg:" in x)
    assert sum(name in line for name in tiny_classes) == 3 and "class 0" not in line
    bare = tmp_path / "bare.keras"
    model.save(bare)
    assert cli.main([str(tmp_path / "good.jpg"), "--model", str(bare)]) == 0
    out = capsys.readouterr().out
    assert "note: no class names saved beside" in out and "class 0" in out

