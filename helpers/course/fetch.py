"""The ``cnn-data`` command: put the datasets and weights on disk, and say what is there.

    cnn-data status                                            # what is present, what is missing
    cnn-data fetch cifar10 mobilenet_v2                        # online: the real downloads
    cnn-data fetch animals                                     # online: Animals-10 via kagglehub
    cnn-data fetch cifar10 animals mobilenet_v2 --from ../shared/data   # the offline mirror

(``python -m helpers.data ...`` and ``python -m helpers.course.fetch ...`` run the same
command.) The lessons load what this puts in place through ``helpers.data``; nothing here is a
lesson.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

from .. import data

# The offline mirror (see ../shared/data/README.md): archive names and checksums.
MIRROR_ARCHIVES = {
    "cifar10": ("cifar10-jpg.tar.gz",
                "05861de48020b63b134b4cee2161226c2cb49587c9e018b3bbf6d13099a68577"),
    "animals": ("animals3-jpg.tar.gz",
                "7a1e393b8104d9b141b3858e186692f03abc3784316099b342aa37d8a8cdfdd9"),
}


def _extract_from_mirror(name: str, mirror: Path):
    archive, digest = MIRROR_ARCHIVES[name]
    src = mirror / archive
    if not src.exists():
        raise data.DataNotFoundError(f"{src} does not exist; is {mirror} the offline mirror?")
    if data.sha256(src) != digest:
        raise data.DataNotFoundError(f"{src} has the wrong sha256; the copy is damaged.")
    dest = data.data_dir()
    dest.mkdir(parents=True, exist_ok=True)
    print(f"extracting {src} -> {dest}")
    # Into a temporary folder first, then each top-level entry is moved into place: an
    # interrupted extraction never leaves a half-filled dataset folder that looks complete.
    tmp = Path(tempfile.mkdtemp(prefix=f".extract-{name}-", dir=dest))
    try:
        with tarfile.open(src) as tar:
            # The "data" filter (Python >= 3.11.4) refuses links and paths that leave ``tmp``.
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(tmp, **safe)
        for entry in tmp.iterdir():
            target = dest / entry.name
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(entry, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(name: str, mirror: Path | None = None):
    """Put dataset/weights ``name`` in place, from ``mirror`` if given, else from the internet."""
    if name == "cifar10":
        if mirror is not None:
            _extract_from_mirror("cifar10", mirror)
        data.cifar10_arrays()                     # downloads if needed and builds the array cache
        print(f"cifar10: ready ({data.data_dir() / 'cifar10.npz'})")
    elif name == "animals":
        if mirror is not None:
            _extract_from_mirror("animals", mirror)
            print("animals: the mirror holds the 3-class STAND-IN (animals3), not Animals-10")
            return
        try:
            import kagglehub
        except ImportError:
            raise data.DataNotFoundError(
                "Fetching Animals-10 online needs kagglehub: `pip install kagglehub`, then log in "
                f"to Kaggle (https://www.kaggle.com/docs/api). Or download the zip from "
                f"{data.ANIMALS10_URL} and unzip it into {data.data_dir() / 'animals10'}."
            ) from None
        path = Path(kagglehub.dataset_download(data.ANIMALS10_KAGGLE))
        dest = data.data_dir() / "animals10"
        shutil.copytree(path, dest, dirs_exist_ok=True)
        print(f"animals: Animals-10 ready in {dest}")
    elif name == "mobilenet_v2":
        target = data.keras_home() / "models"
        if mirror is not None:
            src = mirror / "keras" / "models" / data.MOBILENET_V2_FILE.format(size=160)
            if not src.exists():
                raise data.DataNotFoundError(
                    f"{src} does not exist; is {mirror} the offline mirror?")
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / src.name)
            print(f"mobilenet_v2: copied to {target / src.name} "
                  f"({data.mobilenet_v2_weights(160)['description']})")
            return
        import keras
        for size in (160, 224):
            keras.applications.MobileNetV2(weights="imagenet", include_top=False,
                                           input_shape=(size, size, 3))
        print(f"mobilenet_v2: ImageNet weights (160 and 224 px) in {target}")
    else:
        raise SystemExit(f"unknown dataset {name!r}; choose from cifar10, animals, mobilenet_v2")


def print_status():
    print(f"data dir:   {data.data_dir()}")
    print(f"keras home: {data.keras_home()}")
    for r in data.status():
        mark = "OK     " if r["present"] else "MISSING"
        print(f"  [{mark}] {r['name']:<13} {r['where']}")
        if r["note"]:
            print(f"            {r['note']}")
        if r["fix"]:
            print(f"            {r['fix']}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cnn-data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("status", help="show which datasets and weights are present")
    f = sub.add_parser("fetch", help="download datasets/weights, or copy them from a mirror")
    f.add_argument("names", nargs="+", choices=["cifar10", "animals", "mobilenet_v2"])
    f.add_argument("--from", dest="mirror", type=Path, default=None,
                   help="offline mirror laid out like ../shared/data")
    args = parser.parse_args(argv)
    if args.cmd == "status":
        print_status()
        return 0
    try:
        for name in args.names:
            fetch(name, args.mirror)
    except data.DataNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
