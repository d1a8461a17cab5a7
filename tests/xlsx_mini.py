"""A minimal ``.xlsx`` writer for tests: sheets of plain cells (inline text,
numbers, booleans, dates, formulas without cached values, error values),
written by hand so that tests can build odd workbooks fast (~1 ms), and
``zip_bytes`` / ``zip_members`` to take workbooks apart and put them back.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape


class Formula(str):
    """A cell holding this formula (text after ``=``), with no cached value."""


class ErrorCell(str):
    """A cell holding an error value such as ``#REF!``."""


def col_name(c: int) -> str:
    s, c = "", c + 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def _cell(ref: str, v) -> str:
    if v is None:
        return ""
    if isinstance(v, Formula):
        return f'<c r="{ref}"><f>{escape(v.lstrip("="))}</f></c>'
    if isinstance(v, ErrorCell):
        return f'<c r="{ref}" t="e"><v>{escape(v)}</v></c>'
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (dt.date, dt.datetime)):
        d = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
        serial = (d.replace(tzinfo=None) - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        return f'<c r="{ref}" s="1"><v>{serial!r}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>'


def sheet_xml(rows) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
           '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{col_name(c)}{r}", v) for c, v in enumerate(row))
        if cells:
            out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out).encode("utf-8")


_NS = "http://schemas.openxmlformats.org"
STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_NS}/spreadsheetml/'
          '2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/>'
          '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
          '</styleSheet>').encode()


def workbook_members(sheets) -> dict[str, bytes]:
    """The parts of a workbook; ``sheets`` is a list of (name, rows, hidden)."""
    ct = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_NS}/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.styles+xml"/>']
    wb = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_NS}/spreadsheetml/'
          f'2006/main" xmlns:r="{_NS}/officeDocument/2006/relationships"><sheets>']
    rels = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_NS}/package/'
            '2006/relationships">']
    files = {}
    for i, (name, rows, hidden) in enumerate(sheets, 1):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        state = 'state="hidden" ' if hidden else ""
        wb.append(f'<sheet name="{escape(name)}" sheetId="{i}" {state}r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{_NS}/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        files[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows)
    rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{_NS}/officeDocument/2006/relationships/'
                'styles" Target="styles.xml"/>')
    ct.append("</Types>")
    wb.append("</sheets></workbook>")
    rels.append("</Relationships>")
    files["[Content_Types].xml"] = "".join(ct).encode()
    files["_rels/.rels"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                            f'xmlns="{_NS}/package/2006/relationships"><Relationship Id="rId1" Type="{_NS}/'
                            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                            '</Relationships>').encode()
    files["xl/workbook.xml"] = "".join(wb).encode("utf-8")
    files["xl/_rels/workbook.xml.rels"] = "".join(rels).encode()
    files["xl/styles.xml"] = STYLES
    return files


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def mini_xlsx(sheets) -> bytes:
    """A workbook of ``sheets`` (list of (name, rows, hidden)); rows are lists of cell values."""
    return zip_bytes(workbook_members(sheets))


def zip_bomb(member: str, unpacked_mb: int, others: dict[str, bytes] | None = None) -> bytes:
    """A zip whose ``member`` unpacks to ``unpacked_mb`` MB of zeros (about 1 MB packed per 210 MB)."""
    buf = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in (others or {}).items():
            z.writestr(name, data)
        with z.open(member, "w", force_zip64=True) as fh:
            for _ in range(unpacked_mb):
                fh.write(chunk)
    return buf.getvalue()


def understated(members: dict[str, bytes], member: str, extra_mb: int) -> bytes:
    """A deflated zip of ``members`` whose ``member`` inflates to ``extra_mb`` MB of zeros more than its
    directory and local header declare (with the CRC of the declared bytes, so zipfile reads it quietly)."""
    import struct
    import zlib
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            if name == member:
                with z.open(name, "w") as fh:
                    fh.write(data)
                    for _ in range(extra_mb):
                        fh.write(b"\0" * (1 << 20))
            else:
                z.writestr(name, data)
    raw = bytearray(buf.getvalue())
    real, crc, key = len(members[member]), zlib.crc32(members[member]), member.encode()
    # (signature, offset of the name's length, of the name, of the CRC, of the unpacked size)
    for sig, len_at, name_at, crc_at, size_at in ((b"PK\x03\x04", 26, 30, 14, 22), (b"PK\x01\x02", 28, 46, 16, 24)):
        i = raw.find(sig)
        while i != -1:
            n = struct.unpack_from("<H", raw, i + len_at)[0]
            if raw[i + name_at:i + name_at + n] == key:
                struct.pack_into("<I", raw, i + crc_at, crc)
                struct.pack_into("<I", raw, i + size_at, real)
            i = raw.find(sig, i + 4)
    return bytes(raw)
