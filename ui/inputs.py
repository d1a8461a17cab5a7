"""Text <-> value for every editable input (no Streamlit here).

Numbers are edited as text so that a decimal comma typed or pasted from a
Finnish Excel ("23,4") is read as 23.4 and never silently becomes 234, which
is what Streamlit's numeric data-editor cells do (streamlit#7866, #11164).

Rules of ``parse_number``:
- spaces (also no-break and narrow no-break), ``€`` and ``%`` are ignored;
  the Unicode minus ``−`` is a minus;
- a lone comma or a lone point is the decimal separator (``23,4``, ``23.4``);
- with both, the last one is the decimal separator and the other groups
  thousands (``1.234,5``, ``1,234.5``);
- anything else (two commas, ``1,234`` in English where it could mean
  either 1.234 or 1234, letters) is an error with a plain message.
"""
from __future__ import annotations

import math
import re

from simulator.i18n import label

_NUM_RE = re.compile(r"^-?\d+(\.\d+)?$")
_MONTH_FI = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})\s*-\s*(\d{1,2})$")


class InputError(ValueError):
    """A value that cannot be read; ``message(lang)`` says why in plain words."""

    def __init__(self, key: str, **fmt):
        self.key, self.fmt = key, fmt
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return label(self.key, lang).format(**self.fmt)


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def parse_number(value, lang: str = "fi") -> float | None:
    """Read a number typed or pasted by a user; None for an empty cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise InputError("ui.err.not_number", text=str(value))
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise InputError("ui.err.not_number", text=str(value))
        return float(value)
    raw = str(value)
    text = raw.strip().replace("\u2212", "-").replace("\u2013", "-")
    for ch in (" ", "\u00a0", "\u202f", "\u2009", "€", "%", "'"):
        text = text.replace(ch, "")
    if text.startswith("+"):
        text = text[1:]
    commas, points = text.count(","), text.count(".")
    if commas and points:
        dec = "," if text.rfind(",") > text.rfind(".") else "."
        thou = "." if dec == "," else ","
        if text.count(dec) > 1:
            raise InputError("ui.err.ambiguous", text=raw.strip())
        text = text.replace(thou, "").replace(dec, ".")
    elif commas:
        if commas > 1:
            raise InputError("ui.err.ambiguous", text=raw.strip())
        if lang != "fi" and re.fullmatch(r"-?\d{1,3},\d{3}", text):
            raise InputError("ui.err.ambiguous", text=raw.strip())  # 1,234 = 1.234 or 1234?
        text = text.replace(",", ".")
    elif points > 1:
        raise InputError("ui.err.ambiguous", text=raw.strip())
    if not _NUM_RE.match(text):
        raise InputError("ui.err.not_number", text=raw.strip())
    return float(text)


def parse_int(value, lang: str = "fi") -> int | None:
    x = parse_number(value, lang)
    if x is None:
        return None
    if x != int(x):
        raise InputError("ui.err.not_integer")
    return int(x)


def parse_percent(value, lang: str = "fi") -> float | None:
    """``2,5`` (percent) -> 0.025."""
    x = parse_number(value, lang)
    return None if x is None else x / 100.0


def parse_month(value, lang: str = "fi") -> str | None:
    """``3/2024``, ``03.2024`` or ``2024-03`` -> ``"2024-03"``."""
    if is_blank(value):
        return None
    text = str(value).strip()
    m = _MONTH_FI.match(text)
    if m:
        month, year = int(m.group(1)), int(m.group(2))
    else:
        m = _MONTH_ISO.match(text)
        if not m:
            raise InputError("ui.err.month")
        year, month = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise InputError("ui.err.month")
    return f"{year:04d}-{month:02d}"


def parse_factors(value, lang: str = "fi") -> list[float] | None:
    """Twelve seasonal factors separated by semicolons."""
    if is_blank(value):
        return None
    if isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        parts = [p for p in re.split(r"[;\t\n]", str(value)) if p.strip() != ""]
    out = []
    for p in parts:
        x = parse_number(p, lang)
        if x is None:
            continue
        out.append(x)
    if len(out) != 12:
        raise InputError("ui.err.factors")
    return out


# ---------------------------------------------------------------- to text

def number_text(x, lang: str = "fi") -> str:
    """A value as it is typed back: ``11,06``, ``2800``, no thousands separators."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    x = round(float(x), 10)
    text = repr(int(x)) if x == int(x) and abs(x) < 1e15 else repr(x)
    return text.replace(".", ",") if lang == "fi" else text


def percent_text(x, lang: str = "fi") -> str:
    return "" if x is None else number_text(float(x) * 100.0, lang)


def month_text(ym: str | None, lang: str = "fi") -> str:
    if not ym:
        return ""
    y, m = ym.split("-")
    return f"{int(m)}/{y}" if lang == "fi" else ym


def factors_text(values, lang: str = "fi") -> str:
    if not values:
        return ""
    return "; ".join(number_text(v, lang) for v in values)
