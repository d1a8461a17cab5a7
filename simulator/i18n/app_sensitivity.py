"""The Herkkyys / Sensitivity page (ui/pages/sensitivity.py, ui/sensitivity.py)."""

LABELS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------
    # Herkkyys / Sensitivity page (ui/page_sensitivity.py, ui/sensitivity.py; issue 7, app part)
    "sens.page": ("Herkkyys", "Sensitivity"),
    "sens.intro": ("Mitkä oletukset ratkaisevat (tornado), kuinka varma kassa on (Monte Carlo) ja millä oletuksen "
                   "arvolla tavoite täyttyy (tavoitehaku). Laskenta käyttää valitun skenaarion nykyistä versiota.",
                   "Which assumptions matter (tornado), how sure the cash is (Monte Carlo) and which value of an "
                   "assumption meets a goal (goal seek). Uses the current version of the chosen scenario."),
    "sens.unsaved": ("Luvut sisältävät skenaarion tallentamattomat muutokset.",
                     "Figures include the scenario's unsaved changes."),
    "sens.tab.tornado": ("Tornado ja kaksisuuntainen taulukko", "Tornado and two-way table"),
    "sens.tab.mc": ("Monte Carlo", "Monte Carlo"),
    "sens.tab.goal": ("Tavoitehaku", "Goal seek"),
    "sens.never": ("ei koskaan", "never"),
    "sens.now": ("nyt", "now"),
    "sens.base": ("Perusarvoilla", "At base values"),
    "sens.kpi": ("Tunnusluku", "KPI"),
    "sens.kpi_help": ("Luku, johon oletusten vaikutus mitataan. Henkilön nettotulot koko jaksolta; vuoden tulos "
                      "kalenterivuodelta; kuukausia kannattavuusrajaan alusta laskien.",
                      "The figure whose change is measured. A person's net income over the whole period; the "
                      "result of a calendar year; months to break-even from the start."),
    "sens.rel": ("Muutos ±", "Change ±"),
    "sens.rel_help": ("Kuinka paljon kutakin oletusta muutetaan ylös ja alas, ellei skenaario anna omia rajoja "
                      "(uncertainty.sensitivity).",
                      "How far each assumption is moved down and up unless the scenario gives its own bounds "
                      "(uncertainty.sensitivity)."),
    "sens.top": ("Näytettäviä palkkeja", "Bars shown"),
    "sens.top_help": ("Kaaviossa näkyvät suurimmat vaikutukset; taulukossa ovat kaikki.",
                      "The chart shows the largest effects; the table lists them all."),
    "sens.tornado.none": ("Tälle tunnusluvulle ei löytynyt muutettavia oletuksia.",
                          "No assumptions to move for this KPI."),
    "sens.tornado.low_end": ("Oletus alarajalla", "Assumption at low"),
    "sens.tornado.high_end": ("Oletus ylärajalla", "Assumption at high"),
    "sens.bounds_from": ("Rajat", "Bounds"),
    "sens.bounds_from.scenario": ("skenaario", "scenario"),
    "sens.two_way": ("Kaksisuuntainen taulukko", "Two-way table"),
    "sens.two_way_help": ("Tunnusluku kahden oletuksen kaikilla yhdistelmillä; arvot ala- ja ylärajan väliltä "
                          "(skenaarion rajat tai ±{rel} %). Vihreä on parempi, punainen huonompi.",
                          "The KPI for every pair of values of two assumptions, between their low and high "
                          "(the scenario's bounds or ±{rel} %). Green is better, red worse."),
    "sens.two_way.rows": ("Rivit: oletus", "Rows: assumption"),
    "sens.two_way.columns": ("Sarakkeet: oletus", "Columns: assumption"),
    "sens.two_way.steps": ("Arvoja kummallekin", "Values each"),
    "sens.two_way.columns_are": ("Sarakkeet", "Columns"),
    "sens.two_way.same": ("Valitse kaksi eri oletusta.", "Choose two different assumptions."),
    "sens.two_way.too_few": ("Skenaariossa ei ole kahta muutettavaa oletusta.",
                             "The scenario has fewer than two assumptions to move."),
    "sens.two_way.legend": ("Solu: {kpi}. Perusarvoilla {base}; (nyt) merkitsee skenaarion nykyistä arvoa.",
                            "Cell: {kpi}. At base values {base}; (now) marks the scenario's current value."),
    # Monte Carlo
    "sens.mc.none": ("Tässä skenaariossa ei ole jakaumia, joten Monte Carlo -laskentaa ei voi tehdä. Lisää "
                     "epävarmoille oletuksille jakaumat alla olevalla taulukolla tai skenaariotiedoston "
                     "uncertainty-osioon (esimerkki alla).",
                     "This scenario has no distributions, so there is nothing to draw. Add distributions for the "
                     "uncertain assumptions with the table below, or in the scenario file's uncertainty section "
                     "(example below)."),
    "sens.mc.yaml_example": ("Esimerkki: uncertainty-osio skenaariotiedostoon", "Example: an uncertainty section for the scenario file"),
    "sens.mc.yaml_help": ("Lisää osio skenaarion YAML-tiedoston loppuun. Oletukset nimetään poluilla; tämän skenaarion "
                          "polut näkyvät herkkyystaulukossa ja komennolla python -m simulator sensitivity.",
                          "Add the section at the end of the scenario's YAML file. Assumptions are named by paths; "
                          "this scenario's paths are in the tornado table and in python -m simulator sensitivity."),
    "sens.mc.distributions": ("Skenaarion jakaumat", "The scenario's distributions"),
    "sens.mc.correlations": ("Korrelaatiot", "Correlations"),
    "sens.mc.run": ("Laske", "Run"),
    "sens.mc.draws_help": ("Arvontojen määrä (enintään 50 000). Oletus tulee skenaariosta.",
                           "Number of draws (at most 50,000). The default comes from the scenario."),
    "sens.mc.seed_help": ("Sama siemenluku antaa samat arvonnat ja samat tulokset.",
                          "The same seed gives the same draws and the same results."),
    "sens.mc.progress": ("Arvotaan {draws} kertaa…", "Drawing {draws} times…"),
    "sens.mc.press_run": ("Paina Laske: tulokset näkyvät tässä.", "Press Run: the results appear here."),
    "sens.mc.done": ("{draws} arvontaa, siemenluku {seed}.", "{draws} draws, seed {seed}."),
    "sens.mc.p12": ("Kassa miinuksella 12 kk:n sisällä", "Cash below zero within 12 months"),
    "sens.mc.p24": ("Kassa miinuksella 24 kk:n sisällä", "Cash below zero within 24 months"),
    "sens.mc.p_all": ("Kassa miinuksella koko jaksolla ({n} kk)", "Cash below zero over the whole period ({n} months)"),
    "sens.mc.prob_help": ("Niiden arvontojen osuus, joissa kassa on jonkin kuukauden lopussa alle nollan.",
                          "The share of draws in which closing cash is below zero at the end of some month."),
    "sens.mc.band": ("80 %:n vaihteluväli", "P10–P90 (80 % of draws)"),
    "sens.mc.median": ("Keskimmäinen tulos (mediaani)", "P50 (median)"),
    "sens.mc.pcol": ("{p} %:n raja", "P{p}"),
    "sens.words.tornado": ("Eniten vaikuttaa {top}: sen vaihtelu muuttaa tunnuslukua {swing}. Seuraavina {next}.",
                           "{top} matters most: its range moves the figure by {swing}. Next: {next}."),
    "sens.words.break_even": ("Kannattavuusraja saavutetaan {p_reached} arvonnoista; {p_never} arvonnoista "
                              "rajaa ei saavuteta laskentajaksolla.",
                              "Break-even is reached in {p_reached} of the draws; in {p_never} it is not "
                              "reached within the period."),
    "sens.goal.earlier": ("Miksi aikaisemmin? Haku etsii pienimmän muutoksen, jolla kannattavuusraja saavutetaan "
                          "viimeistään {target}. Tällä arvolla kertynyt tulos pysyy plussalla jo {achieved} alkaen, "
                          "koska arvo vaikuttaa jokaiseen kuukauteen: jos raja saavutetaan {target}, se saavutetaan "
                          "tällä arvolla jo aiemmin.",
                          "Why earlier? The search finds the smallest change that reaches break-even by {target}. "
                          "With this value the cumulative result stays positive from {achieved} on, because the "
                          "value acts on every month: reaching break-even by {target} brings it earlier."),
    "sens.mc.as_written_line": ("Skenaario sellaisenaan", "Scenario as written"),
    "sens.mc.fan_help": ("Vyö: kassa on 80 %:ssa arvonnoista vyön sisällä. Katkoviiva: skenaarion omat arvot. "
                         "Punainen pisteviiva: nolla.",
                         "Band: closing cash lies inside it in 80 % of draws. Dashed: the scenario's own values. "
                         "Red dotted: zero."),
    "sens.mc.axis_prob": ("Todennäköisyys (%)", "Probability (%)"),
    "sens.mc.be_months": ("Kuukausia kannattavuusrajaan", "Months to break-even"),
    "sens.mc.mean": ("Keskiarvo", "Mean"),
    "sens.mc.as_written": ("Skenaario sellaisenaan", "Scenario as written"),
    "sens.mc.percentile_help": ("10 %:n raja: kymmenesosa arvonnoista jää tätä pienemmäksi. Kuukausia kannattavuusrajaan: "
                                "”ei koskaan”, kun raja jää saavuttamatta yli tämän osuuden arvonnoista; keskiarvo "
                                "vain, jos raja saavutetaan kaikissa.",
                                "P10 = 10 % of draws are below this. Months to break-even: “never” when more than "
                                "that share of draws never break even; a mean only when all of them do."),
    # distribution editor
    "sens.kind.uniform": ("tasajakauma", "uniform"),
    "sens.kind.triangular": ("kolmiojakauma", "triangular"),
    "sens.kind.normal": ("normaalijakauma", "normal"),
    "sens.kind.choice": ("vaihtoehdot", "choice"),
    "sens.dist.kind_col": ("Jakauma", "Distribution"),
    "sens.dist.parameters": ("Parametrit", "Parameters"),
    "sens.dist.low": ("ala", "low"),
    "sens.dist.mode": ("todennäköisin", "mode"),
    "sens.dist.high": ("ylä", "high"),
    "sens.dist.mean": ("keskiarvo", "mean"),
    "sens.dist.sd": ("tyypillinen poikkeama", "sd"),
    "sens.dist.assumption_col": ("Oletus", "Assumption"),
    "sens.dist.unit_col": ("Yksikkö", "Unit"),
    "sens.dist.low_col": ("Alaraja", "Low"),
    "sens.dist.mode_col": ("Todennäköisin arvo", "Mode"),
    "sens.dist.high_col": ("Yläraja", "High"),
    "sens.dist.mean_col": ("Keskiarvo", "Mean"),
    "sens.dist.sd_col": ("Tyypillinen poikkeama", "SD"),
    "sens.dist.values_col": ("Vaihtoehdot", "Values"),
    "sens.dist.probabilities_col": ("Todennäköisyydet (%)", "Probabilities (%)"),
    "sens.dist.values_help": ("Vaihtoehdot puolipisteillä erotettuina, esim. 20; 25; 30 tai alkukuukaudelle "
                              "8/2023; 2/2024; ei koskaan.",
                              "Values separated by semicolons, e.g. 20; 25; 30, or for a start month "
                              "2023-08; 2024-02; never."),
    "sens.dist.probabilities_help": ("Kunkin vaihtoehdon todennäköisyys prosentteina, yhteensä 100, esim. 50; 30; 20.",
                                     "Each value's probability in percent, 100 in total, e.g. 50; 30; 20."),
    "sens.dist.edit": ("Muokkaa jakaumia", "Edit the distributions"),
    "sens.dist.edit_help": ("Yksi rivi kullekin epävarmalle oletukselle. Tasajakauma: ala- ja yläraja; kolmio: "
                            "ala, todennäköisin, ylä; normaali: keskiarvo ja tyypillinen poikkeama (rajat valinnaisia); vaihtoehdot: "
                            "arvot ja todennäköisyydet. Osuudet (kuten palkkojen nousu) prosentteina. Muutos tulee "
                            "skenaarion työversioon; tallenna se Skenaario-sivulla.",
                            "One row per uncertain assumption. Uniform: low and high; triangular: low, mode, high; "
                            "normal: mean and sd (bounds optional); choice: values and probabilities. Shares (such "
                            "as wage growth) in percent. The change goes to the scenario's working copy; save it "
                            "on the Scenario page."),
    "sens.dist.apply": ("Käytä jakaumia", "Apply the distributions"),
    "sens.dist.applied": ("Jakaumat päivitetty ({n} kpl). Tallenna skenaario Skenaario-sivulla, jos haluat säilyttää ne.",
                          "Distributions updated ({n}). Save the scenario on the Scenario page to keep them."),
    "sens.dist.where": ("Jakaumat, rivi {row}, {column}", "Distributions, row {row}, {column}"),
    "sens.dist.err.assumption": ("valitse oletus luettelosta", "choose an assumption from the list"),
    "sens.dist.err.kind": ("valitse jakauma", "choose a distribution"),
    "sens.dist.err.month_choice": ("alkukuukaudelle käyvät vain vaihtoehdot (kuukausia tai ei koskaan)",
                                   "a start month takes only a choice (months or never)"),
    "sens.dist.err.never_only_months": ("”ei koskaan” käy vain alkukuukaudelle",
                                        "“never” is only for a start month"),
    # goal seek
    "sens.goal.assumption": ("Muutettava oletus", "Assumption to change"),
    "sens.goal.assumption_help": ("Oletus, jonka arvoa haetaan. Oletuksena ensimmäisen myyntirivin hinta.",
                                  "The assumption whose value is sought. By default the first revenue line's price."),
    "sens.goal.now": ("Nyt: {value}", "Now: {value}"),
    "sens.goal.kind.break_even_by": ("Kannattavuusraja viimeistään", "Break-even by"),
    "sens.goal.kind.min_cash_at_least": ("Pienin kassa vähintään", "Minimum cash at least"),
    "sens.goal.month": ("Kuukausi", "Month"),
    "sens.goal.month_help": ("Kertyneen tuloksen pitää olla tästä kuukaudesta loppuun asti vähintään nolla.",
                             "The cumulative result must stay at zero or above from this month to the end."),
    "sens.goal.floor": ("Alaraja (€)", "Floor (€)"),
    "sens.goal.floor_help": ("Kassan pitää olla joka kuukauden lopussa vähintään tämä.",
                             "Closing cash must be at least this at the end of every month."),
    "sens.goal.low": ("Hakuväli alkaen", "Search from"),
    "sens.goal.high": ("Hakuväli enintään", "Search up to"),
    "sens.goal.default_bound": ("oletus", "default"),
    "sens.goal.range_help": ("Hakuväli: {range}. Tyhjä raja = oletus (oletuksen luonnolliset rajat tai 0–5 × nykyarvo).",
                             "Search range: {range}. An empty bound = default (the assumption's natural bounds or "
                             "0–5 × the current value)."),
    "sens.goal.solve": ("Etsi", "Solve"),
    "sens.goal.found": ("Tavoite ”{goal}” täyttyy, kun ”{name}” {verb} arvosta {base} arvoon {value}.",
                        "The goal “{goal}” is met when “{name}” {verb} from {base} to {value}."),
    "sens.goal.verb.raise": ("nostetaan", "is raised"),
    "sens.goal.verb.lower": ("lasketaan", "is lowered"),
    "sens.goal.verb.later": ("siirretään myöhemmäksi", "is moved later"),
    "sens.goal.verb.earlier": ("siirretään aiemmaksi", "is moved earlier"),
    "sens.goal.may.raise": ("nousisi", "rises"),
    "sens.goal.may.lower": ("laskisi", "falls"),
    "sens.goal.may.later": ("siirtyisi myöhemmäksi", "moves later"),
    "sens.goal.may.earlier": ("siirtyisi aiemmaksi", "moves earlier"),
    "sens.goal.from": ("Nykyinen arvo {base}", "Current value {base}"),
    "sens.goal.achieved.break_even_by": ("Kannattavuusraja silloin", "Break-even then"),
    "sens.goal.achieved.min_cash_at_least": ("Pienin kassa silloin", "Minimum cash then"),
    "sens.goal.iterations_help": ("Laskelman ajokertoja haun aikana.", "Projections run during the search."),
    "sens.goal.already": ("Nykyinen arvo {base} täyttää jo tavoitteen ”{goal}”. Tavoite täyttyy vielä, vaikka arvo "
                          "{verb} arvoon {value} asti.",
                          "The current value {base} already meets the goal “{goal}”. It still holds if the value "
                          "{verb} as far as {value}."),
    "sens.goal.holds": ("Nykyinen arvo {base} täyttää tavoitteen ”{goal}”, ja se täyttyy koko hakuvälillä.",
                        "The current value {base} meets the goal “{goal}”, and it holds over the whole search range."),
    "sens.goal.none": ("Tavoitetta ”{goal}” ei saavuteta millään oletuksen ”{name}” arvolla hakuvälillä {range}. "
                       "Lähimmäksi päästään arvolla {best}: {reached}.",
                       "No value of “{name}” in the search range {range} meets the goal “{goal}”. The closest is "
                       "{best}: {reached}."),
    "sens.goal.best_be": ("kertynyt tulos jää {month} jälkeen pahimmillaan {amount}:oon",
                          "the cumulative result from {month} on still falls to {amount}"),
    "sens.goal.best_cash": ("pienin kassa on {amount}", "minimum cash is {amount}"),
    "sens.goal.none_help": ("Kokeile toista oletusta, laajempaa hakuväliä tai myöhäisempää kuukautta / matalampaa alarajaa.",
                            "Try another assumption, a wider search range, or a later month / a lower floor."),
    "sens.goal.no_assumptions": ("Skenaariossa ei ole muutettavia oletuksia.", "The scenario has no assumptions to change."),
    "sens.goal.apply": ("Käytä kopioon", "Apply to a copy"),
    "sens.goal.apply_help": ("Tallentaa uuden skenaarion ”{name}”, jossa vastaus on käytössä. Alkuperäinen skenaario "
                             "ei muutu.",
                             "Saves a new scenario “{name}” with the answer applied. The original scenario is not "
                             "changed."),
    "sens.goal.copy_suffix": ("tavoite", "goal"),
    "sens.goal.open_copy": ("Avaa ”{name}” Skenaario-sivulla", "Open “{name}” on the Scenario page"),
}
