"""The users file's permissions, checked as strictly as sshd's StrictModes.

The file must be a regular file owned by the account running the program (or
by root), not writable by its group or others and not readable by others (it
holds password hashes); its folder must be owned likewise and not writable
by group or others. Each refusal names the file, the mode found and the fix
(``chmod 600 FILE``, ``chmod go-w FOLDER``). Run as root (an administrator's
command) any owner is accepted.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .auth_errors import UsersFileError


def _owner_ok(uid: int) -> bool:
    euid = os.geteuid()
    return euid == 0 or uid in (euid, 0)


def check_permissions(path: Path) -> None:
    """Refuse a users file (or its folder) others could change or read, like
    sshd's StrictModes (see the module docstring); UsersFileError naming the
    file, the mode found and the fix. FileNotFoundError when it is missing."""
    src = str(path)
    st_ = path.stat()
    mode = stat.S_IMODE(st_.st_mode)
    if not stat.S_ISREG(st_.st_mode):
        raise UsersFileError(src, [("", "not a regular file", "ei tavallinen tiedosto")])
    problems = []
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        problems.append(("", f"mode {mode:04o} lets {'others' if mode & stat.S_IWOTH else 'the group'} write "
                             f"the file; allow only its owner: chmod 600 {path}",
                         f"oikeudet {mode:04o} sallivat {'muiden' if mode & stat.S_IWOTH else 'ryhmän'} "
                         f"kirjoittaa tiedostoon; salli vain omistaja: chmod 600 {path}"))
    elif mode & stat.S_IROTH:
        problems.append(("", f"mode {mode:04o} lets anyone read the file (it holds password hashes); "
                             f"allow only its owner: chmod 600 {path}",
                         f"oikeudet {mode:04o} sallivat kenen tahansa lukea tiedoston (siinä ovat "
                         f"salasanatiivisteet); salli vain omistaja: chmod 600 {path}"))
    if not _owner_ok(st_.st_uid):
        problems.append(("", f"the file belongs to user id {st_.st_uid}, not to the account running the program "
                             f"(id {os.geteuid()}) or root: chown it to that account",
                         f"tiedoston omistaa käyttäjä {st_.st_uid} eikä ohjelmaa ajava tunnus "
                         f"({os.geteuid()}) tai root: vaihda omistajaksi se tunnus (chown)"))
    folders = {Path(os.path.realpath(path)).parent, path.absolute().parent}
    for folder in sorted(folders):
        fst = folder.stat()
        fmode = stat.S_IMODE(fst.st_mode)
        if fmode & (stat.S_IWGRP | stat.S_IWOTH):
            problems.append(("", f"its folder {folder} has mode {fmode:04o}: others could replace the file; "
                                 f"chmod go-w {folder} (or keep the file in a private folder)",
                             f"sen kansion {folder} oikeudet ovat {fmode:04o}: muut voisivat vaihtaa "
                             f"tiedoston; chmod go-w {folder} (tai pidä tiedosto yksityisessä kansiossa)"))
        if not _owner_ok(fst.st_uid):
            problems.append(("", f"its folder {folder} belongs to user id {fst.st_uid}, not to the account "
                                 f"running the program (id {os.geteuid()}) or root",
                             f"sen kansion {folder} omistaa käyttäjä {fst.st_uid} eikä ohjelmaa ajava tunnus "
                             f"({os.geteuid()}) tai root"))
    if problems:
        raise UsersFileError(src, problems)
