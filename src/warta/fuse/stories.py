"""Stories (articles about one unfolding story) and near-duplicate articles.

* An article's *key events* are the current (not historical) events of its first two
  event-bearing sentences: what its lede reports. An article's story is that of the canonical
  event its first key event reports (a near duplicate's, that of the earliest article it
  duplicates): articles of one story report one canonical event in their ledes. Stories are not
  chained (two articles sharing a second key event and a third sharing another with one of them
  are not one story), so no story grows into the whole corpus, and the story of an article is a
  function of the canonical events alone (incremental == rebuild).
* Near duplicates (syndicated wire copy): MinHash (datasketch) over 5-word shingles of the
  body; LSH bands are kept in ``document_bands`` so that a new article is compared only with
  the articles sharing a band; a pair at or above :data:`DUPLICATE_THRESHOLD` estimated Jaccard
  similarity is recorded in ``near_duplicates`` (the later article is the duplicate).
* A story's title is made from its key actors, its dominant canonical event (type, mode,
  place) and its time span.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..store.schema import (canonical_events, document_bands, document_minhash, documents, events, link_dirty,
                            near_duplicates, stories, story_documents, story_key_events, story_state)

NUM_PERM = 128
SHINGLE = 5
DUPLICATE_THRESHOLD = 0.7
_WORD = re.compile(r"\w+", re.UNICODE)
_lsh_params: tuple[int, int] | None = None


def lsh_params() -> tuple[int, int]:
    """(bands, rows) that datasketch's MinHashLSH picks for the threshold."""
    global _lsh_params
    if _lsh_params is None:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
        _lsh_params = (lsh.b, lsh.r)
    return _lsh_params


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():
    """datasketch draws its hash permutations anew for every MinHash: draw them once."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    return m.permutations, getattr(m, "scheme", None)


def signature(text: str) -> list[int] | None:
    from datasketch import MinHash

    sh = shingles(text)
    if not sh:
        return None
    perms, scheme = _permutations()
    kwargs = {"scheme": scheme} if scheme else {}
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=perms, **kwargs)
    m.update_batch([s.encode("utf-8") for s in sorted(sh)])
    return m.hashvalues.tolist()


def bands(sig: list[int]) -> list[str]:
    b, r = lsh_params()
    out = []
    for i in range(b):
        chunk = ",".join(str(v) for v in sig[i * r:(i + 1) * r])
        out.append(f"{i}:" + hashlib.sha1(chunk.encode()).hexdigest()[:24])
    return out


def similarity(a: list[int], b: list[int]) -> float:
    return sum(1 for x, y in zip(a, b) if x == y) / max(len(a), 1)


def _doc_order(conn: Connection, doc_ids) -> dict[str, tuple]:
    rows = conn.execute(sa.select(documents.c.doc_id, documents.c.doc, documents.c.published)
                        .where(documents.c.doc_id.in_(list(doc_ids))))
    return {r.doc_id: (r.published or "9999", r.doc, r.doc_id) for r in rows}


def find_near_duplicates(conn: Connection, doc_id: str, body: str) -> list[tuple[str, float]]:
    """Record the MinHash bands of a new article and the near duplicates it has among stored ones."""
    sig = signature(body)
    if sig is None:
        return []
    bs = bands(sig)
    conn.execute(document_minhash.insert().values(doc_id=doc_id, signature=sig))
    cands = {r[0] for r in conn.execute(sa.select(document_bands.c.doc_id).where(document_bands.c.band.in_(bs)))}
    conn.execute(document_bands.insert(), [{"band": b, "doc_id": doc_id} for b in bs])
    cands.discard(doc_id)
    found = []
    if cands:
        sigs = dict(conn.execute(sa.select(document_minhash.c.doc_id, document_minhash.c.signature)
                                 .where(document_minhash.c.doc_id.in_(sorted(cands)))).all())
        order = _doc_order(conn, list(cands) + [doc_id])
        for other in sorted(cands):
            s = similarity(sig, sigs[other])
            if s >= DUPLICATE_THRESHOLD:
                later, earlier = sorted([doc_id, other], key=lambda d: order[d], reverse=True)
                conn.execute(near_duplicates.insert().values(doc_id=later, of_doc_id=earlier, similarity=round(s, 4)))
                found.append((other, s))
    return found


def key_events(records: list[dict[str, Any]]) -> list[str]:
    """Ids of the events the article's lede reports: current events of its first two event sentences."""
    current = [r for r in records if (r.get("modality") or "asserted") not in ("historical", "negated", "hypothetical")]
    pool = current or records
    starts = sorted({(r.get("text_info") or {}).get("start", 0) for r in pool})[:2]
    return sorted(r["id"] for r in pool if (r.get("text_info") or {}).get("start", 0) in starts)


def story_id(first_doc_id: str) -> str:
    return "s" + hashlib.sha1(first_doc_id.encode()).hexdigest()[:19]


def _key_clusters(conn: Connection, doc_ids) -> dict[str, set[str]]:
    rows = conn.execute(sa.select(story_documents.c.doc_id, story_documents.c.key_events)
                        .where(story_documents.c.doc_id.in_(list(doc_ids)))).all()
    ev_ids = sorted({e for _, ks in rows for e in ks})
    cl = dict(conn.execute(sa.select(events.c.id, events.c.cluster).where(events.c.id.in_(ev_ids))).all()) if ev_ids else {}
    return {d: {cl[e] for e in ks if cl.get(e)} for d, ks in rows}


def _primary_clusters(conn: Connection, doc_ids: list[str]) -> dict[str, str | None]:
    """The canonical event each article's lede reports: the cluster of its first key event (by
    sentence, then id); None for an article with no key event."""
    out: dict[str, tuple] = {}
    for i in range(0, len(doc_ids), 500):
        q = (sa.select(story_key_events.c.doc_id, events.c.sentence_start, events.c.id, events.c.cluster)
             .join(events, events.c.id == story_key_events.c.event_id)
             .where(story_key_events.c.doc_id.in_(doc_ids[i:i + 500])))
        for d, start, eid, cl in conn.execute(q):
            if d not in out or (start, eid) < out[d][:2]:
                out[d] = (start, eid, cl)
    return {d: out[d][2] if d in out else None for d in doc_ids}


def _story_of(conn: Connection, doc_ids: list[str]) -> dict[str, str]:
    """The story of each article: that of the canonical event its lede reports, or, for a near
    duplicate, that of the earliest article it duplicates; an article with neither is its own."""
    roots = {d: d for d in doc_ids}
    for i in range(0, len(doc_ids), 500):
        rows = conn.execute(sa.select(near_duplicates.c.doc_id, near_duplicates.c.of_doc_id)
                            .where(near_duplicates.c.doc_id.in_(doc_ids[i:i + 500]))).all()
        if rows:
            order = _doc_order(conn, {o for _, o in rows})
            for d, o in rows:
                if roots[d] == d or order[o] < order[roots[d]]:
                    roots[d] = o
    prim = _primary_clusters(conn, sorted(set(roots.values())))
    return {d: story_id(prim[r]) if prim[r] else story_id(r) for d, r in roots.items()}


def link_story(conn: Connection, doc_id: str, touched_clusters: set[str], duplicates: list[tuple[str, float]],
               records: list[dict[str, Any]] | None = None, moved: set[str] | frozenset = frozenset()) -> set[str]:
    """Put a newly stored article into its story and move the articles whose story changed.

    Stories cannot chain: an article's story is a function of the canonical event its lede
    reports (:func:`_story_of`), not a connected component of every article that shares any key
    event with another, so a story is no larger than one canonical event's articles (and their
    near duplicates). The articles whose story may change are the new one, those whose lede
    report moved to another canonical event (``moved``), and the near duplicates of those.
    Returns the ids of the stories created or changed; their records are made again before the
    next read (:func:`refresh_stories`)."""
    from .merge import mark_dirty

    if records is None:
        records = [r[0] for r in conn.execute(sa.select(events.c.record).where(events.c.doc_id == doc_id))]
    keys = key_events(records)
    conn.execute(story_documents.insert().values(doc_id=doc_id, story_id="", key_events=keys))
    if keys:
        conn.execute(story_key_events.insert(), [{"event_id": e, "doc_id": doc_id} for e in keys])
    docs = {doc_id}
    if moved:
        mv = sorted(moved)
        for i in range(0, len(mv), 500):
            docs |= {r[0] for r in conn.execute(sa.select(story_key_events.c.doc_id)
                                                .where(story_key_events.c.event_id.in_(mv[i:i + 500])))}
    base = sorted(docs)
    for i in range(0, len(base), 500):
        docs |= {r[0] for r in conn.execute(sa.select(near_duplicates.c.doc_id)
                                            .where(near_duplicates.c.of_doc_id.in_(base[i:i + 500])))}
    docs_l = sorted(docs)
    want = _story_of(conn, docs_l)
    have: dict[str, str] = {}
    for i in range(0, len(docs_l), 500):
        have.update(conn.execute(sa.select(story_documents.c.doc_id, story_documents.c.story_id)
                                 .where(story_documents.c.doc_id.in_(docs_l[i:i + 500]))).all())
    changed: set[str] = set()
    rows = [{"d": d, "s": want[d]} for d in docs_l if have.get(d) != want[d]]
    if rows:
        conn.execute(story_documents.update().where(story_documents.c.doc_id == sa.bindparam("d"))
                     .values(story_id=sa.bindparam("s")), rows)
        changed = {r["s"] for r in rows} | {have[r["d"]] for r in rows if have.get(r["d"])}
    mark_dirty(conn, "s", changed)
    return changed


def refresh_stories(conn: Connection) -> int:
    """Make the records of the stories queued by ``merge.mark_dirty`` again; returns how many."""
    ids = sorted(r[0] for r in conn.execute(sa.select(link_dirty.c.id).where(link_dirty.c.kind == "s")))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        conn.execute(stories.delete().where(stories.c.id.in_(chunk)))
        rows = []
        for sid in chunk:
            rec = story_record(conn, sid)
            if rec is not None:
                rows.append(dict(id=sid, title=rec["title"], start=rec["start"], end=rec["end"],
                                 documents=len(rec["documents"]), record=rec))
        if rows:
            conn.execute(stories.insert(), rows)
        conn.execute(link_dirty.delete().where(link_dirty.c.kind == "s", link_dirty.c.id.in_(chunk)))
    return len(ids)


def story_record(conn: Connection, sid: str) -> dict[str, Any] | None:
    rows = conn.execute(sa.select(documents.c.doc_id, documents.c.doc, documents.c.title, documents.c.source,
                                  documents.c.published, story_documents.c.key_events)
                        .join(story_documents, story_documents.c.doc_id == documents.c.doc_id)
                        .where(story_documents.c.story_id == sid)).mappings().all()
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (r["published"] or "9999", r["doc"], r["doc_id"]))
    doc_ids = [r["doc_id"] for r in rows]
    dups = {r.doc_id: (r.of_doc_id, r.similarity) for r in conn.execute(
        sa.select(near_duplicates).where(near_duplicates.c.doc_id.in_(doc_ids)))}
    kc = _key_clusters(conn, doc_ids)
    clusters = sorted(set().union(*kc.values())) if kc else []
    canon = {r.id: r.record for r in conn.execute(sa.select(canonical_events.c.id, canonical_events.c.record)
                                                  .where(canonical_events.c.id.in_(clusters)))} if clusters else {}
    actor_count: Counter = Counter()
    for rec in canon.values():
        for a in (rec.get("actor") or []) + (rec.get("recipient") or []):
            name = a.get("identifier_text") or a.get("entity_text")
            if name and (a.get("entity_id")):
                actor_count[name] += rec.get("reports", 1)
    key_actors = [n for n, _ in sorted(actor_count.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
    # weight of a canonical event: 2 per article whose lede (first event sentence) reports it, 1 per other key mention
    weight: Counter = Counter()
    key_ids = sorted({e for r in rows for e in r["key_events"]})
    if key_ids:
        info = {r.id: (r.doc_id, r.cluster, r.sentence_start) for r in conn.execute(
            sa.select(events.c.id, events.c.doc_id, events.c.cluster, events.c.sentence_start).where(events.c.id.in_(key_ids)))}
        lede: dict[str, int] = {}
        for d, _, st in info.values():
            lede[d] = min(lede.get(d, st), st)
        pair: dict[tuple[str, str], int] = {}
        for d, cl, st in info.values():
            if cl:
                pair[(d, cl)] = max(pair.get((d, cl), 0), 2 if st == lede[d] else 1)
        for (_, cl), w in pair.items():
            weight[cl] += w
    dominant = min(canon.values(), key=lambda r: (-weight[r["cluster"]], -(r.get("documents") or 0), -(r.get("reports") or 0),
                                                  r.get("date") or "9999", r["cluster"])) if canon else None
    dates = sorted(r["date"] for r in canon.values() if r.get("date") and r.get("modality") != "historical")
    pubs = sorted(r["published"] for r in rows if r["published"])
    start = dates[0] if dates else (pubs[0] if pubs else None)
    end = max(dates + pubs) if (dates or pubs) else None
    if dominant:
        acts = [a.get("identifier_text") or a.get("entity_text") for a in dominant.get("actor") or []][:2]
        recs = [a.get("identifier_text") or a.get("entity_text") for a in dominant.get("recipient") or []][:2]
        what = dominant.get("planned") and f"planned {dominant['planned']}" or dominant["event"][0]
        if dominant.get("mode"):
            what += f" ({dominant['mode'][0]})"
        place = (dominant.get("event_loc") or {}).get("placename") or (dominant.get("event_loc") or {}).get("country_code3")
        title = " & ".join(a for a in acts if a) or "?"
        if recs:
            title += " → " + ", ".join(a for a in recs if a)
        title += f": {what}"
        if place:
            title += f" in {place}"
        if dominant.get("date"):
            title += f", {dominant['date']}"
    else:
        title = rows[0]["title"] or f"{rows[0]['doc']}"
    return {
        "id": sid, "title": title, "key_actors": key_actors, "start": start, "end": end,
        "documents": [{"doc": r["doc"], "doc_id": r["doc_id"], "title": r["title"], "source": r["source"],
                       "published": r["published"],
                       **({"near_duplicate_of": dups[r["doc_id"]][0], "similarity": dups[r["doc_id"]][1]}
                          if r["doc_id"] in dups else {})} for r in rows],
        "events": [dominant["cluster"]] + sorted(c for c in canon if c != dominant["cluster"]) if dominant else [],
    }


def write_story(conn: Connection, sid: str) -> None:
    conn.execute(stories.delete().where(stories.c.id == sid))
    rec = story_record(conn, sid)
    if rec is None:
        return
    conn.execute(stories.insert().values(id=sid, title=rec["title"], start=rec["start"], end=rec["end"],
                                         documents=len(rec["documents"]), record=rec))


def clear(conn: Connection) -> None:
    for t in (stories, story_key_events, story_documents, story_state, near_duplicates, document_bands, document_minhash):
        conn.execute(t.delete())
    conn.execute(link_dirty.delete().where(link_dirty.c.kind == "s"))
