"""Crash-safe file primitives: atomic replace and a cross-process lock.

``atomic_write``: a temporary file in the same folder is written, flushed
and fsync'ed, then ``os.replace``d over the target and the folder is
fsync'ed, so a reader (or a crash) sees the old file or the new one, never a
mix. ``FileLock`` is ``fcntl.flock`` on a lock file: exclusive across
processes and across threads (each holder opens its own file description).
"""
from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable."""
    fd = os.open(str(path), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def same_owner(fd: int, like: Path) -> None:
    """Run as root (an administrator's command), give the new file the owner
    of the file it replaces (or of its folder), so the app's account can
    still read and write it."""
    if os.geteuid() != 0:
        return
    try:
        st = like.stat() if like.exists() else like.parent.stat()
        os.fchown(fd, st.st_uid, st.st_gid)
    except OSError:
        pass


def atomic_write(path: Path, data: bytes, mode: int = 0o644, keep_owner: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically and durably (``keep_owner``:
    see ``same_owner``)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, mode)
        if keep_owner:
            same_owner(fd, path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def stray_temps(folder: Path, prefix: str = ".") -> list[Path]:
    """Temporary files left in ``folder`` by an interrupted ``atomic_write``."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return [Path(folder) / x for x in names if x.startswith(prefix) and x.endswith(TMP_SUFFIX)]


class FileLock:
    """``with FileLock(path):`` holds an exclusive ``flock`` on ``path`` (created if
    missing, 0644, opened read-only: every account that may read it can lock it)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def __enter__(self) -> "FileLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(str(self.path), os.O_RDONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def atomic_create(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create ``path`` with ``data`` atomically; never replaces an existing file
    (``FileExistsError``). The new name appears only once the data is on disk."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    fsync_dir(path.parent)
