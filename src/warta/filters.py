"""The event filters' rules, checked once for the CLI, the Python API and the REST API.

:func:`check_filters` takes the filter values as given (``None`` for absent), returns them
normalised (a PLOVER type upper-cased) and raises :class:`~warta.errors.FilterError` naming
every bad value and what it should be. The CLI prints that message, :class:`warta.Store`
raises it, and the REST API answers 422 with the same words.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import FilterError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "future", "hypothetical", "negated", "historical")
MAX_TEXT = 300  # a free-text filter value's length

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
DATE_SHAPE = "a date YYYY, YYYY-MM or YYYY-MM-DD"


def _date_problem(v: str) -> str | None:
    m = _DATE.match(v)
    if not m:
        return f"should be {DATE_SHAPE}"
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        dt.date(y, mo or 1, d or 1)
    except ValueError:
        return f"should be {DATE_SHAPE} that exists in the calendar"
    return None


def problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """``(field, message)`` for every bad value among ``values`` (absent ones are ``None`` or ``""``)."""
    out = []
    for name, v in values.items():
        if v is None or v == "":
            continue
        msg = None
        if not isinstance(v, str):
            msg = "should be text"
        elif name == "type":
            if v.upper() not in PLOVER_TYPES:
                msg = "should be a PLOVER event type: " + ", ".join(PLOVER_TYPES)
        elif name in ("since", "until"):
            msg = _date_problem(v)
        elif name == "modality":
            if v not in MODALITIES:
                msg = "should be one of " + ", ".join(MODALITIES)
        elif name == "min_confidence":
            try:
                ok = 0.0 <= float(v) <= 1.0
            except ValueError:
                ok = False
            if not ok:
                msg = "should be a number from 0 to 1"
        elif name == "country":
            if not _COUNTRY.match(v):
                msg = "should be a three-letter country code such as IDN"
        elif len(v) > MAX_TEXT:
            msg = f"should be at most {MAX_TEXT} characters"
        if msg:
            out.append((name, f"{name} {v!r}: {msg}" if isinstance(v, str) and len(v) <= 60 else f"{name}: {msg}"))
    if not out and values.get("since") and values.get("until") and values["since"] > values["until"] + "\uffff":
        out.append(("until", f"until {values['until']!r} is before since {values['since']!r}"))
    return out


def check_filters(**values: Any) -> dict[str, Any]:
    """The filter values normalised, or :class:`FilterError` naming each bad one."""
    bad = problems(values)
    if bad:
        raise FilterError(bad)
    out = {k: (v if v != "" else None) for k, v in values.items()}
    if out.get("type"):
        out["type"] = out["type"].upper()
    if out.get("country"):
        out["country"] = out["country"].upper()
    return out
