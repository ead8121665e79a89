import pathlib
import sys

# The case-file harness is a plain module beside the tests.
sys.path.insert(0, str(pathlib.Path(__file__).parent))
