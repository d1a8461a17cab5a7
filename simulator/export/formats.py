"""Cell formats of the workbook (one place, so every sheet looks the same).

Colours: inputs are dark blue on pale yellow (the usual convention for
"you may change this"), structure values (timing flags the exporter fills in
from the scenario's dates) grey on light grey, calculations black on white.
Number formats use the workbook's own locale at display time, so Finnish
Excel and LibreOffice show ``1 234,56 €``.
"""
from __future__ import annotations

EUR = '#,##0.00 "€";[Red]-#,##0.00 "€"'
EUR0 = '#,##0 "€";[Red]-#,##0 "€"'
PCT = '0.00 %'
NUM2 = '#,##0.00'
NUM1 = '#,##0.0'
INT = '0'
DATE = 'yyyy-mm-dd'

INPUT = {"bg_color": "#FFF2CC", "font_color": "#1F3A93", "border": 1, "border_color": "#BFBFBF"}
STRUCT = {"bg_color": "#F2F2F2", "font_color": "#595959", "italic": True}


class Formats:
    """Lazily created XlsxWriter formats by name."""

    SPECS = {
        "title": {"bold": True, "font_size": 14},
        "subtitle": {"italic": True, "font_color": "#404040"},
        "header": {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"},
        "header_month": {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "align": "right"},
        "section": {"bold": True, "bg_color": "#EDEDED", "font_size": 11},
        "key": {"font_color": "#808080", "font_size": 8},
        "text": {},
        "wrap": {"text_wrap": True, "valign": "top"},
        "bold": {"bold": True},
        "top": {"valign": "top"},
        "bold_top": {"bold": True, "valign": "top"},
        "url": {"font_color": "#0563C1", "underline": 1},
        "warn": {"bg_color": "#FCE4D6"},
        "value_note": {"bold": True, "italic": True, "font_color": "#9C0006", "text_wrap": True, "valign": "top"},
        "note": {"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"},
        "eur": {"num_format": EUR},
        "eur_bold": {"num_format": EUR, "bold": True, "top": 1},
        "eur0": {"num_format": EUR0},
        "eur0_bold": {"num_format": EUR0, "bold": True, "top": 1},
        "pct": {"num_format": PCT},
        "num2": {"num_format": NUM2},
        "num1": {"num_format": NUM1},
        "int": {"num_format": INT},
        "date": {"num_format": DATE, "align": "left"},
        "month": {"align": "right"},
        "in_text": dict(INPUT),
        "in_eur": dict(INPUT, num_format=EUR),
        "in_pct": dict(INPUT, num_format='0.00##### %'),
        "in_num": dict(INPUT, num_format='#,##0.00########'),
        "in_int": dict(INPUT, num_format=INT),
        "in_bool": dict(INPUT, align="center"),
        "st_text": dict(STRUCT),
        "st_int": dict(STRUCT, num_format=INT),
        "st_date": dict(STRUCT, num_format=DATE, align="left"),
        "param_in": dict(INPUT, num_format='#,##0.00####'),
    }

    def __init__(self, workbook, lang: str = "fi"):
        self.wb = workbook
        self._made = {}
        # LibreOffice keeps booleans as numbers with a boolean format; without one
        # it shows 1/0. (Excel shows TRUE/FALSE, localised, whatever the format.)
        words = ("TOSI", "EPÄTOSI") if lang == "fi" else ("TRUE", "FALSE")
        self.specs = dict(self.SPECS)
        self.specs["in_bool"] = dict(INPUT, align="center",
                                     num_format=f'"{words[0]}";"{words[0]}";"{words[1]}"')

    def __getitem__(self, name: str):
        if name not in self._made:
            self._made[name] = self.wb.add_format(self.specs[name])
        return self._made[name]
