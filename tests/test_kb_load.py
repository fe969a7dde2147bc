import json
from pathlib import Path

import pytest

from warta.analyse.resolve.kb import KBEntry, KBError, KnowledgeBase


def _write(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_kb_default_loads_packaged_data_once(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_KB_DIR", str(tmp_path / "empty"))
    KnowledgeBase._default = None
    kb = KnowledgeBase.default()
    assert len(kb) > 1000
    assert KnowledgeBase.default() is kb  # cached


def test_kb_get_and_country():
    kb = KnowledgeBase.load([])
    rus = kb.get("country/RUS")
    assert isinstance(rus, KBEntry)
    assert rus.name == "Russia" and rus.type == "GPE" and rus.code == "RUS" and rus.sector is None
    assert kb.country("rus") is rus
    assert kb.country("IDN").name == "Indonesia"
    assert kb.get("no/such") is None


def test_kb_lookup_exact_then_case_insensitive():
    kb = KnowledgeBase.load([])
    assert [e.name for e in kb.lookup("Tiongkok")] == ["China"]
    assert "United States" in [e.name for e in kb.lookup("AS")]
    assert "United States" in [e.name for e in kb.lookup("amerika serikat")]
    assert kb.lookup("Cavusoglu")[0].name == "Mevlüt Çavuşoğlu"  # accents ignored
    assert kb.lookup("zzz-nothing") == []


def test_kb_lookup_as_written_keeps_short_and_allcaps_aliases_in_their_case(tmp_path):
    kb = KnowledgeBase.load([_write(tmp_path / "kb.jsonl", [
        {"id": "org/ma", "name": "Supreme Court", "type": "ORG", "aliases": ["MA", "Mahkamah Agung"]},
        {"id": "org/kpu", "name": "Election Commission", "type": "ORG", "aliases": ["KPU"]},
    ])], include_packaged=False)
    # a name found in running text: ``Ma`` (a surname) and ``Kpu`` are not the acronyms
    assert kb.lookup("Ma", as_written=True) == []
    assert kb.lookup("Kpu", as_written=True) == []
    assert [e.id for e in kb.lookup("MA", as_written=True)] == ["org/ma"]
    # an alias with lower-case letters still matches in another case
    assert [e.id for e in kb.lookup("MAHKAMAH AGUNG", as_written=True)] == ["org/ma"]
    assert [e.id for e in kb.lookup("mahkamah agung", as_written=True)] == ["org/ma"]
    # a lookup of a form (not text) stays case-insensitive
    assert [e.id for e in kb.lookup("Ma")] == ["org/ma"]


def test_kb_people_have_codes_sectors_and_roles():
    kb = KnowledgeBase.load([])
    mah = kb.lookup("Min Aung Hlaing")[0]
    assert (mah.code, mah.sector, mah.wikidata) == ("MMR", "MIL", "Q6862232")
    assert any("Commander-in-Chief" in r["role"] for r in mah.roles)
    putin = kb.lookup("Putin")[0]
    assert (putin.name, putin.code, putin.sector, putin.wikidata) == ("Vladimir Putin", "RUS", "GOV", "Q7747")
    assert kb.lookup("Jokowi")[0].name == "Joko Widodo"


def test_kb_no_duplicate_wikidata_ids():
    kb = KnowledgeBase.load([])
    seen = {}
    for e in kb.entries:
        if e.wikidata:
            assert e.wikidata not in seen, (e.id, seen.get(e.wikidata))
            seen[e.wikidata] = e.id


def test_kb_roles_have_kinds_and_sectors():
    kb = KnowledgeBase.load([])
    menlu = kb.role("Menlu")
    assert menlu and menlu[0]["kind"] == "title" and menlu[0]["sector"] == "GOV"
    civ = kb.role("warga sipil")
    assert civ and civ[0]["kind"] == "group" and civ[0]["description"] == "civilians"
    assert all(r["kind"] in ("title", "group", "office") for r in kb.roles)


def test_kb_user_dir_merges_new_and_extended_entries(monkeypatch, tmp_path):
    _write(tmp_path / "mine.jsonl", [
        {"id": "org/kopi-club", "name": "Kopi Club", "type": "ORG", "code": "IDN", "sector": "NGO",
         "aliases": ["Kopi Club"]},
        {"id": "country/RUS", "aliases": ["Negeri Beruang"]},
    ])
    monkeypatch.setenv("WARTA_KB_DIR", str(tmp_path))
    KnowledgeBase._default = None
    kb = KnowledgeBase.default()
    assert kb.get("org/kopi-club").sector == "NGO"
    rus = kb.get("country/RUS")
    assert "Negeri Beruang" in rus.aliases and "Rusia" in rus.aliases
    assert rus.name == "Russia"
    KnowledgeBase._default = None


def test_kb_later_file_overrides_fields(tmp_path):
    f = _write(tmp_path / "fix.jsonl", [{"id": "country/RUS", "wikidata": "Q1", "name": "Russian Federation"}])
    kb = KnowledgeBase.load([f])
    rus = kb.get("country/RUS")
    assert rus.wikidata == "Q1" and rus.name == "Russian Federation" and rus.code == "RUS"


def test_kb_bad_line_error_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(
        json.dumps({"id": "org/a", "name": "A", "type": "ORG"}) + "\n"
        + "\n"
        + json.dumps({"id": "org/b", "name": "B", "type": "COMPANY"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(KBError) as ei:
        KnowledgeBase.load([f], include_packaged=False)
    msg = str(ei.value)
    assert "bad.jsonl:3" in msg and "type" in msg


def test_kb_bad_json_and_bad_code_are_reported(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"id": "x", "name": "X", "type": "ORG"\n', encoding="utf-8")
    with pytest.raises(KBError, match=r"b\.jsonl:1: invalid JSON"):
        KnowledgeBase.validate_file(f)
    f.write_text(json.dumps({"id": "x", "name": "X", "type": "GPE", "code": "RU"}) + "\n", encoding="utf-8")
    with pytest.raises(KBError, match=r"b\.jsonl:1: .*code"):
        KnowledgeBase.validate_file(f)


def test_kb_add_file_validates_and_copies_to_user_dir(monkeypatch, tmp_path):
    user = tmp_path / "user"
    monkeypatch.setenv("WARTA_KB_DIR", str(user))
    src = _write(tmp_path / "extra.jsonl", [
        {"id": "person/budi-contoh", "name": "Budi Contoh", "type": "PER", "code": "IDN", "sector": "CVL",
         "aliases": ["Budi Contoh"]},
        {"id": "country/IDN", "aliases": ["Nusantara Raya"]},
    ])
    kb = KnowledgeBase.load([])
    dest = kb.add_file(src)
    assert dest == user / "extra.jsonl" and dest.read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    KnowledgeBase._default = None
    assert KnowledgeBase.default().lookup("Nusantara Raya")[0].code == "IDN"
    KnowledgeBase._default = None


def test_kb_add_file_rejects_bad_file_and_copies_nothing(monkeypatch, tmp_path):
    user = tmp_path / "user"
    monkeypatch.setenv("WARTA_KB_DIR", str(user))
    src = _write(tmp_path / "orphan.jsonl", [{"id": "person/nobody-known", "aliases": ["Nobody"]}])
    with pytest.raises(KBError, match=r"orphan\.jsonl:1"):
        KnowledgeBase.load([]).add_file(src)
    assert not (user / "orphan.jsonl").exists()


def test_kb_add_readme_example_is_valid_and_errors_name_line_and_field(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    from warta.analyse.resolve.kb import KBError, KnowledgeBase

    monkeypatch.setenv("WARTA_KB_DIR", str(tmp_path / "kb"))
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Extending the knowledge base", 1)[1]
    example = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    good = tmp_path / "my-actors.jsonl"
    good.write_text(example, encoding="utf-8")
    dest = KnowledgeBase.default().add_file(good)
    assert dest.exists()
    kb = KnowledgeBase.load([dest])
    assert kb is not None
    bad = tmp_path / "bad.jsonl"
    bad.write_text(example.splitlines()[0] + "\n" + '{"id": "org/x", "name": "X", "type": "ALIEN"}\n', encoding="utf-8")
    with pytest.raises(KBError) as e:
        KnowledgeBase.default().add_file(bad)
    assert f"{bad}:2:" in str(e.value) and "'type'" in str(e.value) and "ALIEN" in str(e.value)


def test_kb_load_office_holder_by_date():
    kb = KnowledgeBase.load([])
    assert {o["office"] for o in kb.offices} >= {"IDN/kapolri", "IDN/jaksa-agung", "IDN/ketua-kpk", "IDN/panglima-tni"}
    assert kb.holder("IDN/kapolri", "2019-01-01").name == "Tito Karnavian"
    assert kb.holder("IDN/kapolri", "2021-01-27").name == "Listyo Sigit Prabowo"  # hand-over day: the incoming
    assert kb.holder("IDN/kapolri", "2021-01-26").name == "Idham Azis"
    assert kb.holder("IDN/ketua-kpk", "2024-01-15").name == "Nawawi Pomolango"
    assert kb.holder("IDN/kapolri", None) is None
    assert kb.holder("IDN/kapolri", "1990-01-01") is None
    assert kb.holder("IDN/no-such-office", "2020-01-01") is None


def test_kb_load_office_line_needs_an_office_id(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"form": "Kapolri", "kind": "office"}\n', encoding="utf-8")
    with pytest.raises(KBError, match="office"):
        KnowledgeBase.validate_file(bad)


def test_kb_load_title_country_must_be_a_country_code(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"form": "Bupati", "kind": "title", "sector": "GOV", "country": "IDN"}\n', encoding="utf-8")
    KnowledgeBase.validate_file(good)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"form": "Bupati", "kind": "title", "sector": "GOV", "country": "Indonesia"}\n', encoding="utf-8")
    with pytest.raises(KBError, match=r"bad\.jsonl:1: bad role country"):
        KnowledgeBase.validate_file(bad)
