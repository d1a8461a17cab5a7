import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


@pytest.fixture(scope="session")
def params():
    from simulator.parameters import ParameterSet
    return ParameterSet.load()


@pytest.fixture(scope="session")
def pilot_paths():
    return [ROOT / "scenarios" / f"{p}.yaml" for p in PILOTS]
