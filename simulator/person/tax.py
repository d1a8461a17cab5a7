"""The annual income tax of a person is an engine line
(``simulator/engine/household/tax.py``); re-exported here for the analyses
and views that import it from the person package."""
from simulator.engine.household.tax import (CHECK_RATES, MODEL_TOWN, MUNICIPALITIES, TaxInputError, TaxResult,
                                            TaxRules, estimate, income_tax, rules_for_year, state_scale_tax,
                                            withholding)

__all__ = ["CHECK_RATES", "MODEL_TOWN", "MUNICIPALITIES", "TaxInputError", "TaxResult", "TaxRules", "estimate",
           "income_tax", "rules_for_year", "state_scale_tax", "withholding"]
