"""Bounds on an uploaded or imported workbook: its zip directory and its XML,
checked before and while openpyxl reads it. The one set of bounds of both
ways in: the app's upload (``intake.py``) and ``import`` (``importer.py``)
both go through ``importer_open.open_workbook``, which calls ``check_package``.

The file at most ``MAX_BYTES`` (10 MB, Streamlit's upload limit in
``.streamlit/config.toml`` too). ``check_directory`` reads only the zip's
directory, before anything is unpacked: at most ``MAX_PARTS`` parts, a
worksheet at most ``MAX_SHEET_UNPACKED``, any other part at most
``MAX_PART_UNPACKED``, all parts together at most ``MAX_UNPACKED``, every
part stored or deflated (zipfile inflates bzip2 and lzma in one step,
without a bound), and an ``xl/workbook.xml``. zipfile never gives more than
a part's declared size, so these bound every read; but it cuts a part that
inflates to more only after inflating a whole step, and openpyxl reads a
part in one step (up to 2 GB: a 0.8 MB file whose styles inflated to 300 MB
took 650 MB of memory). So ``check_package`` reads every part once, in a
bounded step, and refuses one that inflates past its declared size. The
export of the three pilots is 1.7 MB in 52 parts and unpacks to 16 MB (20 MB
over 120 months): its largest sheet 5 MB (6.6 MB), its largest other part,
the shared strings, 150 kB.

The XML parser of this Python (expat 2.5, before its "reparse deferral")
re-reads an unfinished token from its start at every 16 kB read: one 20 MB
comment costs minutes, so a token's length must be bounded; and openpyxl
spends microseconds on every element it reads, so the number of elements
it reads must be bounded too. Of every XML part ``check_package`` refuses,
naming the part (and the sheet, where it is one):

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
- parts other than worksheets with more than ``MAX_PART_TAGS`` tags
  together (openpyxl reads them all when it opens the workbook; the export
  of the three pilots has 16 000), or one of them besides the shared strings
  with more than ``MAX_OTHER_TAGS`` (openpyxl builds an object of every
  style).

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

MAX_BYTES = 10_000_000            # the file (the export of three pilots over 120 months: 1.7 MB)
MAX_PARTS = 1_000                 # parts in the zip (an export has about 25, and 9 a scenario more)
MAX_UNPACKED = 60_000_000         # all parts unpacked (the export of three pilots over 120 months: 20 MB)
MAX_TOKEN = 262_144               # bytes in one comment, tag, text node, CDATA section or processing instruction
MAX_SPECIALS = 100                # comments, CDATA sections and processing instructions in one part
MAX_SHEET_UNPACKED = 20_000_000   # one worksheet (the export of three pilots over 120 months: 6.6 MB)
MAX_PART_UNPACKED = 2_000_000     # any other part (the export of three pilots: 150 kB at most)
MAX_PART_TAGS = 100_000           # tags in all parts other than worksheets (three pilots: 16 000)
MAX_OTHER_TAGS = 10_000           # tags in one such part besides the shared strings (three pilots: 1 641)
# what openpyxl may read of a sheet to find the marker in A1 (it reads 16 kB at a time)
MAX_FIRST_ROWS_BYTES, MAX_FIRST_ROWS_TAGS = 131_072, 10_000
# ... of the Assumptions or the _data sheet (the Varkaus pilot's: 54 kB, 3 900 tags)
MAX_SHEET_READ_BYTES, MAX_SHEET_READ_TAGS = 1_000_000, 100_000
# ... of all the sheets together (importing the third scenario of three: 420 kB, about 33 000 tags)
MAX_READ_BYTES, MAX_READ_TAGS = 2_000_000, 200_000
_CHUNK = 1 << 20
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)   # what .xlsx writers use
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


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".removesuffix(".0")


def check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """The zip directory's bounds (module docstring), from declared sizes only: raises ``XmlLimit``
    (its ``part`` empty when the bound is the package's)."""
    if len(infos) > MAX_PARTS:
        raise XmlLimit("", f"not an .xlsx workbook exported by this program (more than {MAX_PARTS} parts "
                           f"in the package)", f"ei tämän ohjelman viemä .xlsx-työkirja (paketissa yli "
                                               f"{MAX_PARTS} osaa)")
    for info in infos:
        if info.compress_type not in _METHODS:    # bzip2 and lzma inflate without a bound in zipfile
            raise XmlLimit(info.filename, "the part is compressed in a way .xlsx workbooks do not use "
                                          f"(method {info.compress_type})", "osa on pakattu tavalla, jota "
                                          f".xlsx-työkirjat eivät käytä (menetelmä {info.compress_type})")
        limit = MAX_SHEET_UNPACKED if is_sheet(info.filename) else MAX_PART_UNPACKED
        if info.file_size > limit:
            raise XmlLimit(info.filename, f"the part is larger than {_kb(limit)} unpacked ({_kb(info.file_size)}; "
                                          f"a zip bomb?)", f"osa on purettuna suurempi kuin {_kb_fi(limit)} "
                                                           f"({_kb_fi(info.file_size)}; zip-pommi?)")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise XmlLimit("", f"the workbook is too large when unpacked: {_mb(unpacked)} MB, at most "
                           f"{_mb(MAX_UNPACKED)} MB (a zip bomb?)",
                       f"työkirja on purettuna liian suuri: {_mb(unpacked).replace('.', ',')} Mt, enintään "
                       f"{_mb(MAX_UNPACKED).replace('.', ',')} Mt (zip-pommi?)")
    if not any(i.filename == "xl/workbook.xml" for i in infos):
        raise XmlLimit("", "not an .xlsx workbook (no xl/workbook.xml)", "ei .xlsx-työkirja (xl/workbook.xml puuttuu)")


def check_package(zf: zipfile.ZipFile) -> None:
    """Check an open package: its directory, then every part (module docstring); raises ``XmlLimit``."""
    infos = zf.infolist()
    check_directory(infos)
    tags = 0
    for info in sorted(infos, key=lambda i: is_sheet(i.filename)):   # the workbook part first
        name = info.filename
        sheet = is_sheet(name)
        with zf.open(info) as fh:             # at most the declared size, checked above; and a bounded
            data = fh.read((MAX_SHEET_UNPACKED if sheet else MAX_PART_UNPACKED) + 1)   # read never inflates more
            if info.compress_type == zipfile.ZIP_DEFLATED and not fh._decompressor.eof:
                # zipfile stops at the declared size; openpyxl's unbounded read would inflate the rest
                raise XmlLimit(name, "the part unpacks to more than its declared size (a zip bomb?)",
                               "osa purkautuu suuremmaksi kuin sen ilmoitettu koko (zip-pommi?)")
        if not name.endswith(_XML_SUFFIXES) and name != "[Content_Types].xml":
            continue                          # an image: openpyxl parses no XML of it
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
    """Part -> sheet name, from the workbook part and its relations ({} unless both are within bounds)."""
    from xml.etree import ElementTree as ET
    try:
        parsed = []
        for name in ("xl/_rels/workbook.xml.rels", "xl/workbook.xml"):
            info = zf.getinfo(name)
            if info.file_size > MAX_PART_UNPACKED or info.compress_type not in _METHODS:
                return {}
            with zf.open(info) as fh:
                data = fh.read(MAX_PART_UNPACKED + 1)
            check_xml(data, name)              # no declarations, bounded tokens: before the parser
            parsed.append(ET.fromstring(data))
        rels = {r.get("Id"): r.get("Target", "") for r in parsed[0] if r.get("Id")}
        out = {}
        for el in parsed[1].iter():
            if el.tag.endswith("}sheet"):
                rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
                target = rels.get(rid, "")
                out[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = el.get("name", "")
        return out
    except Exception:  # noqa: BLE001 - only for naming the place in a message
        return {}


def as_error(src: str, exc: XmlLimit, sheets: dict[str, str]) -> ScenarioError:
    """The error of an exceeded bound, naming the sheet (or the part; the file alone for the package's bounds)."""
    part = exc.part.lstrip("/")
    if not part:
        return ScenarioError(src, [("", exc.en, exc.fi)])
    sheet = sheets.get(part)
    if sheet is None and is_sheet(part):
        sheet = part.rsplit("/", 1)[-1]
    where = f"{sheet[:80]} ({part[:80]})" if sheet else part[:80]
    return ScenarioError(src, [(where, f"{'sheet' if sheet else 'part'} {where}: {exc.en}",
                                 f"{'välilehti' if sheet else 'osa'} {where}: {exc.fi}")])
