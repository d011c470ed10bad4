"""Notebook 05's transfer model equals the one notebook 07 falls back on when 05 has not saved a
model: ``helpers.models.mobilenet_v2_transfer`` (the check was a cell of the lesson; issue 20).

Cheap: it builds both models and trains nothing. It runs the lesson's first code cell, which looks
for the animal data, and builds MobileNetV2 with ``weights="imagenet"`` (the lesson's own line),
which reads the 160 px weights from Keras' cache: both are there once `cnn-data
fetch` has run, as in CI. Without them the test is skipped, saying why."""
import keras
import pytest

import helpers
from lesson_code import lesson_namespace

N_CLASSES = 3


def layer_specs(model):
    """(class, config without its name) of every layer, nested models walked into."""
    specs = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            specs += layer_specs(layer)
        else:
            config = {k: v for k, v in layer.get_config().items() if k != "name"}
            specs.append((type(layer).__name__, config))
    return specs


@pytest.fixture(scope="module")
def lesson():
    try:
        helpers.data.find_animals()
    except helpers.data.DataNotFoundError as err:
        pytest.skip(f"notebook 05's setup cell needs the animal data: {err}")
    size = helpers.profile.get_profile().image_size          # the smoke profile's, in tests
    if not helpers.data.mobilenet_v2_weights(size)["present"]:
        pytest.skip(f"no MobileNetV2 {size} px weights in Keras' cache: "
                    "run `cnn-data fetch`")
    return lesson_namespace("05_transfer_learning", "base", "make_augmentation", "make_head",
                            "augmented", extra={"n_classes": N_CLASSES})


def test_05_augmented_transfer_model_equals_the_helper(lesson):
    reference = helpers.models.mobilenet_v2_transfer(N_CLASSES, lesson["IMAGE_SIZE"])
    assert layer_specs(lesson["augmented"]) == layer_specs(reference)
    assert lesson["augmented"].count_params() == reference.count_params()
    assert [type(l).__name__ for l in lesson["augmented"].layers] == \
        [type(l).__name__ for l in reference.layers]           # same nesting, not just same leaves


def test_05_head_is_seed_002s(lesson):
    head = lesson["make_head"]()
    assert [type(l).__name__ for l in head.layers] == [
        "GlobalAveragePooling2D", "Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert [l.units for l in head.layers if isinstance(l, keras.layers.Dense)] == [256, 128,
                                                                                   N_CLASSES]
    assert [l.rate for l in head.layers if isinstance(l, keras.layers.Dropout)] == [0.5, 0.3]
    assert not lesson["base"].trainable
