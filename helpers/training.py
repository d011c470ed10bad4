"""Training plumbing the CIFAR-10 notebooks share: the AdamW + warm-up + cosine recipe that
notebook 08 builds step by step (``compile_classifier``, used by 03, 09 and 11), and a
one-line-per-run progress bar for loops that train several models (``EpochProgress``)."""
from __future__ import annotations

import math


def compile_classifier(model, epochs: int, n_train: int, batch_size: int, peak_lr: float = 2e-3,
                       warmup: float = 0.1, weight_decay: float = 0.05,
                       label_smoothing: float = 0.0):
    """Notebook 08's baseline recipe (its ``compile_model`` and ``make_schedule("cosine")``): AdamW (Adam with decoupled ``weight_decay``), its learning rate
    warming up linearly over the first ``warmup`` fraction of the steps (from ``peak_lr / 30``),
    then a cosine decay to zero; sparse categorical cross-entropy; accuracy. Returns ``(schedule, steps)``; no early stopping: the schedule sets the budget.
    With ``label_smoothing`` (notebook 08's final recipe) the loss is categorical cross-entropy
    with smoothed targets, so the labels must be one-hot."""
    import keras

    steps = epochs * math.ceil(n_train / batch_size)
    warmup_steps = max(1, int(steps * warmup))
    schedule = keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=peak_lr / 30, decay_steps=steps - warmup_steps,
        warmup_target=peak_lr, warmup_steps=warmup_steps)
    loss = (keras.losses.CategoricalCrossentropy(label_smoothing=label_smoothing)
            if label_smoothing else "sparse_categorical_crossentropy")
    model.compile(optimizer=keras.optimizers.AdamW(schedule, weight_decay=weight_decay),
                  loss=loss, metrics=["accuracy"])
    return schedule, steps


def EpochProgress(epochs: int, desc: str):
    """A Keras callback showing one progress bar per ``fit`` (epochs done, last validation
    accuracy) instead of a line per epoch: for notebooks that train several models in a loop."""
    import keras
    from tqdm.auto import tqdm

    class _Progress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.bar = tqdm(total=epochs, desc=desc, unit="epoch", leave=True)

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            if "val_accuracy" in logs:
                self.bar.set_postfix(val_accuracy=f"{logs['val_accuracy']:.3f}")
            self.bar.update(1)

        def on_train_end(self, logs=None):
            self.bar.close()

    return _Progress()
