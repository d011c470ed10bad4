"""Which platforms and Python versions can install the course: pip's own resolver, binary wheels
only, run on ``requirements.txt`` (less the editable ``-e .``) for every platform and Python
version the README names, as supported or not. It needs PyPI (pip downloads the wheels it
resolves, so the whole matrix takes some minutes); the GitHub workflow runs it.

    python tools/check_platforms.py                 # the whole matrix: a line each
    python tools/check_platforms.py linux-x86_64    # one platform

Exit status 1 when a result differs from ``MATRIX``, which the README and ``pyproject.toml``'s
``requires-python`` state (tests/test_platforms.py keeps the three in agreement).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# pip --platform tags per platform: pip does not expand a manylinux or macOS tag to the older
# ones a wheel may carry, so each platform lists the tags its wheels use.
TAGS = {
    "linux-x86_64": ["manylinux2014_x86_64"] + [f"manylinux_2_{v}_x86_64" for v in (17, 27, 28)],
    "linux-aarch64": ["manylinux2014_aarch64"] + [f"manylinux_2_{v}_aarch64"
                                                  for v in (17, 27, 28)],
    "windows-amd64": ["win_amd64"],
    "macos-arm64": [f"macosx_{v}_0_arm64" for v in (11, 12, 13, 14)],
    "macos-x86_64": [f"macosx_{v}_0_x86_64" for v in (10, 11, 12, 13, 14)],
}
# (platform, Python) -> whether requirements.txt installs there, as measured on 2026-12-06.
MATRIX = {
    **{("linux-x86_64", py): True for py in ("3.11", "3.12", "3.13")},
    ("linux-x86_64", "3.10"): False,          # numpy 2.4.6 (and others) need Python >= 3.11
    ("linux-x86_64", "3.14"): False,          # no TensorFlow 2.21 wheel
    **{("linux-aarch64", py): True for py in ("3.11", "3.12", "3.13")},
    **{("windows-amd64", py): True for py in ("3.11", "3.12", "3.13")},
    **{("macos-arm64", py): True for py in ("3.11", "3.12", "3.13")},
    ("macos-x86_64", "3.12"): False,          # TensorFlow stops at 2.16 on Intel Macs
}


def requirements(path: Path = REPO / "requirements.txt") -> list[str]:
    """The pinned requirement lines: comments, blanks and the editable course package left out."""
    lines = [line.split("#", 1)[0].strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("-e")]


def resolve(platform: str, python: str, reqs: list[str]) -> tuple[bool, str]:
    """Whether pip can resolve ``reqs`` for ``platform`` and ``python``, and pip's first error."""
    with tempfile.TemporaryDirectory() as tmp:
        req_file = Path(tmp) / "requirements.txt"
        req_file.write_text("\n".join(reqs) + "\n")
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
               "--ignore-installed", "--only-binary=:all:", "--python-version", python,
               "--target", str(Path(tmp) / "target"), "-r", str(req_file)]
        for tag in TAGS[platform]:
            cmd += ["--platform", tag]
        out = subprocess.run(cmd, capture_output=True, text=True)
    errors = re.findall(r"^ERROR: (No matching distribution found for \S+)", out.stderr, re.M)
    return out.returncode == 0, (errors[0] if errors else out.stderr.strip()[-200:])


def main(argv=None, resolver=resolve) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("platforms", nargs="*", help=f"any of {', '.join(TAGS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.platforms) - set(TAGS)
    if unknown:
        parser.error(f"unknown platform {', '.join(sorted(unknown))}; "
                     f"choose from {', '.join(TAGS)}")
    reqs, surprises = requirements(), 0
    for (platform, python), expected in MATRIX.items():
        if args.platforms and platform not in args.platforms:
            continue
        ok, message = resolver(platform, python, reqs)
        same = ok == expected
        surprises += not same
        print(f"{platform:<14} Python {python}: {'installs' if ok else 'no: ' + message}"
              f"{'' if same else '   <- differs from MATRIX'}", flush=True)
    return 1 if surprises else 0


if __name__ == "__main__":
    sys.exit(main())
