"""Crash-safe file primitives: atomic replace and a cross-process lock.

``atomic_write``: a temporary file in the same folder is written, flushed
and fsync'ed, then ``os.replace``d over the target and the folder is
fsync'ed, so a reader (or a crash) sees the old file or the new one, never a
mix. ``FileLock`` is ``fcntl.flock`` on a lock file: exclusive across
processes and across threads (each holder opens its own file description).

Nothing here follows a symbolic link: folders under the workspace are
checked with ``lstat`` (``no_links``), files are opened with ``O_NOFOLLOW``
and a target that is a link is refused (``UnsafePath``), so a link planted
in the workspace can neither read nor write a file outside it.
"""
from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class StoreError(Exception):
    """A refusal with a message in English and Finnish."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(self.render())

    def render(self, lang: str = "both") -> str:
        return {"en": self.en, "fi": self.fi}.get(lang, f"{self.en}\n{self.fi}")


class UnsafePath(StoreError, OSError):
    """A symbolic link (or another odd file) where the store expects its own
    folder or file: refused, nothing is read or written through it. Also an
    ``OSError``, so callers that treat an unusable workspace as one refuse it too."""

    def __init__(self, path: Path, kind: str = "link"):
        self.path = Path(path)
        if kind == "link":
            en = (f"{path} is a symbolic link; the workspace never follows links "
                  "(remove the link, nothing was read or written through it)")
            fi = (f"{path} on symbolinen linkki; työkansiossa linkkejä ei seurata "
                  "(poista linkki, sen kautta ei luettu eikä kirjoitettu mitään)")
        elif kind == "dir":
            en, fi = (f"{path} is not a folder (expected the workspace's own folder)",
                      f"{path} ei ole kansio (odotettiin työkansion omaa kansiota)")
        else:
            en, fi = (f"{path} is not a regular file", f"{path} ei ole tavallinen tiedosto")
        super().__init__(en, fi)


def _lstat(path: Path):
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def refuse_link(path: Path) -> Path:
    """``path`` itself when it is not a symbolic link (it may be missing); else UnsafePath."""
    st = _lstat(path)
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise UnsafePath(path)
    return Path(path)


def no_links(root: Path, *parts: str) -> Path:
    """``root/parts…`` after checking that no existing component below ``root``
    is a symbolic link (and that every one but the last is a folder). ``root``
    itself is the administrator's choice and may be a link."""
    path = Path(root)
    for i, part in enumerate(parts):
        path = path / part
        st = _lstat(path)
        if st is None:
            break
        if stat.S_ISLNK(st.st_mode):
            raise UnsafePath(path)
        if i < len(parts) - 1 and not stat.S_ISDIR(st.st_mode):
            raise UnsafePath(path, "dir")
    return path


def make_dirs(root: Path, *parts: str, mode: int = 0o777) -> Path:
    """Create ``root/parts…`` folder by folder, refusing a symbolic link (or a
    non-folder) at any level below ``root``."""
    Path(root).mkdir(parents=True, exist_ok=True)
    path = Path(root)
    for part in parts:
        path = path / part
        try:
            os.mkdir(path, mode)
        except FileExistsError:
            pass
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            raise UnsafePath(path)
        if not stat.S_ISDIR(st.st_mode):
            raise UnsafePath(path, "dir")
    return path


def read_nofollow(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), opened with
    ``O_NOFOLLOW``: a symbolic link is refused (UnsafePath), a missing file is
    FileNotFoundError."""
    try:
        fd = os.open(str(path), os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EMLINK and _lstat(path) is not None):
            raise UnsafePath(path) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(path, "file")
        chunks, left = [], (limit if limit is not None else -1)
        while left != 0:
            chunk = os.read(fd, 1 << 20 if left < 0 else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if left > 0:
                left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
    see ``same_owner``). A symbolic link at ``path`` is refused, never replaced."""
    path = refuse_link(Path(path))
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
    missing, 0644, opened read-only: every account that may read it can lock it;
    a symbolic link, or a link as its folder, is refused)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def __enter__(self) -> "FileLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        refuse_link(self.path.parent)
        try:
            fd = os.open(str(self.path), os.O_RDONLY | os.O_CREAT | _NOFOLLOW | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePath(self.path) from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise UnsafePath(self.path, "file")
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
    path = refuse_link(Path(path))
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
