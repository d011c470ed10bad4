"""The several-GPU path of ``helpers.session``, tested on this machine: a subprocess splits the CPU
into two logical devices, ``configure_device`` picks a ``MirroredStrategy`` over them and
``use_strategy`` (what ``setup`` calls) makes it current. A small CNN built and trained through
``fit`` with no ``strategy.scope()`` in the "notebook" code then ends with the same weights as
the same training on one device: the global batch is split across the replicas and their
gradients are summed, so only float rounding differs."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import keras
from keras import layers
from helpers import session


def notebook_cells(initial=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(4, 3, activation="relu"),
                              layers.Flatten(), layers.Dense(3, activation="softmax")])
    if initial is not None:
        model.set_weights(initial)
    start = [w.copy() for w in model.get_weights()]
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(1).random((64, 8, 8, 3)).astype("float32")
    y = np.random.default_rng(2).integers(0, 3, 64)
    model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    return model, start


single, start = notebook_cells()
described, strategy = session.configure_device("CPU")
session.use_strategy(strategy)
mirrored, _ = notebook_cells(initial=start)
print("device:", described)
print("strategy:", type(tf.distribute.get_strategy()).__name__,
      tf.distribute.get_strategy().num_replicas_in_sync)
print("mirrored variables:", type(mirrored.weights[0].value).__name__)
moved = max(float(np.max(np.abs(a - b))) for a, b in zip(single.get_weights(), start))
gap = max(float(np.max(np.abs(a - b)))
          for a, b in zip(single.get_weights(), mirrored.get_weights()))
print(f"moved: {moved:.6g}")
print(f"gap: {gap:.6g}")
"""


def test_two_logical_devices_train_like_one():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO,
                         timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
    assert lines["device"] == "2 CPUs (MirroredStrategy)"
    assert lines["strategy"] == "MirroredStrategy 2"
    assert "Mirrored" in lines["mirrored variables"]      # built in the strategy, no scope()
    moved, gap = float(lines["moved"]), float(lines["gap"])
    assert moved > 1e-3                    # training changed the weights ...
    assert gap < 1e-5 * max(1.0, moved)    # ... the same way on two replicas as on one


def test_styled_tables_have_an_aligned_plain_text_form():
    """What GitHub shows of a styled table in an executed copy (helpers.session.styler_text)."""
    import pandas as pd

    from helpers.session import styler_text
    rows = pd.DataFrame({"images/s": [5796.0, 2771.0], "cost": [1.0, 2.09]},
                        index=pd.MultiIndex.from_tuples([("arms", "none"), ("arms", "BN")]))
    text = styler_text(rows.style.format({"images/s": "{:,.0f}", "cost": "{:.2f}×"}))
    assert text.splitlines()[1].split() == ["arms", "none", "5,796", "1.00×"]
    assert text.splitlines()[2].split() == ["BN", "2,771", "2.09×"]
    flat = pd.DataFrame({"a": [0.5]}, index=["x"])
    assert styler_text(flat.style.format("{:.0%}").hide(axis="index")).split() == ["a", "50%"]


def test_an_older_tensorflow_or_keras_gets_one_line_saying_what_to_do():
    from helpers.session import too_old
    assert too_old({"tensorflow": "2.21.0", "keras": "3.16.2"}) == []
    lines = too_old({"tensorflow": "2.19.1", "keras": "3.15.1"})
    assert len(lines) == 1 and lines[0].startswith("tensorflow 2.19.1 is older than the 2.21")
    assert "%pip install tensorflow==2.21.0 keras==3.15.1" in lines[0]
    assert "TROUBLESHOOTING.md" in lines[0]
    # pre-release and local version strings read as their major.minor
    assert too_old({"tensorflow": "2.21rc1", "keras": "3.15.1+cpu"}) == []
    assert len(too_old({"tensorflow": "2.20.0.dev0", "keras": "3.15"})) == 1
