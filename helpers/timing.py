"""Timing: when each training epoch ends, and small throughput benchmarks.

``EpochTimer`` (notebook 01) records the wall-clock second at which each epoch ends, so validation
accuracy can be plotted against seconds of training instead of epochs. Notebook 00 teaches
benchmarking with ``timeit`` in its own cells (warm-up calls first, then the best of several
repeats); ``images_per_second`` and ``median_ms_per_call`` are the versions 03 and 10 reuse.
"""
from __future__ import annotations

import statistics
import time
import timeit

import keras
import tensorflow as tf


class EpochTimer(keras.callbacks.Callback):
    """Keras callback: ``seconds[i]`` is the wall-clock time from the start of ``fit`` to the end
    of epoch ``i`` (its validation pass included). Taught in notebook 01 (accuracy per second)."""

    def __init__(self):
        super().__init__()
        self.seconds: list[float] = []
        self._start = None

    def on_train_begin(self, logs=None):
        self.seconds = []
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def first_time_above(seconds, values, threshold: float) -> float | None:
    """The first of ``seconds`` at which ``values`` is above ``threshold``; None if never.
    Notebook 01: after how many seconds of training the CNN passes the dense net's best."""
    for t, v in zip(seconds, values):
        if v > threshold:
            return float(t)
    return None


def images_per_second(model, dataset, batches: int) -> float:
    """Training images per second of ``model`` over the first ``batches`` batches of ``dataset``
    (image, label batches), after one warm-up batch that builds and traces the model. Notebook 03
    compares where augmentation runs with it."""
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(dataset.take(1), shuffle=False, verbose=0)
    n_images = batches * int(tf.shape(next(iter(dataset))[0])[0])    # full batches assumed
    start = time.perf_counter()
    model.fit(dataset.take(batches), shuffle=False, verbose=0)
    return n_images / (time.perf_counter() - start)


def median_ms_per_call(fn, repeats: int = 200, warmup: int = 5) -> float:
    """Median wall-clock milliseconds of ``fn()`` over ``repeats`` calls (``timeit.repeat``, one
    call per timing), after ``warmup`` calls: the latency a user sees, robust to the odd slow
    call. Notebook 10 (batch-1 latency)."""
    for _ in range(warmup):
        fn()
    return 1000 * statistics.median(timeit.repeat(fn, number=1, repeat=repeats))
