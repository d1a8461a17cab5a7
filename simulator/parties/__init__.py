"""Each party's money (the organisation, the public bodies, the people),
month by month, against the same status quo for every model; the dated
payer map (``data/payers.yaml``). An analysis above the engine.

- ``parties.py``: ``parties(projection)`` -> ``Parties`` (``total``,
  ``difference``, ``monthly``, ``yearly``, ``lines``, ``to_dict``);
- ``flows.py``: every party line of a projection with its payer and receiver;
- ``payers.py``: ``payer(line, month)``, ``receiver(line, month)``;
- ``catalogue.py``: the parties and party lines, declared once.
"""
from .catalogue import FLOW_PARTIES, LINES, OUTSIDE, PARTIES, PUBLIC
from .parties import Parties, parties
from .payers import payer, receiver

__all__ = ["FLOW_PARTIES", "LINES", "OUTSIDE", "PARTIES", "PUBLIC", "Parties", "parties", "payer", "receiver"]
