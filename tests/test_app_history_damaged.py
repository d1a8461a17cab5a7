"""The History section names damaged revision files and still lists the others (AppTest)."""
from __future__ import annotations

import pytest
from conftest import start_app

from simulator.i18n import label
from simulator.store import Store
from simulator.store.access import LOCAL_USER
from ui.plain import plain


@pytest.fixture
def ws(tmp_path, monkeypatch):
    d = tmp_path / "ws"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    store = Store(d)
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER, message="eka")
    for n, cash in ((0, 1000.0), (1, 2000.0)):
        store.save("oma", {"base": "varkaus_cooperative", "name": "Oma", "opening_cash": cash},
                   user=LOCAL_USER, base_revision=n, message=f"muutos {n + 1}")
    return d


def open_history(lang: str):
    at = start_app(s="oma", lang=lang)
    at.session_state["history-oma"] = True
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang, words", [("fi", "vioittuneita versiotiedostoja (1): 000001"),
                                         ("en", "damaged revision files (1): 000001")])
def test_a_damaged_revision_is_named_and_the_others_are_listed(ws, lang, words):
    damaged = ws / ".history" / "oma" / "000001.json"
    damaged.write_text("{ei json", encoding="utf-8")          # a revision in the middle: the head stays 2
    at = open_history(lang)
    warnings = [w.value for w in at.warning]
    assert any(words in w for w in warnings), warnings
    # the name as Markdown shows it (plain text: "000001." would otherwise start a numbered list)
    assert label("hist.damaged", lang).format(n=1, files=plain("000001.json")) in warnings
    table = next(d.value for d in at.dataframe if label("hist.rev", lang) in d.value.columns)
    assert list(table[label("hist.rev", lang)]) == [2, 0]     # hand count: 0, 1, 2 saved, 1 damaged
    assert list(table[label("hist.message", lang)]) == ["muutos 2", "eka"]
    assert damaged.read_text(encoding="utf-8") == "{ei json"   # kept as it is


def test_no_warning_when_the_history_is_whole(ws):
    at = open_history("fi")
    assert not any("vioittu" in w.value for w in at.warning)
    table = next(d.value for d in at.dataframe if label("hist.rev") in d.value.columns)
    assert list(table[label("hist.rev")]) == [2, 1, 0]
