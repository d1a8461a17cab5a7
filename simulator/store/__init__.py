"""Scenario storage that never loses an edit (no Streamlit here).

- ``workspace``: the canonical YAML files: names, reading, saving, conflicts.
- ``history_files``: the revision files, the lock and recovery.
- ``revisions``: one revision's record and its file format (``Damaged``).
- ``diff``: changes between two scenario versions and the three-way merge.
- ``docs``: documents as stored (base + overrides) and their resolution.
- ``fsutil``: atomic writes and the cross-process lock.
- ``auth``, ``login_limits``, ``users_permissions``: log-in, its rate limit, the users file's modes.
- ``cli``: ``history``, ``show``, ``diff``, ``restore``, ``save`` on the command line.
"""
from .diff import Change, merge3, walk
from .docs import PILOTS
from .workspace import (AuditEntry, BadName, Conflict, InvalidScenario, NameTaken, NotFound, Revision,
                        Store, StoreError, workspace_dir)

__all__ = ["AuditEntry", "BadName", "Change", "Conflict", "InvalidScenario", "NameTaken", "NotFound", "PILOTS",
           "Revision", "Store", "StoreError", "merge3", "walk", "workspace_dir"]
