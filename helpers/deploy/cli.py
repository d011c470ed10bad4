"""Classify your own photos from the command line (notebook 10):

    cnn-predict PATH... [--model cifar10|animals|FILE.keras] [--top 3]

PATHs are image files or folders (searched recursively). Each image gets one line with its top
classes; a file that cannot be read gets one line saying why, and the others go on. Exit status:
0 if every file was classified, 1 if some were skipped, 2 if none could be.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..audit import IMAGE_EXTENSIONS


def expand(paths) -> tuple[list[Path], list[str]]:
    """Files to classify (folders: their image files, recursively, sorted) and problems found."""
    files, problems = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in IMAGE_EXTENSIONS)
            files += found
            if not found:
                problems.append(f"{p}: skipped (no image files in this folder)")
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: skipped (no such file or folder)")
    return files, problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cnn-predict", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--model", default="cifar10",
                        help="cifar10 (notebook 02), animals (notebook 05) or a .keras file")
    parser.add_argument("--profile", help="whose saved model to use (default: CNN_PROFILE, "
                        "else cpu, or full on a GPU)")
    parser.add_argument("--top", type=int, default=3, help="classes to show per image")
    args = parser.parse_args(argv)

    from .. import session  # noqa: F401  (imports TensorFlow quietly)
    from ..profile import get_profile
    from .classifier import Classifier, ImageError, read_image_file

    files, problems = expand(args.paths)
    for line in problems:
        print(line)
    try:
        clf = Classifier.load(args.model, get_profile(args.profile))
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not clf.named:
        print(f"note: no class names saved beside {args.model} (a .classes.json file): "
              f"classes are shown by number")
    done = 0
    for f in files:
        try:
            top = clf.top_k(read_image_file(f), args.top)
        except (ImageError, OSError) as err:
            problems.append(f"{f}: skipped ({err})")
            print(problems[-1])
            continue
        print(f"{f}: " + ", ".join(f"{name} {p:.1%}" for name, p in top))
        done += 1
    print(f"{done} classified, {len(problems)} skipped, model {clf.name} "
          f"({clf.image_size}x{clf.image_size}, {len(clf.class_names)} classes)")
    return 0 if not problems else (1 if done else 2)


if __name__ == "__main__":
    sys.exit(main())
