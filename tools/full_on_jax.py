"""The `full` profile's headline recipes of notebooks 02, 03 and 08, run with Keras 3 on the JAX
backend: for a GPU machine that has JAX but no TensorFlow (the notebooks need TensorFlow for
`tf.data`, LiteRT and the helpers' start-up). It is a measurement script, not a lesson: the
notebooks teach each step; this re-runs their training recipes, with the sizes of
``helpers.profile.PROFILES["full"]`` and of the notebooks' own parameter cells (their
``P.pick(full=...)`` values, read by ``setting``), the models of ``helpers.models`` and the
recipe of ``helpers.training``, on the same data split (``helpers.data.load_cifar10``).

    KERAS_BACKEND=jax python tools/full_on_jax.py 02 --out runs/      # one recipe per process
    python tools/full_on_jax.py merge --out runs/                      # -> results/full-jax/

Recipes: ``02`` (the main CNN), ``02-depth`` (the depth study), ``03-<arm>`` (the augmentation
arms: ``baseline``, ``seed``, ``shifts``), ``08`` (the final recipe). Differences from the
notebooks, named in each result's notes: 03 and 08 augment inside the model with Keras layers or
in NumPy, not in `tf.data`; wall times are this script's training time, not a notebook's.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


sys.path.insert(0, str(REPO))                  # the helpers package, installed or not
# ``import helpers`` imports no TensorFlow; profile, data, models and training need none either.
from helpers import data, models, profile, training  # noqa: E402

H = {"profile": profile, "data": data, "models": models, "training": training}
P = H["profile"].PROFILES["full"]
SEED = 42                                    # helpers.setup's seed


def setting(notebook: str, name: str):
    """The value of ``NAME = P.pick(smoke=..., cpu=..., full=...)`` in a notebook's parameter cell
    for this run's profile: the notebook stays the one place that sizes its recipe."""
    import ast

    import nbformat
    nb = nbformat.read(REPO / "notebooks" / f"{notebook}.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code"
                and c.source.startswith("# Configurable parameters"))
    for node in ast.parse(cell).body:
        if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] ==
                [name] and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "attr", None) == "pick"):
            values = {k.arg: ast.literal_eval(k.value) for k in node.value.keywords}
            return values[P.name]
    raise LookupError(f"{notebook}: no `{name} = P.pick(...)` in its parameter cell")


def fit(model, x, y, data, epochs, batch_size=None):
    """Train; return (history, seconds)."""
    start = time.perf_counter()
    history = model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=2,
                        validation_data=(data.x_val, data.y_val), shuffle=True)
    return history, time.perf_counter() - start


def accuracy(model, x, y, tta=False):
    import numpy as np
    probs = model.predict(x, batch_size=1000, verbose=0)
    if tta:
        probs = probs + model.predict(x[:, :, ::-1], batch_size=1000, verbose=0)
    return float(np.mean(probs.argmax(axis=1) == y))


def run_02(data):
    """Notebook 02's main CNN: the profile's plain model, Adam, a fixed number of epochs."""
    import keras
    keras.utils.set_random_seed(SEED)
    model = H["models"].cifar_cnn(P)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    epochs = setting("02_cifar10_first_cnn", "CNN_EPOCHS")
    batch_size = setting("02_cifar10_first_cnn", "CNN_BATCH_SIZE")
    _, seconds = fit(model, data.x_train, data.y_train, data, epochs, batch_size)
    return "02_cifar10_first_cnn", {
        "test_accuracy": accuracy(model, data.x_test, data.y_test), "train_s": seconds,
        "params": model.count_params()}, (f"{epochs} epochs of Adam, batch "
                                          f"{batch_size}, width {P.cnn_width}")


def run_02_depth(_):
    """Notebook 02's depth study: 1-3 blocks, GAP head, half width, the same steps for each."""
    import keras
    depth_train = setting("02_cifar10_first_cnn", "DEPTH_TRAIN")
    depth_epochs = setting("02_cifar10_first_cnn", "DEPTH_EPOCHS")
    study = H["data"].load_cifar10(depth_train, depth_train // 2)
    metrics = {}
    for blocks in (1, 2, 3):
        for key, epochs in ((f"depth{blocks}_short", 1), (f"depth{blocks}", depth_epochs)):
            keras.utils.set_random_seed(SEED)
            model = H["models"].cifar_cnn(P, blocks=blocks, head="gap", width=P.cnn_width // 2)
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                          metrics=["accuracy"])
            fit(model, study.x_train, study.y_train, study, epochs, P.batch_size)
            metrics[f"{key}_test_accuracy"] = accuracy(model, study.x_test, study.y_test)
    return "02_cifar10_first_cnn", metrics, (f"depth study: {len(study.y_train):,} images, "
                                             f"{depth_epochs} epochs vs 1")


ARMS_03 = {"baseline": "no augmentation", "seed": "seed 001: flip + rotation 15°",
           "shifts": "flips + shifts"}


def run_03(data, arm):
    """Notebook 03's three arms (same recipe, no early stopping); augmentation inside the model."""
    import keras
    from keras import layers
    pipeline = {"baseline": [],
                "seed": [layers.RandomFlip("horizontal"),
                         layers.RandomRotation(15 / 360, fill_mode="nearest")],
                "shifts": [layers.RandomFlip("horizontal"),
                           layers.RandomTranslation(0.125, 0.125, fill_mode="reflect")]}[arm]
    keras.utils.set_random_seed(SEED)
    base = H["models"].cifar_cnn(P, dropout=0.3, dense=128)
    inputs = keras.Input((32, 32, 3))
    model = keras.Model(inputs, base(keras.Sequential(pipeline)(inputs) if pipeline else inputs))
    epochs = setting("03_data_augmentation", "EPOCHS")
    H["training"].compile_classifier(model, epochs, len(data.y_train), P.batch_size,
                                     weight_decay=0.0)
    history, seconds = fit(model, data.x_train, data.y_train, data, epochs, P.batch_size)
    val = history.history["val_accuracy"]
    train = accuracy(model, data.x_train, data.y_train)
    prefix = {"baseline": "baseline", "seed": "seed_settings", "shifts": "augmented"}[arm]
    return "03_data_augmentation", {
        f"{prefix}_test_accuracy": accuracy(model, data.x_test, data.y_test),
        f"{prefix}_best_val_accuracy": max(val), f"{prefix}_gap": train - val[-1],
        f"{prefix}_train_s": seconds}, (f"{ARMS_03[arm]}: {len(data.y_train):,} images, "
                                        f"{epochs} epochs, batch {P.batch_size}, "
                                        "augmentation as Keras layers in the model")


def flip_and_shift(x, rng, shift=4):
    """Notebook 08's augmentation in NumPy: a random horizontal flip, then a random window of the
    image padded by ``shift`` pixels with its mirror (one draw per image)."""
    import numpy as np
    x = np.where(rng.random(len(x))[:, None, None, None] < 0.5, x[:, :, ::-1], x)
    padded = np.pad(x, [(0, 0), (shift, shift), (shift, shift), (0, 0)], mode="reflect")
    top, left = rng.integers(0, 2 * shift + 1, (2, len(x)))
    rows = (top[:, None] + np.arange(32))[:, :, None]
    cols = (left[:, None] + np.arange(32))[:, None, :]
    return padded[np.arange(len(x))[:, None, None], rows, cols]


def run_08(data):
    """Notebook 08's final recipe: 02's CNN with the profile's ``final_convs`` and no dropout
    (08's ``FINAL_DROPOUT``), AdamW + warm-up + cosine, label smoothing 0.1, flips + shifts, all
    training images; the test set with flip TTA."""
    import keras
    import numpy as np

    class Batches(keras.utils.PyDataset):
        def __init__(self, x, y, batch_size):
            super().__init__()
            self.x, self.y, self.batch_size = x, keras.utils.to_categorical(y, 10), batch_size
            self.rng, self.order = np.random.default_rng(SEED), np.arange(len(y))

        def __len__(self):
            return math.ceil(len(self.order) / self.batch_size)

        def __getitem__(self, i):
            idx = self.order[i * self.batch_size:(i + 1) * self.batch_size]
            return flip_and_shift(self.x[idx], self.rng), self.y[idx]

        def on_epoch_end(self):
            self.rng.shuffle(self.order)

    keras.utils.set_random_seed(SEED)
    epochs = setting("08_training_craft", "FINAL_EPOCHS")
    convs = setting("08_training_craft", "FINAL_CONVS")
    model = H["models"].cifar_cnn(P, dropout=0.0, convs=convs, batch_norm=(1, 2),
                                  bn_momentum=0.9, name="final")     # 08's FINAL_BN
    H["training"].compile_classifier(model, epochs, len(data.y_train), P.batch_size,
                                     label_smoothing=0.1)
    train = Batches(data.x_train, data.y_train, P.batch_size)
    train.on_epoch_end()
    start = time.perf_counter()
    history = model.fit(train, epochs=epochs, verbose=2,
                        validation_data=(data.x_val, keras.utils.to_categorical(data.y_val, 10)))
    seconds = time.perf_counter() - start
    return "08_training_craft", {
        "final_test_accuracy": accuracy(model, data.x_test, data.y_test, tta=True),
        "final_test_accuracy_no_tta": accuracy(model, data.x_test, data.y_test),
        "final_val_accuracy": history.history["val_accuracy"][-1], "final_train_s": seconds,
        "final_params": model.count_params(),
        "final_images_per_s": epochs * len(data.y_train) / seconds}, (
        f"final recipe: {len(data.y_train):,} images, {epochs} epochs, convs per block "
        f"{convs}, BatchNorm in blocks 2-3, no dropout, batch "
        f"{P.batch_size}, flips + shifts in NumPy, label smoothing 0.1, test with flip TTA")


def device_name() -> str:
    import keras
    if keras.backend.backend() != "jax":
        return f"Keras {keras.__version__} on {keras.backend.backend()}"
    import jax
    device = jax.devices()[0]
    return (f"Keras {keras.__version__} on JAX {jax.__version__}, "
            f"{'GPU' if device.platform == 'gpu' else device.platform} ({device.device_kind})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("recipe", help="02, 02-depth, 03-baseline, 03-seed, 03-shifts, 08; "
                        "prepare (cache the data) or merge")
    parser.add_argument("--out", type=Path, required=True, help="folder for the run's JSON")
    parser.add_argument("--profile", default="full", help="sizes (default full; smoke to try it)")
    args = parser.parse_args(argv)
    global P
    P = H["profile"].PROFILES[args.profile]
    if args.recipe == "merge":
        return merge(args.out)
    if args.recipe == "prepare":           # decode and cache the data once, before parallel runs
        data = H["data"].load_cifar10(P.cifar_train, P.cifar_test)
        return print(data, "on", device_name())
    runs = {"02": run_02, "02-depth": run_02_depth, "08": run_08,
            **{f"03-{arm}": (lambda d, arm=arm: run_03(d, arm)) for arm in ARMS_03}}
    if args.recipe not in runs:
        parser.error(f"unknown recipe {args.recipe!r}: choose from {', '.join(runs)} or merge")
    started = time.perf_counter()
    data = H["data"].load_cifar10(P.cifar_train, P.cifar_test)
    notebook, metrics, notes = runs[args.recipe](data)
    args.out.mkdir(parents=True, exist_ok=True)
    entry = {"notebook": notebook, "recipe": args.recipe, "profile": P.name, "metrics": metrics,
             "notes": notes,
             "device": device_name(), "seconds": time.perf_counter() - started,
             "date": time.strftime("%Y-%m-%d")}
    (args.out / f"{args.recipe}.json").write_text(json.dumps(entry, indent=2) + "\n")
    print(json.dumps(entry))


def merge(folder: Path):
    """One results file per notebook in results/full-jax/, from the runs' JSON in ``folder``."""
    from helpers.atomic import write_text
    merged = {}
    for path in sorted(folder.glob("*.json")):
        run = json.loads(path.read_text())
        if run["profile"] != "full":
            print(f"{path}: a {run['profile']} run, not the full recipe: left out")
            continue
        entry = merged.setdefault(run["notebook"], {
            "notebook": run["notebook"], "profile": "full-jax", "device": run["device"],
            "dataset": "CIFAR-10", "stand_in": False, "metrics": {}, "wall_time_s": 0.0,
            "date": run["date"], "notes": "tools/full_on_jax.py, the full profile's recipe; "
            "recipes run side by side on one GPU"})
        entry["metrics"].update(run["metrics"])
        entry["wall_time_s"] += run["seconds"]
        entry["notes"] += f"; {run['recipe']}: {run['notes']}"
    aug = merged.get("03_data_augmentation", {}).get("metrics", {})
    if {"baseline_test_accuracy", "augmented_test_accuracy"} <= set(aug):
        aug["augmentation_gain"] = aug["augmented_test_accuracy"] - aug["baseline_test_accuracy"]
    for notebook, entry in merged.items():
        write_text(REPO / "results" / "full-jax" / f"{notebook}.json",
                   json.dumps(entry, indent=2) + "\n")
        print(f"wrote results/full-jax/{notebook}.json")


if __name__ == "__main__":
    os.environ.setdefault("KERAS_BACKEND", "jax")      # before Keras is first imported
    main()
