"""The course's own tooling, for instructors and CI, not for lessons: ``run_notebooks``
(``cnn-run``: execute notebooks headless), ``tables`` (the results tables in the READMEs),
``build_site`` (``cnn-site``: the course as a website), ``fetch`` (``cnn-data``: datasets and
weights onto disk) and ``studio_lab`` (the launch badge). It imports the lesson helpers, never
the other way round."""
import importlib

_MODULES = {"build_site", "fetch", "run_notebooks", "studio_lab", "tables"}


def __getattr__(name):                      # ``helpers.course.X`` loads module X on first use
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
