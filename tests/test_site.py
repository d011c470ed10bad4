"""The course site: every notebook gets a page with its images and the provenance banner, and
the check catches a missing page, a page without its run, and an unlabelled stand-in. A headless
Chromium screenshot when a browser is installed."""
import json
import shutil

import nbformat
import pytest

from helpers.course import build_site

# A 1x1 PNG: an "image output" as matplotlib would leave it in an executed notebook.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5"
       "ErkJggg==")


@pytest.fixture
def course(tmp_path):
    notebooks, executed, results = (tmp_path / d for d in ("notebooks", "executed", "results"))
    notebooks.mkdir()
    executed.mkdir()
    for stem in ("00_first", "01_second"):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("plot()")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG})]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {stem}"), cell]
        nbformat.write(nb, notebooks / f"{stem}.ipynb")
        nbformat.write(nb, executed / f"{stem}.ipynb")
        run = {"profile": "smoke", "device": "CPU only (2 cores)", "date": "2026-12-02",
               "dataset": "animals3" if stem == "01_second" else "CIFAR-10",
               "stand_in": stem == "01_second"}
        (results / "smoke").mkdir(parents=True, exist_ok=True)
        (results / "smoke" / f"{stem}.json").write_text(json.dumps(run))
    return notebooks, executed, tmp_path / "site", results


def test_every_notebook_gets_a_page_with_its_images(course):
    notebooks, executed, out, results = course
    site = build_site.build("smoke", executed, out, notebooks, results)
    for stem in ("00_first", "01_second"):
        page = (site / f"{stem}.html").read_text()
        assert "<img " in page and "Outputs:" in page and "2026-12-02" in page
    assert "Stand-in data" in (site / "01_second.html").read_text()
    assert list((site / "_images").glob("*.png"))
    assert "01_second" in (site / "index.html").read_text()
    chromium = shutil.which("chromium")
    if chromium:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto((site / "00_first.html").as_uri())
            page.screenshot(path=out / "page.png")
            assert page.locator("img").count() >= 1
            browser.close()


def test_check_names_a_notebook_without_a_page(course):
    notebooks, executed, out, results = course
    site = build_site.build("smoke", executed, out, notebooks, results)
    check = lambda: build_site.check_site(site, executed, notebooks, "smoke", results)  # noqa: E731
    assert check() == []
    page = site / "00_first.html"
    page.write_text(page.read_text().replace("2026-12-02", "a date"))
    assert check() == ["00_first: the page does not name its run"]
    stand_in = site / "01_second.html"
    stand_in.write_text(stand_in.read_text().replace("Stand-in data", "Data"))
    assert check()[1:] == ["01_second: the page does not say it used stand-in data"]
    (executed / "00_first.ipynb").unlink()
    stand_in.unlink()
    assert check() == ["00_first: no executed copy in " + str(executed),
                       "00_first: the page does not name its run", "01_second: no page"]
