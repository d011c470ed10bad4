"""Timing: when each training epoch ends, and small throughput benchmarks.

``EpochTimer`` (notebook 01) records the wall-clock second at which each epoch ends, so validation
accuracy can be plotted against seconds of training instead of epochs. ``seconds_per_call``,
``matmul_gflops`` and ``conv_images_per_s`` (notebook 00) time a computation the same way
everywhere: warm-up calls first (tracing, memory allocation), then the best of several repeats.
"""
from __future__ import annotations

import math
import time

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


def seconds_per_call(fn, repeats: int = 5, warmup: int = 1) -> float:
    """Best wall-clock seconds of ``fn()`` over ``repeats`` calls, after ``warmup`` calls.
    ``fn`` must wait for its result (e.g. end with ``.numpy()``). Notebook 00."""
    for _ in range(warmup):
        fn()
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def matmul_gflops(n: int = 1024, repeats: int = 10) -> float:
    """float32 matrix multiply throughput, n × n by n × n, in GFLOP/s (2·n³ operations).
    Notebook 00: a rough speed figure for this machine."""
    a = tf.random.normal((n, n))
    return 2 * n**3 / seconds_per_call(lambda: tf.linalg.matmul(a, a).numpy(), repeats) / 1e9


def conv_images_per_s(layer, batch_size: int, image_shape=(32, 32, 3), repeats: int = 5) -> float:
    """Images per second through ``layer`` (forward pass only, compiled with ``tf.function``) for
    random batches of ``batch_size`` images. Notebook 00: how batching pays on this device."""
    x = tf.random.uniform((batch_size, *image_shape))
    forward = tf.function(lambda t: layer(t))
    return batch_size / seconds_per_call(lambda: forward(x).numpy(), repeats, warmup=2)


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
    """Median wall-clock milliseconds of ``fn()`` over ``repeats`` calls, after ``warmup`` calls:
    the latency a user sees, robust to the odd slow call. Notebook 10 (batch-1 latency)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * sorted(times)[len(times) // 2]
