"""Herkkyys / Sensitivity: which assumptions matter (tornado and a two-way
table), how sure the cash is (Monte Carlo over the scenario's distributions,
with a distribution editor) and what value of one assumption meets a goal
(goal seek, applied to a copy of the scenario on request).

Everything runs on the working copy of the chosen scenario, unsaved edits
included. Engine calls are cached by the scenario's content; a Monte Carlo
result is kept in session state by content + draws + seed."""
import math

import pandas as pd
import streamlit as st

from simulator.model.conventions import month_label, month_number
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent
from simulator.model.problems import ScenarioError, validate
from simulator.model.paths import with_values
from simulator.uncertainty.goal import default_range, parse_goal
from simulator.uncertainty.words import risk_sentences
from simulator.model.paths import uncertainty_problems as spec_problems
from ui import actions, charts, engine_cache, saving, session, storage, working
from ui import sensitivity as sv
from ui.plain import plain, plain_html, plain_lines
from ui.session import lang, t

ss = st.session_state
w = working.current_working()
lg = lang()
model = w.model
key = model.model_dump_json()
config = {"displaylogo": False, "locale": "fi" if lg == "fi" else "en"}

st.title(f"{t('sens.page')}: {plain(w.current['name'])}")
st.caption(t("sens.intro"))
if w.dirty:
    st.caption(t("sens.unsaved"))
flash = actions.pop_flash()
if flash:
    getattr(st, flash[0])(plain_lines(flash[1]))
if ss.get("_sens_copy") == w.sid:
    st.page_link("ui/pages/scenario.py", label=t("sens.goal.open_copy", name=plain(w.current["name"])),
                 icon=":material/edit_note:", query_params={"s": w.sid})


def _valid(widget_key: str, options: list, default) -> None:
    """Keep a choice valid when the scenario (its years, people, assumptions) changes."""
    if ss.get(widget_key) not in options:
        ss[widget_key] = default


# ------------------------------------------------------------------ 1. tornado and two-way table

def tornado_part() -> None:
    options = sv.kpi_options(model)
    _valid("sens-kpi", options, "npv")
    c1, c2, c3 = st.columns([2, 1, 1])
    kpi = c1.selectbox(t("sens.kpi"), options, key="sens-kpi", format_func=lambda s: sv.kpi_label(s, lg),
                       help=t("sens.kpi_help"))
    rel_pct = c2.slider(t("sens.rel"), 5, 50, 20, step=5, key="sens-rel", format="± %d %%",
                        help=t("sens.rel_help"))
    top = c3.slider(t("sens.top"), 3, 30, 10, key="sens-top", help=t("sens.top_help"))
    tr = sv.tornado_data(key, kpi, rel_pct / 100)
    if isinstance(tr, dict):
        st.error(plain_lines(tr[lg]), icon=":material/error:")
        return
    if not tr.bars:
        st.info(t("sens.tornado.none"))
        return
    name = tr.kpi.name
    never = float(model.horizon_months)     # "never" is drawn at the horizon (the library's swing rule)

    def num(v):
        return never if v is None else float(v)

    def kind(b):
        return "integer" if b.integer else "continuous"

    rows = []
    for b in tr.bars[:top]:
        lo, hi = sv.value_text(b.low, b.unit, kind(b), lg), sv.value_text(b.high, b.unit, kind(b), lg)
        lo_k, hi_k = sv.kpi_text(b.kpi_low, name, lg), sv.kpi_text(b.kpi_high, name, lg)
        shown = plain_html(b.label(lg))       # Plotly renders HTML in axis labels and hover texts
        rows.append({"label": shown, "low": num(b.kpi_low), "high": num(b.kpi_high),
                     "low_text": lo_k, "high_text": hi_k,
                     "low_hover": f"{shown}<br>{t('ua.low')} {lo} → {lo_k}",
                     "high_hover": f"{shown}<br>{t('ua.high')} {hi} → {hi_k}"})
    x_title = t("ui.months_short") if name == "break_even_month" else t("ui.axis.eur")
    fig = charts.tornado_chart(rows, num(tr.base_kpi), sv.cap(t("ua.tornado.title", kpi=tr.kpi.label(lg))), x_title,
                               f"{t('sens.base')}: {sv.kpi_text(tr.base_kpi, name, lg)}", lg)
    top_bars = tr.bars[:3]
    st.info(t("sens.words.tornado", top=plain(top_bars[0].label(lg)), swing=sv.kpi_text(top_bars[0].swing, name, lg),
              next=", ".join(plain(b.label(lg)) for b in top_bars[1:]) or "–"), icon=":material/info:")
    st.plotly_chart(fig, key="sens-tornado", config=config)
    notes = [t("ua.tornado.shown", shown=len(rows), total=len(tr.bars)), t("ua.tornado.bounds", rel=rel_pct)]
    if tr.skipped:
        notes.append(t("ua.skipped", n=len(tr.skipped)))
    st.caption(" · ".join(notes))
    table = pd.DataFrame([{
        t("ua.assumption"): b.label(lg), t("ua.base"): sv.value_text(b.base, b.unit, kind(b), lg),
        t("ua.low"): sv.value_text(b.low, b.unit, kind(b), lg), t("ua.high"): sv.value_text(b.high, b.unit, kind(b), lg),
        t("ua.kpi_low"): sv.kpi_text(b.kpi_low, name, lg), t("ua.kpi_high"): sv.kpi_text(b.kpi_high, name, lg),
        t("ua.swing"): sv.kpi_text(b.swing, name, lg),
        t("sens.bounds_from"): t("sens.bounds_from.scenario") if b.bounds_from == "scenario" else f"±{rel_pct} %"}
        for b in tr.bars])
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)), key="sens-table",
                 column_config={t("ua.assumption"): st.column_config.TextColumn(width=300, pinned=True)})
    two_way_part(kpi, name, rel_pct, [b.path for b in tr.bars])


def _heat(values, higher_is_better: bool):
    """CSS background colours from red (worst) to green (best) over the finite cells."""
    finite = [v for row in values for v in row if not math.isnan(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)

    def colour(v):
        if math.isnan(v):
            return "background-color: #e0e0e0; color: #424242"
        s = 0.5 if hi == lo else (v - lo) / (hi - lo)
        s = s if higher_is_better else 1 - s
        red, green = (248, 215, 218), (200, 230, 201)
        mid = (255, 255, 255)
        a, b, f = (red, mid, s * 2) if s < 0.5 else (mid, green, (s - 0.5) * 2)
        rgb = tuple(round(x + (y - x) * f) for x, y in zip(a, b))
        return f"background-color: rgb{rgb}; color: #000000"
    return colour


def two_way_part(kpi: str, name: str, rel_pct: int, ranked: list) -> None:
    st.subheader(t("sens.two_way"))
    st.caption(t("sens.two_way_help", rel=rel_pct))
    items = sv.tornado_assumptions(model, kpi)
    labels = sv.unique_labels(items, lg)
    paths = list(labels)
    if len(paths) < 2:
        st.info(t("sens.two_way.too_few"))
        return
    first = [p for p in ranked if p in labels] + paths
    _valid("sens-tw-a", paths, first[0])
    _valid("sens-tw-b", paths, next(p for p in first if p != ss["sens-tw-a"]))
    c1, c2, c3 = st.columns([2, 2, 1])
    a = c1.selectbox(t("sens.two_way.rows"), paths, key="sens-tw-a", format_func=labels.get)
    b = c2.selectbox(t("sens.two_way.columns"), paths, key="sens-tw-b", format_func=labels.get)
    steps = c3.number_input(t("sens.two_way.steps"), min_value=2, max_value=9, value=5, step=1, key="sens-tw-steps")
    if a == b:
        st.warning(t("sens.two_way.same"))
        return
    tw = sv.two_way_data(key, kpi, a, b, rel_pct / 100, int(steps))
    if isinstance(tw, dict):
        st.error(plain_lines(tw[lg]), icon=":material/error:")
        return

    def head(x, v):
        text = sv.value_text(v, x.unit, x.kind, lg)
        return f"{text} ({t('sens.now')})" if abs(v - float(x.value)) < 1e-9 else text
    corner = f"↓ {labels[a]}"
    st.markdown(f"→ {t('sens.two_way.columns_are')}: **{plain(labels[b])}**")
    cols = [head(tw.b, v) for v in tw.values_b]
    df = pd.DataFrame(tw.table, columns=cols)
    df.insert(0, corner, [head(tw.a, v) for v in tw.values_a])
    colour = _heat(tw.table.tolist(), tw.kpi.higher_is_better)
    styled = (df.style.format({c: (lambda v: sv.kpi_text(v, name, lg)) for c in cols})
              .map(colour, subset=cols))
    st.dataframe(styled, hide_index=True, width="stretch", key="sens-two-way")
    st.caption(t("sens.two_way.legend", kpi=plain(tw.kpi.label(lg)), base=sv.kpi_text(tw.base_kpi, name, lg)))


# ------------------------------------------------------------------ 2. Monte Carlo

def yaml_example() -> str:
    """An ``uncertainty:`` section for this scenario, using its own assumption paths."""
    items = {a.path: a for a in sv.goal_assumptions(model)}
    lines = ["uncertainty:", "  seed: 1", "  draws: 10000", "  distributions:"]
    price = sv.default_goal_path(list(items.values()))
    if price and price.endswith(".price"):
        v = float(items[price].value)
        lines.append(f'    - {{assumption: "{price}", kind: triangular, low: {0.85 * v:.4g}, mode: {v:.4g}, '
                     f'high: {1.1 * v:.4g}}}')
    hours = next((p for p in items if p.endswith(".hours_per_week") and p.startswith("people[")), None)
    if hours:
        v = float(items[hours].value)
        lines.append(f'    - {{assumption: "{hours}", kind: normal, mean: {v:.4g}, sd: {max(1.0, 0.15 * v):.2g}, '
                     f'low: {max(0.0, v - 8):.4g}, high: {v + 5:.4g}}}')
    start = next((p for p, a in items.items() if a.kind == "month" and a.value > model.first_month), None)
    if start:
        m = int(items[start].value)
        later = min(m + 6, model.last_month)
        lines += [f'    - assumption: "{start}"', "      kind: choice",
                  f'      values: ["{month_label(m)}", "{month_label(later)}", null]',
                  "      probabilities: [0.6, 0.3, 0.1]"]
    if len(lines) == 4:
        lines.append('    - {assumption: "opening_cash", kind: uniform, low: 0, high: 10000}')
    return "\n".join(lines)


def distributions_view() -> bool:
    """The scenario's distributions as a table; False when it has none."""
    u = model.uncertainty
    if u is None or not u.distributions:
        st.info(t("sens.mc.none"), icon=":material/info:")
        with st.expander(t("sens.mc.yaml_example"), icon=":material/code:"):
            st.caption(t("sens.mc.yaml_help"))
            st.code(yaml_example(), language="yaml")
        return False
    df = sv.distribution_rows(model, lg)
    shown = pd.DataFrame({t("ua.assumption"): df["assumption"], t("sens.dist.kind_col"): df["kind"],
                          t("sens.dist.parameters"): [sv.parameters_text(r, lg) for r in df.to_dict("records")]})
    st.markdown(f"**{t('sens.mc.distributions')}**")
    st.dataframe(shown, hide_index=True, width="stretch", key="sens-dists")
    if u.correlations:
        items = {a.path: a for a in sv.goal_assumptions(model)}
        names = sv.unique_labels(list(items.values()), lg)
        st.caption(t("sens.mc.correlations") + ": " + "; ".join(
            f"{plain(names.get(c.a, c.a))} ↔ {plain(names.get(c.b, c.b))}: {fmt_number(c.rho, 2, lg)}" for c in u.correlations))
    stale = spec_problems(model)
    for path, en, fi in stale:
        st.error(f"{plain(path)}: {plain(fi if lg == 'fi' else en)}", icon=":material/error:")
    return not stale


def distribution_editor(has: bool) -> None:
    """Edit the distributions in a table; "Apply" validates and updates the working copy (undo works)."""
    vers = ss.setdefault("_sens_dist_ver", {})
    ver = vers.get(w.sid, 0)
    items = sv.goal_assumptions(model)
    labels = list(sv.unique_labels(items, lg).values())
    src = sv.distribution_rows(model, lg)
    with st.expander(t("sens.dist.edit"), icon=":material/edit:", expanded=not has):
        st.caption(t("sens.dist.edit_help"))
        with st.form(f"sens-dist-form-{w.sid}-{ver}-{lg}", border=False):
            text = st.column_config.TextColumn
            edited = st.data_editor(
                src, key=f"sens-dist-{w.sid}-{ver}-{lg}", num_rows="dynamic", hide_index=True, width="stretch",
                column_config={
                    "assumption": st.column_config.SelectboxColumn(t("sens.dist.assumption_col"), options=labels,
                                                                   required=True, width=280, pinned=True),
                    "kind": st.column_config.SelectboxColumn(
                        t("sens.dist.kind_col"), options=[t(f"sens.kind.{k}") for k in sv.KINDS], required=True,
                        width=140),
                    "unit": text(t("sens.dist.unit_col"), disabled=True, width="small"),
                    "low": text(t("sens.dist.low_col"), width="small"),
                    "mode": text(t("sens.dist.mode_col"), width="small"),
                    "high": text(t("sens.dist.high_col"), width="small"),
                    "mean": text(t("sens.dist.mean_col"), width="small"),
                    "sd": text(t("sens.dist.sd_col"), width="small"),
                    "values": text(t("sens.dist.values_col"), width="medium", help=t("sens.dist.values_help")),
                    "probabilities": text(t("sens.dist.probabilities_col"), width="medium",
                                          help=t("sens.dist.probabilities_help")),
                })
            submitted = st.form_submit_button(t("sens.dist.apply"), icon=":material/check:")
        if submitted:
            apply_distributions(edited, vers, ver)


def apply_distributions(edited: pd.DataFrame, vers: dict, ver: int) -> None:
    dists, problems, rows = sv.rows_to_distributions(edited, model, lg)
    if problems:
        st.error("\n".join([t("ui.err.heading"), ""] + [f"- {plain(p.message(lg))}" for p in problems]))
        return
    old = w.current.get("uncertainty") or {}
    candidate = {**w.current, "uncertainty": {**old, "distributions": dists}}
    try:
        new = validate(candidate, w.entry.path)
    except ScenarioError as exc:
        st.error("\n".join([t("ui.err.heading"), ""] + [f"- {plain(sv.where(path, rows, lg))}: {plain(fi if lg == 'fi' else en)}"
                                                       for path, en, fi in exc.problems]))
        return
    trial = sv.run_mc(new, 200, 1) if dists else {}
    if "fi" in trial:        # e.g. a start-month draw that makes the scenario invalid
        st.error(f"{t('ui.err.heading')}\n\n- {plain(trial[lg])}")
        return
    w.set_current(storage.dump(new), new)
    vers[w.sid] = ver + 1
    actions.flash("success", t("sens.dist.applied", n=len(dists)))
    st.rerun()


def mc_part() -> None:
    has = distributions_view()
    distribution_editor(has)
    if not has:
        return
    u = model.uncertainty
    c1, c2, c3 = st.columns([1, 1, 1], vertical_alignment="bottom")
    draws = int(c1.number_input(t("ua.mc.draws"), min_value=1, max_value=sv.MAX_DRAWS, value=min(u.draws, sv.MAX_DRAWS),
                                step=1000, key=f"sens-draws-{w.sid}", help=t("sens.mc.draws_help")))
    seed = int(c2.number_input(t("ua.mc.seed"), min_value=0, value=u.seed, step=1, key=f"sens-seed-{w.sid}",
                               help=t("sens.mc.seed_help")))
    run = c3.button(t("sens.mc.run"), key="sens-mc-run", type="primary", icon=":material/casino:", width="stretch")
    k = sv.mc_key(key, draws, seed)
    store = sv.mc_store()
    if run and k not in store:
        bar = st.progress(0.0, text=t("sens.mc.progress", draws=fmt_number(draws, 0, lg)))
        res = sv.run_mc(model, draws, seed, progress=lambda f: bar.progress(
            min(1.0, float(f)), text=t("sens.mc.progress", draws=fmt_number(draws, 0, lg))))
        bar.empty()
        if "fi" in res:
            st.error(plain_lines(res[lg]), icon=":material/error:")
            return
        sv.remember(k, res)
    summary = store.get(k)
    if summary is None:
        st.caption(t("sens.mc.press_run"))
        return
    mc_results(summary)


def mc_results(s: dict) -> None:
    st.caption(t("sens.mc.done", draws=fmt_number(s["draws"], 0, lg), seed=s["seed"]))
    cols = st.columns(3)
    for col, (p, title) in zip(cols, (("12", t("sens.mc.p12")), ("24", t("sens.mc.p24")),
                                      ("all", t("sens.mc.p_all", n=len(s["months"]))))):
        col.metric(title, fmt_percent(s["prob"][p], 1, lg), border=True, help=t("sens.mc.prob_help"))
    det = engine_cache.run(model).monthly["closing_cash"].to_numpy()
    words = risk_sentences(s["kpi_percentiles"], s["deterministic"], s["prob"]["all"], lg)
    st.info(" ".join(words), icon=":material/info:")
    st.plotly_chart(charts.fan_chart(s["months"], s["fan"], det, lg), key="sens-fan", config=config)
    st.caption(t("sens.mc.fan_help"))
    never = float(s["break_even"].get(None, 0.0))
    st.info(t("sens.words.break_even", p_reached=fmt_percent(1.0 - never, 1, lg), p_never=fmt_percent(never, 1, lg)),
            icon=":material/info:")
    st.plotly_chart(charts.break_even_chart(s["break_even"], lg), key="sens-break-even", config=config)
    st.subheader(t("ua.mc.kpi_percentiles"))
    pct = sv.percentile_table(s, lg)
    st.dataframe(pct, width="stretch", height=38 + 35 * len(pct), key="sens-percentiles")
    st.caption(t("sens.mc.percentile_help"))


# ------------------------------------------------------------------ 3. goal seek

def _direction(kind: str, direction: str, words: str = "ua.solve") -> str:
    """The change in words: raise/lower (ua.solve), or a verb (sens.goal.verb / sens.goal.may); months: later/earlier."""
    if kind == "month":
        direction = "later" if direction == "raise" else "earlier"
    return t(f"{words}.{direction}")


def apply_copy(sid: str, path: str, value, name: str) -> None:
    """Save a copy of the scenario with ``path`` = ``value`` through the app's
    save-as-new flow (``saving.save_as``); the scenario itself stays as it was."""
    src = working.working(sid)
    if src is None:
        return
    keep = (src.current, src.model)
    try:
        new = validate(storage.dump(with_values(src.model, {path: value})), src.entry.path)
    except ScenarioError as exc:
        actions.flash("error", exc.render(lang()))
        return
    src.set_current(storage.dump(new), new, remember=False)
    ss["_sens_copy_name"] = name
    saving.save_as(sid, "_sens_copy_name")
    created = ss.get(working.SCENARIO_KEY) != sid
    if created:
        ss["_sens_copy"] = ss[working.SCENARIO_KEY]
    if not created or not src.is_pilot:      # (a pilot's copy is reset to its saved version by save_as)
        src.set_current(*keep, remember=False)


def copy_name() -> str:
    base = f"{w.current['name']} – {t('sens.goal.copy_suffix')}"
    taken = set(working.entries())
    name, n = base, 1
    while storage.slug(name) in taken:
        n += 1
        name = f"{base} {n}"
    return name


def goal_part() -> None:
    items = sv.goal_assumptions(model)
    if not items:
        st.info(t("sens.goal.no_assumptions"))
        return
    by_path = {a.path: a for a in items}
    labels = sv.unique_labels(items, lg)
    _valid("sens-goal-path", list(by_path), sv.default_goal_path(items))
    c1, c2 = st.columns([5, 4])
    path = c1.selectbox(t("sens.goal.assumption"), list(by_path), key="sens-goal-path", format_func=labels.get,
                        help=t("sens.goal.assumption_help"))
    a = by_path[path]
    c1.caption(t("sens.goal.now", value=sv.value_text(a.value, a.unit, a.kind, lg)))
    _valid("sens-goal-kind", ["break_even_by", "min_cash_at_least"], "break_even_by")
    gkind = c2.segmented_control(t("ua.goal"), ["break_even_by", "min_cash_at_least"], key="sens-goal-kind",
                                 required=True, format_func=lambda g: t(f"sens.goal.kind.{g}"))
    months = sv.months_of(model)
    c3, c4, c5 = st.columns([2, 1, 1], vertical_alignment="bottom")
    if gkind == "break_even_by":
        _valid("sens-goal-month", months, months[min(23, len(months) - 1)])
        m = c3.selectbox(t("sens.goal.month"), months, key="sens-goal-month", format_func=lambda x: fmt_month(x, lg),
                         help=t("sens.goal.month_help"))
        goal = f"break_even_by:{m}"
    else:
        floor = c3.number_input(t("sens.goal.floor"), value=0.0, step=1000.0, format="%.0f", key="sens-goal-floor",
                                help=t("sens.goal.floor_help"))
        goal = f"min_cash_at_least:{float(floor):.2f}"
    lo, hi = bounds_inputs(a, months, c4, c5)
    st.caption(t("sens.goal.range_help", range=range_text(a, lo, hi)))
    request = (sv.content_hash(key), path, goal, lo, hi)
    if st.button(t("sens.goal.solve"), key="sens-goal-solve", type="primary", icon=":material/search:"):
        ss["_sens_goal"] = request
    if ss.get("_sens_goal") != request:
        return
    status, r = sv.solve_data(key, path, goal, lo, hi)
    if status == "error":      # the library names the range ends as on the command line (--low/--high)
        text = r[lg].replace("--low", f"”{t('sens.goal.low')}”").replace("--high", f"”{t('sens.goal.high')}”")
        st.error(plain_lines(text), icon=":material/error:")
    elif status == "none":
        no_solution(a, goal, lo, hi, r)
    else:
        answer(a, r)


def bounds_inputs(a, months: list, c_lo, c_hi):
    """Optional search range in the unit users see (% for shares, months for a phase start)."""
    if a.kind == "month":
        opts = [None] + months
        def fmt(x):
            return t("sens.goal.default_bound") if x is None else fmt_month(x, lg)
        lo = c_lo.selectbox(t("sens.goal.low"), opts, key=f"sens-goal-lo-{a.path}", format_func=fmt)
        hi = c_hi.selectbox(t("sens.goal.high"), opts, key=f"sens-goal-hi-{a.path}", format_func=fmt)
        return lo, hi
    f = 100.0 if a.unit == "share" else 1.0
    unit = "%" if a.unit == "share" else sv.unit_label(a.unit, lg)
    lo = c_lo.number_input(f"{t('sens.goal.low')} ({unit})", value=None, key=f"sens-goal-lo-{a.path}",
                           placeholder=t("sens.goal.default_bound"))
    hi = c_hi.number_input(f"{t('sens.goal.high')} ({unit})", value=None, key=f"sens-goal-hi-{a.path}",
                           placeholder=t("sens.goal.default_bound"))
    return (None if lo is None else float(lo) / f), (None if hi is None else float(hi) / f)


def range_text(a, lo, hi) -> str:
    if a.kind == "month":
        d_lo, d_hi = float(model.first_month), float(model.last_month)
        lo_v = d_lo if lo is None else float(month_number(lo))
        hi_v = d_hi if hi is None else float(month_number(hi))
    else:
        d_lo, d_hi = default_range(a)
        lo_v = d_lo if lo is None else lo
        hi_v = d_hi if hi is None else hi
    return f"{sv.value_text(lo_v, a.unit, a.kind, lg)} – {sv.value_text(hi_v, a.unit, a.kind, lg)}"


def _goal_label(goal: str) -> str:
    return parse_goal(goal).label(lg)


def no_solution(a, goal: str, lo, hi, r: dict) -> None:
    best = r["best_value"]
    if goal.startswith("break_even_by:"):
        month = goal.split(":", 1)[1]
        reached = t("sens.goal.best_be", month=fmt_month(month, lg), amount=fmt_eur(r["best_margin"], 0, lg))
    else:
        floor = float(goal.split(":", 1)[1])
        reached = t("sens.goal.best_cash", amount=fmt_eur(r["best_margin"] + floor, 0, lg))
    st.warning(t("sens.goal.none", goal=_goal_label(goal), name=plain(a.label(lg)), range=range_text(a, lo, hi),
                 best=sv.value_text(best, a.unit, a.kind, lg), reached=reached), icon=":material/block:")
    st.caption(t("sens.goal.none_help"))


def _achieved_text(r) -> str:
    if r.goal.name == "break_even_by":
        return fmt_month(r.achieved, lg) if r.achieved else t("sens.never")
    return fmt_eur(r.achieved, 0, lg)


def answer(a, r) -> None:
    goal = plain(r.goal.label(lg))
    base = r.value_text(lg, r.base_value)
    if r.already_met:
        if r.value is None:
            st.success(t("sens.goal.holds", goal=goal, base=base), icon=":material/check_circle:")
        else:
            st.info(t("sens.goal.already", goal=goal, base=base, value=r.value_text(lg),
                      verb=_direction(r.kind, r.direction, "sens.goal.may")), icon=":material/check_circle:")
        return
    st.success(t("sens.goal.found", goal=goal, name=plain(r.label_fi if lg == "fi" else r.label_en),
                 verb=_direction(r.kind, r.direction, "sens.goal.verb"), base=base, value=r.value_text(lg)),
               icon=":material/check_circle:")
    c = st.columns(4)
    c[0].metric(t("ua.solve.answer"), r.value_text(lg), border=True)
    c[1].metric(t("ua.solve.direction"), _direction(r.kind, r.direction), border=True,
                help=t("sens.goal.from", base=base))
    c[2].metric(t("sens.goal.achieved.break_even_by" if r.goal.name == "break_even_by"
                  else "sens.goal.achieved.min_cash_at_least"), _achieved_text(r), border=True)
    c[3].metric(t("ua.solve.iterations"), str(r.iterations), border=True, help=t("sens.goal.iterations_help"))
    if r.goal.name == "break_even_by" and r.achieved and r.goal.month and r.achieved < r.goal.month:
        st.info(t("sens.goal.earlier", target=fmt_month(r.goal.month, lg), achieved=fmt_month(r.achieved, lg)),
                icon=":material/help:")
    name = copy_name()
    denied = actions.create_denied(w)
    st.button(t("sens.goal.apply"), key="sens-goal-apply", icon=":material/content_copy:",
              on_click=apply_copy, args=(w.sid, r.path, r.scenario_value(), name), disabled=bool(denied),
              help=plain(denied) if denied else t("sens.goal.apply_help", name=plain(name)))
    if denied:
        st.caption(f":material/lock: {plain(denied)}")


# ------------------------------------------------------------------ the page

TAB_KEYS = ("sens.tab.tornado", "sens.tab.mc", "sens.tab.goal")
tab_names = [t(k) for k in TAB_KEYS]
for other in session.LANGS:      # a language switch keeps the open tab (the tab is chosen by its label)
    chosen = ss.get(f"sens-tab-{other}")
    if other != lg and f"sens-tab-{lg}" not in ss and chosen in [sv.label(k, other) for k in TAB_KEYS]:
        ss[f"sens-tab-{lg}"] = tab_names[[sv.label(k, other) for k in TAB_KEYS].index(chosen)]
tabs = st.tabs(tab_names, key=f"sens-tab-{lg}", on_change="rerun")
for tab, part in zip(tabs, (tornado_part, mc_part, goal_part)):
    if tab.open:
        with tab:
            part()
