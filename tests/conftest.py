import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


def start_app(user: str | None = None, page: str | None = "ui/pages/scenario.py", **query):
    """The whole app in AppTest with these URL parameters (and, with ``user``,
    that user signed in), on ``page`` (the app opens on Aloitus; AppTest can
    switch pages only after a first run); fails on an exception."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user:
        at.session_state["_auth_user"] = user
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


@pytest.fixture(scope="session")
def params():
    from simulator.model.parameters import ParameterSet
    return ParameterSet.load()


@pytest.fixture(scope="session")
def pilot_paths():
    return [ROOT / "scenarios" / f"{p}.yaml" for p in PILOTS]
