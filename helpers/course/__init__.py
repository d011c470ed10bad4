"""The course's own tooling, for instructors and CI, not for lessons: ``run_notebooks``
(``cnn-run``: execute notebooks headless), ``tables`` (the results tables in the READMEs),
``build_site`` (``cnn-site``: the course as a website), ``fetch`` (``cnn-data``: datasets and
weights onto disk), ``links`` (the repository URL and ref, and the badges and install lines
written from them), ``hosted`` (what a hosted runtime's first cell installs) and ``slides``
(``cnn-slides``: a reveal.js deck per notebook, with TEACHING.md's notes as speaker notes). It
imports the lesson helpers, never the other way round."""
from .. import lazy_package

# helpers.course.X loads module X on first use
__getattr__, __dir__ = lazy_package(
    globals(), {"build_site", "fetch", "hosted", "links", "run_notebooks", "slides", "tables"})
