"""JupyterLab presents a notebook live as slides with ``jupyterlab-rise`` (pinned in
requirements.txt): a Jupyter server with the extension serves notebook 02 at ``/rise/...``, and
headless Chromium, with every request off this machine blocked, shows it as reveal.js slides
that follow the cells' slide types (only the notebook's badge images and the RISE theme's web
fonts are asked for outside, and do without).

Skipped without Chromium unless ``CNN_REQUIRE_BROWSER=1`` (``.ci/run``)."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from helpers.paths import REPO_ROOT

NOTEBOOK = "notebooks/02_cifar10_first_cnn.ipynb"
COSMETIC = ("https://colab.research.google.com/assets/", "https://kaggle.com/static/images/",
            "https://studiolab.sagemaker.aws/", "https://fonts.googleapis.com/css")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port, token = free_port(), "cnn-course-test"
    log = tmp_path_factory.mktemp("rise") / "server.log"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(log.parent / "runtime")}
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
             "--allow-root", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={REPO_ROOT}"],
            stdout=out, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                    break
                except OSError:
                    if process.poll() is not None:       # it exited: no use waiting
                        break
                    time.sleep(0.5)
            else:
                process.kill()
            if process.poll() is not None:
                pytest.fail(f"jupyter server did not start: {log.read_text()[-2000:]}")
            yield url, token
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_rise_presents_a_notebook_as_slides_offline(server, tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    url, token = server
    cells = nbformat.read(REPO_ROOT / NOTEBOOK, as_version=4).cells
    slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in cells)
    outside = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(url)
                       else (outside.append(route.request.url), route.abort()))
            page.goto(f"{url}/rise/{NOTEBOOK}?token={token}")
            page.wait_for_selector(".reveal .slides section", timeout=60_000)
            page.wait_for_timeout(2_000)
            shown = page.locator(".reveal .slides > section").count()
            assert shown == slides, f"{shown} slides; the notebook's cells open {slides}"
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(500)
            page.screenshot(path=Path(os.environ.get("CNN_SLIDES_SHOTS", tmp_path)) / "rise.png")
        finally:
            browser.close()
    # Blocked and harmless: the notebook's own badges (images) and the RISE theme's web fonts
    # (the browser falls back to its own). A script or style sheet from the web would fail here.
    assert all(u.startswith(COSMETIC) for u in outside), outside
