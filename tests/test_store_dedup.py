"""Dedup is by content: an article is known by the hash of its text, not by its file name (issue #20)."""
from __future__ import annotations

from warta.api import ingest
from warta.model import content_hash
from warta.store.store import Store

TEXT = "Jakarta - Presiden bertemu Perdana Menteri Jepang di Istana pada Senin untuk membahas perdagangan.\n"
OTHER = "Jakarta - Menteri Luar Negeri mengecam serangan udara di perbatasan pada Selasa.\n"


def test_store_dedup_same_text_under_two_names_is_stored_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "satu.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "dua.txt").write_text(TEXT, encoding="utf-8")
    with Store(tmp_path / "d.db") as store:
        rep = ingest([str(tmp_path / "a")], store)
        assert rep.ok
        assert store.count()["documents"] == 1
        assert store.document(content_hash(TEXT)) is not None


def test_store_dedup_same_name_with_different_texts_is_two_articles(tmp_path):
    for folder, text in (("x", TEXT), ("y", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "berita.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "d.db") as store:
        assert ingest([str(tmp_path / "x"), str(tmp_path / "y")], store).ok
        assert store.count()["documents"] == 2
        assert {d["doc_id"] for d in store.documents()} == {content_hash(TEXT), content_hash(OTHER)}


def test_store_dedup_content_hash_is_sha256_of_the_utf8_text():
    import hashlib

    assert content_hash("É") == hashlib.sha256("É".encode("utf-8")).hexdigest()[:16]
    assert len(content_hash("")) == 16 and content_hash("a") != content_hash("a ")
