"""The "Open in Studio Lab" badge for wherever this clone is hosted (README, SageMaker Studio Lab):

    python -m helpers.course.studio_lab     # prints the Markdown badge for the git remote

Studio Lab imports notebooks from public GitHub repositories, so the remote must be on GitHub.
"""
from __future__ import annotations

import re
import subprocess
import sys

BADGE = "https://studiolab.sagemaker.aws/studiolab.svg"
FIRST_NOTEBOOK = "notebooks/00_setup_check.ipynb"


def launch_url(remote: str, branch: str = "main", notebook: str = FIRST_NOTEBOOK) -> str:
    """Studio Lab's import link for a GitHub ``remote`` (https or ssh form) and ``branch``."""
    match = re.match(r"^(?:https://|ssh://git@|git@)github\.com[:/]([^/]+)/(.+?)(?:\.git)?/?$",
                     remote.strip())
    if not match:
        raise ValueError(f"{remote!r} is not a GitHub repository: Studio Lab imports from "
                         "GitHub only")
    owner, repo = match.groups()
    return f"https://studiolab.sagemaker.aws/import/github/{owner}/{repo}/blob/{branch}/{notebook}"


def main(argv=None) -> int:
    def git(*args):
        return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()

    remote, branch = git("remote", "get-url", "origin"), git("rev-parse", "--abbrev-ref", "HEAD")
    try:
        url = launch_url(remote, branch if branch not in ("", "HEAD") else "main")
    except ValueError as err:
        print(f"error: {err or 'no git remote named origin'}", file=sys.stderr)
        return 1
    print(f"[![Open In Studio Lab]({BADGE})]({url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
