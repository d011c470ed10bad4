"""Classify a user's own image files with a saved model (notebook 10; ``cnn-predict`` and
``cnn-serve`` use it): read the file as it looks on screen, refuse bad input with a clear
reason, preprocess exactly as in training, and return the top classes.

    clf = Classifier.load("cifar10")          # or "animals", or a path to a .keras file
    rgb = read_image(open("photo.jpg", "rb").read())
    clf.top_k(rgb)                            # [("cat", 0.81), ("dog", 0.12), ...]
"""
from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_PIXELS = 50_000_000         # larger images are refused before decoding (decompression bombs)
NAMED_MODELS = {"cifar10": "cifar10_cnn", "animals": "animals_mobilenet_v2"}


class ImageError(ValueError):
    """An upload or file that cannot be classified; ``status`` is the HTTP code the service
    answers with (413 too large, 415 not an image, 422 empty or broken)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def read_image(data: bytes, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """Decode image bytes to an (h, w, 3) uint8 RGB array as a person sees the image: rotated by
    its EXIF orientation (phone photos), transparency on white, greyscale/CMYK/16-bit converted.
    Raises ``ImageError`` for empty, non-image, truncated or absurdly large images."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    from ..images import to_rgb

    if not data:
        raise ImageError(422, "empty file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                if im.width * im.height > max_pixels:
                    raise ImageError(413, f"image too large: {im.width}x{im.height} pixels "
                                          f"(limit {max_pixels:,} pixels)")
                im.load()                       # full decode: truncated files fail here
                return np.asarray(to_rgb(ImageOps.exif_transpose(im)))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise ImageError(413, f"image too large: {err}") from None
    except UnidentifiedImageError:
        raise ImageError(415, "not an image Pillow can read (JPEG, PNG, WebP, BMP, GIF, TIFF)") \
            from None
    except (OSError, SyntaxError, ValueError) as err:
        raise ImageError(422, f"broken or truncated image: {err}") from None


def read_image_file(path) -> np.ndarray:
    """``read_image`` of a file on disk."""
    return read_image(Path(path).read_bytes())


@dataclass
class Classifier:
    """A loaded model with what it takes to use it: input size and class names."""
    model: object
    name: str
    class_names: list
    named: bool = True          # False: no class names were found, they read "class 0", ...

    @property
    def image_size(self) -> int:
        return int(self.model.input_shape[1])

    @classmethod
    def load(cls, spec: str = "cifar10", profile=None, class_names=None) -> "Classifier":
        """``spec``: ``cifar10`` (notebook 02's model), ``animals`` (05's) for ``profile``
        (default: the active one), or a ``.keras`` file. Class names: ``class_names``, else a
        ``<file>.classes.json`` beside the model, else the dataset's, else ``class 0``..."""
        import keras

        from ..data import CIFAR10_CLASSES, find_animals
        from ..models import class_names_path, model_path
        from ..profile import get_profile

        path = Path(spec) if spec not in NAMED_MODELS else model_path(NAMED_MODELS[spec],
                                                                      profile or get_profile())
        if not path.is_file():
            hint = (f"run notebook {'02' if spec == 'cifar10' else '05'} to make it"
                    if spec in NAMED_MODELS else "give a .keras file, cifar10 or animals")
            raise FileNotFoundError(f"No model at {path}: {hint}.")
        model = keras.saving.load_model(path)
        sidecar = class_names_path(path)
        if class_names is None and sidecar.is_file():
            class_names = json.loads(sidecar.read_text())
        if class_names is None and spec in NAMED_MODELS:
            class_names = (list(CIFAR10_CLASSES) if spec == "cifar10"
                           else find_animals().folder_class_names())
        n_out = int(model.output_shape[-1])
        named = bool(class_names)
        class_names = list(class_names or [f"class {i}" for i in range(n_out)])
        if len(class_names) != n_out:
            raise ValueError(f"{len(class_names)} class names for a model with {n_out} outputs.")
        return cls(model, spec if spec in NAMED_MODELS else path.name, class_names, named)

    def preprocess(self, rgb) -> np.ndarray:
        """Training's preprocessing (``helpers.images.load_image``): central square, antialiased
        resize to the model's input size, rounded to whole 0-255 values; a batch of one."""
        import tensorflow as tf

        from ..images import square_resize

        x = tf.round(square_resize(tf.convert_to_tensor(rgb), self.image_size, "crop"))
        return x.numpy()[None]

    def probabilities(self, rgb) -> np.ndarray:
        return np.asarray(self.model.predict_on_batch(self.preprocess(rgb)))[0]

    def ranked(self, probs, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` most probable classes of ``probs``, as (name, probability), best first."""
        return [(self.class_names[i], float(probs[i])) for i in np.argsort(probs)[::-1][:k]]

    def top_k(self, rgb, k: int = 3) -> list[tuple[str, float]]:
        return self.ranked(self.probabilities(rgb), k)

    def explain(self, rgb, k: int = 3, display: int = 224):
        """Top ``k`` classes and a Grad-CAM overlay (``helpers.explain``, notebook 07) of the
        predicted class on the model's central square, ``display`` pixels wide (uint8 RGB).
        Models without a convolution get no overlay (None)."""
        import cv2

        from ..explain import find_last_conv_layer, grad_cam, overlay

        x = self.preprocess(rgb)
        try:
            layer = find_last_conv_layer(self.model)
        except ValueError:
            probs, shown = np.asarray(self.model.predict_on_batch(x))[0], None
        else:
            cam = grad_cam(self.model, x, layer_name=layer)
            probs = cam.probabilities[0]
            big = cv2.resize(x[0], (display, display), interpolation=cv2.INTER_CUBIC)
            shown = overlay(np.clip(big, 0, 255), cam.heatmaps[0])
        return self.ranked(probs, k), shown
