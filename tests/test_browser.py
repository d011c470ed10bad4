"""A real browser uses the service's page: headless Chromium loads ``/``, uploads a real photo
through the file input, and sees the predicted label, the bars and the Grad-CAM overlay.

Skipped when no Chromium is installed (``apt-get install chromium``), unless
``CNN_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which makes a missing browser a failure."""
import re

from helpers.deploy.classifier import Classifier
from helpers.deploy.app import create_app, running_server



def test_page_classifies_an_uploaded_photo(tiny_model_file, photo_file, tmp_path, chromium):
    from playwright.sync_api import expect, sync_playwright

    app = create_app(Classifier.load(str(tiny_model_file)))
    with running_server(app) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(url)
            expect(page.locator("#model")).to_have_text("tiny.keras")
            page.set_input_files("#file", str(photo_file))
            expect(page.locator("#label")).to_have_text(
                re.compile(r"^(cats|dogs|panda) \(\d+\.\d%\)$"), timeout=30_000)
            expect(page.locator("#bars > div")).to_have_count(3)
            overlay = page.locator("#overlay")
            expect(overlay).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
            page.wait_for_function("document.getElementById('overlay').naturalWidth > 0")
            assert page.locator("#error").inner_text() == ""
            page.screenshot(path=tmp_path / "page.png", full_page=True)
        finally:
            browser.close()
