"""The decks (``cnn-slides``): every notebook's cells carry a slide type, the solutions and the
install cell are skipped, its instructor notes are TEACHING.md's; each deck builds from the
executed copy and opens in headless Chromium with every request outside the deck's folder
blocked, showing its slides, images and speaker notes.

The browser part is skipped without Chromium unless ``CNN_REQUIRE_BROWSER=1`` (``.ci/run``)."""
import os
import re
from pathlib import Path

import nbformat
import pytest

from helpers.course import slides
from helpers.paths import NOTEBOOK_DIR

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


def kinds(nb):
    return [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_has_a_slide_type_and_solutions_are_skipped(path):
    nb = nbformat.read(path, as_version=4)
    assert set(kinds(nb)) <= TYPES, f"{path.stem}: a cell without a slide type: cnn-slides --mark"
    for cell, kind in zip(nb.cells, kinds(nb)):
        if slides.is_solution(cell) or cell.source.startswith(slides.INSTALL_START):
            assert kind == "skip", f"{path.stem}: {cell.source[:40]!r} is shown on a slide"
    assert kinds(nb)[0] == "slide" and kinds(nb).count("slide") >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notes_cells_are_teaching_md_notes(path):
    nb = nbformat.read(path, as_version=4)
    notes = {c.id: c.source for c in nb.cells if kinds(nb)[nb.cells.index(c)] == "notes"}
    assert notes == slides.teaching_notes(path.stem), \
        f"{path.stem}: notes differ from TEACHING.md: cnn-slides --mark {path.stem[:2]}"


def test_mark_keeps_an_authors_choice_and_follows_its_rules():
    cell, md = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell
    nb = nbformat.v4.new_notebook()
    nb.cells = [md("# 99 · T"), md("**Learning objectives**"), md("notes", id="notes-open"),
                cell(f"{slides.INSTALL_START}\n%pip install x"), cell("import helpers.session"),
                cell("P = 1"), md("## 1. A step"), md("more prose"), cell("x = 1"), cell("x"),
                md("after code"), md("## Solutions"),
                cell("# 1.", metadata={"jupyter": {"source_hidden": True}})]
    nb.cells[9].metadata["slideshow"] = {"slide_type": "fragment"}      # the author's choice
    assert slides.mark(nb) == 12
    assert kinds(nb) == ["slide", "-", "notes", "skip", "subslide", "subslide", "slide",
                         "fragment", "-", "fragment", "subslide", "skip", "skip"]


def test_notes_are_placed_after_the_objectives_and_before_the_recap():
    md = nbformat.v4.new_markdown_cell
    nb = nbformat.v4.new_notebook()
    nb.cells = [md("# 02 · T"), md("intro"), md("**Learning objectives**\n- a"),
                nbformat.v4.new_code_cell("x = 1"), md("## Recap")]
    assert slides.sync_notes(nb, "02_cifar10_first_cnn") == 2
    assert [c.get("id") for c in nb.cells][3] == "notes-open" and nb.cells[5].id == "notes-close"
    assert slides.sync_notes(nb, "02_cifar10_first_cnn") == 0
    with pytest.raises(KeyError, match="Recap"):
        slides.sync_notes(nbformat.v4.new_notebook(cells=[md("# 02 · T")]), "02_x")


@pytest.fixture(scope="module")
def decks(tmp_path_factory, deck_assets):
    out = tmp_path_factory.mktemp("slides")
    return out, [slides.build(p.stem, out) for p in NOTEBOOKS]


def test_decks_leave_out_solutions_and_load_nothing_from_the_web(decks):
    out, paths = decks
    for path in paths:
        html = path.read_text(encoding="utf-8")
        nb = nbformat.read(NOTEBOOK_DIR / path.name.replace(".slides.html", ".ipynb"), 4)
        shown = {c.id for c, kind in zip(nb.cells, kinds(nb)) if kind not in ("skip", "notes")
                 and not slides.is_solution(c)}
        in_deck = set(re.findall(r'id="cell-id=([^"]+)"', html))
        assert in_deck == shown | {"notes-open", "notes-close"}, (path.name, in_deck ^ shown)
        assert html.count('<aside class="notes">') == 2 and ">Solutions<" not in html
        loads = re.findall(r'<(?:script|img|iframe)[^>]*\ssrc="(https?:[^"]*)"'
                           r'|<link[^>]*\shref="(https?:[^"]*)"|url\(["\']?(https?:[^)"\']*)'
                           r'|@import\s+["\'](https?:[^"\']*)', html)
        assert not loads, f"{path.name} loads from the web: {loads}"


def test_decks_open_offline_in_a_browser(decks, tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    out, paths = decks
    shots = Path(os.environ.get("CNN_SLIDES_SHOTS", tmp_path))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            for path in paths:
                page, blocked, failed = browser.new_page(viewport={"width": 1280, "height": 800}), [], []
                page.route("**/*", lambda route: route.continue_()
                           if route.request.url.startswith(out.as_uri())
                           else (blocked.append(route.request.url), route.abort()))
                page.on("requestfailed", lambda r: failed.append(r.url))
                page.goto(path.as_uri())
                page.wait_for_function("window.Reveal && Reveal.isReady()")
                total = page.evaluate("Reveal.getTotalSlides()")
                assert total >= 5, f"{path.name}: {total} slides"
                images = page.evaluate("[...document.images].filter(i => i.naturalWidth > 0)"
                                       ".length")
                assert page.locator("aside.notes").count() >= 2, f"{path.name}: no notes"
                assert not blocked and not failed, f"{path.name}: {blocked + failed}"
                executed = nbformat.read(slides.REPO_ROOT / "results" / "executed" / "cpu"
                                         / path.name.replace(".slides.html", ".ipynb"), 4)
                wanted = sum("image/png" in o.get("data", {}) for c in executed.cells
                             if c.cell_type == "code" and not slides.is_solution(c)
                             for o in c.outputs)
                assert images >= wanted, f"{path.name}: {images} images shown, {wanted} made"
                page.screenshot(path=shots / f"{path.stem}.png")
                page.close()
        finally:
            browser.close()
