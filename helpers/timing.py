"""Timing: when each training epoch ends, and small throughput benchmarks.

``EpochTimer`` (notebook 01) records the wall-clock second at which each epoch ends, so validation
accuracy can be plotted against seconds of training instead of epochs; ``SecondsBudget``
(notebook 12) stops ``fit`` after a fixed number of seconds of training, so that models of
different speeds can be compared at equal seconds. Notebook 00 teaches
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


class SecondsBudget(keras.callbacks.Callback):
    """Keras callback: stop ``fit`` once ``budget_s`` seconds of training have passed, checked
    after every batch. Two things are not counted: validation passes, and the first batch, whose
    time is mostly ``fit``'s one-off tracing (kept apart in ``first_batch_s``). ``seconds[i]`` is
    the counted training time up to the end of epoch ``i``; ``steps`` counts every batch trained,
    the first one included. Notebook 12 trains a CNN and two transformers for equal seconds."""

    def __init__(self, budget_s: float):
        super().__init__()
        if budget_s <= 0:
            raise ValueError(f"budget_s must be positive, got {budget_s}")
        self.budget_s = float(budget_s)
        self.seconds: list[float] = []
        self.steps = 0
        self.first_batch_s = None
        self._used, self._start = 0.0, None

    def on_train_begin(self, logs=None):
        self.seconds, self.steps, self.first_batch_s, self._used = [], 0, None, 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def _elapsed(self) -> float:
        return self._used + (time.perf_counter() - self._start if self._start else 0.0)

    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1
        if self.steps == 1:                  # tracing and the first step: timed apart
            self.first_batch_s = self._elapsed()
            self._start = time.perf_counter()
        elif self._elapsed() >= self.budget_s:
            self.model.stop_training = True

    def _close_epoch(self):
        if self._start is not None:          # once per epoch: before validation, or at its end
            self._used, self._start = self._elapsed(), None
            self.seconds.append(self._used)

    def on_test_begin(self, logs=None):
        self._close_epoch()

    def on_epoch_end(self, epoch, logs=None):
        self._close_epoch()


def first_time_above(seconds, values, threshold: float) -> float | None:
    """The first of ``seconds`` at which ``values`` is above ``threshold``; None if never.
    Notebook 01: after how many seconds of training the CNN passes the dense net's best."""
    for t, v in zip(seconds, values):
        if v > threshold:
            return float(t)
    return None


def images_per_second(model, dataset, batches: int) -> float:
    """Training images per second of ``model`` over the first ``batches`` batches of ``dataset``
    (image, label batches), after one warm-up batch that builds and traces the model. The images
    counted are those of the batches trained: a last partial batch, or a dataset of fewer than
    ``batches`` batches, counts as it is. Notebook 03 compares where augmentation runs with it."""
    timed = dataset.take(batches)
    n_images = sum(int(tf.shape(x)[0]) for x, *_ in timed)       # outside the timed fit
    if n_images == 0:
        raise ValueError("images_per_second: the dataset has no images")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(dataset.take(1), shuffle=False, verbose=0)
    start = time.perf_counter()
    model.fit(timed, shuffle=False, verbose=0)
    return n_images / (time.perf_counter() - start)


def median_ms_per_call(fn, repeats: int = 200, warmup: int = 5) -> float:
    """Median wall-clock milliseconds of ``fn()`` over ``repeats`` calls (``timeit.repeat``, one
    call per timing), after ``warmup`` calls: the latency a user sees, robust to the odd slow
    call. Notebook 10 (batch-1 latency)."""
    for _ in range(warmup):
        fn()
    return 1000 * statistics.median(timeit.repeat(fn, number=1, repeat=repeats))
