"""The knowledge base of actors and places: countries, places, organisations, people, roles.

The data are JSON Lines files, one entry a line, human-editable:

    {"id": "person/vladimir-putin", "name": "Vladimir Putin", "type": "PER", "code": "RUS",
     "sector": "GOV", "wikidata": "Q7747", "aliases": ["Vladimir Putin", "Putin"],
     "roles": [{"role": "President of Russia", "country": "RUS", "start": "2012", "end": null}]}

Role lines (titles and group words for the linker and the event coder) have a ``form``:

    {"form": "Menteri Luar Negeri", "kind": "title", "sector": "GOV", "description": "foreign minister"}

A title only one country's officials bear (``Menko Polhukam``, ``Kapolda``, ``Bupati``, Polri's
ranks) carries that ``country``: a person after it whom nothing else places is of it.

    {"form": "Kapolda", "kind": "title", "sector": "COP", "description": "regional police chief", "country": "IDN"}

Office lines name one office and the role words for it; the people who held it carry roles
with the same ``office`` and their terms, so that a bare role word resolves to the holder on
an article's date (:meth:`KnowledgeBase.holder`):

    {"form": "Kapolri", "kind": "office", "office": "IDN/kapolri", "sector": "COP",
     "description": "Chief of the Indonesian National Police", "aliases": ["Kepala Polri"]}
    {"id": "person/listyo-sigit-prabowo", "roles": [{"role": "Chief of the Indonesian National
     Police", "office": "IDN/kapolri", "country": "IDN", "start": "2021-01-27", "end": null}]}

``aliases`` are the surface forms the gazetteer looks for in text (the ``name`` is matched only if
it is listed there too: ``Lima`` the city is not ``lima`` 'five'). Entries with the same ``id`` are merged, in load order: aliases and roles are united, any other
field given (not null) by a later line overrides the earlier value. A user file can therefore
add aliases to a packaged entry with just ``{"id": ..., "aliases": [...]}``.

Packaged files live in ``warta/analyse/resolve/data``; user files are every ``*.jsonl`` in
``$WARTA_KB_DIR`` (or ``~/.local/share/warta/kb/``), loaded after the packaged ones.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

DATA_DIR = Path(__file__).resolve().parent / "data"

TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
ROLE_KINDS = frozenset({"title", "group", "office"})
# Packaged files load in this order (generated bases first, then what refines them).
_PACKAGED_ORDER = (
    "countries.jsonl",
    "countries_extra.jsonl",
    "places.jsonl",
    "metonyms.jsonl",
    "organisations.jsonl",
    "indonesia.jsonl",
    "regions.jsonl",
    "leaders.jsonl",
    "people.jsonl",
    "roles.jsonl",
    "offices.jsonl",
)

HEAD_ROLES = ("head of state", "head of government")
_CODE_RE = re.compile(r"^(?:[A-Z]{3}|IGO)$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_SECTOR_RE = re.compile(r"^[A-Z][A-Z0-9_/]{1,11}$")
_ENTRY_KEYS = frozenset({"id", "name", "type", "code", "sector", "wikidata", "aliases", "roles", "note"})
_ROLE_KEYS = frozenset({"form", "kind", "sector", "description", "type", "note", "aliases", "office", "country"})


from ...errors import KnowledgeBaseError  # noqa: E402


class KBError(KnowledgeBaseError, ValueError):
    """A knowledge-base file has a bad line; the message names the file and the line."""


@dataclass(frozen=True)
class KBEntry:
    id: str
    name: str
    type: str  # PER | ORG | GPE | LOC
    code: str | None = None  # ISO 3166-1 alpha-3, "IGO", or None
    sector: str | None = None  # PLOVER/CAMEO sector, None for places
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "code": self.code,
            "sector": self.sector,
            "wikidata": self.wikidata,
            "aliases": list(self.aliases),
        }
        if self.roles:
            d["roles"] = [dict(r) for r in self.roles]
        return d


# ---------------------------------------------------------------- normalisation
def _fold_table() -> dict[int, str]:
    """Length-preserving map of accented Latin letters (and typographic quotes) to plain ones."""
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    for ch in "\u2018\u2019\u02bc\u0060\u00b4":
        table[ord(ch)] = "'"
    for ch in "\u2010\u2011\u2012\u2013\u2014":
        table[ord(ch)] = "-"
    table[ord("\u0131")] = "i"  # dotless i (Turkish)
    table[ord("\u0130")] = "I"
    table[ord("\u00df")] = "s"  # keeps length 1
    return table


FOLD_TABLE = _fold_table()


def fold(s: str) -> str:
    """Accents off, quotes and dashes plain; same length as ``s`` (offsets stay valid)."""
    if s.isascii() and "`" not in s:  # nothing to fold (the backtick is the one ASCII character folded)
        return s
    return s.translate(FOLD_TABLE)


def slug(s: str) -> str:
    """The id-friendly form of a name: ``Polda Jawa Barat`` -> ``polda-jawa-barat``."""
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:80] or "x"


def norm_key(s: str) -> str:
    """Lookup key of a surface form: folded, lower-cased, whitespace collapsed."""
    return " ".join(fold(s).lower().split())


def case_strict(alias: str) -> bool:
    """Whether ``alias`` counts only in its own case: all capitals, or three letters or fewer
    (``AS`` is not ``as``, ``MA`` is not the name ``Ma``)."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 3 or all(c.isupper() for c in letters)


# ---------------------------------------------------------------- validation
def _err(path: Path | str, lineno: int, msg: str) -> KBError:
    return KBError(f"{path}:{lineno}: {msg}")


def validate_record(rec: Any, path: Path | str = "<data>", lineno: int = 0, partial_ok: bool = True) -> str:
    """Check one parsed line; return "entry" or "role". Raises KBError naming file and line."""
    if not isinstance(rec, dict):
        raise _err(path, lineno, f"expected a JSON object, got {type(rec).__name__}")
    if "form" in rec:
        unknown = set(rec) - _ROLE_KEYS
        if unknown:
            raise _err(path, lineno, f"unknown role field(s) {sorted(unknown)}")
        if not isinstance(rec["form"], str) or not rec["form"].strip():
            raise _err(path, lineno, "role 'form' must be a non-empty string")
        if rec.get("kind") not in ROLE_KINDS:
            raise _err(path, lineno, f"role 'kind' must be one of {sorted(ROLE_KINDS)}, got {rec.get('kind')!r}")
        sec = rec.get("sector")
        if sec is not None and (not isinstance(sec, str) or not _SECTOR_RE.match(sec)):
            raise _err(path, lineno, f"bad sector {sec!r}")
        country = rec.get("country")
        if country is not None and (not isinstance(country, str) or not _CODE_RE.match(country)):
            raise _err(path, lineno, f"bad role country {country!r} (an ISO 3166 alpha-3 code)")
        if rec["kind"] == "office" and (not isinstance(rec.get("office"), str) or not rec["office"].strip()):
            raise _err(path, lineno, "an office line needs an 'office' id (e.g. 'IDN/kapolri')")
        aliases = rec.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _err(path, lineno, "role 'aliases' must be a list of non-empty strings")
        return "role"
    unknown = set(rec) - _ENTRY_KEYS
    if unknown:
        raise _err(path, lineno, f"unknown field(s) {sorted(unknown)} (entries have {sorted(_ENTRY_KEYS)})")
    eid = rec.get("id")
    if not isinstance(eid, str) or not eid.strip():
        raise _err(path, lineno, "missing or empty 'id'")
    if "name" in rec or not partial_ok:
        name = rec.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _err(path, lineno, f"entry {eid!r}: missing or empty 'name'")
    if "type" in rec or not partial_ok:
        if rec.get("type") not in TYPES:
            raise _err(path, lineno, f"entry {eid!r}: 'type' must be one of {sorted(TYPES)}, got {rec.get('type')!r}")
    code = rec.get("code")
    if code is not None and (not isinstance(code, str) or not _CODE_RE.match(code)):
        raise _err(path, lineno, f"entry {eid!r}: 'code' must be ISO 3166-1 alpha-3, 'IGO' or null, got {code!r}")
    sec = rec.get("sector")
    if sec is not None and (not isinstance(sec, str) or not _SECTOR_RE.match(sec)):
        raise _err(path, lineno, f"entry {eid!r}: bad 'sector' {sec!r}")
    qid = rec.get("wikidata")
    if qid is not None and (not isinstance(qid, str) or not _QID_RE.match(qid)):
        raise _err(path, lineno, f"entry {eid!r}: 'wikidata' must look like Q123 or be null, got {qid!r}")
    aliases = rec.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _err(path, lineno, f"entry {eid!r}: 'aliases' must be a list of non-empty strings")
    roles = rec.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, dict) and isinstance(r.get("role"), str) for r in roles):
        raise _err(path, lineno, f"entry {eid!r}: 'roles' must be a list of objects with a 'role' string")
    return "entry"


def iter_file(path: Path | str, partial_ok: bool = True) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Yield (line number, "entry"|"role", record) for each non-blank, non-comment line."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            s = line.strip()
            if not s or s.startswith("#") or s.startswith("//"):
                continue
            try:
                rec = json.loads(s)
            except json.JSONDecodeError as e:
                raise _err(path, lineno, f"invalid JSON: {e.msg} (column {e.colno})") from None
            kind = validate_record(rec, path, lineno, partial_ok=partial_ok)
            yield lineno, kind, rec


def user_dir() -> Path:
    env = os.environ.get("WARTA_KB_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "warta" / "kb"


def packaged_files() -> list[Path]:
    present = {p.name: p for p in DATA_DIR.glob("*.jsonl")}
    ordered = [present.pop(n) for n in _PACKAGED_ORDER if n in present]
    return ordered + [present[n] for n in sorted(present)]


# ---------------------------------------------------------------- the knowledge base
class KnowledgeBase:
    def __init__(self, records: Iterable[tuple[str, dict[str, Any], str]] = ()):
        """Build from (kind, record, origin) triples; prefer :meth:`load` / :meth:`default`."""
        raw: dict[str, dict[str, Any]] = {}
        origin_of: dict[str, str] = {}
        roles: dict[str, dict[str, Any]] = {}
        for kind, rec, origin in records:
            if kind == "role":
                key = rec["form"].strip().lower() + "\x00" + rec["kind"]
                if key in roles:
                    roles[key].update({k: v for k, v in rec.items() if v is not None})
                else:
                    roles[key] = dict(rec)
                continue
            eid = rec["id"]
            cur = raw.get(eid)
            if cur is None:
                cur = raw[eid] = {"id": eid, "aliases": [], "roles": []}
                origin_of[eid] = origin
            for k, v in rec.items():
                if k == "aliases":
                    seen = set(cur["aliases"])
                    cur["aliases"].extend(a for a in v if a not in seen and not seen.add(a))
                elif k == "roles":
                    cur["roles"].extend(r for r in v if r not in cur["roles"])
                elif k in ("id", "note"):
                    continue
                elif v is not None:
                    cur[k] = v
                elif k not in cur:
                    cur[k] = None
        self._entries: dict[str, KBEntry] = {}
        for eid, d in raw.items():
            if "name" not in d or "type" not in d:
                raise KBError(f"{origin_of[eid]}: entry {eid!r} adds to no known entry and has no name/type")
            aliases = list(d["aliases"])
            self._entries[eid] = KBEntry(
                id=eid,
                name=d["name"],
                type=d["type"],
                code=d.get("code"),
                sector=d.get("sector"),
                wikidata=d.get("wikidata"),
                aliases=tuple(aliases),
                roles=tuple(d["roles"]),
            )
        self.roles: list[dict[str, Any]] = list(roles.values())
        self._by_key: dict[str, list[KBEntry]] = {}
        self._by_exact: dict[str, list[KBEntry]] = {}
        self._by_loose_key: dict[str, list[KBEntry]] = {}  # from aliases that may change case
        for e in self._entries.values():
            for a in (e.name, *e.aliases):
                lst = self._by_exact.setdefault(fold(a), [])
                if e not in lst:
                    lst.append(e)
                lst = self._by_key.setdefault(norm_key(a), [])
                if e not in lst:
                    lst.append(e)
                if not case_strict(a):
                    lst = self._by_loose_key.setdefault(norm_key(a), [])
                    if e not in lst:
                        lst.append(e)
        self._by_code: dict[str, KBEntry] = {}
        for e in self._entries.values():
            if e.id.startswith("country/") and e.code and e.code not in self._by_code:
                self._by_code[e.code] = e
        self._role_by_form: dict[str, list[dict[str, Any]]] = {}
        for r in self.roles:
            self._role_by_form.setdefault(norm_key(r["form"]), []).append(r)
        # office id -> [(start, end, entry)]: who held which office when; a country's head of
        # state or government is the office "RUS/head of state" (leaders.jsonl's roles)
        self._terms: dict[str, list[tuple[str, str | None, KBEntry]]] = {}
        for e in self._entries.values():
            for r in e.roles:
                if not r.get("start"):
                    continue
                office = r.get("office")
                if not office and r.get("role") in HEAD_ROLES and r.get("country"):
                    office = f"{r['country']}/{r['role']}"
                if office:
                    self._terms.setdefault(office, []).append((str(r["start"]), r.get("end"), e))

    # -- construction
    @classmethod
    def load(cls, paths: Iterable[Path | str], include_packaged: bool = True) -> "KnowledgeBase":
        files: list[Path] = packaged_files() if include_packaged else []
        files += [Path(p) for p in paths]

        def records() -> Iterator[tuple[str, dict[str, Any], str]]:
            for f in files:
                for lineno, kind, rec in iter_file(f):
                    yield kind, rec, f"{f}:{lineno}"

        return cls(records())

    _default: "KnowledgeBase | None" = None
    _default_key: tuple | None = None
    _lock = threading.Lock()

    @classmethod
    def user_files(cls) -> list[Path]:
        d = user_dir()
        return sorted(d.glob("*.jsonl")) if d.is_dir() else []

    @classmethod
    def default(cls) -> "KnowledgeBase":
        """Packaged data plus the user's folder; cached (reloaded when the user files change)."""
        ufiles = cls.user_files()
        key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in ufiles)
        with cls._lock:
            if cls._default is None or cls._default_key != key:
                cls._default = cls.load(ufiles)
                cls._default_key = key
            return cls._default

    # -- queries
    @property
    def entries(self) -> list[KBEntry]:
        return list(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, eid: object) -> bool:
        return eid in self._entries

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries.values())

    def get(self, id: str) -> KBEntry | None:
        return self._entries.get(id)

    def lookup(self, surface: str, as_written: bool = False) -> list[KBEntry]:
        """Entries having ``surface`` as an alias: exact form first, else case-insensitively.

        ``as_written``: a name found in running text, so an alias that counts only in its own
        case (:func:`case_strict`: ``MA``, ``AS``) is not matched in another (``Ma``, ``as``)."""
        exact = self._by_exact.get(fold(surface.strip()))
        if exact:
            return list(exact)
        return list((self._by_loose_key if as_written else self._by_key).get(norm_key(surface), ()))

    def country(self, code: str) -> KBEntry | None:
        return self._by_code.get(code.upper()) if code else None

    def role(self, form: str) -> list[dict[str, Any]]:
        """Role records whose form is ``form`` (case-insensitive)."""
        return list(self._role_by_form.get(norm_key(form), ()))

    @property
    def offices(self) -> list[dict[str, Any]]:
        """Office lines (``kind`` ``office``): a role word, its aliases and the office it names."""
        return [r for r in self.roles if r.get("kind") == "office"]

    def holder(self, office: str, date: str | None) -> KBEntry | None:
        """Who held ``office`` (an office line's id, or ``"RUS/head of state"``, ``"JPN/head of
        government"``) on ``date`` (ISO ``YYYY-MM-DD``; a term's dates may stop at the
        month or year). None without a date, or when no one known held it then; on a
        hand-over day the incoming holder."""
        if not date:
            return None
        best = None
        for start, end, entry in self._terms.get(office, ()):
            # ISO strings compare as dates; a month-only start ("2013-06") counts from its first day
            if start <= date and (end is None or date < str(end)):
                if best is None or start > best[0]:
                    best = (start, entry)
        return best[1] if best else None

    # -- user files
    @staticmethod
    def validate_file(path: Path | str) -> int:
        """Validate every line of ``path``; return the number of records. Raises KBError."""
        path = Path(path)
        if not path.is_file():
            raise KBError(f"{path}: no such file")
        n = 0
        for _ in iter_file(path):
            n += 1
        return n

    def add_file(self, path: Path | str) -> Path:
        """Validate ``path`` and copy it into the user's folder; return the copy's path.

        Partial lines (``{"id", "aliases"}``) must refer to an entry known to this KB or
        defined in the same file.
        """
        path = Path(path)
        if not path.is_file():
            raise KBError(f"{path}: no such file")
        defined: set[str] = set()
        pending: list[tuple[int, str]] = []
        for lineno, kind, rec in iter_file(path):
            if kind != "entry":
                continue
            if "name" in rec and "type" in rec:
                defined.add(rec["id"])
            elif rec["id"] not in self._entries:
                pending.append((lineno, rec["id"]))
        for lineno, eid in pending:
            if eid not in defined:
                raise _err(path, lineno, f"entry {eid!r} lacks 'name' or 'type' and no such entry exists to add to")
        dest_dir = user_dir()
        dest_dir.mkdir(parents=True, exist_ok=True)
        name = path.name if path.suffix == ".jsonl" else path.stem + ".jsonl"
        dest = dest_dir / name
        if dest.resolve() != path.resolve():
            shutil.copyfile(path, dest)
        KnowledgeBase._default = None
        return dest


__all__ = ["KBEntry", "KnowledgeBase", "KBError", "DATA_DIR", "fold", "norm_key", "slug", "user_dir", "validate_record"]
