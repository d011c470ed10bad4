"""Notebook 08's own code, checked here rather than in the lesson: its model with switches equals
helpers.models.cifar_cnn (which 03, 09, 11 and tools/full_on_jax.py build), and its LR range
test's callback recovers each batch's loss from Keras' running mean."""
import numpy as np
import pytest

import helpers
from helpers.models import architecture
from lesson_code import lesson_namespace


@pytest.fixture(scope="module")
def ns():
    return lesson_namespace("08_training_craft", "make_model", "BatchLosses")


def test_08_make_model_equals_02s_model_and_the_final_one(ns):
    P, make_model = ns["P"], ns["make_model"]
    assert architecture(make_model(P.cnn_width)) == architecture(helpers.models.cifar_cnn(P))
    for bn in (True, ns["FINAL_BN"]):
        final = make_model(P.cnn_width, ns["FINAL_CONVS"], batch_norm=bn, bn_momentum=0.9,
                           dropout=0.0)
        assert architecture(final) == architecture(helpers.models.cifar_cnn(
            P, convs=ns["FINAL_CONVS"], batch_norm=bn, bn_momentum=0.9, dropout=0.0))
    assert ns["FINAL_BN"] == (1, 2)         # full_on_jax.py builds the same
    layers = [type(layer).__name__ for layer in make_model(batch_norm=(1, 2)).layers]
    assert layers[:4] == ["Rescaling", "Conv2D", "MaxPooling2D", "Conv2D"]   # none in block 1
    assert "BatchNormalization" in layers


def test_08_l2_switch_puts_a_penalty_on_every_kernel(ns):
    model = ns["make_model"](l2=1e-3)
    kernels = [layer for layer in model.layers if hasattr(layer, "kernel_regularizer")]
    assert kernels and all(layer.kernel_regularizer is not None for layer in kernels)
    assert len(model.losses) == len(kernels)


def test_08_batch_losses_recovers_each_batch_from_keras_running_mean(ns):
    losses = [2.3, 2.1, 1.7, 3.0]
    callback = ns["BatchLosses"]()
    callback.on_train_begin()
    for batch in range(len(losses)):           # Keras logs the running mean of the epoch
        callback.on_train_batch_end(batch, {"loss": np.mean(losses[:batch + 1])})
    assert callback.values == pytest.approx(losses)
    callback.on_train_begin()                  # a new fit starts a fresh record
    assert callback.values == []


def test_08_cosine_schedule_is_the_shared_recipe(ns):
    """03, 09 and 11 train with helpers.training.compile_classifier: the same schedule as 08's."""
    import keras

    ns2 = lesson_namespace("08_training_craft", "make_schedule")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    shared, steps = helpers.training.compile_classifier(model, 3, 1000, 128, ns2["PEAK_LR"],
                                                        0.1, ns2["WEIGHT_DECAY"])
    ours = ns2["make_schedule"]("cosine", steps)
    assert all(float(ours(s)) == pytest.approx(float(shared(s))) for s in range(0, steps, 3))
