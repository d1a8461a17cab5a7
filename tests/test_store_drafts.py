"""Drafts in the workspace (issue 16 item 5): written atomically per user,
read back, replaced, discarded; an unreadable draft is no draft."""
import datetime as dt
import json

from simulator.store.drafts import DRAFTS, Drafts


def test_draft_round_trip_and_discard(tmp_path):
    d = Drafts("anna", tmp_path)
    assert d.read("varkaus_cooperative") is None and d.list() == []
    doc = {"name": "Varkaus", "assumptions": {"discount_rate": 0.05}}
    when = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.timezone.utc)
    path = d.write("varkaus_cooperative", doc, 3, now=when)
    assert path == tmp_path / DRAFTS / "anna" / "varkaus_cooperative.json"
    got = d.read("varkaus_cooperative")
    assert got.document == doc and got.base_revision == 3 and got.written == when
    d.write("varkaus_cooperative", {**doc, "name": "Varkaus 2"})       # replaced, not appended
    assert d.read("varkaus_cooperative").document["name"] == "Varkaus 2"
    assert [p.name for p in path.parent.iterdir()] == ["varkaus_cooperative.json"]   # no temporary left
    assert d.list() == ["varkaus_cooperative"]
    # another user's drafts are their own
    assert Drafts("ben", tmp_path).read("varkaus_cooperative") is None
    d.discard("varkaus_cooperative")
    d.discard("varkaus_cooperative")      # twice is fine
    assert d.read("varkaus_cooperative") is None


def test_unreadable_draft_is_none(tmp_path):
    d = Drafts("anna", tmp_path)
    d.write("x", {"a": 1})
    d.path("x").write_text("{not json")
    assert d.read("x") is None
    d.path("x").write_text(json.dumps({"scenario": "x"}))     # fields missing
    assert d.read("x") is None


def test_names_cannot_escape_the_folder(tmp_path):
    d = Drafts("../../etc", tmp_path)
    p = d.write("../passwd", {"a": 1})
    assert tmp_path / DRAFTS in p.parents
