"""Profiles: one code path, three sizes (smoke, cpu, full); notebook 00 teaches them.

``CNN_PROFILE`` picks one. Unset: ``full`` when a GPU is visible, ``cpu`` otherwise. Notebooks read
sizes from the profile (subsets, epochs, image size, batch size, model width); they never branch on
its name.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Profile:
    """Read-only sizes for one profile. ``None`` for a subset means "all of it"."""
    name: str
    description: str
    # CIFAR-10 (notebooks 01-03, 06, 07)
    cifar_train: int | None      # training images taken from the 50k (stratified)
    cifar_test: int | None       # test images taken from the 10k (stratified)
    epochs: int                  # main training run (notebooks 00, 01)
    cnn_epochs: int              # notebook 02's main CNN: a fixed number of epochs of Adam
    study_epochs: int            # short comparison runs (dense vs CNN, depth study)
    batch_size: int
    cnn_batch_size: int          # notebook 02's main CNN (more, smaller steps in cpu)
    cnn_width: int               # filters in the first conv block; doubles per block
    study_train: int | None      # training images for quick fallback models (06, 07)
    depth_train: int | None      # images for 02's depth study (10% of them validate)
    depth_epochs: int            # the depth study's longer budget (its short one is 1 epoch)
    aug_train: int | None        # training images for the augmentation comparison (03)
    aug_epochs: int              # epochs for each model in that comparison
    eval_train: int              # 09: training images for the seed-spread and k-fold runs (11:
                                 # for the label-noise runs)
    eval_epochs: int             # 09 and 11: epochs of each of those small runs
    eval_seeds: int              # 09: runs of one recipe that differ only in the seed
    kfold_splits: int            # 09: k of the k-fold cross-validation
    longtail_max: int            # 09: images of the most common class of the long-tailed set
    longtail_epochs: int         # 09: epochs of each imbalance arm
    robust_images: int | None    # 11: CIFAR-10 test images for the corruption and FGSM curves
    craft_train: int             # 08: training images for each ablation arm and search trial
    craft_val: int | None        # 08: validation images scoring the arms and trials
    craft_epochs: int            # 08: epochs of each arm and trial
    final_epochs: int            # 08: the final recipe's epochs on all the training images
    final_convs: tuple           # 08: the final recipe's conv layers in each of the three blocks
    residual_train: int | None   # 12: training images of the plain and residual nets (10% validate)
    residual_epochs: int         # 12: epochs of each of those two nets (equal steps)
    residual_width: int          # 12: filters of their first stage; doubles per stage
    equal_seconds: float         # 12: seconds of training for each of the CNN, ViT and hybrid
    family_repeats: int          # 12: timed batch-1 calls of each keras.applications model
    # Animals (notebooks 04-07). The cap on images per class keeps 04-07 within the profile's
    # time budget on the real Animals-10 too (26k photos in 10 classes, up to 6720x4480): a total
    # image budget is shared out evenly, so a dataset with more classes gets fewer per class
    # (cpu: 3,000 images -> all 1,000 per class of the 3-class stand-in, 300 per class of the real
    # set). See ``animals_cap``; notebook 04 teaches it, ``helpers.data.animals_split`` applies it.
    animals_images: int | None   # image budget: at most animals_images // n_classes per class
    animals_per_class: int | None  # a fixed cap per class, whatever the number of classes
    animals_batch_size: int      # batch size for the animal datasets (a few thousand images)
    image_size: int              # side of the square images fed to the pretrained models
    custom_image_size: int       # side of the images the custom animal CNN is trained on
    head_epochs: int             # transfer learning with a frozen base
    fine_tune_epochs: int
    custom_epochs: int           # the custom CNN baseline on animals
    fine_tune_layers: int        # how many of MobileNetV2's top layers get unfrozen

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
        cifar_train=1000, cifar_test=500, epochs=1, cnn_epochs=1, study_epochs=1, batch_size=128,
        cnn_batch_size=128, cnn_width=16,
        study_train=1000, depth_train=1000, depth_epochs=1, aug_train=1000, aug_epochs=1,
        eval_train=600, eval_epochs=1, eval_seeds=2, kfold_splits=2, longtail_max=80,
        longtail_epochs=1, robust_images=300, craft_train=600, craft_val=100, craft_epochs=1,
        final_epochs=1, final_convs=(1, 1, 1),
        residual_train=600, residual_epochs=1, residual_width=8, equal_seconds=4,
        family_repeats=2,
        animals_images=None, animals_per_class=40, animals_batch_size=32, image_size=160,
        custom_image_size=64, head_epochs=1, fine_tune_epochs=1, custom_epochs=1,
        fine_tune_layers=20),
    "cpu": Profile(
        name="cpu", description="A laptop without a GPU: each notebook in about 10 minutes "
        "or less on 2 cores, with numbers worth teaching with.",
        cifar_train=None, cifar_test=None, epochs=10, cnn_epochs=10, study_epochs=3, batch_size=128,
        cnn_batch_size=64, cnn_width=32,
        study_train=5000, depth_train=5000, depth_epochs=10, aug_train=2200, aug_epochs=45,
        eval_train=4000, eval_epochs=8, eval_seeds=4, kfold_splits=4, longtail_max=1000,
        longtail_epochs=15, robust_images=2000, craft_train=4000, craft_val=2000, craft_epochs=4,
        final_epochs=11, final_convs=(1, 2, 2),
        residual_train=10000, residual_epochs=8, residual_width=16, equal_seconds=50,
        family_repeats=10,
        animals_images=3000, animals_per_class=None, animals_batch_size=32, image_size=160,
        custom_image_size=96, head_epochs=3, fine_tune_epochs=2, custom_epochs=8,
        fine_tune_layers=30),
    "full": Profile(
        name="full", description="A GPU (e.g. Studio Lab's T4): the real recipe, aimed at "
        "beating the seeds' numbers.",
        cifar_train=None, cifar_test=None, epochs=60, cnn_epochs=30, study_epochs=15, batch_size=128,
        cnn_batch_size=128, cnn_width=64,
        study_train=None, depth_train=10000, depth_epochs=30, aug_train=None, aug_epochs=60,
        eval_train=20000, eval_epochs=20, eval_seeds=5, kfold_splits=5, longtail_max=5000,
        longtail_epochs=30, robust_images=None, craft_train=10000, craft_val=None,
        craft_epochs=15, final_epochs=60, final_convs=(2, 2, 2),
        residual_train=None, residual_epochs=30, residual_width=32, equal_seconds=300,
        family_repeats=30,
        animals_images=None, animals_per_class=None, animals_batch_size=32, image_size=224,
        custom_image_size=224, head_epochs=15, fine_tune_epochs=15, custom_epochs=40,
        fine_tune_layers=60),
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
