"""Save and reuse trained models between notebooks (``<data dir>/models/<name>-<profile>.keras``)."""
from __future__ import annotations

from pathlib import Path

from .data import data_dir


def model_path(name: str, profile) -> Path:
    return data_dir() / "models" / f"{name}-{profile.name}.keras"


def save_model(model, name: str, profile) -> Path:
    """Save a whole model in the Keras 3 ``.keras`` format for later notebooks."""
    path = model_path(name, profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    print(f"saved {name} -> {path}")
    return path


def load_saved_model(name: str, profile):
    """The model saved under ``name`` for this profile, or None (with a note) if there is none."""
    import keras

    path = model_path(name, profile)
    if not path.exists():
        print(f"no saved {name!r} for profile {profile.name} at {path}: training a small one here.")
        return None
    print(f"loaded {name} from {path}")
    return keras.saving.load_model(path)


def cifar_cnn(profile, blocks: int = 3, name: str = "cifar10_cnn"):
    """The CIFAR-10 CNN built step by step in notebook 02, sized by ``profile``: ``blocks`` of
    Conv2D (→ BatchNorm) → ReLU, then MaxPooling; Flatten, Dropout, Dense(128), softmax."""
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input((32, 32, 3)), layers.Rescaling(1 / 255)], name=name)
    for b in range(blocks):
        for _ in range(profile.cnn_convs_per_block):
            model.add(layers.Conv2D(profile.cnn_width * 2**b, 3, padding="same",
                                    use_bias=not profile.batch_norm))
            if profile.batch_norm:
                model.add(layers.BatchNormalization())
            model.add(layers.ReLU())
        model.add(layers.MaxPooling2D(2))
    model.add(layers.Flatten())
    model.add(layers.Dropout(0.3))
    model.add(layers.Dense(128, activation="relu"))
    model.add(layers.Dense(10, activation="softmax"))
    return model
