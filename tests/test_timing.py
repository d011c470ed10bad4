import time

from helpers import timing


def test_epoch_timer_records_seconds_since_fit_started():
    timer = timing.EpochTimer()
    timer.on_train_begin()
    for epoch in range(3):
        time.sleep(0.02)
        timer.on_epoch_end(epoch)
    assert len(timer.seconds) == 3
    assert 0.02 <= timer.seconds[0] < timer.seconds[1] < timer.seconds[2] < 5
    timer.on_train_begin()                        # a second fit starts a fresh record
    assert timer.seconds == []


def test_first_time_above():
    seconds, accuracy = [20.0, 41.0, 60.0], [0.40, 0.47, 0.52]
    assert timing.first_time_above(seconds, accuracy, 0.45) == 41.0
    assert timing.first_time_above(seconds, accuracy, 0.40) == 41.0     # strictly above
    assert timing.first_time_above(seconds, accuracy, 0.60) is None


class _FakeModel:
    stop_training = False


def test_seconds_budget_stops_after_the_budget_and_ignores_validation():
    budget = timing.SecondsBudget(0.05)
    budget.set_model(_FakeModel())
    budget.on_train_begin()
    budget.on_epoch_begin(0)
    time.sleep(0.1)                                     # a slow first batch (tracing)
    budget.on_train_batch_end(0)
    assert budget.first_batch_s >= 0.1                  # timed apart: not counted
    budget.on_train_batch_end(1)
    assert not budget.model.stop_training               # far below the budget
    budget.on_test_begin()                              # validation starts: the clock stops
    time.sleep(0.1)                                     # a long validation pass is not counted
    budget.on_epoch_end(0)
    assert len(budget.seconds) == 1 and budget.seconds[0] < 0.05
    budget.on_epoch_begin(1)
    while not budget.model.stop_training:
        budget.on_train_batch_end(0)
    budget.on_epoch_end(1)                              # no validation: closed here
    assert len(budget.seconds) == 2 and budget.seconds[1] >= 0.05
    assert budget.steps >= 3


def test_seconds_budget_in_fit_stops_mid_epoch():
    import keras
    import numpy as np

    class SlowBatches(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            time.sleep(0.02)

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x, y = np.zeros((400, 4), "float32"), np.zeros(400, "int32")
    budget = timing.SecondsBudget(0.2)
    model.fit(x, y, batch_size=4, epochs=5, verbose=0, callbacks=[SlowBatches(), budget])
    assert 0.2 <= budget.seconds[-1] < 2 and len(budget.seconds) == 1
    assert budget.steps < 100                            # stopped inside the first epoch


def test_seconds_budget_rejects_a_non_positive_budget():
    import pytest

    with pytest.raises(ValueError, match="positive"):
        timing.SecondsBudget(0)


def test_images_per_second_counts_the_images_it_trained(monkeypatch):
    """A dataset of 10 images in batches of 4 (4, 4, 2) asked for 5 batches trains 10 images, not
    5 x 4: images / (stop - start) with a fake clock that reads 0 s, then 2 s."""
    import types

    import keras
    import numpy as np
    import pytest
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((np.zeros((10, 4), "float32"),
                                             np.zeros(10, "int32"))).batch(4)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    monkeypatch.setattr(timing, "time", types.SimpleNamespace(perf_counter=iter([0.0, 2.0]).__next__))
    assert timing.images_per_second(model, ds, 5) == 5.0
    with pytest.raises(ValueError, match="no images"):
        timing.images_per_second(model, ds.take(0), 5)
