"""Measure the plugin against plain flake8 and pylint on a real project.

    python bench/run.py --project nova==34.0.0

Fetches the project's sdist by pinned version (``pip download --no-deps``,
cached under bench/.cache), builds three virtualenvs there (plain flake8;
flake8 with this plugin; pylint), and times, with interleaved repeats on the
project's non-test code: plain flake8, flake8 with the plugin, and pylint
restricted to its nearest checks. Peak RSS comes from each child's rusage.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tarfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
SELECT_PLAIN = "E,W,F,C90"
PYLINT_CHECKS = "unused-argument,broad-exception-raised"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def flake8_requirement() -> str:
    """The flake8 the plugin venv resolves to, so both venvs run the same one."""
    python = venv("plugin")
    out = subprocess.run(
        [str(python), "-c", "import flake8; print(flake8.__version__)"],
        capture_output=True, text=True, check=True,
    )
    return f"flake8=={out.stdout.strip()}"


def venv(name: str) -> pathlib.Path:
    """Create (once) a virtualenv under the cache and return its python."""
    directory = CACHE / f"venv-{name}"
    python = directory / "bin" / "python"
    if not python.exists():
        log(f"creating virtualenv {directory}")
        subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True)
    return python


def pip_install(python: pathlib.Path, *requirements: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *requirements], check=True
    )


def prepare_venvs(with_pylint: bool) -> dict[str, pathlib.Path]:
    plugin = venv("plugin")
    log("installing this plugin into the plugin virtualenv")
    pip_install(plugin, str(REPO))
    plain = venv("plain")
    pip_install(plain, flake8_requirement())
    pythons = {"plain": plain, "plugin": plugin}
    if with_pylint:
        pylint = venv("pylint")
        pip_install(pylint, "pylint")
        pythons["pylint"] = pylint
    return pythons


def fetch(project: str) -> pathlib.Path:
    """Download and unpack an sdist by pinned version; return its top folder."""
    name, _, version = project.partition("==")
    target = CACHE / "projects" / f"{name}-{version}"
    if target.is_dir():
        return target
    downloads = CACHE / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    log(f"downloading {project}")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-binary", ":all:", "-d", str(downloads), project],
        check=True,
    )
    archive = next(downloads.glob(f"{name}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(CACHE / "projects", filter="data")
    return target


def non_test_files(top: pathlib.Path, package: str) -> list[str]:
    files = sorted(
        str(path.relative_to(top))
        for path in (top / package).rglob("*.py")
        if "tests" not in path.relative_to(top).parts
    )
    return files


def timed(command: list[str], cwd: pathlib.Path) -> tuple[float, float, float]:
    """Run a command; return wall seconds, CPU seconds and peak RSS (MiB).

    CPU time (user + system, from the child's own rusage) is the figure the
    ratios use: on a shared machine it moves far less than wall time.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command[:6])} ...")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def commands(pythons: dict[str, pathlib.Path], files: list[str]) -> dict[str, list[str]]:
    flake8 = ["-m", "flake8", "--isolated", "-j1", "--exit-zero"]
    runs = {
        "plain flake8": [str(pythons["plain"]), *flake8, f"--select={SELECT_PLAIN}", *files],
        "flake8 + plugin": [str(pythons["plugin"]), *flake8,
                            f"--select={SELECT_PLAIN},SRB", *files],
    }
    if "pylint" in pythons:
        runs["pylint (nearest checks)"] = [
            str(pythons["pylint"]), "-m", "pylint", "--disable=all",
            f"--enable={PYLINT_CHECKS}", "--exit-zero", "--jobs=1", *files,
        ]
    return runs


def count_lines(top: pathlib.Path, files: list[str]) -> int:
    return sum(len((top / name).read_bytes().splitlines()) for name in files)


def findings(python: pathlib.Path, top: pathlib.Path, files: list[str]) -> dict[str, int]:
    out = subprocess.run(
        [str(python), "-m", "flake8", "--isolated", "-j2", "--select=SRB", "--exit-zero",
         *files], cwd=top, capture_output=True, text=True,
    ).stdout
    counts: dict[str, int] = {}
    for line in out.splitlines():
        code = line.split()[1]
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


def pathological_module(classes: int = 500) -> str:
    """A ~10k-line module: a 500-deep class chain, each level raising and
    reading a context, so every rule family has work on every line."""
    lines = ["class Level0(Exception):", "    pass", ""]
    for i in range(1, classes):
        lines += [
            f"class Level{i}(Level{i - 1}):",
            "    def handle(self, context, item):",
            "        if item is None:",
            f"            raise Level{i}()",
            f"        if item == {i}:",
            "            raise ValueError('bad item %s' % item)",
            "        value = context.get(item)",
            "        for step in range(3):",
            "            value = (value or 0) + step",
            f"        return self.process_{i}(value)",
            "",
            f"    def process_{i}(self, value):",
            "        return [v * 2 for v in range(value or 1)]",
            "", "",
        ]
    return "\n".join(lines) + "\n"


def measure_pathological(pythons: dict[str, pathlib.Path], repeats: int) -> None:
    top = CACHE / "pathological"
    top.mkdir(parents=True, exist_ok=True)
    (top / "deep.py").write_text(pathological_module())
    runs = commands({k: v for k, v in pythons.items() if k != "pylint"}, ["deep.py"])
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for repeat in range(repeats):
        for name, command in runs.items():
            cpu[name].append(timed(command, top)[1])
    plain = statistics.median(cpu["plain flake8"])
    plugin = statistics.median(cpu["flake8 + plugin"])
    lines = len((top / "deep.py").read_text().splitlines())
    print(f"\npathological module: {lines} lines, 500 classes in one chain")
    print(f"plain flake8 {plain:.2f} s CPU, with plugin {plugin:.2f} s CPU, "
          f"ratio {plugin / plain:.2f}  (target: a few times at most)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[],
                        help="name==version of an sdist to lint (repeatable); "
                             "default nova==34.0.0")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-pylint", action="store_true")
    parser.add_argument("--pathological", action="store_true",
                        help="also time a generated 10k-line, 500-class module")
    args = parser.parse_args()
    pythons = prepare_venvs(with_pylint=not args.no_pylint)
    for project in args.project or ["nova==34.0.0"]:
        measure(project, pythons, args.repeats)
    if args.pathological:
        measure_pathological(pythons, args.repeats)


def measure(project: str, pythons: dict[str, pathlib.Path], repeats: int) -> None:
    top = fetch(project)
    package = project.partition("==")[0].replace("-", "_")
    files = non_test_files(top, package)
    runs = commands(pythons, files)
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    peaks: dict[str, float] = {name: 0.0 for name in runs}
    for repeat in range(1, repeats + 1):
        for name, command in runs.items():
            log(f"[{repeat}/{repeats}] {project}: {name} ...")
            wall, cpu, peak = timed(command, top)
            walls[name].append(wall)
            cpus[name].append(cpu)
            peaks[name] = max(peaks[name], peak)
            log(f"    {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MiB")
    wall = {name: statistics.median(values) for name, values in walls.items()}
    median = {name: statistics.median(values) for name, values in cpus.items()}
    plain, plugin = median["plain flake8"], median["flake8 + plugin"]
    own_cost = plugin - plain
    print(f"\n{project}: {len(files)} files, {count_lines(top, files)} lines, "
          f"{repeats} interleaved repeats, -j1")
    print(f"{'run':<26}{'CPU s':>10}{'wall s':>10}{'peak MiB':>10}")
    for name in runs:
        print(f"{name:<26}{median[name]:>10.2f}{wall[name]:>10.2f}{peaks[name]:>10.0f}")
    print(f"ratio plugin/plain CPU time  {plugin / plain:.3f}  (target <= 1.10)")
    print(f"ratio plugin/plain peak RSS  {peaks['flake8 + plugin'] / peaks['plain flake8']:.3f}"
          "  (target <= 1.30)")
    if "pylint (nearest checks)" in median:
        pylint = median["pylint (nearest checks)"]
        ratio = pylint / own_cost if own_cost > 0 else float("inf")
        print(f"pylint time / plugin's own cost  {ratio:.1f}  (target >= 5)")
    lines = count_lines(top, files)
    print(f"plugin's own CPU per 1000 lines  {1e6 * own_cost / lines:.1f} ms")
    print(f"findings: {findings(pythons['plugin'], top, files)}")


if __name__ == "__main__":
    main()
