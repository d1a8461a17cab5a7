"""Plotly figures (no Streamlit). Every chart has a title and axis units;
colours that sit next to each other differ in lightness as well as hue, and
series that must be told apart also differ in dash or marker. Numbers and
months follow the language: ``1 234 €`` and ``3/2024`` in Finnish."""
from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go

from simulator.i18n import fmt_eur, fmt_month, fmt_number, label

INCOME = ("sales", "avotyo_fees", "day_price_income", "client_fees", "other_income", "pay_subsidy", "grants")
COSTS = ("wages", "holiday_pay", "holiday_bonus", "employer_contributions", "work_activity_pay",
         "work_activity_costs", "overheads", "one_off_costs", "non_deductible_vat", "interest", "income_tax")
# Greens/teals for income, blues for subsidies; warm and purple tones for costs;
# consecutive colours alternate dark/light so that they stay apart in greyscale.
COLOURS = {
    "sales": "#1b5e20", "avotyo_fees": "#66bb6a", "day_price_income": "#00695c", "client_fees": "#a5d6a7",
    "other_income": "#2e7d32", "pay_subsidy": "#0d47a1", "grants": "#90caf9",
    "wages": "#b71c1c", "holiday_pay": "#ef9a9a", "holiday_bonus": "#e65100", "employer_contributions": "#ffcc80",
    "work_activity_pay": "#4a148c", "work_activity_costs": "#ce93d8", "overheads": "#5d4037",
    "one_off_costs": "#bcaaa4", "non_deductible_vat": "#37474f", "interest": "#b0bec5", "income_tax": "#212121",
}
SCENARIO_STYLES = [("#0d47a1", "solid", "circle"), ("#e65100", "dash", "square"), ("#2e7d32", "dot", "diamond")]


def _layout(fig: go.Figure, title: str, lang: str, y_title: str, x_title: str | None = None,
            months: bool = True, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        separators=", " if lang == "fi" else ".,",
        height=height, margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.24, "x": 0},
        hovermode="x unified",
    )
    fig.update_yaxes(title_text=y_title, tickformat=",.0f", zeroline=True, zerolinecolor="#555")
    if months:
        fig.update_xaxes(title_text=x_title or label("ui.axis.month", lang), type="date",
                         tickformat="%-m/%Y" if lang == "fi" else "%Y-%m",
                         hoverformat="%-m/%Y" if lang == "fi" else "%Y-%m")
    elif x_title:
        fig.update_xaxes(title_text=x_title, type="category")
    return fig


def _dates(months) -> pd.Series:
    return _month_dates(tuple(months))


@functools.lru_cache(maxsize=64)
def _month_dates(months: tuple) -> pd.Series:
    """The first days of the months (``"2024-03"`` -> 2024-03-01), made once per
    month list (a chart only reads them)."""
    return pd.to_datetime(pd.Series(list(months)) + "-01")


def _eur_hover(lang: str) -> str:
    return "%{y:,.0f} €" if lang == "fi" else "€%{y:,.0f}"


def _axes_layout(title: str, lang: str, y_title: str, height: int = 380) -> dict:
    """``_layout`` of a month chart as a plain dict (for the charts built without
    plotly's per-property validation, see ``cash_chart``)."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "separators": ", " if lang == "fi" else ".,",
        "height": height, "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.24, "x": 0},
        "hovermode": "x unified",
        "yaxis": {"title": {"text": y_title}, "tickformat": ",.0f", "zeroline": True, "zerolinecolor": "#555"},
        "xaxis": {"title": {"text": label("ui.axis.month", lang)}, "type": "date",
                  "tickformat": "%-m/%Y" if lang == "fi" else "%Y-%m",
                  "hoverformat": "%-m/%Y" if lang == "fi" else "%Y-%m"},
    }


def cash_spec(monthly: pd.DataFrame, kpis: dict, lang: str, saved: pd.DataFrame | None = None) -> dict:
    """The cash chart as a plain ``{"data", "layout"}`` dict: closing cash and
    cumulative result, the saved version's cash dotted, break-even and minimum
    cash marked. Built as a dict because it is redrawn on every edit (the live
    panel): plotly's graph objects validate each property as it is set, ~20
    times the cost of the figure itself; ``tests/test_app_speed.py`` checks
    that plotly's validation accepts it unchanged."""
    x = _dates(monthly["month"])
    hover = _eur_hover(lang)
    data = []
    if saved is not None and len(saved) == len(monthly) and not saved["closing_cash"].equals(monthly["closing_cash"]):
        data.append({"type": "scatter", "x": _dates(saved["month"]), "y": saved["closing_cash"], "mode": "lines",
                     "name": f"{label('closing_cash', lang)} – {label('ui.saved_version', lang)}",
                     "line": {"color": "#9e9e9e", "dash": "dot", "width": 2}, "hovertemplate": hover})
    data.append({"type": "scatter", "x": x, "y": monthly["closing_cash"], "mode": "lines",
                 "name": label("closing_cash", lang), "line": {"color": "#0d47a1", "width": 3}, "hovertemplate": hover})
    data.append({"type": "scatter", "x": x, "y": monthly["cumulative_result"], "mode": "lines",
                 "name": label("cumulative_result", lang), "line": {"color": "#e65100", "width": 2, "dash": "dash"},
                 "hovertemplate": hover})
    layout = _axes_layout(label("ui.ch.cash", lang), lang, label("ui.axis.eur", lang))
    be = kpis.get("break_even_month")
    if be:
        bx = pd.Timestamp(be + "-01")
        layout["shapes"] = [{"type": "line", "x0": bx, "x1": bx, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                             "line": {"color": "#2e7d32", "width": 2, "dash": "dot"}}]
        layout["annotations"] = [{"x": bx, "y": 1, "yref": "paper", "showarrow": False, "xanchor": "left",
                                  "yanchor": "top", "text": f"{label('ui.break_even', lang)} {fmt_month(be, lang)}",
                                  "font": {"color": "#1b5e20"}, "bgcolor": "rgba(255,255,255,0.8)"}]
    mm = kpis.get("min_cash_month")
    if mm:
        data.append({"type": "scatter", "x": [pd.Timestamp(mm + "-01")], "y": [kpis["min_cash"]],
                     "mode": "markers+text", "name": label("ui.min_cash_marker", lang),
                     "marker": {"color": "#b71c1c", "size": 12, "symbol": "triangle-down"},
                     "text": [f"{label('ui.min_cash_marker', lang)} {fmt_eur(kpis['min_cash'], 0, lang)}"],
                     "textposition": "bottom right" if list(monthly["month"]).index(mm) < len(monthly) / 2
                     else "bottom left", "hovertemplate": hover})
    return {"data": data, "layout": layout}


def cash_chart(monthly: pd.DataFrame, kpis: dict, lang: str, saved: pd.DataFrame | None = None) -> go.Figure:
    """Closing cash and cumulative result, break-even and minimum cash marked (``cash_spec``)."""
    return go.Figure(cash_spec(monthly, kpis, lang, saved), _validate=False)


def income_costs_chart(monthly: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars: income lines up, cost lines down; the result as a line."""
    x = _dates(monthly["month"])
    fig = go.Figure()
    for k in INCOME:
        if monthly[k].abs().sum() > 0.005:
            fig.add_trace(go.Bar(x=x, y=monthly[k], name=label(k, lang), marker_color=COLOURS[k],
                                 hovertemplate=_eur_hover(lang)))
    for k in COSTS:
        if monthly[k].abs().sum() > 0.005:
            fig.add_trace(go.Bar(x=x, y=-monthly[k], name=label(k, lang), marker_color=COLOURS[k],
                                 hovertemplate=_eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=monthly["result"], mode="lines+markers", name=label("result", lang),
                             line={"color": "#000000", "width": 2}, marker={"size": 4},
                             hovertemplate=_eur_hover(lang)))
    fig.update_layout(barmode="relative", bargap=0.1)
    return _layout(fig, label("ui.ch.income_costs", lang), lang, label("ui.axis.eur", lang), height=460)


def cost_composition_chart(monthly: pd.DataFrame, lang: str) -> go.Figure:
    totals = [(k, float(monthly[k].sum())) for k in COSTS if monthly[k].sum() > 0.005]
    totals.sort(key=lambda kv: kv[1])
    all_costs = sum(v for _, v in totals) or 1.0
    fig = go.Figure(go.Bar(
        x=[v for _, v in totals], y=[label(k, lang) for k, _ in totals], orientation="h",
        marker_color=[COLOURS[k] for k, _ in totals],
        text=[f"{fmt_eur(v, 0, lang)} ({100 * v / all_costs:.0f} %)".replace(".", ",") if lang == "fi"
              else f"{fmt_eur(v, 0, lang)} ({100 * v / all_costs:.0f} %)" for _, v in totals],
        textposition="auto", hovertemplate="%{x:,.0f} €<extra>%{y}</extra>"))
    fig = _layout(fig, label("ui.ch.cost_comp", lang), lang, "", months=False, height=max(260, 60 + 34 * len(totals)))
    fig.update_xaxes(title_text=label("ui.axis.eur", lang), tickformat=",.0f")
    fig.update_yaxes(title_text="", tickformat=None, zeroline=False)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def waterfall_chart(kpis: dict, lang: str) -> go.Figure:
    years = list(kpis["result_by_year"].items())
    fig = go.Figure(go.Waterfall(
        x=[y for y, _ in years] + [label("ui.total", lang)],
        y=[v for _, v in years] + [0.0],
        measure=["relative"] * len(years) + ["total"],
        text=[fmt_eur(v, 0, lang) for _, v in years] + [fmt_eur(kpis["total_result"], 0, lang)],
        textposition="outside",
        increasing={"marker": {"color": "#2e7d32"}}, decreasing={"marker": {"color": "#b71c1c"}},
        totals={"marker": {"color": "#0d47a1"}}, connector={"line": {"color": "#757575"}},
        hovertemplate="%{y:,.0f} €<extra>%{x}</extra>"))
    fig = _layout(fig, label("ui.ch.waterfall", lang), lang, label("ui.axis.eur", lang),
                  x_title=label("ui.axis.year", lang), months=False)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def people_chart(monthly: pd.DataFrame, lang: str) -> go.Figure:
    x = _dates(monthly["month"])
    fig = go.Figure()
    series = [("people_in_paid_work", "#0d47a1", "solid"), ("people_employed_here", "#64b5f6", "dash"),
              ("people_in_avotyo", "#e65100", "dot"), ("people_in_work_activity", "#6d4c41", "dashdot")]
    for k, colour, dash in series:
        fig.add_trace(go.Scatter(x=x, y=monthly[k], mode="lines", name=label(k, lang), line_shape="hv",
                                 line={"color": colour, "dash": dash, "width": 3 if k == "people_in_paid_work" else 2},
                                 hovertemplate="%{y:,.1f}"))
    fig = _layout(fig, label("ui.ch.people", lang), lang, label("ui.axis.people", lang))
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    return fig


# ------------------------------------------------------------------ comparison

def compare_cash_chart(runs: list, names: list, lang: str) -> go.Figure:
    fig = go.Figure()
    for i, (r, name) in enumerate(zip(runs, names)):
        colour, dash, symbol = SCENARIO_STYLES[i % 3]
        fig.add_trace(go.Scatter(x=_dates(r.monthly["month"]), y=r.monthly["closing_cash"], mode="lines+markers",
                                 name=name, line={"color": colour, "dash": dash, "width": 3},
                                 marker={"symbol": symbol, "size": 6, "maxdisplayed": 14},
                                 hovertemplate=_eur_hover(lang)))
    return _layout(fig, label("ui.cmp.cash", lang), lang, label("ui.axis.eur", lang), height=420)


def compare_yearly_chart(table: pd.DataFrame, title: str, y_title: str, lang: str, hover: str) -> go.Figure:
    """Grouped bars: index = years, one column per scenario."""
    fig = go.Figure()
    for i, name in enumerate(table.columns):
        colour, _, _ = SCENARIO_STYLES[i % 3]
        pattern = ["", "/", "."][i % 3]
        fig.add_trace(go.Bar(x=[str(y) for y in table.index], y=table[name], name=name, marker_color=colour,
                             marker_pattern={"shape": pattern, "fillmode": "overlay", "fgcolor": "#ffffff", "size": 7},
                             hovertemplate=hover))
    fig.update_layout(barmode="group")
    fig = _layout(fig, title, lang, y_title, x_title=label("ui.axis.year", lang), months=False)
    fig.update_layout(hovermode="x unified")
    return fig


def per_person_chart(table: pd.DataFrame, value: str, title: str, y_title: str, lang: str, hover: str) -> go.Figure:
    """Grouped bars: x = person, one bar per scenario (``table``: person × scenario)."""
    fig = go.Figure()
    for i, name in enumerate(table.columns):
        colour, _, _ = SCENARIO_STYLES[i % 3]
        fig.add_trace(go.Bar(x=list(table.index), y=table[name], name=name, marker_color=colour,
                             marker_pattern={"shape": ["", "/", "."][i % 3], "fillmode": "overlay", "fgcolor": "#ffffff",
                                             "size": 7}, hovertemplate=hover))
    fig.update_layout(barmode="group")
    fig = _layout(fig, title, lang, y_title, x_title=label("ui.person", lang), months=False)
    return fig


# ------------------------------------------------------------------ sensitivity and Monte Carlo (Herkkyys page)

def _wrap(text: str, width: int = 42) -> str:
    """A long axis label on lines of at most ``width`` characters."""
    import textwrap
    return "<br>".join(textwrap.wrap(text, width)) or text


def tornado_chart(rows: list[dict], base: float, title: str, x_title: str, base_text: str, lang: str) -> go.Figure:
    """Horizontal bars from the base KPI to the KPI at each assumption's low and
    high value, largest swing at the top. ``rows``: label, low, high (KPI values),
    low_text/high_text (bar-end labels), low_hover/high_hover."""
    fig = go.Figure()
    ys = [_wrap(r["label"]) for r in rows][::-1]
    for end, colour, pattern in (("low", "#64b5f6", ""), ("high", "#e65100", "/")):
        rr = rows[::-1]
        fig.add_trace(go.Bar(
            y=ys, x=[r[end] - base for r in rr], base=base, orientation="h",
            name=label(f"sens.tornado.{end}_end", lang), marker_color=colour,
            marker_pattern={"shape": pattern, "fillmode": "overlay", "fgcolor": "#ffffff", "size": 6},
            text=[r[f"{end}_text"] for r in rr], textposition="outside", cliponaxis=False,
            hovertext=[r[f"{end}_hover"] for r in rr], hoverinfo="text"))
    fig.add_vline(x=base, line={"color": "#212121", "width": 2})
    fig.add_annotation(x=base, y=1, yref="paper", yanchor="bottom", showarrow=False, text=base_text,
                       font={"color": "#212121"}, bgcolor="rgba(255,255,255,0.85)")
    ends = [base] + [r[e] for r in rows for e in ("low", "high")]
    pad = 0.2 * ((max(ends) - min(ends)) or 1.0)      # room for the bar-end labels
    fig = _layout(fig, title, lang, "", months=False, height=150 + 46 * len(rows))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05, hovermode="closest",
                      margin={"l": 10, "r": 20, "t": 90, "b": 10},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0, "xanchor": "left"})
    fig.update_xaxes(title_text=x_title, tickformat=",.0f", zeroline=False,
                     range=[min(ends) - pad, max(ends) + pad])
    fig.update_yaxes(title_text="", tickformat=None, zeroline=False, automargin=True)
    return fig


def fan_chart(months: list, fan: dict, deterministic, lang: str) -> go.Figure:
    """Closing cash over the draws: the P10–P90 band, the median (P50), the
    scenario as written, and the zero line."""
    x = _dates(months)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=fan[90], mode="lines", line={"color": "#90caf9", "width": 1},
                             name="P90", showlegend=False, hovertemplate="P90 " + _eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=fan[10], mode="lines", line={"color": "#90caf9", "width": 1},
                             fill="tonexty", fillcolor="rgba(100,181,246,0.35)", name=label("sens.mc.band", lang),
                             hovertemplate="P10 " + _eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=fan[50], mode="lines", line={"color": "#0d47a1", "width": 3},
                             name=label("sens.mc.median", lang), hovertemplate="P50 " + _eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=deterministic, mode="lines", line={"color": "#e65100", "width": 2, "dash": "dash"},
                             name=label("sens.mc.as_written_line", lang), hovertemplate=_eur_hover(lang)))
    fig.add_hline(y=0, line={"color": "#b71c1c", "width": 1.5, "dash": "dot"})
    return _layout(fig, label("ua.mc.cash_fan", lang), lang, label("ui.axis.eur", lang), height=420)


def break_even_chart(dist: dict, lang: str) -> go.Figure:
    """Probability of each break-even month; "never" (key None) as its own bar at the end."""
    keys = [k for k in dist if k is not None] + ([None] if None in dist else [])
    xs = [fmt_month(k, lang) if k else label("sens.never", lang) for k in keys]
    ys = [100 * float(dist[k]) for k in keys]
    fig = go.Figure(go.Bar(x=xs, y=ys, marker_color=["#2e7d32" if k else "#757575" for k in keys],
                           marker_pattern={"shape": ["" if k else "x" for k in keys], "fgcolor": "#ffffff"},
                           text=[f"{fmt_number(y, 0, lang)} %" if y >= 5 else "" for y in ys],
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{y:.1f} %<extra></extra>"))
    fig = _layout(fig, label("ua.mc.break_even", lang), lang, label("sens.mc.axis_prob", lang),
                  x_title=label("ui.break_even", lang), months=False, height=360)
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def mini_cash_chart(monthly: pd.DataFrame, kpis: dict, lang: str, saved: pd.DataFrame | None = None) -> go.Figure:
    """The cash chart small, beside the editor (Skenaario page): no legend or axis titles."""
    spec = mini_cash_spec(monthly, kpis, lang, saved)
    return go.Figure(spec, _validate=False)


def mini_cash_spec(monthly: pd.DataFrame, kpis: dict, lang: str, saved: pd.DataFrame | None = None) -> dict:
    spec = cash_spec(monthly, kpis, lang, saved)
    lay = spec["layout"]
    lay.update(height=230, showlegend=False, margin={"l": 4, "r": 4, "t": 34, "b": 4},
               title={"text": label("ui.ch.cash", lang), "x": 0, "xanchor": "left", "font": {"size": 14}})
    lay["yaxis"]["title"] = {}
    lay["xaxis"]["title"] = {}
    return spec
