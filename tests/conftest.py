import os
import pathlib
import sys

# Strict mode: a plugin bug fails the test instead of being logged; the
# flake8 subprocesses the tests start inherit it.
os.environ.setdefault("SRB_STRICT", "1")

# The case-file harness is a plain module beside the tests.
sys.path.insert(0, str(pathlib.Path(__file__).parent))
