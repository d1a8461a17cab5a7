"""One plain-text rendering for every user string the app shows (no Streamlit).

Scenario names, ``budget_owner``, person ids, item names, notes, authors,
revision messages, file names, and messages that quote them are typed by
users. Streamlit renders Markdown (GitHub-flavoured, with LaTeX, emoji and
``:color[...]`` directives) in titles, headers, captions, ``st.markdown``,
``st.write`` of text, the alerts, toasts, ``st.table`` cells, tab, expander,
metric, button and widget labels, help texts and the options of radio,
pills and segmented controls; Plotly renders a subset of HTML (links
included) in chart titles, legends, axis ticks and hover texts. A user
string reaches any of those only through one of the functions here:

- ``plain(text)``: for every Markdown place. ASCII punctuation that can start
  markup is escaped with a backslash (CommonMark shows ``\\*`` as ``*``), so
  links, images, emphasis, code, raw HTML, LaTeX, ``:directives:``,
  entities and automatic links (``http:``, ``www.``, e-mail) come out as the
  characters typed; line breaks become spaces, and a leading list, heading or
  quote marker is escaped too.
- ``plain_lines(text)``: the same, keeping each line as a line.
- ``plain_html(text)``: for Plotly texts: ``<``, ``>`` and ``&`` as entities.

Where Streamlit shows text as it is (selectbox and multiselect options,
text-input values and placeholders, ``st.dataframe`` cells, ``st.code``),
user strings go in unchanged: a backslash there would be seen.
"""
from __future__ import annotations

import html
import re

# characters that open Markdown, HTML, LaTeX or a directive anywhere in a line
_MARKUP = re.compile(r"([\\`*_\[\]<>|~$@])")
# a colon that starts a directive, an emoji or an icon (``:red[``, ``:material/``) or a
# link's scheme (``http://``); an entity (``&amp;``); an automatic ``www.`` link
_COLON, _ENTITY = re.compile(r":(?=[^\s\d])"), re.compile(r"&(?=[#A-Za-z])")
_WWW = re.compile(r"(?i)(?<![0-9a-z])(www)\.")
# block markers that count only at the start of a line: list, heading, setext line, ordered list
_START = re.compile(r"^([-+=#])|^(\d+)([.)])")
_BREAK = re.compile(r"[ \t]*[\r\n\f\v\u2028\u2029]+[ \t]*|\t")   # not the no-break spaces of figures


def plain(text) -> str:
    """``text`` (any value, as ``str``) for a Markdown place, shown as typed on one line."""
    s = _BREAK.sub(" ", str(text)).strip(" ")
    s = _MARKUP.sub(r"\\\1", s)
    s = _WWW.sub(r"\1\\.", _ENTITY.sub(r"\\&", _COLON.sub(r"\\:", s)))
    return _START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), s)


def plain_lines(text) -> str:
    """Multi-line ``text`` for a Markdown place: each line plain, kept as a line."""
    lines = [plain(x) for x in str(text).splitlines()]
    return "  \n".join(x for x in lines if x)


def plain_html(text) -> str:
    """``text`` for a Plotly title, legend entry, axis label or hover text."""
    return html.escape(str(text), quote=False)


def plain_table(frame):
    """A copy of a pandas DataFrame for ``st.table`` (which renders every
    header, index label and cell as Markdown) with all its text plain."""
    def cell(v):
        return plain(v) if isinstance(v, str) else v
    out = frame.rename(columns=cell, index=cell)
    out.columns.name, out.index.name = (cell(x) for x in (frame.columns.name, frame.index.name))
    return out.map(cell)
