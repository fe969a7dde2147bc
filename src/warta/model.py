"""The records that travel along warta's path: ingest -> analyse -> link -> store -> export.

Every offset (``start``/``end``) is a character offset into the article's *original*
text, so that ``text[start:end]`` always gives back the span's words.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def content_hash(text: str) -> str:
    """Stable id of an article's text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One raw article as read by ingest, before analysis.

    ``doc`` is the key the outputs use: the file's base name, or the JSONL ``id``.
    ``published`` is what the input said (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or None.
    """

    doc: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # where it came from: a path, "stdin", "path.jsonl:12"
    encoding: str | None = None  # how its bytes were decoded, when read from bytes ("utf-8", "cp1252", ...)

    @property
    def doc_id(self) -> str:
        return content_hash(self.text)


@dataclass
class Span:
    """A typed stretch of the original text: boilerplate, a sentence, a mention."""

    kind: str
    start: int
    end: int
    text: str
    value: str | None = None  # e.g. the outlet named by a dateline, the URL title of a link

    def to_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}
        if self.value is not None:
            d["value"] = self.value
        return d


@dataclass
class Published:
    """What is known of the publication date: ``value`` at ``granularity``, and from where."""

    value: str | None
    granularity: str | None  # day | month | year | None
    origin: str | None  # "input" | "copyright line" | "dateline" | None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "granularity": self.granularity, "origin": self.origin}


@dataclass
class Mention:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Entity:
    """One actor or place as found in one article, with all its mentions there."""

    id: str
    name: str
    type: str  # PER | ORG | GPE | LOC
    code: str | None = None  # ISO 3166-1 alpha-3, or "IGO"
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, REB, ...
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    source: str = "kb"  # kb | ner | role

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "code": self.code,
            "sector": self.sector,
            "wikidata": self.wikidata,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Event:
    """One coded event: the PLOVER event record of ``--format plover``, with typed fields.

    The fields are the record's keys, in its order; :meth:`to_dict` gives the record byte for
    byte as the outputs write it (``planned`` and ``outlet`` only when set). Lists follow PLOVER:
    ``event`` and ``mode`` hold one value (or ``mode`` none), ``actor``/``recipient`` the
    argument records (``entity_text``, ``identifier_text``, ``code``, ``sector``, ``entity_id``,
    ...). ``ev["date"]`` and ``ev.get("planned")`` read the record too, as they did when events
    were plain dicts.
    """

    id: str
    doc: str
    doc_id: str
    event: list[str]
    mode: list[str]
    context: list[str]
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    date: str | None
    date_info: dict[str, Any]  # granularity, text (the words), resolved_from
    event_loc: dict[str, Any] | None  # placename, country_code3, ..., resolved_from
    modality: str  # asserted | future | hypothetical | negated | historical
    attribution: dict[str, Any] | None
    dead: int | None
    injured: int | None
    arrested: int | None
    amounts: list[dict[str, Any]]
    event_text: list[str]
    trigger: dict[str, Any]  # start, end, text
    text_info: dict[str, Any]  # sequence, start, end, sentence (the evidence)
    confidence: float
    quad_code: int | None
    coder: str
    codebook: str
    planned: str | None = None  # the planned type of a future cooperation coded AGREE
    outlet: str | None = None

    @property
    def type(self) -> str:
        """The PLOVER event type."""
        return self.event[0]

    @property
    def sentence(self) -> str:
        """The evidence sentence: ``text[text_info.start:text_info.end]``."""
        return self.text_info["sentence"]

    def to_dict(self) -> dict[str, Any]:
        """The PLOVER record (``../spec/output.md``)."""
        d: dict[str, Any] = {
            "id": self.id,
            "doc": self.doc,
            "doc_id": self.doc_id,
            "event": self.event,
            "mode": self.mode,
            "context": self.context,
            "actor": self.actor,
            "recipient": self.recipient,
            "date": self.date,
            "date_info": self.date_info,
            "event_loc": self.event_loc,
            "modality": self.modality,
            "attribution": self.attribution,
            "dead": self.dead,
            "injured": self.injured,
            "arrested": self.arrested,
            "amounts": self.amounts,
            "event_text": self.event_text,
            "trigger": self.trigger,
            "text_info": self.text_info,
            "confidence": self.confidence,
            "quad_code": self.quad_code,
            "coder": self.coder,
            "codebook": self.codebook,
        }
        if self.planned:
            d["planned"] = self.planned
        if self.outlet:
            d["outlet"] = self.outlet
        return d

    @classmethod
    def from_dict(cls, rec: dict[str, Any]) -> Event:
        """The event of a PLOVER record as :meth:`to_dict` writes it."""
        unknown = set(rec) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"event {rec.get('id')!r}: unknown keys {sorted(unknown)}")
        return cls(**rec)

    # read access by key, as when events were plain dicts
    def __getitem__(self, key: str) -> Any:
        # the record's keys are the field names (``planned``/``outlet`` only when set): read the
        # field itself rather than building the whole record for one key
        if key in self:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self else default

    def __contains__(self, key: object) -> bool:
        return key in _EVENT_KEYS and (key not in _WHEN_SET or bool(getattr(self, key)))

    def __setitem__(self, key: str, value: Any) -> None:
        """``ev["confidence"] = 0.8`` sets that field (components written against records do this)."""
        if key not in {f.name for f in fields(self)}:
            raise KeyError(f"an event record has no field {key!r}")
        setattr(self, key, value)


_EVENT_KEYS = frozenset(f.name for f in fields(Event))
_WHEN_SET = ("planned", "outlet")  # in the record only when set (Event.to_dict)


def event_record(ev: Event | dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of an event (a record given as a dict, e.g. a synthetic one, as it is)."""
    return ev.to_dict() if isinstance(ev, Event) else ev


@dataclass
class Document:
    """The analysis of one article: what the documents format writes, line for line."""

    doc: str
    doc_id: str
    text: str
    language: str
    title: str | None
    source: str | None
    wire: str | None
    dateline: str | None
    published: Published
    body: tuple[int, int]
    url: str | None = None
    boilerplate: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    origin: str | None = None  # the input it was read from

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The documents-format record (``../spec/output.md``)."""
        d: dict[str, Any] = {
            "doc": self.doc,
            "doc_id": self.doc_id,
            "language": self.language,
            "title": self.title,
            "source": self.source,
            "wire": self.wire,
            "dateline": self.dateline,
            "url": self.url,
            "published": self.published.to_dict(),
            "body": {"start": self.body[0], "end": self.body[1]},
            "boilerplate": [b.to_dict() for b in self.boilerplate],
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "events": [event_record(e) for e in self.events],
            "flags": list(self.flags),
        }
        if with_text:
            d["text"] = self.text
        return d


__all__ = ["Article", "Span", "Published", "Mention", "Entity", "Event", "Document", "event_record", "Failure", "Report", "content_hash", "asdict"]


@dataclass
class Failure:
    """One input that could not be read or analysed: where, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Report:
    """What a batch did: documents analysed, stored, already present, and failures."""

    analysed: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures
