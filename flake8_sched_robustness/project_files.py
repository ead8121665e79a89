"""List and read the modules of a project package: regular files only, within caps.

The listing follows no symlink out of the root, skips what flake8 excludes,
and stops at caps counted in files and bytes, never in time, so the same tree
gives the same listing on any machine.  A listing that left a module unseen
(a cap, an exclusion, a link out of the root) is incomplete.
"""

from __future__ import annotations

import ast
import dataclasses
import logging
import os
import stat
import time
from collections.abc import Sequence

from flake8 import utils

LOG = logging.getLogger("flake8.sched_robustness")

# The caps of one package scan; reaching any leaves the package incomplete.
MAX_FILES = 8000  # modules read (nova 34 has 664 outside its tests)
MAX_FILE_BYTES = 2 * 2**20  # bytes of one module (nova's largest: 0.6 MB)
MAX_TOTAL_BYTES = 64 * 2**20  # bytes of all modules read (cinder 29: 13 MB)
MAX_ENTRIES = 100_000  # directory entries listed, Python or not
# A last resort against a stalled file system, never a decider: a scan within
# the caps reads at most MAX_TOTAL_BYTES and ends long before it.
VALVE_SECONDS = 300.0
SKIPPED_DIRS = frozenset({"tests", "test", "__pycache__"})


@dataclasses.dataclass
class Listing:
    """The modules of a package a scan may read, and whether that is all."""

    paths: list[str]
    complete: bool
    total_bytes: int = 0  # the sizes of the modules in paths


def _is_excluded(path: str, exclude: Sequence[str]) -> bool:
    """Match a path against flake8's exclude patterns as flake8 does."""
    return utils.matches_filename(
        path, patterns=exclude, log_message='"%(path)s" is %(whether)sexcluded', logger=LOG
    )


def _is_inside(path: str, real_root: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def list_package(root: str, package: str, exclude: Sequence[str]) -> Listing:
    """The non-test modules under a package, sorted, within the caps."""
    top = os.path.join(root, package)
    real_root = os.path.realpath(root)
    listing = Listing([], True)
    if _is_excluded(top, exclude) or not _is_inside(top, real_root):
        listing.complete = False
        return listing
    entries = 0
    started = time.monotonic()
    for directory, subdirs, files in os.walk(top):
        entries += len(subdirs) + len(files)
        if entries > MAX_ENTRIES or time.monotonic() - started > VALVE_SECONDS:
            listing.complete = False
            return listing
        subdirs[:] = _kept_subdirs(directory, subdirs, exclude, listing)
        if not _add_modules(directory, files, real_root, exclude, listing):
            return listing
    return listing


def _kept_subdirs(
    directory: str, subdirs: list[str], exclude: Sequence[str], listing: Listing
) -> list[str]:
    """The subdirectories the walk enters; one it must not see leaves it incomplete."""
    kept = []
    for name in sorted(subdirs):
        path = os.path.join(directory, name)
        if name in SKIPPED_DIRS or name.startswith("."):
            continue
        if _is_excluded(path, exclude) or os.path.islink(path):
            listing.complete = False  # it may hold modules the scan cannot see
            continue
        kept.append(name)
    return kept


def _add_modules(
    directory: str, files: list[str], real_root: str, exclude: Sequence[str], listing: Listing
) -> bool:
    """List a directory's modules; False once a cap stops the whole listing."""
    for name in sorted(files):
        if not name.endswith(".py"):
            continue
        path = os.path.join(directory, name)
        size = _module_size(path, real_root, exclude)
        if size is None:
            continue  # no module: a FIFO, a device, a socket
        if size < 0 or size > MAX_FILE_BYTES:
            listing.complete = False
            continue
        listing.total_bytes += size
        if len(listing.paths) >= MAX_FILES or listing.total_bytes > MAX_TOTAL_BYTES:
            listing.complete = False
            return False
        listing.paths.append(path)
    return True


def _module_size(path: str, real_root: str, exclude: Sequence[str]) -> int | None:
    """The size of a module the scan may read; -1 for one it must not see.

    None for an entry that is no module at all (not a regular file).  Only
    ``stat``: nothing is opened here, so a FIFO cannot block the scan.
    """
    if _is_excluded(path, exclude):
        return -1
    if os.path.islink(path) and not _is_inside(path, real_root):
        return -1  # not even looked at: what it points to stays unknown
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None  # a dangling link: no module Python could import either
    except OSError:
        return -1
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def read_module(path: str) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, else None.

    Opened without blocking and checked again once open, in case the file
    was replaced by a FIFO or a device after the scan listed it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    return data if len(data) <= MAX_FILE_BYTES else None


def parse_module(path: str) -> ast.Module | None:
    """The tree of a module read by read_module, or None where it cannot be had."""
    data = read_module(path)
    return None if data is None else parse_source(data, path)


def parse_source(data: bytes, path: str) -> ast.Module | None:
    """The tree of a module's bytes already read, or None where it does not parse."""
    try:
        return ast.parse(data, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
