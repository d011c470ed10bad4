"""The app a student runs on their own photos, which notebook 10 builds: ``classifier`` (load a
saved model with its class names, read an upload safely, preprocess as in training),
``cli`` (``cnn-predict``), ``app`` (``cnn-serve``: the FastAPI service and its page in ``web/``)
and ``litert`` (run ``.tflite`` files). It imports the lesson helpers, never the other way
round."""
from .. import lazy_package

# helpers.deploy.X loads module X on first use
__getattr__, __dir__ = lazy_package(globals(), {"app", "classifier", "cli", "litert"})
