"""Where the plugin's own time goes, per family and per function.

    python bench/costs.py bench/.cache/projects/nova-34.0.0/nova

Parses every non-test file once (not timed), then runs the plugin's entry
class in-process with one family selected at a time and with all of them,
reporting CPU seconds; ``--functions N`` adds a cProfile table of the N
functions with the most own time in the all-families run.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import dataclasses
import pathlib
import pstats
import time

from flake8_sched_robustness import codes, plugin, settings

FAMILIES = {"SRB1": "raises", "SRB2": "context parameters", "SRB3": "loaders"}


def load(top: pathlib.Path) -> list[tuple[str, ast.Module, list[str]]]:
    files = []
    for path in sorted(top.rglob("*.py")):
        if "tests" in path.relative_to(top).parts:
            continue
        source = path.read_bytes()
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        lines = source.decode("utf-8", "replace").splitlines(keepends=True)
        files.append((str(path), tree, lines))
    return files


def run(files: list, selected: frozenset[str]) -> tuple[float, int]:
    plugin.Plugin.config = dataclasses.replace(settings.DEFAULTS, selected=selected)
    started = time.process_time()
    found = sum(len(list(plugin.Plugin(tree, name, lines).run())) for name, tree, lines in files)
    return time.process_time() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("top", type=pathlib.Path)
    parser.add_argument("--functions", type=int, default=15)
    args = parser.parse_args()
    files = load(args.top)
    print(f"{len(files)} files under {args.top}")
    run(files, frozenset(codes.CODES))  # warm the per-process caches once
    for prefix, title in FAMILIES.items():
        seconds, found = run(files, frozenset(c for c in codes.CODES if c.startswith(prefix)))
        print(f"{prefix} {title:<20} {seconds:6.2f} s CPU  {found:5d} findings")
    seconds, found = run(files, frozenset(codes.CODES))
    print(f"all families             {seconds:6.2f} s CPU  {found:5d} findings")
    if args.functions:
        profiler = cProfile.Profile()
        profiler.runcall(run, files, frozenset(codes.CODES))
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.functions)


if __name__ == "__main__":
    main()
