"""Shared fixtures: the package from this source tree, the library of the
build under test (LEADSIEVE_LIBRARY, set by ctest) and the CLI beside it, to
compare with byte for byte.  A test that skips fails the run: every test
here must run where the suite is registered (tests/CMakeLists.txt)."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("LS_SOURCE_DIR") or os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SRC, "python"))

if not os.environ.get("LEADSIEVE_LIBRARY"):
    raise pytest.UsageError("set LEADSIEVE_LIBRARY to the libleadsieve.so.0 under test "
                            "(ctest sets it: ctest --test-dir build -L python)")
CLI = os.environ.get("LEADSIEVE") or os.path.join(
    os.path.dirname(os.environ["LEADSIEVE_LIBRARY"]), "leadsieve")
if not os.access(CLI, os.X_OK):
    raise pytest.UsageError("no leadsieve command at %s (set LEADSIEVE)" % CLI)

EXAMPLES = os.path.join(SRC, "data", "examples")
REQUEST = os.path.join(EXAMPLES, "request.json")
LEADS = os.path.join(EXAMPLES, "leads")


def cli(*args, input=None, check=True):
    """Runs the leadsieve command; returns its CompletedProcess (bytes)."""
    p = subprocess.run([CLI, *args], input=input, capture_output=True)
    if check and p.returncode != 0:
        raise AssertionError("leadsieve %s: exit %d: %s" % (
            " ".join(args), p.returncode, p.stderr.decode(errors="replace")))
    return p


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and session.exitstatus == 0:
        print("\nFAIL: %d test(s) skipped; a skipped test is not a pass: %s"
              % (len(_skipped), ", ".join(_skipped)))
        session.exitstatus = 1


@pytest.fixture(scope="session")
def request_path():
    return REQUEST


@pytest.fixture(scope="session")
def example_request():
    import leadsieve
    return leadsieve.Request.from_file(REQUEST)
