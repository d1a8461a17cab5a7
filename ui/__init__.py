"""The Streamlit app's pages and widgets (``app.py`` does navigation only).

- ``pages/``: the pages (Aloitus, Ohje, Skenaario, Tulokset, Herkkyys, Vertailu, Henkilö, Parametrit);
- ``frontend``: Streamlit's own English texts in Finnish, ``<html lang>``, contrast;
- ``shell``: navigation, sidebar (language, scenario), the URL;
- ``session`` (language, ``t``), ``engine_cache`` (the one cached engine call),
  ``working`` (working copies), ``ingest`` (edits into a working copy),
  ``actions`` (undo, reset, flash, who may save), ``saving`` (save, create,
  conflicts, restore); ``state`` re-exports them for older callers;
- ``model``: the editable view of a scenario (tables, fields, problems), no Streamlit;
- ``inputs``: reading numbers, percentages and months typed in Finnish or English;
- ``storage``: pilots (read-only) and user scenarios (``scenarios/user/``, overrides);
- ``diffs``, ``charts``, ``results``, ``widgets``: what changed, figures, tables, KPI cards.
"""
