"""Plotly figures of a person's money and of the public purse (Henkilö and
Vertailu pages; no Streamlit). The shared layout, colours and number formats
are in ``ui.charts``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from simulator.i18n import fmt_number, label
from ui.charts import SCENARIO_STYLES, _dates, _eur_hover, _layout

# ------------------------------------------------------------------ person and public purse

STAYING_STYLE = ("#616161", "longdash")


def person_monthly_chart(models: list, baselines: list, lang: str) -> go.Figure:
    """Net income a month: ``models`` and ``baselines`` are (name, months, values)
    triples; one line per model, the work-activity baseline(s) in grey."""
    fig = go.Figure()
    for j, (name, months, values) in enumerate(baselines):
        fig.add_trace(go.Scatter(x=_dates(months), y=values, mode="lines", name=name, line_shape="hv",
                                 line={"color": STAYING_STYLE[0], "dash": ["longdash", "dashdot"][j % 2],
                                       "width": 2}, hovertemplate=_eur_hover(lang)))
    for i, (name, months, values) in enumerate(models):
        colour, dash, symbol = SCENARIO_STYLES[i % 3]
        fig.add_trace(go.Scatter(x=_dates(months), y=values, mode="lines+markers", name=name, line_shape="hv",
                                 line={"color": colour, "dash": dash, "width": 3},
                                 marker={"symbol": symbol, "size": 6, "maxdisplayed": 14},
                                 hovertemplate=_eur_hover(lang)))
    fig = _layout(fig, label("ui.per.ch.monthly", lang), lang, label("ui.axis.eur_month", lang), height=420)
    fig.update_yaxes(rangemode="tozero")
    return fig


#: the person's lines in the stacked chart: income (greens, blues for pensions,
#: warm tones for benefits), deductions (greys and purples); alternating lightness
PERSON_COLOURS = {
    "gross_pay": "#1b5e20", "tyoosuusraha": "#81c784", "kela_pension": "#0d47a1",
    "earnings_related_pension": "#64b5f6", "hoitotuki": "#e65100", "vammaistuki": "#ffb74d",
    "housing_allowance": "#bf360c", "pensioners_housing_allowance": "#ffcc80",
    "general_housing_allowance": "#8d6e63", "labour_market_support": "#f9a825",
    "basic_social_assistance": "#6d4c41", "employee_contributions": "#9e9e9e", "income_tax": "#212121",
    "work_activity_fees": "#ce93d8", "client_fee": "#4a148c",
}


def person_income_chart(monthly: pd.DataFrame, incomes: list, deductions: list, title: str,
                        lang: str) -> go.Figure:
    """The person's month stacked: the ``incomes`` lines up, the ``deductions``
    (tax, contributions, fees) down, and the disposable income against the
    status quo's as lines. ``monthly``: the engine's person lines (one row
    a month, ``month`` and the line names as columns)."""
    x = _dates(monthly["month"])
    fig = go.Figure()
    for k in incomes:
        fig.add_trace(go.Bar(x=x, y=monthly[k], name=label(f"person.{k}", lang),
                             marker_color=PERSON_COLOURS.get(k), hovertemplate=_eur_hover(lang)))
    for k in deductions:
        fig.add_trace(go.Bar(x=x, y=-monthly[k], name=label("person.view.less", lang).format(
                                 name=label(f"person.{k}", lang)),
                             marker_color=PERSON_COLOURS.get(k), hovertemplate=_eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=monthly["status_quo_disposable_income"], mode="lines", line_shape="hv",
                             name=label("person.status_quo_disposable_income", lang),
                             line={"color": STAYING_STYLE[0], "dash": STAYING_STYLE[1], "width": 2},
                             hovertemplate=_eur_hover(lang)))
    fig.add_trace(go.Scatter(x=x, y=monthly["disposable_income"], mode="lines", line_shape="hv",
                             name=label("person.disposable_income", lang),
                             line={"color": "#000000", "width": 3}, hovertemplate=_eur_hover(lang)))
    fig = _layout(fig, title, lang, label("person.view.axis", lang), height=460)
    fig.update_layout(barmode="relative", bargap=0.1)
    return fig


def pension_cliff_chart(cliff: dict, title: str, lang: str, colour_index: int = 0) -> go.Figure:
    """Net income a month by hours a week (``cliff``: the dict of ``Cliff.to_dict``
    with ``scenario_hours``); the earnings limit, the hours at which working
    more pays again, the scenario's hours and the staying level marked."""
    colour, _, _ = SCENARIO_STYLES[colour_index % 3]
    hours = [p["hours_per_week"] for p in cliff["curve"]]
    net = [p["net_per_month"] for p in cliff["curve"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=hours, y=net, mode="lines", name=label("ui.per.cliff_net", lang),
                             line={"color": colour, "width": 3}, hovertemplate=_eur_hover(lang)))
    # the pension and the benefits under the net curve: the plateaus of the income-tested benefits
    for key, name, style in (("pension_per_month", "person.view.cliff_pension", ("#0d47a1", "dot")),
                             ("benefits_per_month", "person.view.cliff_benefits", ("#e65100", "dashdot"))):
        ys = [p.get(key) for p in cliff["curve"]]
        if any(v for v in ys):
            fig.add_trace(go.Scatter(x=hours, y=ys, mode="lines", name=label(name, lang),
                                     line={"color": style[0], "dash": style[1], "width": 2},
                                     hovertemplate=_eur_hover(lang)))
    staying = cliff.get("staying_net_per_month")
    if staying is not None:
        fig.add_trace(go.Scatter(x=[hours[0], hours[-1]], y=[staying, staying], mode="lines",
                                 name=label("ui.per.staying", lang),
                                 line={"color": STAYING_STYLE[0], "dash": STAYING_STYLE[1], "width": 2},
                                 hovertemplate=_eur_hover(lang)))
    lh = cliff.get("limit_hours")
    if lh is not None and lh <= hours[-1]:
        fig.add_vline(x=lh, line={"color": "#b71c1c", "width": 2, "dash": "dash"})
        fig.add_annotation(x=lh, y=0.04, yref="paper", showarrow=False, xanchor="right", yanchor="bottom",
                           text=label("ui.per.cliff_limit", lang).format(
                               hours=fmt_number(np.floor(lh * 10 + 1e-9) / 10, 1, lang)),   # never rounded up
                           font={"color": "#b71c1c"}, bgcolor="rgba(255,255,255,0.85)")
    be = cliff.get("break_even_hours")
    if be is not None:
        fig.add_vline(x=be, line={"color": "#1b5e20", "width": 2, "dash": "dot"})
        fig.add_annotation(x=be, y=0.04, yref="paper", showarrow=False, xanchor="left", yanchor="bottom",
                           text=label("ui.per.cliff_break_even", lang).format(hours=fmt_number(be, 1, lang)),
                           font={"color": "#1b5e20"}, bgcolor="rgba(255,255,255,0.85)")
    sh = cliff.get("scenario_hours")
    if sh is not None:
        y = float(np.interp(sh, hours, net))
        fig.add_trace(go.Scatter(x=[sh], y=[y], mode="markers", name=label("ui.per.cliff_scenario", lang).format(
                                     hours=fmt_number(sh, 1, lang)),
                                 marker={"color": "#000000", "size": 12, "symbol": "diamond"},
                                 hovertemplate=_eur_hover(lang)))
    fig = _layout(fig, title, lang, label("ui.axis.eur_month", lang), months=False, height=420)
    fig.update_xaxes(title_text=label("ui.axis.hours_week", lang), type="linear", range=[0, hours[-1]],
                     dtick=2.5, tickformat=",.1f")
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(hovermode="x unified")
    return fig


def public_purse_chart(table: pd.DataFrame, lang: str) -> go.Figure:
    """Grouped bars: x = payer (``table`` index, labelled), one bar per model."""
    fig = go.Figure()
    for i, name in enumerate(table.columns):
        colour, _, _ = SCENARIO_STYLES[i % 3]
        fig.add_trace(go.Bar(x=list(table.index), y=table[name], name=name, marker_color=colour,
                             marker_pattern={"shape": ["", "/", "."][i % 3], "fillmode": "overlay",
                                             "fgcolor": "#ffffff", "size": 7},
                             hovertemplate=_eur_hover(lang)))
    fig.update_layout(barmode="group")
    fig = _layout(fig, label("ui.pub.chart", lang), lang, label("ui.axis.eur", lang),
                  x_title=label("ui.pub.payer", lang), months=False, height=420)
    return fig
