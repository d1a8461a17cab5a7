"""The engine: the roster, one function per line (``lines/``), the
projection and its key figures. It reads the data model (``simulator.model``)
and imports no analysis, export, storage, command line or UI."""
from simulator.engine.projection import Projection, project, project_columns

__all__ = ["Projection", "project", "project_columns"]
