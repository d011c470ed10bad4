"""A web service that classifies your own photos (notebook 10):

    cnn-serve [--model cifar10|animals|FILE.keras] [--port 8000] [--host 127.0.0.1]

``GET /`` is a page to choose or drop a photo; it shows the top 3 classes and the Grad-CAM
overlay. ``POST /predict`` (multipart form, field ``file``) answers JSON; ``GET /health`` says
which model is loaded. The model loads once, at start-up. Bad input gets a 4xx JSON error
(``{"detail": ...}``): 413 for an upload over ``max_bytes`` or an image over ``MAX_PIXELS``,
415 for a file that is not an image, 422 for an empty or broken one. Uploads are read into
memory (at most ``max_bytes``); this code writes nothing to disk. (Starlette's form parser keeps
a file part over 1 MB in an anonymous temporary file, which it deletes when the form is closed,
before the answer is sent.)

Notebook 10 teaches the service first as a minimal app in its own cells (``make_app``: load the
model, read the ``UploadFile``, preprocess, predict, answer JSON), then this module as the
hardened version of it: bounded uploads (413), decompression bombs (413), non-images (415),
empty or truncated files (422), EXIF orientation, one prediction at a time, the page, the Grad-CAM
overlay and ``/health``.
"""
from __future__ import annotations

import argparse
import base64
import io
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

MAX_BYTES = 10 * 1024 * 1024
PAGE = Path(__file__).with_name("web") / "index.html"


def create_app(classifier, max_bytes: int = MAX_BYTES):
    """The FastAPI app serving ``classifier`` (a ``helpers.deploy.classifier.Classifier``)."""
    from PIL import Image

    from .classifier import ImageError, read_image

    app = FastAPI(title="CNN course: classify a photo")
    lock = threading.Lock()               # one prediction at a time: TF uses every core anyway
    page = PAGE.read_text()

    def classify(data: bytes) -> dict:
        try:
            rgb = read_image(data)
        except ImageError as err:
            raise HTTPException(err.status, str(err)) from None
        with lock:
            top, shown = classifier.explain(rgb)
        out = {"model": classifier.name, "width": int(rgb.shape[1]), "height": int(rgb.shape[0]),
               "top": [{"label": name, "probability": p} for name, p in top], "overlay": None}
        if shown is not None:
            buf = io.BytesIO()
            Image.fromarray(shown).save(buf, "PNG")
            out["overlay"] = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
        return out

    @app.get("/", response_class=HTMLResponse)
    def index():
        return page

    @app.get("/health")
    def health():
        return {"status": "ok", "model": classifier.name, "image_size": classifier.image_size,
                "classes": classifier.class_names}

    @app.post("/predict")
    async def predict(request: Request):
        data = await _read_upload(request, max_bytes)
        return await run_in_threadpool(classify, data)

    return app


async def _read_upload(request: Request, max_bytes: int) -> bytes:
    """The bytes of the form's ``file`` field; the body is read (at most ``max_bytes`` plus room
    for the form's headers) before it is parsed, so an oversized upload is refused early."""
    limit = max_bytes + 64 * 1024
    too_large = HTTPException(413, f"upload too large (limit {max_bytes // 1024**2} MB)")
    if int(request.headers.get("content-length") or 0) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        raise HTTPException(415, "send the image as a multipart form field named 'file'")

    async def replay():                   # the body, read once above, as one ASGI message
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    form = await Request(request.scope, replay).form(max_files=1, max_fields=4)
    try:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "no file in the form field 'file'")
        data = await upload.read()
    finally:
        await form.close()
    if len(data) > max_bytes:
        raise too_large
    return data


@contextmanager
def running_server(app, host: str = "127.0.0.1", port: int = 0):
    """Run ``app`` with uvicorn in a background thread; yields its base URL, then stops it.
    ``port=0`` takes a free port. For tests and the load test in notebook 10."""
    import socket

    import uvicorn

    sock = socket.socket()
    sock.bind((host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def load_test(url: str, image: bytes, requests: int = 100, concurrency: int = 4,
              filename: str = "photo.jpg") -> dict:
    """POST ``image`` to ``url``/predict ``requests`` times from ``concurrency`` threads; returns
    requests/s, p50/p95 latency (ms) and the number of errors (non-200 answers or failures)."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import numpy as np

    def one(client):
        start = time.perf_counter()
        try:
            ok = client.post(f"{url}/predict", files={"file": (filename, image)}).status_code == 200
        except httpx.HTTPError:
            ok = False
        return time.perf_counter() - start, ok

    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(concurrency) as pool:
        start = time.perf_counter()
        done = list(pool.map(lambda _: one(client), range(requests)))
        total = time.perf_counter() - start
    ms = np.array([d for d, _ in done]) * 1000
    return {"requests": requests, "concurrency": concurrency,
            "requests_per_s": requests / total, "p50_ms": float(np.percentile(ms, 50)),
            "p95_ms": float(np.percentile(ms, 95)), "errors": sum(not ok for _, ok in done)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="cnn-serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="cifar10",
                        help="cifar10 (notebook 02), animals (notebook 05) or a .keras file")
    parser.add_argument("--profile", help="whose saved model to use (default: CNN_PROFILE, "
                        "else cpu, or full on a GPU)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="127.0.0.1 (default): this computer only; 0.0.0.0: your network")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    import uvicorn

    from .. import session  # noqa: F401  (imports TensorFlow quietly)
    from ..profile import get_profile
    from .classifier import Classifier

    try:
        clf = Classifier.load(args.model, get_profile(args.profile))
    except (FileNotFoundError, ValueError) as err:
        raise SystemExit(f"error: {err}") from None
    print(f"serving {clf.name} ({len(clf.class_names)} classes) on http://{args.host}:{args.port}")
    uvicorn.run(create_app(clf), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
