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
