"""Editors: the real python-lsp-server shows the SRB codes, and stdin equals a file run.

Editors lint the unsaved buffer by piping it to ``flake8 -`` with
``--stdin-display-name`` naming the file, so standard input must give what a
file run gives, cross-module answers included.
"""

from __future__ import annotations

import json
import pathlib
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import casefiles
from flake8_sched_robustness import plugin

EDITOR = pathlib.Path(__file__).parent / "editor"
DOCUMENT = "stormcell/placement.py"
TIMEOUT = 60.0

Marks = set[tuple[int, str]]


def built(marks: Marks) -> Marks:
    """Keep the marks of families the plugin has (others merge later)."""
    prefixes = {prefix for prefix, _ in plugin.FAMILIES}
    return {(line, code) for line, code in marks if code[:4] in prefixes}


def flake8_path() -> str:
    """The flake8 command of the interpreter running the tests."""
    found = pathlib.Path(sys.executable).with_name("flake8")
    return str(found) if found.exists() else shutil.which("flake8") or "flake8"


class LanguageServer:
    """A minimal LSP client speaking JSON-RPC to pylsp over stdio."""

    def __init__(self, root: pathlib.Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pylsp"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self._ids = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._ids += 1
        self.send({"id": self._ids, "method": method, "params": params})
        ident = self._ids
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m)

    def wait_for(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Return the first message that ``wanted`` accepts; answer server requests."""
        while True:
            try:
                message = self.inbox.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError("the language server went quiet") from None
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def diagnostics_until(server: LanguageServer, uri: str, expected: Marks) -> Marks:
    """Wait for the published SRB diagnostics of ``uri`` to equal ``expected``."""
    seen: list[Marks] = []

    def settled(message: dict[str, Any]) -> bool:
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        if message["params"]["uri"] != uri:
            return False
        marks = {
            (item["range"]["start"]["line"] + 1, item["code"])
            for item in message["params"]["diagnostics"]
            if str(item.get("code", "")).startswith("SRB")
        }
        seen.append(marks)
        return marks == expected

    try:
        server.wait_for(settled)
    except AssertionError:
        raise AssertionError(f"expected {sorted(expected)}, last seen {seen[-1:]}") from None
    return seen[-1]


@pytest.fixture
def workspace(tmp_path: pathlib.Path) -> pathlib.Path:
    # A copy outside the project, so that the project's own flake8
    # configuration (which turns SRB off for tests/) does not apply.
    shutil.copytree(EDITOR, tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_pylsp_publishes_srb_diagnostics_and_updates_them(workspace):
    pytest.importorskip("pylsp")
    document = workspace / DOCUMENT
    source = document.read_text()
    uri = document.as_uri()
    settings = {
        "pylsp": {
            "plugins": {
                "flake8": {"enabled": True, "executable": flake8_path()},
                **{
                    name: {"enabled": False}
                    for name in ("pycodestyle", "pyflakes", "mccabe", "pydocstyle", "pylint")
                },
            }
        }
    }
    server = LanguageServer(workspace)
    try:
        server.request(
            "initialize",
            {"processId": None, "rootUri": workspace.as_uri(), "capabilities": {}},
        )
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": settings})
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                              "text": source}},
        )
        expected = built(casefiles.expected_in(source.encode()))
        assert expected, "the document must have at least one finding"
        diagnostics_until(server, uri, expected)

        # An unsaved edit: one raise gets its message, a blank one appears.
        edited = source.replace(
            "raise errors.CellBusy()  # expect: SRB101",
            'raise errors.CellBusy("%d cells are busy" % len(cells))\n'
            '    if not all(cells):\n'
            '        raise ValueError("")  # expect: SRB102',
        )
        assert edited != source
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]},
        )
        diagnostics_until(server, uri, built(casefiles.expected_in(edited.encode())))
    finally:
        server.close()


def run_stdin(cwd: pathlib.Path, path: str, options: tuple[str, ...] = ()) -> set[casefiles.Key]:
    """Lint a file's text through standard input, the way editors do."""
    return casefiles.run_flake8(
        [], (*options, "--stdin-display-name", path, "-"), cwd,
        stdin=(cwd / path).read_bytes(),
    )


def test_stdin_finds_the_editor_document_findings_across_modules():
    found = {(line, code) for _, line, code in run_stdin(EDITOR, DOCUMENT)}
    assert found == built(casefiles.expected_in((EDITOR / DOCUMENT).read_bytes()))


STDIN_FILES = [
    (case, file)
    for case in casefiles.all_cases()
    for file in case.files()
    if any(key[0] == file.relative_to(case.root).as_posix()
           for key in case.expected | case.near_misses)
]


@pytest.mark.parametrize(
    "case,file", STDIN_FILES,
    ids=[file.relative_to(case.root).as_posix() for case, file in STDIN_FILES],
)
def test_stdin_equals_the_file_run(case, file):
    # test_cases proves the file run equals the markers; stdin must too.
    path = file.relative_to(case.root).as_posix()
    expected = {key for key in case.expected if key[0] == path}
    assert run_stdin(case.root, path, case.options) == expected
