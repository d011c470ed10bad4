"""Profiles: one code path, three sizes (smoke, cpu, full); notebook 00 teaches them.

``CNN_PROFILE`` picks one. Unset: ``full`` when a GPU is visible, ``cpu`` otherwise. Notebooks read
the shared sizes from the profile (subsets, batch size, width, image size, the animal cap) and pick
their own with ``Profile.pick``; they never branch on its name.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Profile:
    """Read-only sizes that several notebooks share. ``None`` for a subset means "all of it".
    A notebook's own sizes live in its parameter cell, written once for the three profiles with
    ``pick``: ``EPOCHS = P.pick(smoke=1, cpu=45, full=60)``."""
    name: str
    description: str
    # CIFAR-10
    cifar_train: int | None      # training images taken from the 50k (stratified)
    cifar_test: int | None       # test images taken from the 10k (stratified)
    batch_size: int
    cnn_width: int               # filters in the first conv block of 02's CNN; doubles per block
    # The small CIFAR-10 CNN that 06, 07, 09, 10 and 11 train when 02's saved model is missing
    # (and the head on MobileNetV2 when 05's is), helpers.models
    study_train: int | None      # its training images
    study_epochs: int            # its epochs
    # Animals (notebooks 04-07, 10, 11). The cap on images per class keeps them within the
    # profile's time budget on the real Animals-10 too (26k photos in 10 classes, up to
    # 6720x4480): a total image budget is shared out evenly, so a dataset with more classes gets
    # fewer per class (cpu: 3,000 images -> all 1,000 per class of the 3-class stand-in, 300 per
    # class of the real set). See ``animals_cap``; notebook 04 teaches it,
    # ``helpers.data.animals_split`` applies it.
    animals_images: int | None   # image budget: at most animals_images // n_classes per class
    animals_per_class: int | None  # a fixed cap per class, whatever the number of classes
    animals_batch_size: int      # batch size for the animal datasets (a few thousand images)
    image_size: int              # side of the square images fed to the pretrained models

    def animals_cap(self, n_classes: int) -> int | None:
        """Images per class to use for an animal dataset with ``n_classes`` classes: the smaller
        of ``animals_per_class`` and ``animals_images // n_classes`` (None: every image)."""
        caps = [self.animals_per_class,
                None if self.animals_images is None else self.animals_images // n_classes]
        return min((c for c in caps if c is not None), default=None)

    def pick(self, *, smoke, cpu, full):
        """This profile's value of a notebook's own setting, written once for the three profiles
        in the notebook's parameter cell: ``EPOCHS = P.pick(smoke=1, cpu=4, full=15)``."""
        return {"smoke": smoke, "cpu": cpu, "full": full}[self.name]

    def table(self):
        """The profile as a pandas Series, for display."""
        import pandas as pd
        return pd.Series({f.name: getattr(self, f.name) for f in fields(self)}, name=self.name)


PROFILES = {
    "smoke": Profile(
        name="smoke", description="CI: proves each notebook runs end to end on real data, "
        "in a minute or two on 2 CPU cores. Its numbers are not results.",
        cifar_train=1000, cifar_test=500, batch_size=128, cnn_width=16,
        study_train=1000, study_epochs=1,
        animals_images=None, animals_per_class=40, animals_batch_size=32, image_size=160),
    "cpu": Profile(
        name="cpu", description="A laptop without a GPU: each notebook in about 10 minutes "
        "or less on 2 cores, with numbers worth teaching with.",
        cifar_train=None, cifar_test=None, batch_size=128, cnn_width=32,
        study_train=5000, study_epochs=3,
        animals_images=3000, animals_per_class=None, animals_batch_size=32, image_size=160),
    "full": Profile(
        name="full", description="A GPU (e.g. Studio Lab's T4): the real recipe, aimed at "
        "beating the seeds' numbers.",
        cifar_train=None, cifar_test=None, batch_size=128, cnn_width=64,
        study_train=None, study_epochs=15,
        animals_images=None, animals_per_class=None, animals_batch_size=32, image_size=224),
}


def gpu_present() -> bool:
    import tensorflow as tf
    return bool(tf.config.list_physical_devices("GPU"))


def get_profile(name: str | None = None) -> Profile:
    """The active profile: ``name``, else ``$CNN_PROFILE``, else full on a GPU / cpu otherwise."""
    name = name or os.environ.get("CNN_PROFILE", "").strip().lower()
    if not name:
        return PROFILES["full" if gpu_present() else "cpu"]
    if name not in PROFILES:
        raise ValueError(f"Unknown CNN_PROFILE {name!r}. Valid profiles: "
                         f"{', '.join(PROFILES)} (or leave it unset for automatic choice).")
    return PROFILES[name]
