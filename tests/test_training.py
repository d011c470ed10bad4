"""Notebook 08's training plumbing: the learning-rate range test and the arms' metric keys."""
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from helpers import plots, results, training  # noqa: E402


def test_batch_losses_recovers_each_batch_from_keras_running_mean():
    losses = [2.3, 2.1, 1.7, 3.0]
    callback = training.BatchLosses()
    callback.on_train_begin()
    for batch in range(len(losses)):           # Keras logs the running mean of the epoch
        callback.on_train_batch_end(batch, {"loss": np.mean(losses[:batch + 1])})
    assert callback.values == pytest.approx(losses)
    callback.on_train_begin()                  # a new fit starts a fresh record
    assert callback.values == []


def test_lr_suggestion_is_a_tenth_of_the_rate_with_the_lowest_smoothed_loss():
    rates = np.logspace(-5, 0, 101)
    losses = (np.log10(rates) + 2) ** 2 + 1.0  # lowest at 1e-2, rising on both sides
    suggestion, smoothed = training.lr_suggestion(rates, losses, smoothing=0.0)
    assert suggestion == pytest.approx(1e-3)
    assert smoothed == pytest.approx(losses)   # no smoothing: the losses themselves
    # smoothing lags behind a rising loss, so the minimum moves to a slightly higher rate
    lagged, _ = training.lr_suggestion(rates, losses, smoothing=0.9)
    assert 1e-3 <= lagged < 1e-2


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
        plots.plot_schedule(cosine, 100)          # one schedule: no legend, no warning
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
