"""The one translations table (Finnish first, English) and number formats."""
from __future__ import annotations

import math

LABELS: dict[str, tuple[str, str]] = {
    # accrual lines
    "sales": ("Myynti", "Sales"),
    "avotyo_fees": ("Avotyön maksut yrityksiltä", "Avotyö fees from companies"),
    "day_price_income": ("Työtoiminnan päivähinnat", "Work-activity day prices"),
    "client_fees": ("Asiakasmaksut (ateriat)", "Client fees (meals)"),
    "other_income": ("Muut tuotot", "Other income"),
    "revenue": ("Tuotot yhteensä", "Revenue"),
    "pay_subsidy": ("Palkkatuki", "Pay subsidy (palkkatuki)"),
    "grants": ("Avustukset", "Grants"),
    "subsidies": ("Tuet yhteensä", "Subsidies"),
    "wages": ("Palkat (työaika)", "Wages (working time)"),
    "holiday_pay": ("Lomapalkkajaksotus", "Holiday pay accrual"),
    "holiday_bonus": ("Lomarahajaksotus", "Holiday bonus (lomaraha) accrual"),
    "employer_pension": ("TyEL-maksu (työnantaja)", "Employer pension (TyEL)"),
    "employer_health_insurance": ("Sairausvakuutusmaksu", "Employer health insurance"),
    "employer_unemployment_insurance": ("Työttömyysvakuutusmaksu", "Employer unemployment insurance"),
    "accident_insurance": ("Tapaturmavakuutus", "Accident insurance"),
    "group_life_insurance": ("Ryhmähenkivakuutus", "Group life insurance"),
    "employer_contributions": ("Palkan sivukulut", "Employer contributions"),
    "work_activity_pay": ("Työosuusraha", "Work-activity pay (työosuusraha)"),
    "work_activity_costs": ("Työtoiminnan kulut", "Work-activity costs"),
    "overheads": ("Kiinteät kulut", "Overheads"),
    "one_off_costs": ("Kertaluonteiset kulut", "One-off costs"),
    "non_deductible_vat": ("Vähennyskelvoton ALV", "Non-deductible VAT"),
    "interest": ("Korkokulut", "Interest"),
    "costs_before_tax": ("Kulut ennen veroja", "Costs before tax"),
    "result_before_tax": ("Tulos ennen veroja", "Result before tax"),
    "income_tax": ("Tulovero", "Income tax"),
    "costs": ("Kulut yhteensä", "Costs"),
    "result": ("Tulos", "Result"),
    "cumulative_result": ("Kertynyt tulos", "Cumulative result"),
    # cash lines
    "customer_receipts": ("Asiakkaiden maksut (sis. ALV)", "Customer receipts (incl. VAT)"),
    "client_fees_received": ("Asiakasmaksut saatu", "Client fees received"),
    "pay_subsidy_received": ("Palkkatuki saatu", "Pay subsidy received"),
    "grants_received": ("Avustukset saatu", "Grants received"),
    "other_income_received": ("Muut tuotot saatu", "Other income received"),
    "vat_refund": ("ALV-palautus", "VAT refund"),
    "share_capital": ("Osuusmaksut", "Share capital"),
    "loan_drawdown": ("Lainan nosto", "Loan drawdown"),
    "wages_paid": ("Palkat maksettu", "Wages paid"),
    "holiday_pay_paid": ("Lomapalkat maksettu", "Holiday pay paid"),
    "holiday_bonus_paid": ("Lomarahat maksettu", "Holiday bonus paid"),
    "employer_contributions_paid": ("Sivukulut maksettu", "Contributions paid"),
    "work_activity_pay_paid": ("Työosuusrahat maksettu", "Work-activity pay paid"),
    "work_activity_costs_paid": ("Työtoiminnan kulut maksettu", "Work-activity costs paid"),
    "supplier_payments": ("Ostot maksettu (sis. ALV)", "Supplier payments (incl. VAT)"),
    "interest_paid": ("Korot maksettu", "Interest paid"),
    "loan_repayment": ("Lainan lyhennys", "Loan repayment"),
    "vat_paid": ("ALV tilitetty", "VAT remitted"),
    "income_tax_paid": ("Tulovero maksettu", "Income tax paid"),
    "cash_in": ("Kassaan tulot", "Cash in"),
    "cash_out": ("Kassasta menot", "Cash out"),
    "net_cash_flow": ("Nettokassavirta", "Net cash flow"),
    "opening_cash": ("Kassa alussa", "Opening cash"),
    "closing_cash": ("Kassa lopussa", "Closing cash"),
    # volumes
    "paid_hours": ("Palkalliset tunnit", "Paid hours"),
    "people_in_paid_work": ("Henkilöitä palkkatyössä", "People in paid work"),
    "people_employed_here": ("Henkilöitä omassa palkassa", "People employed here"),
    "people_in_work_activity": ("Henkilöitä työtoiminnassa", "People in work activity"),
    "people_in_avotyo": ("Henkilöitä avotyössä", "People in avotyö"),
    # KPIs
    "break_even_month": ("Kannattavuusraja (kk)", "Break-even month"),
    "min_cash": ("Pienin kassa", "Minimum cash"),
    "min_cash_month": ("Pienimmän kassan kk", "Minimum cash month"),
    "npv": ("Nykyarvo (NPV)", "NPV"),
    "irr": ("Sisäinen korko (IRR)", "IRR"),
    "total_result": ("Tulos yhteensä", "Total result"),
    "total_revenue": ("Tuotot yhteensä", "Total revenue"),
    "total_subsidies": ("Tuet yhteensä", "Total subsidies"),
    "total_costs": ("Kulut yhteensä", "Total costs"),
    "cost_per_paid_hour": ("Kulut / palkallinen tunti", "Cost per paid hour"),
    "subsidy_share": ("Tukien osuus tuloista", "Subsidy share of income"),
    "people_in_paid_work_end": ("Palkkatyössä lopussa", "In paid work at the end"),
    "person_months_in_paid_work": ("Henkilötyökuukaudet palkkatyössä", "Person-months in paid work"),
    "closing_cash_kpi": ("Kassa lopussa", "Closing cash"),
    "model": ("Malli", "Model"),
    "cooperative": ("Työosuuskunta", "Worker cooperative"),
    "subcontracting": ("Alihankinta ja avotyö", "Subcontracting and avotyö"),
    "salaried": ("Palkkatyömalli", "Salaried-work model"),
    "month": ("Kuukausi", "Month"),
    "year": ("Vuosi", "Year"),
    "scenario": ("Skenaario", "Scenario"),
    "warnings": ("Huomautukset", "Warnings"),
    "difference": ("Ero", "Difference"),
    "none": ("ei", "none"),
}


def label(key: str, lang: str = "fi") -> str:
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "fi" else pair[1]


def fmt_number(x, decimals: int = 2, lang: str = "fi") -> str:
    """``1 234,56`` in Finnish (narrow no-break space), ``1,234.56`` in English."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "fi":
        text = text.replace(",", "\u202f").replace(".", ",").replace("-", "−")
    return text


def fmt_eur(x, decimals: int = 2, lang: str = "fi") -> str:
    if x is None:
        return "–"
    return f"{fmt_number(x, decimals, lang)} €" if lang == "fi" else f"€{fmt_number(x, decimals, lang)}"


def fmt_month(ym: str | None, lang: str = "fi") -> str:
    """``2024-03`` -> ``3/2024`` in Finnish."""
    if not ym:
        return "–"
    y, m = ym.split("-")
    return f"{int(m)}/{y}" if lang == "fi" else ym


def fmt_percent(x, decimals: int = 1, lang: str = "fi") -> str:
    if x is None:
        return "–"
    return f"{fmt_number(100 * x, decimals, lang)} %"
