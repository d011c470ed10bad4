"""The app a student runs on their own photos, which notebook 10 builds: ``classifier`` (load a
saved model with its class names, read an upload safely, preprocess as in training),
``cli`` (``cnn-predict``), ``app`` (``cnn-serve``: the FastAPI service and its page in ``web/``)
and ``litert`` (run ``.tflite`` files). It imports the lesson helpers, never the other way
round."""
import importlib

_MODULES = {"app", "classifier", "cli", "litert"}


def __getattr__(name):                      # ``helpers.deploy.X`` loads module X on first use
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
