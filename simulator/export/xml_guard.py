"""Bounds on the XML of an uploaded workbook, checked before and while openpyxl reads it.

The XML parser of this Python (expat 2.5, before its "reparse deferral")
re-reads an unfinished token from its start at every 16 kB read: one 20 MB
comment costs minutes, so a token's length must be bounded; and openpyxl
spends microseconds on every element it reads, so the number of elements
it reads must be bounded too. ``check_package`` reads every XML part of the
package once (after the zip directory's checks in ``importer._open``) and
refuses, naming the part (and the sheet, where it is one):

- text that is not UTF-8 (a NUL byte: UTF-16 would hide the markup below);
- a token longer than ``MAX_TOKEN`` bytes: a comment, a processing
  instruction, a CDATA section, a tag with its attributes, a text node.
  Outside comments, CDATA and processing instructions every token lies
  between two ``<`` (XML forbids ``<`` in attribute values and text), so the
  longest stretch without ``<`` bounds them; the others are measured to
  their end. Excel keeps at most 32 767 characters in a cell (under 200 kB
  even if every character were escaped); the exports' longest token is
  14 kB (the hidden ``_data`` sheet's JSON);
- more than ``MAX_SPECIALS`` comments, CDATA sections and processing
  instructions in one part (the exports have one: the XML declaration),
  and any ``<!DOCTYPE``/``<!ENTITY`` declaration;
- a part other than a worksheet over ``MAX_PART_UNPACKED`` bytes, or such
  parts with more than ``MAX_PART_TAGS`` tags together (openpyxl reads them
  all when it opens the workbook; the export of the three pilots has 16 000),
  or one of them besides the shared strings with more than
  ``MAX_OTHER_TAGS`` (openpyxl builds an object of every style);
- a worksheet over ``MAX_SHEET_UNPACKED`` bytes.

A worksheet is read lazily, and only as far as needed: its first rows, to
find the scenario's Assumptions sheet by its marker, and the whole of that
sheet and of ``_data``. ``BudgetArchive`` stands in for openpyxl's zip while
it reads sheets and refuses to give more than ``MAX_FIRST_ROWS_BYTES`` of a
sheet while looking for the marker, more than ``MAX_SHEET_READ_BYTES`` of
the sheet it reads whole, and more than ``MAX_READ_BYTES`` in all. The
Varkaus pilot's Assumptions sheet is 54 kB; openpyxl reads a sheet in 16 kB
steps.

The worst cases built by ``benchmarks/upload_worst_case.py`` (a huge
comment, many comments just under the token limit, a huge attribute, a
huge shared string, a huge text, deep nesting, many tiny elements and many
cells in the first row at the limits) are each refused or read within
the time stated in ``importer.py``.
"""
from __future__ import annotations

import zipfile

from simulator.model.problems import ScenarioError

MAX_TOKEN = 262_144               # bytes in one comment, tag, text node, CDATA section or processing instruction
MAX_SPECIALS = 100                # comments, CDATA sections and processing instructions in one part
MAX_SHEET_UNPACKED = 20_000_000   # one worksheet (the export of three pilots over 120 months: 6.6 MB)
MAX_PART_UNPACKED = 2_000_000     # any other XML part (the export of three pilots: 150 kB at most)
MAX_PART_TAGS = 100_000           # tags in all parts other than worksheets (three pilots: 16 000)
MAX_OTHER_TAGS = 10_000           # tags in one such part besides the shared strings (three pilots: 1 641)
# what openpyxl may read of a sheet to find the marker in A1 (it reads 16 kB at a time)
MAX_FIRST_ROWS_BYTES, MAX_FIRST_ROWS_TAGS = 131_072, 10_000
# ... of the Assumptions or the _data sheet (the Varkaus pilot's: 54 kB, 3 900 tags)
MAX_SHEET_READ_BYTES, MAX_SHEET_READ_TAGS = 1_000_000, 100_000
# ... of all the sheets together (importing the third scenario of three: 420 kB, about 33 000 tags)
MAX_READ_BYTES, MAX_READ_TAGS = 2_000_000, 200_000
_CHUNK = 1 << 20
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class XmlLimit(Exception):
    """A bound of this module was exceeded: ``en`` and ``fi`` say which, ``part`` where."""

    def __init__(self, part: str, en: str, fi: str):
        super().__init__(en)
        self.part, self.en, self.fi = part, en, fi


def _kb(n: int) -> str:
    return f"{n // 1000} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB".replace(".0 ", " ")


def _kb_fi(n: int) -> str:
    return _kb(n).replace("kB", "kt").replace("MB", "Mt").replace(".", ",")


def is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name


def check_package(zf: zipfile.ZipFile) -> None:
    """Check every XML part of an open package (see the module docstring); raises ``XmlLimit``."""
    tags = 0
    for info in sorted(zf.infolist(), key=lambda i: is_sheet(i.filename)):   # the workbook part first
        name = info.filename
        if not name.endswith(_XML_SUFFIXES) and name != "[Content_Types].xml":
            continue
        sheet = is_sheet(name)
        limit = MAX_SHEET_UNPACKED if sheet else MAX_PART_UNPACKED
        if info.file_size > limit:
            raise XmlLimit(name, f"the part is larger than {_kb(limit)} unpacked ({_kb(info.file_size)})",
                           f"osa on purettuna suurempi kuin {_kb_fi(limit)} ({_kb_fi(info.file_size)})")
        with zf.open(info) as fh:
            data = fh.read(limit + 1)         # zipfile never gives more than the declared size
        if len(data) > limit:
            raise XmlLimit(name, f"the part is larger than {_kb(limit)} unpacked",
                           f"osa on purettuna suurempi kuin {_kb_fi(limit)}")
        n = check_xml(data, name)
        if not sheet and n > MAX_OTHER_TAGS and name != "xl/sharedStrings.xml":
            raise XmlLimit(name, f"the part has more than {MAX_OTHER_TAGS} XML elements",
                           f"osassa on yli {MAX_OTHER_TAGS} XML-elementtiä")
        if not sheet:
            tags += n
            if tags > MAX_PART_TAGS:
                raise XmlLimit(name, f"the workbook's parts other than sheets hold more than {MAX_PART_TAGS} "
                                     f"XML elements", f"työkirjan muissa osissa kuin välilehdissä on yli "
                                                      f"{MAX_PART_TAGS} XML-elementtiä")


def _special_end(data: bytes, i: int, part: str) -> tuple[bytes, int]:
    """(terminator, length of its opening) of the comment, CDATA section or PI at ``i``."""
    if data.startswith(b"<!--", i):
        return b"-->", 4
    if data.startswith(b"<![CDATA[", i):
        return b"]]>", 9
    if data.startswith(b"<?", i):
        return b"?>", 2
    raise XmlLimit(part, "XML declarations (<!DOCTYPE, <!ENTITY) are not allowed",
                   "XML-määrittelyt (<!DOCTYPE, <!ENTITY) eivät ole sallittuja")


def _too_long(part: str, what_en: str, what_fi: str):
    return XmlLimit(part, f"{what_en} longer than {_kb(MAX_TOKEN)} in the XML (not a scenario workbook)",
                    f"XML:ssä on {what_fi}, joka on pidempi kuin {_kb_fi(MAX_TOKEN)} (ei skenaariotyökirja)")


def check_xml(data: bytes, part: str) -> int:
    """Check one XML part's bytes; the number of its tags (``<``)."""
    if b"\x00" in data:
        raise XmlLimit(part, "the XML is damaged or not UTF-8 text (a NUL byte)",
                       "XML on vioittunut tai ei UTF-8-tekstiä (NUL-tavu)")
    plain = data
    if b"<!" in data or b"<?" in data:           # cut comments, CDATA and PIs out, measuring each
        pieces, pos, count = [], 0, 0
        nxt = {b"<!": data.find(b"<!"), b"<?": data.find(b"<?")}     # the next of each, kept ahead of pos
        while True:
            for k in nxt:
                if 0 <= nxt[k] < pos:
                    nxt[k] = data.find(k, pos)
            i = min((k for k in nxt.values() if k >= 0), default=-1)
            if i < 0:
                break
            count += 1
            if count > MAX_SPECIALS:
                raise XmlLimit(part, f"more than {MAX_SPECIALS} comments or processing instructions in the XML",
                               f"XML:ssä on yli {MAX_SPECIALS} kommenttia tai käsittelyohjetta")
            end, opening = _special_end(data, i, part)
            k = data.find(end, i + opening, i + MAX_TOKEN + 1)
            if k < 0:
                if data.find(end, i + opening) < 0 and len(data) - i <= MAX_TOKEN:
                    raise XmlLimit(part, "the XML is damaged (an unfinished comment or instruction)",
                                   "XML on vioittunut (keskeneräinen kommentti tai ohje)")
                raise _too_long(part, "a comment, CDATA section or processing instruction",
                                "kommentti, CDATA-osio tai käsittelyohje")
            pieces.append(data[pos:i])
            pos = k + len(end)
        pieces.append(data[pos:])
        plain = b"<".join(pieces)
    carry = 0                                     # the stretch without "<" running into this chunk
    for start in range(0, len(plain), _CHUNK):
        parts = plain[start:start + _CHUNK].split(b"<")
        longest = carry + len(parts[0])
        if len(parts) > 1:
            longest = max(longest, max(map(len, parts[1:]), default=0))
            carry = len(parts[-1])
        else:
            carry = longest
        if longest > MAX_TOKEN:
            raise _too_long(part, "a tag, attribute or text", "tagi, määrite tai teksti")
    return data.count(b"<")


class _Budget:
    """What openpyxl may still read of the sheets: bytes and tags, per sheet and in all."""

    def __init__(self):
        self.bytes = self.tags = 0
        self.whole = False              # False: looking for the marker (first rows); True: reading a sheet whole


class _Stream:
    """A sheet's stream that refuses to give more than the budget allows."""

    def __init__(self, fh, budget: _Budget, name: str):
        self.fh, self.budget, self.name = fh, budget, name
        self.bytes = self.tags = 0

    def read(self, n: int = -1) -> bytes:
        b = self.budget
        data = self.fh.read(n if n is not None and n >= 0 else MAX_SHEET_READ_BYTES + 1)
        tags = data.count(b"<")
        self.bytes += len(data)
        self.tags += tags
        b.bytes += len(data)
        b.tags += tags
        max_bytes, max_tags = ((MAX_SHEET_READ_BYTES, MAX_SHEET_READ_TAGS) if b.whole
                               else (MAX_FIRST_ROWS_BYTES, MAX_FIRST_ROWS_TAGS))
        if self.bytes > max_bytes or self.tags > max_tags:
            en, fi = ("content", "sisällön") if b.whole else ("first rows", "ensimmäisten rivien")
            raise XmlLimit(self.name, f"reading the sheet's {en} went over {_kb(max_bytes)} or {max_tags} XML "
                                      f"elements (not a scenario workbook)",
                           f"välilehden {fi} lukeminen ylitti {_kb_fi(max_bytes)} tai {max_tags} "
                           f"XML-elementtiä (ei skenaariotyökirja)")
        if b.bytes > MAX_READ_BYTES or b.tags > MAX_READ_TAGS:
            raise XmlLimit(self.name, f"the sheets read are larger than {_kb(MAX_READ_BYTES)} or have more than "
                                      f"{MAX_READ_TAGS} XML elements together",
                           f"luetut välilehdet ovat yhteensä yli {_kb_fi(MAX_READ_BYTES)} tai niissä on yli "
                           f"{MAX_READ_TAGS} XML-elementtiä")
        return data

    def close(self):
        self.fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __getattr__(self, attr):
        return getattr(self.fh, attr)


class BudgetArchive:
    """openpyxl's zip (``wb._archive``) with a read budget on worksheets (module docstring)."""

    def __init__(self, zf):
        self.zf, self.budget = zf, _Budget()

    def whole_sheets(self):
        """From now on a sheet may be read up to ``MAX_SHEET_READ_BYTES`` and ``MAX_SHEET_READ_TAGS``."""
        self.budget.whole = True

    def open(self, name, *args, **kwargs):
        fh = self.zf.open(name, *args, **kwargs)     # after loading, openpyxl opens only sheets
        return _Stream(fh, self.budget, name.filename if isinstance(name, zipfile.ZipInfo) else str(name))

    def __getattr__(self, attr):
        return getattr(self.zf, attr)


def sheet_names(zf) -> dict[str, str]:
    """Part -> sheet name, from the workbook part and its relations (already checked; {} if unreadable)."""
    from xml.etree import ElementTree as ET
    try:
        rels = {r.get("Id"): r.get("Target", "") for r in
                ET.fromstring(zf.read("xl/_rels/workbook.xml.rels")) if r.get("Id")}
        out = {}
        for el in ET.fromstring(zf.read("xl/workbook.xml")).iter():
            if el.tag.endswith("}sheet"):
                rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
                target = rels.get(rid, "")
                out[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = el.get("name", "")
        return out
    except Exception:  # noqa: BLE001 - only for naming the place in a message
        return {}


def as_error(src: str, exc: XmlLimit, sheets: dict[str, str]) -> ScenarioError:
    """The error of an exceeded XML bound, naming the sheet (or the part)."""
    part = exc.part.lstrip("/")
    sheet = sheets.get(part)
    if sheet is None and is_sheet(part):
        sheet = part.rsplit("/", 1)[-1]
    where = f"{sheet[:80]} ({part[:80]})" if sheet else part[:80]
    return ScenarioError(src, [(where, f"{'sheet' if sheet else 'part'} {where}: {exc.en}",
                                 f"{'välilehti' if sheet else 'osa'} {where}: {exc.fi}")])
