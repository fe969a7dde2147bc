"""The store's tables (SQLAlchemy 2 Core). Every dialect shares these; what differs
between SQLite and PostgreSQL (full-text search, pragmas) lives in :mod:`.dialects`."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("doc_id", sa.String(32), primary_key=True),          # content hash
    sa.Column("doc", sa.String(512), nullable=False, index=True),  # file base name or JSONL id
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.String(200), index=True),
    sa.Column("wire", sa.String(200)),
    sa.Column("dateline", sa.String(200)),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("published_granularity", sa.String(8)),
    sa.Column("published_origin", sa.String(64)),
    sa.Column("body_start", sa.Integer, nullable=False),
    sa.Column("body_end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("flags", sa.JSON, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("ingested_at", sa.String(32), nullable=False),
)

boilerplate = sa.Table(
    "boilerplate", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("value", sa.Text),
)

sentences = sa.Table(
    "sentences", metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),  # outlet | wire
    sa.Column("documents", sa.Integer, nullable=False, default=0),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String(200), primary_key=True),  # KB id, or a stable id made from type and name
    sa.Column("name", sa.String(400), nullable=False, index=True),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("code", sa.String(8), index=True),
    sa.Column("sector", sa.String(8)),
    sa.Column("wikidata", sa.String(32)),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False, default=0),
    sa.Column("documents", sa.Integer, nullable=False, default=0),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("entity_id", sa.String(200), sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # stable hash of doc + evidence span + type
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(16), nullable=False, index=True),
    sa.Column("mode", sa.String(32)),
    sa.Column("date", sa.String(10), index=True),
    sa.Column("date_granularity", sa.String(8)),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("location_code", sa.String(8)),
    sa.Column("quad_code", sa.Integer),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, index=True),  # index: v4
    sa.Column("lat", sa.Float),  # v4: the event place's coordinates, when the gazetteer knows them
    sa.Column("lon", sa.Float),
    sa.Column("admin1", sa.String(16), index=True),  # v6: the place's province or state (GeoNames, `IDN.04`)
    sa.Column("cluster", sa.String(64), index=True),
    sa.Column("record", sa.JSON, nullable=False),  # the full output.md record
)

event_arguments = sa.Table(
    "event_arguments", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("role", sa.String(16), nullable=False),  # actor | recipient
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("entity_id", sa.String(200), index=True),
    sa.Column("name", sa.String(400)),
    sa.Column("code", sa.String(8), index=True),
    sa.Column("sector", sa.String(8)),
    sa.Column("text", sa.Text),
    sa.Column("fold", sa.Text),  # v4: folded name and text (store/fold.py), for actor/recipient filters
    sa.Column("node", sa.String(420)),  # v4: how the actor graph knows it: entity id, else code:XXX, else name:...
    sa.Index("ix_event_arguments_node", "node", "event_id"),
)

# ---------------------------------------------------------------- v2: cross-article linking
# Canonical events: the clusters of event reports (``events.cluster`` names each report's).
canonical_events = sa.Table(
    "canonical_events", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # hash of the earliest report's event id
    sa.Column("type", sa.String(16), nullable=False, index=True),
    sa.Column("planned", sa.String(16)),
    sa.Column("date", sa.String(10), index=True),
    sa.Column("date_granularity", sa.String(8)),
    sa.Column("location", sa.Text),
    sa.Column("location_code", sa.String(8)),
    sa.Column("quad_code", sa.Integer),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("story", sa.String(64), index=True),
    sa.Column("record", sa.JSON, nullable=False),  # the canonical record (merge.canonical_record)
)

# Blocking keys of event reports: "TYPE|role|c:CODE" / "TYPE|role|e:ENTITY"; candidates share a key.
event_blocks = sa.Table(
    "event_blocks", metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # hash of the earliest document's doc_id
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("start", sa.String(10)),
    sa.Column("end", sa.String(10)),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

story_documents = sa.Table(
    "story_documents", metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", sa.String(64), nullable=False, index=True),
    sa.Column("key_events", sa.JSON, nullable=False),  # the event ids that say what the article is about
)

# MinHash LSH bands of article bodies (one row per band) and the near-duplicate pairs found.
document_bands = sa.Table(
    "document_bands", metadata,
    sa.Column("band", sa.String(64), primary_key=True),
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True, index=True),
)

document_minhash = sa.Table(
    "document_minhash", metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("signature", sa.JSON, nullable=False),
)

near_duplicates = sa.Table(
    "near_duplicates", metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("of_doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True, index=True),
    sa.Column("similarity", sa.Float, nullable=False),
)

LINK_TABLES = [canonical_events, event_blocks, stories, story_documents, document_bands, document_minhash, near_duplicates]

# ---------------------------------------------------------------- v3: incremental linking state
# Candidate keys of event reports for merging: "KIND|MCLASS|role|e:ENTITY" (a match needs a shared
# entity in the same role, the same kind and modality class), with the report's widened date
# span, its publication day (ordinals) and a hash of what the matcher compares (``sig``), so
# candidates are found by index ranges and a cluster's look-alike reports are compared once.
event_keys = sa.Table(
    "event_keys", metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
    sa.Column("span_lo", sa.Integer),
    sa.Column("span_hi", sa.Integer),
    sa.Column("pub_ord", sa.Integer),
    sa.Column("sig", sa.String(40), nullable=False),
    sa.Index("ix_event_keys_key_span", "key", "span_lo"),
    sa.Index("ix_event_keys_key_pub", "key", "pub_ord"),
)

# The earliest report of every cluster (its id is made from it) and the earliest document of
# every story: merging compares these instead of reading whole clusters and stories.
cluster_state = sa.Table(
    "cluster_state", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("first_pub", sa.String(10), nullable=False),
    sa.Column("first_doc", sa.String(512), nullable=False),
    sa.Column("first_start", sa.Integer, nullable=False),
    sa.Column("first_id", sa.String(64), nullable=False),
)

story_state = sa.Table(
    "story_state", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("first_pub", sa.String(10), nullable=False),
    sa.Column("first_doc", sa.String(512), nullable=False),
    sa.Column("first_doc_id", sa.String(32), nullable=False),
)

# The key events of every linked article (story_documents.key_events, one row each, indexed).
story_key_events = sa.Table(
    "story_key_events", metadata,
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
)

# Canonical events ("c") and stories ("s") whose records are out of date: written when an article
# changes them, made again (once, however many articles changed them) before the next read.
link_dirty = sa.Table(
    "link_dirty", metadata,
    sa.Column("kind", sa.String(1), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
)

# Articles stored but not linked yet (Store.add(link=False), add_many between batches, a store
# made by an older warta): linked on the next open or add.
link_pending = sa.Table(
    "link_pending", metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
)

LINK_STATE_TABLES = [event_keys, cluster_state, story_state, story_key_events, link_dirty, link_pending]


# ---------------------------------------------------------------- v4: bounded reads for serving
# Every folded name and alias of an entity (store/fold.py), so that an unknown id, name or
# alias is one indexed lookup instead of a scan of every entity.
entity_keys = sa.Table(
    "entity_keys", metadata,
    sa.Column("key", sa.String(400), primary_key=True),
    sa.Column("entity_id", sa.String(200), sa.ForeignKey("entities.id"), primary_key=True),
)

# Actor -> recipient pairs of each event with its type and quad class, so that the actor graph is
# counted over one covering index instead of a three-way join.
event_pairs = sa.Table(
    "event_pairs", metadata,
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("source", sa.String(420), primary_key=True),
    sa.Column("target", sa.String(420), primary_key=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("quad_code", sa.Integer),
    sa.Index("ix_event_pairs_graph", "source", "target", "type", "quad_code", "event_id"),
)
