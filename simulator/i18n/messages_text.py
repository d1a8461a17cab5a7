"""Templates of the messages (``simulator/i18n/messages.py``): ``msg.<code>``,
Finnish first. Fields as ``{name}`` or ``{name:kind}`` (kinds: eur, eur0,
num0–num2, g, branch); lists of months and years become ranges."""

LABELS: dict[str, tuple[str, str]] = {
    # ---- parameters (model/parameters.py, person/tax.py)
    "msg.parameter_gap": ("{label} ({name}): lähteistä ei löytynyt arvoa vuosille {years}; viimeisin tunnettu arvo on käytössä.",
                          "{label} ({name}): no sourced value for {years}; the last known value is carried forward."),
    "msg.parameter_estimate": ("{label} ({name}): vuosille {years} käytetään arviota, jota ei ole vahvistettu lähteestä [tarkistettava].",
                               "{label} ({name}): an estimate not confirmed by a source is used for {years} [check]."),
    # ---- engine (engine/lines, engine/checks.py)
    "msg.irr_undefined": ("ei määritelty: nettokassavirta ei vaihda etumerkkiä täsmälleen kerran (tai korko olisi yli ±50 %/kk)",
                          "not defined: the net cash flow does not change sign exactly once (or the rate would exceed ±50 %/month)"),
    "msg.vat_threshold": ("Vuonna {year} arvonlisäverollinen myynti ({sales:eur0}) ylittää arvonlisäverovelvollisuuden alarajan ({limit:eur0}), mutta skenaariota ei ole merkitty arvonlisäverovelvolliseksi.",
                          "Taxable sales in {year} ({sales:eur0}) exceed the VAT registration threshold ({limit:eur0}) but the scenario is not VAT-registered."),
    "msg.tyoosuusraha_above_tax_free": ("Työosuusraha ylittää verovapaan {limit:eur}/pv: {people}; ylimenevä osa on veronalaista tuloa.",
                                        "Työosuusraha above the tax-free {limit:eur}/day for {people}: the excess is taxable income."),
    "msg.earnings_limit_exceeded": ("{pid}: kuukausipalkka ylittää työkyvyttömyyseläkkeen ansiorajan {n} kuukautena ({months}); Kelan työkyvyttömyyseläke lepäisi.",
                                    "{pid}: monthly pay exceeds the disability-pension earnings limit in {n} month(s), {months}; a Kela disability pension would rest."),
    # ---- the command line (cli/main.py)
    "msg.validate_ok": ("{path}: OK — {name} ({model}, {people} henkilöä, {months} kuukautta)",
                        "{path}: OK — {name} ({model}, {people} people, {months} months)"),
    # ---- the person's view (person/income.py)
    "msg.pension_rests_kela": ("{pid}{branch:branch}: palkka ylittää työkyvyttömyyseläkkeen ansiorajan ({limit:eur}/kk) {n_over} kuukautena ({over}); Kelan eläke lepää eikä sitä makseta {n_rest} kuukautena ({rest}).",
                               "{pid}{branch:branch}: pay exceeds the disability-pension earnings limit ({limit:eur}/month) in {n_over} month(s) ({over}); the Kela pension rests and is not paid in {n_rest} month(s) ({rest})."),
    "msg.pension_rests_kela_chosen": ("{pid}{branch:branch}: eläke jätetään lepäämään koko työsuhteen ajaksi, koska palkka ylittää ansiorajan ({limit:eur}/kk) {n_over} kuukautena ({over}); Kelan eläke lepää {n_rest} kuukautena ({rest}).",
                                      "{pid}{branch:branch}: the pension is let rest through the employment because pay exceeds the earnings limit ({limit:eur}/month) in {n_over} month(s) ({over}); the Kela pension rests in {n_rest} month(s) ({rest})."),
    "msg.pension_rests_earnings_related": ("{pid}{branch:branch}: palkka ylittää työeläkkeen ansiorajan ({limit:eur}/kk) {n_over} kuukautena ({over}); työeläke lepää {n_rest} kuukautena ({rest}).",
                                           "{pid}{branch:branch}: pay exceeds the earnings-related pension's limit ({limit:eur}/month) in {n_over} month(s) ({over}); the earnings-related pension rests in {n_rest} month(s) ({rest})."),
    "msg.pension_rests_earnings_related_chosen": ("{pid}{branch:branch}: työeläke jätetään lepäämään työsuhteen ajaksi (raja {limit:eur}/kk ylittyy {n_over} kuukautena: {over}); työeläke lepää {n_rest} kuukautena ({rest}).",
                                                  "{pid}{branch:branch}: the earnings-related pension is let rest through the employment (limit {limit:eur}/month exceeded in {n_over} month(s): {over}); it rests in {n_rest} month(s) ({rest})."),
    "msg.rest_over_two_years": ("{pid}{branch:branch}: eläke lepäisi yhtäjaksoisesti {n} kuukautta ({months}); eläke voi levätä enintään 2 vuotta.",
                                "{pid}{branch:branch}: the pension would rest for {n} months in a row ({months}); a pension can rest for at most 2 years."),
    "msg.hoitotuki_to_vammaistuki": ("{pid}{branch:branch}: kun eläke lepää ({months}), hoitotuen sijaan maksetaan ylintä vammaistukea.",
                                     "{pid}{branch:branch}: while the pension rests ({months}), the highest vammaistuki is paid instead of hoitotuki."),
    "msg.daily_allowance_notch": ("{pid}{branch:branch}: vuoden {year} palkka {wage:eur} ylittää niukasti päivärahamaksun rajan {threshold:eur}; maksu koko palkasta tekee nettotulot pienemmiksi kuin hieman rajan alle jäävällä palkalla.",
                                  "{pid}{branch:branch}: the {year} wage {wage:eur} is just above the daily-allowance contribution threshold {threshold:eur}; the contribution on the whole wage makes net income lower than with a wage just under the threshold."),
    "msg.partial_year": ("Vuodesta {year} on laskelmassa {n} kuukautta; vero on arvioitu kuin loppuvuosi olisi samanlainen.",
                         "Year {year} has {n} months in the projection; its tax is estimated as if the rest of the year were alike."),
    "msg.tyel_floor_notch": ("{pid}{branch:branch}: kuukausipalkka ylittää niukasti TyEL-vakuuttamisen alarajan ({months}); työntekijän eläkemaksu pienentää nettotuloa enemmän kuin palkka nousee.",
                             "{pid}{branch:branch}: monthly pay is just above the TyEL insurance floor ({months}); the employee pension contribution takes more than the extra pay."),
    "msg.tyoosuusraha_taxable": ("{pid}{branch:branch}: työosuusraha ylittää verovapaan {limit:eur}/pv ({months}); ylimenevä osa {amount:eur} on veronalaista tuloa.",
                                 "{pid}{branch:branch}: work-activity pay exceeds the tax-free {limit:eur}/day ({months}); the excess {amount:eur} is taxable income."),
    "msg.less_than_staying": ("{pid}: nettotulot vuonna {year} ovat {amount:eur} pienemmät kuin työtoiminnassa jatkaen.",
                              "{pid}: net income in {year} is {amount:eur} lower than staying in work activity."),
    # ---- the public purse (person/public.py)
    "msg.wa_without_price": ("Toisen järjestäjän työtoiminnalle ei ole annettu päivähintaa ({people}, {days} päivää): sen kustannus hyvinvointialueelle puuttuu laskelmasta.",
                             "Work activity arranged by another unit has no day price ({people}, {days} days): its cost to the county is not counted."),
}
