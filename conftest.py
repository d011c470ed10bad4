"""pytest setup shared by the unit tests and the nbval notebook runs.

- Tests and notebooks always run in the ``smoke`` profile (kernels inherit this environment).
- A notebook cell whose output contains a stray warning fails, even under ``--nbval-lax``.
"""
import os

os.environ["CNN_PROFILE"] = "smoke"
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from helpers.course.run_notebooks import find_warnings  # noqa: E402


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    outputs = getattr(item, "test_outputs", None)      # set by nbval after running a cell
    if call.when == "call" and report.passed and outputs:
        found = find_warnings(outputs)
        if found:
            report.outcome = "failed"
            report.longrepr = "stray warning in notebook output:\n" + "\n---\n".join(found)
