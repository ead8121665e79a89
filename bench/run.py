"""Measure the plugin against plain flake8 and pylint on a real project.

    python bench/run.py --project nova==34.0.0
    python bench/run.py --skip-whole --editor      # nova/compute/manager.py by stdin
    python bench/run.py --skip-whole --together    # the five in one run vs one each

Fetches the project's sdist by pinned version (``pip download --no-deps``,
cached under bench/.cache) and builds virtualenvs there: plain flake8;
flake8 with this plugin and nothing else (the "bare" env); pylint; and, per
project, an env like the project's tox ``pep8`` env: the project's own
requirements.txt installed, plus flake8 and this plugin (``project_venv``,
shared with bench/triage.py). That is where users run the plugin, and where
it can read the base classes and exceptions the project imports from its
dependencies (oslo.*, neutron-lib, taskflow, ...).

It times, with interleaved repeats on the project's non-test code: plain
flake8, flake8 with the plugin in the project env and in the bare env, and
pylint restricted to its nearest checks. Peak RSS comes from each child's
rusage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tarfile
import time
from typing import NamedTuple

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
SELECT_PLAIN = "E,W,F,C90"
# The plugin's codes a user gets by default (SRB901 is opt-in; naming SRB
# itself in --select would switch it on).
DEFAULT_CODES = "SRB1,SRB2,SRB3"
PYLINT_CHECKS = "unused-argument,broad-exception-raised"
PROJECT_RUN = "flake8 + plugin, project env"
EDITOR_FILE = "nova/compute/manager.py"
FIVE = ("nova==34.0.0", "cinder==29.0.0", "neutron==29.0.0", "ironic==39.0.0",
        "manila==23.0.1")
BARE_RUN = "flake8 + plugin, bare env"


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


def requirement_lines(path: pathlib.Path) -> list[str]:
    """The requirements of a requirements.txt, comments and blank lines dropped."""
    lines = []
    for line in path.read_text().splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def install_requirements(python: pathlib.Path, path: pathlib.Path) -> list[str]:
    """Install a requirements file; return the requirements that would not install.

    One resolution of the whole file first; if that fails (a package that
    needs a compiler or a system library), each requirement on its own, so
    that one bad package does not cost all the others; one that still fails
    is retried without its dependencies (its own source is what the plugin
    reads) and otherwise skipped, with a log line.
    """
    def pip(*arguments: str) -> str | None:
        """Run pip install; None when it worked, else the last line of its errors."""
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *arguments],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        errors = [line for line in done.stderr.splitlines()
                  if line.strip() and not line.startswith("WARNING")]
        return None if done.returncode == 0 else (errors or ["pip failed"])[-1].strip()

    log(f"installing {path} into {python.parent.parent.name}")
    error = pip("-r", str(path))
    if error is None:
        return []
    log(f"the requirements did not install together ({error}); one by one now")
    skipped = []
    for requirement in requirement_lines(path):
        error = pip(requirement)
        if error is None:
            continue
        if pip("--no-deps", requirement) is None:
            log(f"installed without its dependencies: {requirement} ({error})")
            skipped.append(f"{requirement} (only without its dependencies)")
            continue
        log(f"SKIPPED requirement {requirement}: {error}")
        skipped.append(requirement)
    return skipped


class ProjectEnv(NamedTuple):
    python: pathlib.Path
    skipped: list[str]  # requirements that would not install
    added: list[str]  # linters from test-requirements.txt that flake8 needed to start


def project_venv(project: str, top: pathlib.Path) -> ProjectEnv:
    """A virtualenv like the project's tox pep8 env, for linting the project.

    The project's requirements.txt is installed once (again only when the
    file changes); then flake8 and this plugin from this checkout, on every
    call, so the env runs the code being measured. Nothing else goes in,
    so that the env's flake8 runs no plugin but its own and this one;
    except when a requirement registers flake8 checks that need a linter
    it does not install (neutron-lib's need hacking): then the project's
    own test-requirements.txt lines for hacking and flake8 plugins are
    installed, as its pep8 env has them. What was skipped or added is kept
    in the env's bench-state.json.
    """
    python = venv(project.replace("==", "-"))
    requirements = top / "requirements.txt"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    state_file = python.parent.parent / "bench-state.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if state.get("requirements") != digest:
        state = {"requirements": digest, "skipped": install_requirements(python, requirements),
                 "added": []}
        state_file.write_text(json.dumps(state, indent=1) + "\n")
    log(f"installing this plugin into {python.parent.parent.name}")
    pip_install(python, str(REPO))
    if not flake8_starts(python) and not state.get("added"):
        linters = [line for line in requirement_lines(top / "test-requirements.txt")
                   if line.lower().startswith(("hacking", "flake8"))]
        log(f"flake8 does not start in {python.parent.parent.name} (a requirement's "
            f"flake8 checks need a linter); installing {', '.join(linters)}")
        pip_install(python, *linters)
        state["added"] = linters
        state_file.write_text(json.dumps(state, indent=1) + "\n")
    if not flake8_starts(python):
        raise SystemExit(f"flake8 does not start in {python.parent.parent}")
    if state["skipped"]:
        log(f"{project}: requirements not installed: {', '.join(state['skipped'])}")
    return ProjectEnv(python, state["skipped"], state.get("added", []))


def flake8_starts(python: pathlib.Path) -> bool:
    """Whether flake8 loads every plugin installed in the env."""
    return subprocess.run([*flake8(python), "--version"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def flake8(python: pathlib.Path) -> list[str]:
    """The env's flake8 command: its console script, as tox and pre-commit run it.

    Not ``python -m flake8``, which puts the working directory (the project's
    top) first on sys.path, where the plugin would find project modules that
    a user's ``flake8`` does not show it.
    """
    return [str(python.parent / "flake8")]


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


def timed(
    command: list[str], cwd: pathlib.Path, stdin: pathlib.Path | None = None
) -> tuple[float, float, float]:
    """Run a command; return wall seconds, CPU seconds and peak RSS (MiB).

    CPU time (user + system, from the child's own rusage) is the figure the
    ratios use: on a shared machine it moves far less than wall time.
    ``stdin`` is a file fed to the command's standard input.
    """
    started = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        process = subprocess.Popen(command, cwd=cwd, stdin=feed, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command[:6])} ...")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def commands(pythons: dict[str, pathlib.Path], files: list[str]) -> dict[str, list[str]]:
    options = ["--isolated", "-j1", "--exit-zero"]
    plain = [*flake8(pythons["plain"]), *options, f"--select={SELECT_PLAIN}", *files]
    runs = {"plain flake8": plain}
    if "project" in pythons:
        runs[PROJECT_RUN] = [*flake8(pythons["project"]), *options,
                             f"--select={SELECT_PLAIN},{DEFAULT_CODES}", *files]
    runs[BARE_RUN] = [*flake8(pythons["plugin"]), *options,
                      f"--select={SELECT_PLAIN},{DEFAULT_CODES}",
                      *files]
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
        [*flake8(python), "--isolated", "-j2", f"--select={DEFAULT_CODES}", "--exit-zero",
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
    plugin = statistics.median(cpu[BARE_RUN])
    lines = len((top / "deep.py").read_text().splitlines())
    print(f"\npathological module: {lines} lines, 500 classes in one chain")
    print(f"plain flake8 {plain:.2f} s CPU, with plugin {plugin:.2f} s CPU, "
          f"ratio {plugin / plain:.2f}  (target: a few times at most)")


def interleaved(
    runs: dict[str, list[str]], cwd: pathlib.Path, repeats: int,
    stdin: pathlib.Path | None = None,
) -> dict[str, float]:
    """The median CPU seconds of each run, repeated in turn."""
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    for repeat in range(1, repeats + 1):
        for name, command in runs.items():
            log(f"[{repeat}/{repeats}] {name} ...")
            cpus[name].append(timed(command, cwd, stdin)[1])
    return {name: statistics.median(values) for name, values in cpus.items()}


def measure_editor(project: str, path: str, pythons: dict[str, pathlib.Path],
                   repeats: int) -> None:
    """One file through stdin in a cold process, as an editor lints it."""
    top = fetch(project)
    project_python = project_venv(project, top).python
    stdin = ["-", f"--stdin-display-name={path}", "--isolated", "--exit-zero"]
    runs = {
        "plain flake8": [*flake8(pythons["plain"]), *stdin, f"--select={SELECT_PLAIN}"],
        PROJECT_RUN: [*flake8(project_python), *stdin, f"--select={SELECT_PLAIN},{DEFAULT_CODES}"],
    }
    median = interleaved(runs, top, repeats, stdin=top / path)
    ratio = median[PROJECT_RUN] / median["plain flake8"]
    print(f"\neditor path, {project} {path} through stdin, cold process: "
          f"plain {median['plain flake8']:.2f} s, plugin {median[PROJECT_RUN]:.2f} s CPU, "
          f"ratio {ratio:.3f}  (target <= 1.50)")


def measure_together(projects: list[str], pythons: dict[str, pathlib.Path],
                     repeats: int) -> None:
    """Several projects in one run against the sum of one run each (bare env)."""
    tops = [fetch(project) for project in projects]
    trees = [
        [str(top / name) for name in non_test_files(top, p.partition("==")[0].replace("-", "_"))]
        for top, p in zip(tops, projects)
    ]
    options = [*flake8(pythons["plugin"]), "--isolated", "-j1", "--exit-zero",
               f"--select={DEFAULT_CODES}"]
    runs = {"all in one run": [*options, *(f for files in trees for f in files)]}
    for project, files in zip(projects, trees):
        runs[project] = [*options, *files]
    median = interleaved(runs, CACHE, repeats)
    alone = sum(median[project] for project in projects)
    print(f"\n{len(projects)} projects in one run: {median['all in one run']:.1f} s CPU; "
          f"one at a time: {alone:.1f} s; ratio {median['all in one run'] / alone:.3f}"
          "  (target <= 1.10)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[],
                        help="name==version of an sdist to lint (repeatable); "
                             "default nova==34.0.0")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-pylint", action="store_true")
    parser.add_argument("--pathological", action="store_true",
                        help="also time a generated 10k-line, 500-class module")
    parser.add_argument("--editor", metavar="PATH", nargs="?", const=EDITOR_FILE,
                        help="also time one file of the first project through stdin, "
                             f"in a cold process (default {EDITOR_FILE})")
    parser.add_argument("--together", action="store_true",
                        help="also time the five projects in one run against one each")
    parser.add_argument("--skip-whole", action="store_true",
                        help="skip the whole-project timing (with --editor/--together)")
    args = parser.parse_args()
    pythons = prepare_venvs(with_pylint=not args.no_pylint)
    projects = args.project or ["nova==34.0.0"]
    for project in [] if args.skip_whole else projects:
        measure(project, pythons, args.repeats)
    if args.editor:
        measure_editor(projects[0], args.editor, pythons, args.repeats)
    if args.together:
        measure_together(list(FIVE), pythons, args.repeats)
    if args.pathological:
        measure_pathological(pythons, args.repeats)


def measure(project: str, pythons: dict[str, pathlib.Path], repeats: int) -> None:
    top = fetch(project)
    pythons = dict(pythons, project=project_venv(project, top).python)
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
    lines = count_lines(top, files)
    print(f"\n{project}: {len(files)} files, {lines} lines, "
          f"{repeats} interleaved repeats, -j1")
    print(f"{'run':<32}{'CPU s':>10}{'wall s':>10}{'peak MiB':>10}")
    for name in runs:
        print(f"{name:<32}{median[name]:>10.2f}{wall[name]:>10.2f}{peaks[name]:>10.0f}")
    for row, env, python in ((PROJECT_RUN, "project env (requirements installed)", "project"),
                             (BARE_RUN, "bare env (plugin and flake8 only)", "plugin")):
        # Each repeat's runs follow each other within a minute: their ratio
        # cancels the shared machine's slow swings, which the ratio of two
        # medians taken minutes apart does not.
        ratios = [mine / base for mine, base in zip(cpus[row], cpus["plain flake8"])]
        own_cost = statistics.median(
            mine - base for mine, base in zip(cpus[row], cpus["plain flake8"])
        )
        print(f"\nin the {env}:")
        print(f"  ratio plugin/plain CPU time  {statistics.median(ratios):.3f}  (target <= 1.10; "
              f"median of each repeat's ratio, {min(ratios):.3f} to {max(ratios):.3f})")
        print(f"  ratio plugin/plain peak RSS  {peaks[row] / peaks['plain flake8']:.3f}"
              "  (target <= 1.30)")
        if "pylint (nearest checks)" in median and own_cost > 0:
            ratio = median["pylint (nearest checks)"] / own_cost
            print(f"  pylint time / plugin's own cost  {ratio:.1f}  (target >= 5)")
        elif own_cost <= 0:
            print("  the plugin's own cost is within the noise of these repeats")
        print(f"  plugin's own CPU per 1000 lines  {1e6 * own_cost / lines:.1f} ms")
        print(f"  findings: {findings(pythons[python], top, files)}")


if __name__ == "__main__":
    main()
