"""User text is shown as typed (issue 17 item 2): ``ui.plain`` escapes
Markdown/HTML, and a scan of the app's source finds Streamlit text calls
(and Plotly charts, and ``st.table``) into which a user value flows without
passing through it. The pages themselves are checked with a hostile
scenario in tests/test_app_plain.py (AppTest) and tests/browser/test_paths.py."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from ui.plain import plain, plain_html, plain_lines, plain_table

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("![x](http://host/p.png) [Kirjaudu uudelleen](http://host/login) <img src=x onerror=alert(1)> "
           "**bold** # heading $x$ :red[x] `tick` www.host.fi a@host.fi &amp; ~~s~~ _i_")
ESC = re.compile(r"\\[!-/:-@\[-`{-~]")      # a backslash escape: CommonMark shows the character itself


def unescaped(md: str) -> str:
    """``md`` with its backslash escapes removed: what is left can still be markup."""
    return ESC.sub("", md)


# ------------------------------------------------------------------ the functions


@pytest.mark.parametrize("markup", ["](http", "![", "<img", "**bold**", "$x$", ":red[", "`tick`", "www.host",
                                    "a@host", "&amp;", "~~s~~", "_i_"])
def test_plain_leaves_no_markup(markup):
    assert markup in HOSTILE and markup not in unescaped(plain(HOSTILE))


def test_plain_keeps_the_text_and_ordinary_punctuation():
    # removing the escapes gives back exactly the characters typed
    assert re.sub(r"\\(.)", r"\1", plain(HOSTILE)) == HOSTILE
    for ordinary in ("Mikkeli – alihankinta ja avotyö", "Ero: 2 − 1", "Varkaus (muokattu) 2.0, 12:30",
                     "1\u00a0234 €", "−62 506 €", "Hinta 45,50 €/h; 3/2024", "A & B"):
        assert plain(ordinary) == ordinary


@pytest.mark.parametrize("text, out", [
    ("# heading", r"\# heading"), ("- item", r"\- item"), ("+ item", r"\+ item"), ("1. item", r"1\. item"),
    ("2) item", r"2\) item"), ("> quote", r"\> quote"), ("=== x", r"\=== x"),
    ("    code", "code"), ("a\n\n# b\r\n- c", "a # b - c"), ("a\tb", "a b")])
def test_plain_block_markers_and_line_breaks(text, out):
    assert plain(text) == out


def test_plain_lines_keeps_lines():
    assert plain_lines("**a**\n# b\n\nc") == "\\*\\*a\\*\\*  \n\\# b  \nc"


def test_plain_html_escapes_plotly_markup():
    assert plain_html('<a href="http://host">x</a> & <br>') == '&lt;a href="http://host"&gt;x&lt;/a&gt; &amp; &lt;br&gt;'


def test_plain_table_escapes_labels_and_cells_but_not_figures():
    df = pd.DataFrame({HOSTILE: ["1\u00a0234 €", 5.0]}, index=pd.Index(["**a**", "−3 %"], name="[n](http://h)"))
    out = plain_table(df)
    assert list(out.columns) == [plain(HOSTILE)] and list(out.index) == [r"\*\*a\*\*", "−3 %"]
    assert out.index.name == r"\[n\](http\://h)"
    assert out.iloc[0, 0] == "1\u00a0234 €" and out.iloc[1, 0] == 5.0


# ------------------------------------------------------------------ the source scan

#: Streamlit calls whose text (first argument, label=, body=, help=) is rendered as Markdown
MARKDOWN_CALLS = {
    "title", "header", "subheader", "caption", "markdown", "write", "info", "warning", "error", "success",
    "toast", "metric", "expander", "tabs", "button", "download_button", "page_link", "checkbox", "toggle",
    "text_input", "text_area", "number_input", "selectbox", "multiselect", "radio", "segmented_control", "pills",
    "slider", "select_slider", "date_input", "file_uploader", "popover", "form_submit_button", "progress",
    "link_button", "status", "spinner"}
TEXT_KWARGS = {"label", "body", "help", "text"}
#: expressions that carry user text: these keys and attributes, these methods' results
USER_KEYS = {"name", "budget_owner", "note", "notes", "author", "message", "description", "error", "file", "path",
             "role", "id", "base"}
USER_ATTRS = {"name", "budget_owner", "note", "author", "message", "file", "path", "error", "base", "fi", "en"}
USER_METHODS = {"render", "text", "message", "label", "sentences", "warnings", "render_all", "changes",
                "change_text", "display_names", "where", "unique_labels", "edit_denied", "create_denied",
                "new_denied", "error_text", "pop_flash", "role_text"}
#: calls whose result is text made of their arguments (taint passes through)
PASSTHROUGH = {"t", "label", "join", "format", "replace", "str", "capitalize", "lower", "upper", "strip", "get",
               "list", "tuple", "dict", "sorted", "reversed", "fromkeys", "split"}
SAFE = {"plain", "plain_lines", "plain_html", "plain_table"}


def _sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "app.py"]


class _Taint:
    """Names bound to a user value not wrapped in ``plain*``: the module's own,
    and each function's (which also sees the module's)."""

    def __init__(self, tree, outer: set[str] | None = None):
        self.names: set[str] = set(outer or ())
        nodes = list(_scope_nodes(tree))
        for _ in range(6):                       # to a fixed point
            before = set(self.names)
            for node in nodes:
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if self.tainted(node.value):
                        for tg in targets:
                            self.names |= _bound(tg)
                elif isinstance(node, ast.For):          # a comprehension's names are its own (below)
                    if self.tainted(node.iter):
                        self.names |= _bound(node.target)
            if self.names == before:
                break

    def tainted(self, n) -> bool:
        if n is None or isinstance(n, ast.Constant):
            return False
        if isinstance(n, ast.Call):
            name = _call_name(n)
            if name in SAFE:
                return False
            if name in USER_METHODS and not (isinstance(n.func, ast.Name) and name in PASSTHROUGH):
                return True                      # ``b.label(lg)`` is user text; ``label(key, lg)`` is ours
            if name in PASSTHROUGH or isinstance(n.func, ast.Name) and n.func.id == "getattr":
                recv = [n.func.value] if isinstance(n.func, ast.Attribute) else []
                return any(self.tainted(a) for a in [*recv, *n.args, *(k.value for k in n.keywords)])
            return False
        if isinstance(n, ast.Name):
            return n.id in self.names
        if isinstance(n, ast.Subscript):
            key = n.slice
            if isinstance(key, ast.Constant) and key.value in USER_KEYS:
                return True
            return self.tainted(n.value)
        if isinstance(n, ast.Attribute):
            return n.attr in USER_ATTRS or self.tainted(n.value)
        if isinstance(n, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            saved = set(self.names)
            try:
                for g in n.generators:
                    bound = _bound(g.target)
                    self.names = self.names | bound if self.tainted(g.iter) else self.names - bound
                shown = [n.key, n.value] if isinstance(n, ast.DictComp) else [n.elt]
                return any(self.tainted(x) for x in shown)
            finally:
                self.names = saved
        if isinstance(n, ast.Lambda):
            return self.tainted(n.body)
        if isinstance(n, ast.IfExp):                 # the condition is not shown
            return self.tainted(n.body) or self.tainted(n.orelse)
        if isinstance(n, ast.BoolOp):                # ``x and plain(x)``: an empty x is shown as nothing
            shown = n.values[-1:] if isinstance(n.op, ast.And) else n.values
            return any(self.tainted(v) for v in shown)
        if isinstance(n, ast.Compare):
            return False
        return any(self.tainted(c) for c in ast.iter_child_nodes(n) if isinstance(c, ast.expr))


def _scope_nodes(tree):
    """The nodes of one scope: a module or function, without the functions inside it."""
    todo = list(ast.iter_child_nodes(tree))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _scopes(tree):
    """(scope node, its taint): the module, then every function with the module's names."""
    module = _Taint(tree)
    yield tree, module
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node, _Taint(node, module.names)


def _bound(target) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _streamlit_receiver(node: ast.expr, modules: set[str]) -> bool:
    """``st.x``, ``st.sidebar.x``, ``col.x``, ``c[2].x``; not ``results.table`` or ``_drafts().write``."""
    root = node
    while isinstance(root, (ast.Attribute, ast.Subscript)):
        root = root.value
    if isinstance(root, ast.Call):
        return _call_name(root) in {"container", "columns", "expander", "tabs", "popover", "empty", "form"}
    return isinstance(root, ast.Name) and (root.id == "st" or root.id not in modules)


def _imported(tree) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return out


def unwrapped_user_text() -> list[str]:
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = _imported(tree)
        for scope, taint in _scopes(tree):
            found += _check_scope(path, scope, taint, modules)
    return found


def _chart_tainted(fig, taint: _Taint) -> bool:
    """A figure made by a call with a user value among its arguments (Plotly renders HTML)."""
    if isinstance(fig, ast.Call):
        return any(taint.tainted(a) for a in [*fig.args, *(k.value for k in fig.keywords)])
    return taint.tainted(fig)


def _check_scope(path: Path, scope, taint: _Taint, modules: set[str]) -> list[str]:
    found = []
    for node in _scope_nodes(scope):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        attr, where = node.func.attr, f"{path.relative_to(ROOT)}:{node.lineno}"
        if not _streamlit_receiver(node.func.value, modules):
            continue
        first = node.args[0] if node.args else None
        if attr == "table" and first is not None and not (isinstance(first, ast.Call)
                                                           and _call_name(first) == "plain_table"):
            found.append(f"{where}: st.table without plain_table: {ast.unparse(node.args[0])[:80]}")
            continue
        if attr == "plotly_chart" and node.args and _chart_tainted(node.args[0], taint):
            found.append(f"{where}: chart: {ast.unparse(node.args[0])[:100]}")
            continue
        if attr not in MARKDOWN_CALLS:
            continue
        args = node.args[:1] + [k.value for k in node.keywords if k.arg in TEXT_KWARGS]
        if attr in ("radio", "segmented_control", "pills"):      # their options are Markdown too
            args += [k.value for k in node.keywords if k.arg == "format_func"]
        for a in args:
            if taint.tainted(a):
                found.append(f"{where}: {attr}: {ast.unparse(a)[:100]}")
    return found


def test_no_user_text_reaches_markdown_unescaped():
    assert unwrapped_user_text() == []


def test_the_scan_finds_an_unescaped_name(tmp_path, monkeypatch):
    """The scan can fail: the same page with one ``plain()`` taken away is caught."""
    page = ROOT / "ui" / "pages" / "results.py"
    text = page.read_text(encoding="utf-8")
    assert "plain(w.current['name'])" in text
    bad = tmp_path / "ui" / "pages" / "results.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(text.replace("plain(w.current['name'])", "w.current['name']"), encoding="utf-8")
    (tmp_path / "app.py").write_text("import streamlit as st\nst.table(df)\nst.caption(f'{e.name}')\n"
                                     "names, short = working.display_names(ws)\n"
                                     "st.plotly_chart(charts.cash(runs, names))\n"
                                     "st.plotly_chart(charts.cash(runs, [plain_html(n) for n in names]))\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    found = unwrapped_user_text()
    assert any("results.py" in f and "title" in f for f in found), found
    assert any("app.py:2: st.table" in f for f in found) and any("app.py:3: caption" in f for f in found), found
    assert any("app.py:5: chart" in f for f in found) and not any("app.py:6" in f for f in found), found
