"""The one JSON writer: strict JSON that any parser (JavaScript's too) reads.

Every JSON text the program writes (the CLI's ``--format json``, the
history's revisions, drafts, the workbook's data sheet) goes through
``dumps``. It never writes ``NaN``, ``Infinity`` or ``-Infinity``
(``allow_nan=False``): a figure that is undefined is ``null`` where the
producer says so (README, "JSON contract"), and a non-finite number that
reaches the writer is refused with ``NonFiniteJSON``, which names where in
the document it sits, in English and Finnish. numpy scalars and arrays are
written as plain numbers and lists.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Callable


_SURROGATE = re.compile("[\ud800-\udfff]")


class NonFiniteJSON(ValueError):
    """A number that is not finite (NaN, ±infinity) at ``where`` in a JSON document."""

    def __init__(self, where: str, value: Any):
        self.where, self.value = where, value
        self.en = (f"the result has a number that is not finite ({value!r}) at {where}: "
                   "an input is too large or undefined")
        self.fi = (f"tuloksessa on luku, joka ei ole äärellinen ({value!r}), kohdassa {where}: "
                   "jokin syöte on liian suuri tai määrittelemätön")
        super().__init__(f"{self.en} / {self.fi}")


def _plain(value: Any) -> Any:
    """numpy scalars and arrays as Python numbers and lists; else TypeError."""
    import numpy as np  # noqa: PLC0415 (numpy is loaded by every caller anyway)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _first_non_finite(obj: Any, where: str = "$") -> tuple[str, Any] | None:
    """The path (``$.a[3].b``) and value of the first non-finite number in ``obj``."""
    import numpy as np  # noqa: PLC0415
    if isinstance(obj, (float, np.floating)):
        return None if math.isfinite(obj) else (where, float(obj))
    if isinstance(obj, dict):
        for k, v in obj.items():
            hit = _first_non_finite(v, f"{where}.{k}")
            if hit:
                return hit
    elif isinstance(obj, (list, tuple, np.ndarray)):
        for i, v in enumerate(list(obj)):
            hit = _first_non_finite(v, f"{where}[{i}]")
            if hit:
                return hit
    return None


def dumps(obj: Any, *, indent: int | None = None, sort_keys: bool = False,
          default: Callable[[Any], Any] | None = None) -> str:
    """``obj`` as strict JSON text (UTF-8 characters kept, not escaped).

    ``default`` converts other objects (after numpy's); raises
    ``NonFiniteJSON`` naming the place of a NaN or an infinity."""
    def _default(value):
        try:
            return _plain(value)
        except TypeError:
            if default is None:
                raise
            return default(value)
    try:
        text = json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent, sort_keys=sort_keys,
                          default=_default)
    except ValueError as exc:
        if "JSON compliant" not in str(exc):
            raise
        hit = _first_non_finite(obj)
        raise NonFiniteJSON(*(hit or ("$", float("nan")))) from None
    if _SURROGATE.search(text):     # a lone surrogate (a file name's non-UTF-8 byte): its \\uXXXX escape
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def strict_loads(text: str) -> Any:
    """Parse JSON the way JavaScript does: ``NaN`` and ``Infinity`` are errors."""
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")
    return json.loads(text, parse_constant=refuse)
