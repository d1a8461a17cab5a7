"""What the workbook's sheets share: the printed footer, a cell's text limit,
column letters, and the header rows of the value sheets (People – net
income, Public purse)."""
from __future__ import annotations

import numpy as np
from xlsxwriter.utility import xl_col_to_name

FOOTER = "&L&A&R&P / &N"     # printed: sheet name left, page / pages right
MAX_CELL_TEXT = 32767        # characters a spreadsheet cell holds
HEADER_ROW = 3               # 0-based row of the column headers on both value sheets
FIRST_ROW = HEADER_ROW + 1


def col(c: int) -> str:
    """The letters of 0-based column ``c``."""
    return xl_col_to_name(c)


def cell_text(value: str) -> str:
    """A text cut to what a cell holds (an ellipsis marks the cut)."""
    return value if len(value) <= MAX_CELL_TEXT else value[:MAX_CELL_TEXT - 1] + "…"


def finite(v):
    """A finite float, or None (written as "–")."""
    if v is None:
        return None
    v = float(v)
    return v if np.isfinite(v) else None
