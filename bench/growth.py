"""How the plugin's cost grows with the size of one file (issue 14).

    python bench/growth.py                      # N = 1000, 2000, 4000, 8000
    python bench/growth.py --sizes 500,1000 --timeout 120

Generates, for each N, one module per shape in a small package:

- ``classes``: N classes, each with ``def get(self, ctxt)`` that does some
  work but drops its context (no stub body, so each is a SRB201 candidate);
- ``inheritance``: an N-deep chain of classes, each overriding it;
- ``lambdas``: N lambdas with a context parameter, nested in chains of
  LAMBDA_DEPTH (CPython 3.11's parser gives up near 4,000 nested lambdas, so
  one N-deep chain is no Python at 4k and 8k);
- ``loaders``: N functions, each loading a driver named by its own option.

Each module is linted by plain flake8 (``--select E,W,F``) and by flake8 with
the plugin (``--select E,W,F,SRB``), interleaved, in one subprocess each,
timing the child's CPU time (user + system, from rusage) and bounding each
command by ``--timeout``. The table gives, per shape and N, both times, the
plugin run's ratio to plain flake8, and its ratio to the run at N/2. Issue 14
asks for at most 2.3x per doubling and at most 3x plain flake8 at 8k.
"""

from __future__ import annotations

import argparse
import pathlib
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable

PLAIN = "E,W,F"
WITH_PLUGIN = "E,W,F,SRB1,SRB2,SRB3"  # the default codes: SRB901 is opt-in
LAMBDA_DEPTH = 500
PER_DOUBLING = 2.3
PER_PLAIN = 3.0


def classes(n: int) -> str:
    """N unrelated classes, each with a method taking a context."""
    return "".join(
        f"class Service{i}:\n    def get(self, ctxt):\n        return self.items[{i}]\n\n\n"
        for i in range(n)
    )


def inheritance(n: int) -> str:
    """An N-deep chain of classes, each overriding get(self, ctxt)."""
    parts = ["class Base0:\n    def get(self, ctxt):\n        return self.items[0]\n\n\n"]
    parts.extend(
        f"class Base{i}(Base{i - 1}):\n    def get(self, ctxt):\n"
        f"        return self.items[{i}]\n\n\n"
        for i in range(1, n)
    )
    return "".join(parts)


def lambdas(n: int) -> str:
    """N lambdas with a context parameter, in nested chains of LAMBDA_DEPTH."""
    lines = []
    for chain in range(0, n, LAMBDA_DEPTH):
        depth = min(LAMBDA_DEPTH, n - chain)
        lines.append(f"handler{chain} = " + "lambda ctxt: " * depth + "ctxt\n")
    return "".join(lines)


def loaders(n: int) -> str:
    """N functions, each loading a driver named by a configuration option."""
    head = (
        "from oslo_config import cfg\nfrom stevedore import driver\n\n"
        "CONF = cfg.CONF\n\n\n"
    )
    return head + "".join(
        f"def load{i}():\n"
        f"    return driver.DriverManager('growth.drivers', CONF.driver{i})\n\n\n"
        for i in range(n)
    )


SHAPES: dict[str, Callable[[int], str]] = {
    "classes": classes,
    "inheritance": inheritance,
    "lambdas": lambdas,
    "loaders": loaders,
}


def cpu_seconds(path: pathlib.Path, select: str, timeout: float) -> float | str:
    """Child CPU seconds of one flake8 run, or why there is no time."""
    command = [sys.executable, "-m", "flake8", "--isolated", "--jobs=1", "--exit-zero",
               f"--select={select}", str(path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(command, cwd=path.parent.parent.parent, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timeout>{timeout:.0f}s"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "Traceback" in done.stderr:
        return "error"
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def ratio(top: float | str | None, bottom: float | str | None) -> str:
    if isinstance(top, float) and isinstance(bottom, float) and bottom > 0:
        return f"{top / bottom:.2f}x"
    return "-"


def cell(value: float | str | None) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value or "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000",
                        help="comma-separated N (default: %(default)s)")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="comma-separated shapes (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds per flake8 command (default: %(default)s)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    print(f"{'shape':<12} {'N':>6} {'plain s':>9} {'+SRB s':>13} {'x plain':>8} "
          f"{'x per doubling':>15}")
    with tempfile.TemporaryDirectory() as temporary:
        package = pathlib.Path(temporary) / "project" / "growth"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        verdicts = []
        for shape in shapes:
            previous: float | str | None = None
            for n in sizes:
                path = package / f"{shape}_{n}.py"
                path.write_text(SHAPES[shape](n))
                plain = cpu_seconds(path, PLAIN, args.timeout)
                plugin = cpu_seconds(path, WITH_PLUGIN, args.timeout)
                doubling = ratio(plugin, previous)
                print(f"{shape:<12} {n:>6} {cell(plain):>9} {cell(plugin):>13} "
                      f"{ratio(plugin, plain):>8} {doubling:>15}", flush=True)
                if doubling != "-" and float(doubling[:-1]) > PER_DOUBLING:
                    verdicts.append(f"{shape}: {doubling} from N={n // 2} to N={n}")
                if not isinstance(plugin, float):
                    verdicts.append(f"{shape}: {plugin} at N={n}")
                elif isinstance(plain, float) and n == max(sizes) and plugin > PER_PLAIN * plain:
                    verdicts.append(f"{shape}: {ratio(plugin, plain)} plain at N={n}")
                previous = plugin
                path.unlink()
    print()
    print("Over issue 14's targets (2.3x per doubling, 3x plain at the largest N):")
    print("\n".join(f"  {verdict}" for verdict in verdicts) or "  none")


if __name__ == "__main__":
    main()
