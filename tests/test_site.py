"""The course site: every notebook gets a page with its images and the provenance banner, and
the check catches a missing page. A headless Chromium screenshot when a browser is installed."""
import shutil

import nbformat
import pytest

from helpers.course import build_site

# A 1x1 PNG: an "image output" as matplotlib would leave it in an executed notebook.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5"
       "ErkJggg==")


@pytest.fixture
def course(tmp_path, deck_assets):
    notebooks, executed = tmp_path / "notebooks", tmp_path / "executed"
    notebooks.mkdir()
    executed.mkdir()
    for stem in ("00_first", "01_second"):
        nb = nbformat.v4.new_notebook()
        nb.metadata["language_info"] = {"name": "python"}   # as an executed notebook has it
        cell = nbformat.v4.new_code_cell("plot()")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG})]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {stem}"), cell]
        nbformat.write(nb, notebooks / f"{stem}.ipynb")
        nbformat.write(nb, executed / f"{stem}.ipynb")
    return notebooks, executed, tmp_path / "site"


def test_every_notebook_gets_a_page_with_its_images(course):
    notebooks, executed, out = course
    site = build_site.build("smoke", executed, out, notebooks)
    for stem in ("00_first", "01_second"):
        page = (site / f"{stem}.html").read_text()
        assert "<img " in page and "Outputs:" in page and "profile" in page
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
    notebooks, executed, out = course
    site = build_site.build("smoke", executed, out, notebooks)
    (site / "01_second.html").unlink()
    assert build_site.check_site(site, executed, notebooks, "smoke") == ["01_second: no page"]


def test_check_wants_each_page_to_name_its_run_and_stand_in(course, monkeypatch):
    notebooks, executed, out = course
    run = {"profile": "smoke", "device": "CPU only (2 cores)", "date": "2026-12-03",
           "stand_in": True, "dataset": "animals3"}
    monkeypatch.setattr(build_site.results, "load",
                        lambda profile, stem: run if stem == "01_second" else None)
    site = build_site.build("smoke", executed, out, notebooks)
    page = site / "01_second.html"
    assert "2026-12-03" in page.read_text() and "Stand-in data" in page.read_text()
    page.write_text(page.read_text().replace("Stand-in data", "data"))
    assert build_site.check_site(site, executed, notebooks, "smoke") == [
        "01_second: the page does not say 'Stand-in data'"]


def test_instructors_page_links_every_deck_and_the_check_catches_a_missing_one(course):
    notebooks, executed, out = course
    site = build_site.build("smoke", executed, out, notebooks)
    page = (site / "for_instructors.html").read_text()
    assert "Who it is for" in page and 'href="slides/01_second.slides.html"' in page
    (site / "slides" / "00_first.slides.html").unlink()
    assert build_site.check_site(site, executed, notebooks, "smoke") == [
        "00_first: no deck linked from the instructors' page"]
