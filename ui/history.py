"""Historia / History on the Scenario page, and the refused-save panel.

- The refused save (``simulator.store.Conflict``): both sets of changes side
  by side, the overlapping ones marked; "merge" when nothing overlaps; "save
  as a new scenario"; "discard mine and open the newest". Nothing is lost.
- History (user scenarios; pilots never change): the revisions (time, author,
  message), one revision shown, two compared, restore (with confirmation),
  and the audit trail (who changed which assumption from what to what, when).
  Damaged revision files (``Store.history``'s ``damaged``) are named in a
  warning; the other revisions are listed as usual.
  Its content runs only while the section is open.
"""
from __future__ import annotations

import streamlit as st

from simulator.i18n import LABELS, fmt_datetime, label
from simulator.store import Conflict, Revision, StoreError

from . import actions, saving, storage, working
from .diffs import change_text, changes
from .plain import plain, plain_lines
from .session import lang, t

MAX_LISTED = 100
MAX_DAMAGED_NAMED = 20     # damaged revision files named in the warning (the CLI's history lists all)
_CACHE: dict = {}      # (workspace, name, head number, head time) -> revisions
_FULL: dict = {}       # (workspace, name, number, time) -> full dump


def section(w: working.Working) -> None:
    """The one hook on the Scenario page."""
    conflict_panel(w)
    history_panel(w)


# ------------------------------------------------------------------ data (cached: revisions never change)

def _revisions(name: str) -> list[Revision]:
    s = storage.store()
    head = s.revision(name)
    key = (str(s.root), name, head.number, head.time)
    hit = _CACHE.get(key)
    if hit is None:
        hit = s.history(name)
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = hit
    return hit


def _full(name: str, rev: Revision) -> dict:
    s = storage.store()
    key = (str(s.root), name, rev.number, rev.time)
    hit = _FULL.get(key)
    if hit is None:
        hit = s.full_dump(name, rev)
        if len(_FULL) > 2000:
            _FULL.clear()
        _FULL[key] = hit
    return hit


def role_text(role: str) -> str:
    key = f"auth.role.{role}"
    return label(key, lang()) if key in LABELS else role


def _when(rev: Revision) -> str:
    """The revision's time in Helsinki local time (stored in UTC): ``5.12.2026 klo 14.03``."""
    return fmt_datetime(rev.time, lang())


def _rev_label(rev: Revision) -> str:
    return f"{rev.number} · {_when(rev)} · {rev.author}"


# ------------------------------------------------------------------ refused save

def _overlaps(path: str, conflicts: list[str]) -> bool:
    return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in conflicts)


def _change_list(items, conflicts: list[str]) -> str:
    lg = lang()
    lines = [f"- {'⚠️ ' if _overlaps(c.path, conflicts) else ''}{plain(change_text(c, lg))}" for c in items]
    return "\n".join(lines) if lines else t("ui.no_changes")


def conflict_panel(w: working.Working) -> None:
    c: Conflict | None = saving.conflicts().get(w.sid)
    if c is None:
        return
    who = plain(", ".join(sorted({r.author for r in c.others})) or "?")
    with st.container(border=True, key=f"conflict-{w.sid}"):
        st.warning(t("conf.title", base=c.base_revision, n=c.head, who=who), icon=":material/sync_problem:")
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('conf.theirs', base=c.base_revision, n=c.head, who=who)}**")
            st.markdown(_change_list(c.theirs_changes, c.conflicts))
        with right:
            st.markdown(f"**{t('conf.mine')}**")
            st.markdown(_change_list(c.mine_changes, c.conflicts))
        if c.conflicts:
            st.error(t("conf.cannot_merge"), icon=":material/warning:")
        else:
            st.button(t("conf.merge"), key=f"merge-{w.sid}", type="primary", icon=":material/merge:",
                      on_click=saving.accept_merge, args=(w.sid,), help=t("conf.merge_help"))
        denied_new = actions.create_denied(w)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            name_key = f"conflict-name-{w.sid}"
            st.text_input(t("conf.new_name"), key=name_key, max_chars=80,
                          placeholder=f"{w.current['name']} ({actions.user().name})")
            st.button(t("conf.save_as"), key=f"conflict-saveas-{w.sid}", icon=":material/save_as:",
                      on_click=saving.save_as, args=(w.sid, name_key), disabled=bool(denied_new), help=denied_new and plain(denied_new))
        st.button(t("conf.open_latest"), key=f"conflict-latest-{w.sid}", icon=":material/refresh:",
                  on_click=saving.open_latest, args=(w.sid,), help=t("conf.open_latest_help"))


# ------------------------------------------------------------------ history

def history_panel(w: working.Working) -> None:
    if w.is_pilot:
        st.caption(t("hist.pilot"))
        return
    if w.revision is None:
        return
    box = st.expander(t("hist.title"), key=f"history-{w.sid}", on_change="rerun", icon=":material/history:")
    if not box.open:
        return
    with box:
        try:
            revs = _revisions(w.sid)
        except StoreError as exc:
            st.error(plain_lines(exc.render(lang())))
            return
        _damaged_warning(revs)
        head = revs[-1]
        if head.number != w.revision:
            st.warning(t("hist.newer", n=head.number, author=plain(head.author), mine=w.revision),
                       icon=":material/update:")
            st.button(t("conf.open_latest"), key=f"hist-latest-{w.sid}", icon=":material/refresh:",
                      on_click=saving.open_latest, args=(w.sid,), help=t("conf.open_latest_help"))
        shown = list(reversed(revs))[:MAX_LISTED]
        st.dataframe({t("hist.rev"): [r.number for r in shown], t("hist.time"): [_when(r) for r in shown],
                      t("hist.author"): [r.author for r in shown], t("hist.role"): [role_text(r.role) for r in shown],
                      t("hist.message"): [r.message for r in shown]},
                     hide_index=True, width="stretch")
        if len(revs) > MAX_LISTED:
            st.caption(t("hist.more", n=len(revs) - MAX_LISTED, name=w.sid))
        by_number = {r.number: r for r in revs}
        numbers = [r.number for r in shown]
        titles = [t("hist.show"), t("hist.compare"), t("hist.restore"), t("hist.audit")]
        tabs = st.tabs(titles, key=f"hist-tabs-{w.sid}-{lang()}", on_change="rerun")
        if tabs[0].open:
            with tabs[0]:
                n = st.selectbox(t("hist.rev"), numbers, key=f"hist-show-{w.sid}",
                                 format_func=lambda x: _rev_label(by_number[x]))
                rev = by_number[n]
                st.caption(f"{_when(rev)} · {plain(rev.author)} ({plain(role_text(rev.role))}) · {plain(rev.message)}")
                if n > revs[0].number and (n - 1) in by_number:
                    _change_lines(_full(w.sid, by_number[n - 1]), _full(w.sid, rev))
                st.code(rev.text, language="yaml")
        if tabs[1].open:
            with tabs[1]:
                c1, c2 = st.columns(2)
                a = c1.selectbox(t("hist.from"), numbers, index=min(1, len(numbers) - 1), key=f"hist-a-{w.sid}",
                                 format_func=lambda x: _rev_label(by_number[x]))
                b = c2.selectbox(t("hist.to"), numbers, index=0, key=f"hist-b-{w.sid}",
                                 format_func=lambda x: _rev_label(by_number[x]))
                _change_lines(_full(w.sid, by_number[a]), _full(w.sid, by_number[b]))
        if tabs[2].open:
            with tabs[2]:
                _restore(w, numbers, by_number, head)
        if tabs[3].open:
            with tabs[3]:
                for rev in shown:
                    st.markdown(f"**{rev.number}** · {_when(rev)} · {plain(rev.author)} ({plain(role_text(rev.role))}) · "
                                f"{plain(rev.message)}")
                    prev = by_number.get(rev.number - 1)
                    if prev is None:
                        st.caption(t("hist.created"))
                        continue
                    _change_lines(_full(w.sid, prev), _full(w.sid, rev))


def _damaged_warning(revs) -> None:
    """The revision files ``Store.history`` could not read, by name (they are skipped, never rewritten)."""
    damaged = getattr(revs, "damaged", ())
    if not damaged:
        return
    names = [d.path.name for d in damaged]
    files = ", ".join(names[:MAX_DAMAGED_NAMED]) + (" …" if len(names) > MAX_DAMAGED_NAMED else "")
    st.warning(t("hist.damaged", n=len(names), files=plain(files)), icon=":material/report:")


def _change_lines(old: dict, new: dict) -> None:
    """The changes from ``old`` to ``new`` as a list (user text escaped: no links or images)."""
    lines = changes(old, new, lang())
    st.markdown("\n".join(f"- {plain(x)}" for x in lines) if lines else t("ui.no_changes"))


def _do_restore(sid: str, n: int) -> None:
    st.session_state[f"hist-confirm-{sid}"] = False     # every restore is confirmed anew
    saving.restore(sid, n)


def _restore(w: working.Working, numbers: list, by_number: dict, head: Revision) -> None:
    older = [n for n in numbers if n != head.number]
    if not older:
        st.caption(t("hist.nothing_to_restore"))
        return
    n = st.selectbox(t("hist.rev"), older, key=f"hist-restore-n-{w.sid}",
                     format_func=lambda x: _rev_label(by_number[x]))
    if w.dirty:
        st.warning(t("hist.restore_discards"), icon=":material/warning:")
    denied = actions.edit_denied(w)
    ok = st.checkbox(t("hist.confirm", n=n), key=f"hist-confirm-{w.sid}", disabled=bool(denied))
    st.button(t("hist.restore_button", n=n), key=f"hist-restore-{w.sid}", icon=":material/history:",
              on_click=_do_restore, args=(w.sid, n), disabled=bool(denied) or not ok, help=denied and plain(denied))
    if denied:
        st.caption(plain(denied))
