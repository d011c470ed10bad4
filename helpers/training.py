"""Training plumbing the CIFAR-10 notebooks share: the AdamW + warm-up + cosine recipe that
notebook 08 builds step by step (``compile_classifier``, used by 09 and 11, after it), and the
``tf.data`` pipeline over in-memory arrays that 02 and 08 feed ``fit`` with (``array_dataset``)."""
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


def array_dataset(x, y, batch_size: int, shuffle: bool = False, seed: int = 42, augment=None):
    """A ``tf.data`` pipeline over in-memory arrays (notebooks 02 and 08): shuffle anew each epoch
    (training only), batch, ``augment`` each batch (a function of ``(images, labels)``), prefetch.

    tf.data's autotuner is switched off. With TensorFlow 2.21 on a 2-core CPU, Keras' ``fit``
    waited 20-40 s at the start of most epochs while the last epoch's autotuned iterator shut
    down, with both cores idle (02: epochs of about 25 s of work took 40-70 s). That includes
    the pipeline ``fit`` builds itself for NumPy arrays, hence this one. Fixed sizes
    (a prefetch buffer, one map call per core) keep the cores as busy here."""
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        ds = ds.shuffle(len(y), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size)
    if augment is not None:
        ds = ds.map(augment, num_parallel_calls=tf.data.AUTOTUNE)
    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.prefetch(tf.data.AUTOTUNE).with_options(options)
