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
