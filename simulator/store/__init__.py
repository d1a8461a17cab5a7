"""Scenario storage that never loses an edit (no Streamlit here).

- ``workspace``: the canonical YAML files, their revisions, the lock, recovery.
- ``diff``: changes between two scenario versions and the three-way merge.
- ``docs``: documents as stored (base + overrides) and their resolution.
- ``fsutil``: atomic writes and the cross-process lock.
- ``cli``: ``history``, ``show``, ``diff``, ``restore``, ``save`` on the command line.
"""
from .diff import Change, merge3, walk
from .docs import PILOTS
from .workspace import (AuditEntry, BadName, Conflict, InvalidScenario, NameTaken, NotFound, Revision,
                        Store, StoreError, workspace_dir)

__all__ = ["AuditEntry", "BadName", "Change", "Conflict", "InvalidScenario", "NameTaken", "NotFound", "PILOTS",
           "Revision", "Store", "StoreError", "merge3", "walk", "workspace_dir"]
