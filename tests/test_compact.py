"""helpers.course.compact: executed copies get smaller figures, never lost or larger ones."""
import base64
import io

import nbformat
import numpy as np
from PIL import Image

from helpers.course import compact


def png(width: int, height: int, noisy: bool = False) -> bytes:
    rng = np.random.default_rng(0)
    pixels = np.full((height, width, 3), 255, np.uint8)
    pixels[height // 3: 2 * height // 3] = (31, 119, 180)          # a plot-like flat band
    if noisy:
        pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


def test_a_wide_figure_is_scaled_down_and_smaller():
    raw = png(2400, 600, noisy=True)
    small = compact.compact_png(raw)
    assert len(small) < len(raw)
    with Image.open(io.BytesIO(small)) as img:
        assert img.size == (compact.MAX_WIDTH, 275)


def test_a_png_that_would_grow_is_kept_as_it_is():
    raw = png(8, 8)
    assert compact.compact_png(raw) == raw


def test_compact_rewrites_only_image_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plot()")
    encoded = base64.b64encode(png(2400, 600, noisy=True)).decode("ascii")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": encoded},
                                           metadata={"image/png": {"width": 2400}}),
                    nbformat.v4.new_output("stream", name="stdout", text="accuracy 0.75\n")]
    nb.cells = [cell]
    saved = compact.compact(nb)
    out = nb.cells[0].outputs
    assert saved > 0 and len(out[0].data["image/png"]) < len(encoded)
    assert "image/png" not in out[0].metadata                     # stale size hint dropped
    assert out[1].text == "accuracy 0.75\n" and nb.cells[0].source == "plot()"
