"""The one check of a file the command line is asked to write (``-o``,
``--output``, ``--write``), made before anything is computed.

Refused, with the option, the path and the reason in English and Finnish:
- a name without the expected ending (``.xlsx``, ``.yaml`` …);
- a symbolic link (the file would be written wherever the link points):
  give the real file name;
- a folder, or anything else that is not a regular file;
- a folder that does not exist;
- a scenario file directly in ``scenarios/`` (the pilots are read-only:
  save edits under another name or in the workspace);
- anything inside ``data/`` (the statutory parameters) or inside the
  workspace's own folders (``.history``, ``.locks``, ``.auth``, ``.drafts``);
- one of the command's input files, or an existing file without ``--force``
  when the command asks for it.
The path returned has its folder resolved (links in the folder part are the
user's own choice; only the final name may not be one).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from simulator.cli.options import UserError
from simulator.model.loader import workspace_dir
from simulator.model.parameters import DATA_DIR
from simulator.model.scenario import SCENARIO_DIR

STORE_FOLDERS = (".history", ".locks", ".auth", ".drafts")
SCENARIO_SUFFIXES = (".yaml", ".yml")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(path: str | Path, *, option: str = "-o", suffixes: tuple[str, ...] = (),
                 inputs: tuple = (), force: bool = True) -> Path:
    """The path to write ``path`` to, or ``UserError`` saying what is wrong and where."""
    out = Path(path)
    shown = f"{option} {out}"

    def refuse(en: str, fi: str):
        raise UserError(f"{shown}: {en}", f"{shown}: {fi}")

    if suffixes and out.suffix.lower() not in suffixes:
        refuse(f"the output file must end with {' or '.join(suffixes)}",
               f"tulostiedoston päätteen pitää olla {' tai '.join(suffixes)}")
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as exc:
        refuse(f"not a usable file name ({getattr(exc, 'strerror', None) or exc})",
               f"tiedostonimi ei kelpaa ({getattr(exc, 'strerror', None) or exc})")
    if st is not None and stat.S_ISLNK(st.st_mode):
        refuse(f"is a symbolic link (to {os.readlink(out)}); nothing is written through a link: "
               "give the real file name",
               f"on symbolinen linkki (kohteeseen {os.readlink(out)}); linkin kautta ei kirjoiteta: "
               "anna todellinen tiedostonimi")
    if st is not None and stat.S_ISDIR(st.st_mode):
        refuse("is a folder; give a file name", "on kansio; anna tiedoston nimi")
    if st is not None and not stat.S_ISREG(st.st_mode):
        refuse("is not a regular file", "ei ole tavallinen tiedosto")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        refuse(f"the folder {parent} does not exist", f"kansiota {parent} ei ole")
    real = _real(parent) / out.name
    if real.parent == _real(SCENARIO_DIR) and real.suffix.lower() in SCENARIO_SUFFIXES:
        refuse(f"will not overwrite a pilot scenario: the scenario files in {SCENARIO_DIR.name}/ are read-only; "
               "write the file elsewhere (or save it in the workspace)",
               f"pilottiskenaariota ei korvata: {SCENARIO_DIR.name}/-kansion skenaariotiedostot ovat vain "
               "luettavia; kirjoita tiedosto muualle (tai tallenna se työkansioon)")
    data = _real(DATA_DIR.parent)
    if _inside(real, data):
        refuse(f"the folder {data} holds the statutory parameters; nothing is written there",
               f"kansiossa {data} ovat lakisääteiset parametrit; sinne ei kirjoiteta")
    ws = _real(workspace_dir())
    for folder in STORE_FOLDERS:
        if _inside(real, ws / folder):
            refuse(f"{ws / folder} is the workspace's own folder; nothing is written there",
                   f"{ws / folder} on työkansion oma kansio; sinne ei kirjoiteta")
    for given in inputs:
        if real == _real(Path(given)):
            refuse("will not overwrite the input scenario", "syöteskenaariota ei korvata")
    if st is not None and not force:
        refuse("the file exists (give --force to replace it)", "tiedosto on jo olemassa (--force korvaa sen)")
    return real
