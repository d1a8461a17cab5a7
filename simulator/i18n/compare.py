"""Labels of the comparison's verdict (simulator/compare/verdict.py and the
views that show it). The sentences themselves are messages: their templates
(``msg.verdict_*``, ``msg.cmp_*``) are in ``messages_text.py``."""

LABELS: dict[str, tuple[str, str]] = {
    # who a sentence is about (the allative where the sentence says "for whom")
    "verdict.who.organisation": ("Organisaation oma tulos", "The organisation's own result"),
    "verdict.who.organisation_full_cost": ("Organisaation tulos täysin kustannuksin",
                                           "The organisation's result at full cost"),
    "verdict.who.county": ("Hyvinvointialueelle", "For the wellbeing services county"),
    "verdict.who.municipality": ("Kunnalle", "For the municipality"),
    "verdict.who.employment_area": ("Työllisyysalueelle", "For the employment area"),
    "verdict.who.state": ("Valtiolle", "For the state"),
    "verdict.who.kela": ("Kelalle", "For Kela"),
    "verdict.who.pension_insurers": ("Työeläkelaitoksille", "For the pension insurers"),
    "verdict.who.people": ("Henkilöiden nettotulot", "The people's net income"),
    # the views' headings and columns
    "verdict.title": ("Johtopäätös osapuolittain", "Verdict by party"),
    "verdict.comparability": ("Vertailukelpoisuus", "Comparability"),
    "verdict.table": ("Osapuolet: paras vaihtoehto ja ero", "Parties: the best option and the margin"),
    "verdict.col.party": ("Osapuoli", "Party"),
    "verdict.col.measure": ("Mittari", "Measure"),
    "verdict.col.best": ("Paras", "Best"),
    "verdict.col.margin": ("Ero seuraavaan", "Margin over the next"),
    "verdict.figure.result": ("tulos", "result"),
    "verdict.figure.public": ("nettokustannuksen muutos nykytilaan", "change in net cost from the status quo"),
    "verdict.figure.people": ("nettotulojen muutos nykytilaan", "change in net income from the status quo"),
    "verdict.ratios": ("Osapuolten luvut palkkatyövuotta ja palkkatyöhön siirtynyttä henkilöä kohden",
                       "The parties' figures per person-year in paid work and per person moved into paid work"),
    "verdict.per_person_year": ("{name}: / palkkatyövuosi", "{name}: / person-year"),
    "verdict.per_person_moved": ("{name}: / siirtynyt henkilö", "{name}: / person moved"),
    "verdict.volumes": ("Palkkatyön määrä (nykytilaan verrattuna)", "Paid work (against the status quo)"),
    "verdict.vol.person_years": ("Palkkatyövuodet, lisäys nykytilaan", "Person-years in paid work, added to the status quo"),
    "verdict.vol.persons_moved": ("Palkkatyöhön siirtyneet henkilöt (jakson lopussa)",
                                  "People moved into paid work (at the end)"),
    "verdict.vol.hours_paid_by_organisation": ("Organisaation maksamat palkkatunnit",
                                               "Hours paid by the organisation"),
    "verdict.vol.hours_in_paid_work": ("Henkilöiden palkkatyötunnit (kaikki työnantajat)",
                                       "Hours in paid work of the scenario's people (any employer)"),
    "verdict.people_gain": ("Henkilöiden nettotulojen muutos nykytilaan (keskimäärin €/kk)",
                            "Each person's net gain against the status quo (mean €/month)"),
    "verdict.col.person": ("Henkilö", "Person"),
    "verdict.assumptions": ("Oletukset, jotka eroavat", "Assumptions that differ"),
    "verdict.assumptions_none": ("Vertailtavien oletukset ovat samat.", "The compared scenarios have the same assumptions."),
    "verdict.col.path": ("Kenttä", "Field"),
    "verdict.col.label": ("Selite", "Label"),
    "verdict.added": ("(lisätty)", "(added)"),
    "verdict.removed": ("(ei ole)", "(absent)"),
    "verdict.xl.note": ("Lauseet ja osapuolten luvut ovat simulaattorin laskemia arvoja; palkkatyövuodet ja "
                        "tunnit ovat kaavoja Yhteenveto-välilehdille, ero ja suhdeluvut kaavoja tällä välilehdellä.",
                        "The sentences and the parties' figures are values computed by the simulator; person-years "
                        "and hours are formulas to the Summary sheets, margins and ratios formulas on this sheet."),
}
