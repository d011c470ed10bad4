"""Training plumbing: the arms' metric keys (08), schedule plots, the shared AdamW recipe."""
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from helpers import plots, results, training  # noqa: E402


def test_metric_key():
    assert results.metric_key("BatchNorm, 3x peak LR") == "batchnorm_3x_peak_lr"
    assert results.metric_key("schedule one-cycle") == "schedule_one_cycle"
    assert results.metric_key("baseline, seed 2") == "baseline_seed_2"


def test_schedule_plots_draw_without_warnings():
    import keras

    cosine = keras.optimizers.schedules.CosineDecay(1e-4, 90, warmup_target=1e-3, warmup_steps=10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plots.plot_schedules({"constant": 1e-3, "cosine": cosine}, 100)
        plots.plot_schedules({"": cosine}, 100)   # one unnamed schedule: no legend, no warning
        rates = np.logspace(-5, 0, 50)
        losses = np.linspace(2.3, 1.0, 50)
        plots.plot_lr_finder(rates, losses, losses, 1e-3)
    matplotlib.pyplot.close("all")


def test_compile_classifier_smooths_one_hot_targets_only_when_asked():
    import keras

    def model():
        return keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])

    plain, smoothed = model(), model()
    training.compile_classifier(plain, 1, 10, 5)
    training.compile_classifier(smoothed, 1, 10, 5, label_smoothing=0.1)
    assert plain.loss == "sparse_categorical_crossentropy"
    assert isinstance(smoothed.loss, keras.losses.CategoricalCrossentropy)
    assert smoothed.loss.get_config()["label_smoothing"] == 0.1
