"""The app's session state, by part (import the part you need):

- ``session``: the language and translated text (``lang``, ``t``);
- ``engine_cache``: the one cached engine call (``run``, ``Run``, ``per_person_totals``);
- ``working``: working copies (``Working``, ``working``, ``current_working``, ``entries``);
- ``ingest``: widget keys and taking edits into a working copy (``ingest``, ``problems_for``);
- ``actions``: undo, revert, reset, flash messages, the user and why they may not save;
- ``saving``: save, save as new (``create``), conflicts and merge, open latest, restore.

This module only re-exports those names for code still written against
``state.<name>`` (``ui/pages/compare.py``); new code imports the parts.
"""
from __future__ import annotations

from .actions import (create_denied, edit_denied, error_text, flash, new_denied, pop_flash,
                      reset_to_base, revert_to_saved, undo, user)
from .engine_cache import PER_PERSON_COLUMNS, Run, _project, per_person_totals, run
from .ingest import (RUN_KEY, field_key, form_key, has_problems, ingest, mark_shown, problems_for,
                     run_number, table_key)
from .saving import (CONFLICT_KEY, CREATE_ERRORS, accept_merge, conflicts, create, new_name_key,
                     open_latest, restore, save, save_as)
from .session import LANG_KEY, LANGS, lang, t
from .working import (COMPARE_KEY, HISTORY_LIMIT, SCENARIO_KEY, Working, current_sid, current_working,
                      default_sid, display_names, entries, is_edited, working)

__all__ = [
    "create_denied", "edit_denied", "error_text", "flash", "new_denied", "pop_flash", "reset_to_base",
    "revert_to_saved", "undo", "user", "PER_PERSON_COLUMNS", "Run", "_project", "per_person_totals", "run",
    "RUN_KEY", "field_key", "form_key", "has_problems", "ingest", "mark_shown", "problems_for",
    "run_number", "table_key", "CONFLICT_KEY", "CREATE_ERRORS", "accept_merge", "conflicts", "create",
    "new_name_key", "open_latest", "restore", "save", "save_as", "LANG_KEY", "LANGS", "lang", "t",
    "COMPARE_KEY", "HISTORY_LIMIT", "SCENARIO_KEY", "Working", "current_sid", "current_working",
    "default_sid", "display_names", "entries", "is_edited", "working",
]
