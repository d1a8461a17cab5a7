"""Recalculate workbooks headless with LibreOffice Calc (tests, benchmark).

A plain ``soffice --convert-to xlsx`` keeps the cached values of an xlsx
file. A throwaway user profile whose registry sets ``OOXMLRecalcMode`` to 0
("always recalculate") makes LibreOffice recompute every formula on load;
the converted copy then holds LibreOffice's own results
(``/work/shared/practice.md`` §4). The profile lives in a temporary
directory, so the user's own LibreOffice settings are never touched.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(paths, outdir, timeout: float = 300) -> tuple[list[Path], float]:
    """Open each workbook in LibreOffice, recalculate every formula, save an
    ``.xlsx`` copy into ``outdir``. One LibreOffice process for all files.
    Returns (converted paths, seconds)."""
    return convert(paths, outdir, "xlsx", timeout)


def to_pdf(paths, outdir, timeout: float = 300) -> tuple[list[Path], float]:
    """Print each workbook to PDF as LibreOffice would (its print set-up:
    paper, orientation, fit, repeated titles), recalculating first.
    Returns (PDF paths, seconds)."""
    return convert(paths, outdir, "pdf", timeout)


def convert(paths, outdir, target: str, timeout: float = 300) -> tuple[list[Path], float]:
    """``soffice --convert-to TARGET`` with a throwaway profile that recalculates on load."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    paths = [Path(p).resolve() for p in paths]
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as prof:
        user = Path(prof) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(REGISTRY, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={Path(prof).as_uri()}", "--headless", "--norestore",
               "--calc", "--convert-to", target, "--outdir", str(outdir), *map(str, paths)]
        t0 = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        seconds = time.perf_counter() - t0
    out = [outdir / (p.stem + "." + target) for p in paths]
    missing = [str(p) for p in out if not p.exists()]
    if res.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice failed (status {res.returncode}): {res.stderr.strip()[:500]} "
                           f"missing: {missing}")
    return out, seconds
