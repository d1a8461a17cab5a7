"""The Streamlit app's pages and widgets (``app.py`` does navigation only).

- ``page_*.py``: the pages (Skenaario, Tulokset, Vertailu, Parametrit, Ohje);
- ``shell``: navigation, sidebar (language, scenario), the URL;
- ``state``: working copies, edits, undo, saving, the cached engine call;
- ``model``: the editable view of a scenario (tables, fields, problems), no Streamlit;
- ``inputs``: reading numbers, percentages and months typed in Finnish or English;
- ``storage``: pilots (read-only) and user scenarios (``scenarios/user/``, overrides);
- ``diffs``, ``charts``, ``results``, ``widgets``: what changed, figures, tables, KPI cards.
"""
