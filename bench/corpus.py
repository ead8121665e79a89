"""Run the SRB plugin over big real corpora and count crashes and slow files.

    python bench/corpus.py                       # stdlib + this interpreter's site-packages
    python bench/corpus.py --site-packages /venv/lib/python3.11/site-packages /work/real/*

Each file goes through flake8's own machinery (its FileProcessor and
FileChecker, options parsed by flake8 with --isolated), once with every
installed plugin except ours ("plain flake8") and once with ours alone on
the same tree, in worker processes that keep astroid's caches between files
as flake8's workers do.  A crash is an exception out of the plugin or a
warning from its last-resort guard (caught by a logging hook).  Failures of
flake8 itself or of other plugins (pyflakes on very deep trees) are counted
apart.  Prints one row per corpus: files, seconds, crashes, findings and the
worst ratio of (plain + SRB) CPU time to plain CPU time among files whose plain time
is at least --min-plain seconds (a tiny file's ratio is noise), and how
many such files exceed --slow-ratio ("slow files"), then lists those files.
--dump keeps every file's times for a closer look.

The plugin builds a project index once per process (which classes an RPC
server serves, where options are declared), on the first file that asks:
that file's ratio carries a whole run's one-time cost.  --index-first builds
it in each worker before the package's files are timed and reports its time
on its own, so that the worst ratio shows the cost of each file's own
questions (bench/run.py's whole-run ratio includes the index either way).

Before each timed run (plain, then the plugin) the worker collects its
garbage, untimed: otherwise a full collection of what pyflakes left behind
lands on whichever run happens to trigger it, and a 0.03 s file reads 8x.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import logging
import multiprocessing
import os
import pathlib
import sys
import sysconfig
import time
import traceback
from collections.abc import Iterator

PLUGIN_PACKAGE = "flake8_sched_robustness"
GUARD_TEXT = "flake8-sched-robustness stopped"


@dataclasses.dataclass
class FileResult:
    """What happened to one file."""

    path: str
    plain_seconds: float = 0.0
    srb_seconds: float = 0.0
    findings: int = 0
    index_seconds: float = 0.0  # --index-first: building the project index before this file
    crash: str = ""
    other_failure: str = ""


class _GuardHook(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_STATE: dict[str, object] = {}


# --index-first lints this first, untimed, in each package a worker meets:
# an unread context in a class (is it an RPC endpoint?), a loader and an
# option read make the plugin build its once-per-process project index (the
# endpoint scan, the option declarations, the loaders' re-exports).
INDEX_FIRST_SOURCE = """\
from oslo_config import cfg
from oslo_utils import importutils

CONF = cfg.CONF


class IndexFirst(object):
    def load(self, context):
        return importutils.import_class(CONF.index_first_driver)
"""
INDEX_FIRST_NAME = "_srb_index_first.py"


def _init_worker(budget: float, index_first: bool = False) -> None:
    from flake8.main import application

    app = application.Application()
    app.initialize(["--isolated", "--select=SRB1,SRB2,SRB3", f"--srb-inference-budget={budget}"])
    checkers = app.plugins.checkers
    ours = [p for p in checkers.tree if p.obj.__module__.startswith(PLUGIN_PACKAGE)]
    plain = checkers._replace(tree=[p for p in checkers.tree if p not in ours])
    hook = _GuardHook()
    logging.getLogger("flake8").addHandler(hook)
    _STATE.update(options=app.options, plain=plain, ours=ours[0], hook=hook,
                  index_first=index_first, indexed=set())


def _package_top(path: str) -> str | None:
    """The top package directory holding a file, as the plugin locates it."""
    from flake8_sched_robustness import locations

    found = locations.locate_module(path)
    if found is None or not found.name:
        return None
    return os.path.join(found.root, found.name.partition(".")[0])


def _index_first(path: str) -> float:
    """Build the project index of the file's package, once per worker; its CPU seconds."""
    import ast

    top = _package_top(path)
    indexed = _STATE["indexed"]
    if top is None or top in indexed:
        return 0.0
    indexed.add(top)
    started = time.process_time()
    lines = INDEX_FIRST_SOURCE.splitlines(keepends=True)
    plugin = _STATE["ours"].obj(tree=ast.parse(INDEX_FIRST_SOURCE),
                                filename=os.path.join(top, INDEX_FIRST_NAME), lines=lines)
    sum(1 for _ in plugin.run())
    return time.process_time() - started


def _is_ours(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return any(f"{os.sep}{PLUGIN_PACKAGE}{os.sep}" in frame.filename for frame in frames)


def _check_file(path: str) -> FileResult:
    from flake8 import checker, processor

    result = FileResult(path)
    options = _STATE["options"]
    gc.collect()  # untimed: see the module's docstring
    started = time.process_time()
    try:
        checker.FileChecker(filename=path, plugins=_STATE["plain"], options=options).run_checks()
    except Exception as error:  # flake8 or another plugin failed on this file
        result.other_failure = f"{type(error).__name__}: {error}"[:200]
    result.plain_seconds = time.process_time() - started
    try:
        file_processor = processor.FileProcessor(path, options)
        tree = file_processor.build_ast()
    except Exception:  # flake8 reports E902/E999 itself; no plugin runs
        return result
    if _STATE["index_first"]:
        result.index_seconds = _index_first(path)
    hook = _STATE["hook"]
    hook.messages.clear()
    gc.collect()
    started = time.process_time()
    try:
        # The lines too, as flake8 hands them: without them the plugin's text
        # tests (does the file mention a loader, a context?) cannot skip work.
        plugin = _STATE["ours"].obj(tree=tree, filename=path, lines=file_processor.lines)
        result.findings = sum(1 for _ in plugin.run())
    except Exception as error:
        where = "" if _is_ours(error) else " (outside the plugin)"
        result.crash = f"{type(error).__name__}: {error}{where}"[:200]
    result.srb_seconds = time.process_time() - started
    guard = [message for message in hook.messages if GUARD_TEXT in message]
    if guard and not result.crash:
        result.crash = guard[0][:200]
    return result


def python_files(root: pathlib.Path, exclude_tests: bool) -> Iterator[str]:
    """Every .py file under root, sorted; optionally without test trees."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if exclude_tests and ({"test", "tests"} & set(parts[:-1])):
            continue
        if "__pycache__" in parts or not path.is_file():
            continue
        yield str(path)


def default_corpora(site_packages: str | None) -> list[tuple[str, pathlib.Path]]:
    """The interpreter's stdlib and a site-packages directory."""
    paths = sysconfig.get_paths()
    site = pathlib.Path(site_packages or paths["purelib"])
    return [("stdlib", pathlib.Path(paths["stdlib"])), ("site-packages", site)]


def _corpus_files(
    name: str, root: pathlib.Path, exclude_tests: bool, limit: int | None
) -> list[str]:
    files = list(python_files(root, exclude_tests))
    if name == "stdlib":
        site = os.sep + "site-packages" + os.sep
        files = [path for path in files if site not in path]
    return files[:limit] if limit else files


@dataclasses.dataclass
class Summary:
    """One corpus's row of the table."""

    name: str
    files: int = 0
    plain_seconds: float = 0.0
    srb_seconds: float = 0.0
    crashes: list[FileResult] = dataclasses.field(default_factory=list)
    other_failures: int = 0
    findings: int = 0
    worst: FileResult | None = None
    slowest: FileResult | None = None
    over: int = 0
    slow: list[FileResult] = dataclasses.field(default_factory=list)
    index_builds: list[float] = dataclasses.field(default_factory=list)

    def add(self, result: FileResult, min_plain: float, slow_ratio: float) -> None:
        self.files += 1
        if result.index_seconds:
            self.index_builds.append(result.index_seconds)
        self.plain_seconds += result.plain_seconds
        self.srb_seconds += result.srb_seconds
        self.findings += result.findings
        self.other_failures += bool(result.other_failure)
        if result.crash:
            self.crashes.append(result)
        if result.plain_seconds < min_plain:
            return
        if ratio(result) > slow_ratio:
            self.over += 1
            self.slow.append(result)
        if self.worst is None or ratio(result) > ratio(self.worst):
            self.worst = result
        if self.slowest is None or result.srb_seconds > self.slowest.srb_seconds:
            self.slowest = result


def ratio(result: FileResult) -> float:
    """(plain + SRB) time over plain time for one file."""
    return (result.plain_seconds + result.srb_seconds) / max(result.plain_seconds, 1e-9)


HEADER = (f"{'corpus':<22}{'files':>7}{'plain s':>10}{'SRB s':>9}{'overhead':>10}"
          f"{'crashes':>9}{'other':>7}{'SRB hits':>10}{'worst ratio':>13}{'slow files':>12}")


def _print_row(s: Summary) -> None:
    overhead = s.srb_seconds / max(s.plain_seconds, 1e-9)
    worst = f"{ratio(s.worst):.2f}" if s.worst else "-"
    print(f"{s.name:<22}{s.files:>7}{s.plain_seconds:>10.1f}{s.srb_seconds:>9.1f}"
          f"{overhead:>9.0%} {len(s.crashes):>8}{s.other_failures:>7}{s.findings:>10}"
          f"{worst:>13}{s.over:>12}", flush=True)


def _print_details(summaries: list[Summary]) -> None:
    print()
    for s in summaries:
        if s.worst:
            print(f"{s.name}: worst ratio {ratio(s.worst):.2f} in {s.worst.path} "
                  f"(plain {s.worst.plain_seconds:.3f} s, SRB {s.worst.srb_seconds:.3f} s)")
        if s.index_builds:
            print(f"{s.name}: project index built first, untimed, {len(s.index_builds)} time(s) "
                  f"(once per worker), at most {max(s.index_builds):.3f} s")
        if s.slowest:
            print(f"{s.name}: slowest SRB file {s.slowest.srb_seconds:.3f} s "
                  f"(plain {s.slowest.plain_seconds:.3f} s) in {s.slowest.path}")
        for slow in sorted(s.slow, key=ratio, reverse=True):
            print(f"{s.name}: slow {ratio(slow):.2f} {slow.path} "
                  f"(plain {slow.plain_seconds:.3f} s, SRB {slow.srb_seconds:.3f} s)")
        for crash in s.crashes:
            print(f"{s.name}: CRASH {crash.path}: {crash.crash}")


def main(argv: list[str] | None = None) -> int:
    """Run the corpora given (or the defaults); exit 1 on any crash."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=pathlib.Path,
                        help="more corpus directories, one row each")
    parser.add_argument("--site-packages", help="site-packages directory to lint "
                        "(default: this interpreter's)")
    parser.add_argument("--no-defaults", action="store_true",
                        help="lint only the paths given, not stdlib and site-packages")
    parser.add_argument("--exclude-tests", action="store_true",
                        help="skip files under test/ and tests/ directories")
    parser.add_argument("--limit", type=int, help="at most this many files per corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--budget", type=float, default=2.0,
                        help="--srb-inference-budget for the run (default: 2.0)")
    parser.add_argument("--min-plain", type=float, default=0.02,
                        help="smallest plain time whose ratio counts (default: 0.02 s)")
    parser.add_argument("--slow-ratio", type=float, default=5.0,
                        help="count files whose ratio exceeds this (default: 5)")
    parser.add_argument("--index-first", action="store_true",
                        help="build each package's project index in a worker before timing "
                        "its files (the once-per-process cost is then reported on its own, "
                        "not charged to the first file that asks)")
    parser.add_argument("--dump", type=pathlib.Path,
                        help="write every file's result to this file, one JSON object a line")
    args = parser.parse_args(argv)

    corpora = [] if args.no_defaults else default_corpora(args.site_packages)
    corpora += [(path.name, path) for path in args.paths if path.is_dir()]
    summaries = []
    started = time.perf_counter()
    print(HEADER)
    print("-" * len(HEADER))
    context = multiprocessing.get_context("spawn")
    dump = args.dump.open("w") if args.dump else None
    with context.Pool(args.jobs, _init_worker, (args.budget, args.index_first)) as pool:
        for name, root in corpora:
            summary = Summary(name)
            files = _corpus_files(name, root, args.exclude_tests, args.limit)
            for result in pool.imap_unordered(_check_file, files, chunksize=4):
                summary.add(result, args.min_plain, args.slow_ratio)
                if dump:
                    print(json.dumps({"corpus": name, **dataclasses.asdict(result)}), file=dump)
            summaries.append(summary)
            _print_row(summary)
    if dump:
        dump.close()
    _print_details(summaries)
    print(f"\nwall time {time.perf_counter() - started:.0f} s with {args.jobs} jobs")
    return 1 if any(summary.crashes for summary in summaries) else 0


if __name__ == "__main__":
    sys.exit(main())
