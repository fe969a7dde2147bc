"""Shared fixtures for warta's tests (the one global conftest: keep it small).

* ``SAMPLES`` / ``EXPECTED``: short Indonesian articles written for these tests (no outlet's
  text is copied), one per dateline style warta must recognise, with what ``segment`` should
  find in each. ``sample_dir`` writes them as ``.txt`` files into a temporary folder.
* ``store``: a fresh SQLite :class:`warta.Store` in ``tmp_path``, closed afterwards.
* ``make_document``: builds a :class:`warta.model.Document` by hand (with entities and event
  records), so that store and export tests never depend on the analysis pipeline.
* ``_isolate_env`` (autouse): points ``$WARTA_DB`` and ``$WARTA_KB_DIR`` into ``tmp_path`` so
  that no test writes ``./warta.db`` or the user's knowledge base.
* ``pytest_plugins``: the fixture modules of other areas (``fixtures_db``: SQLite and
  PostgreSQL stores; ``fixtures_serve``: the web server), registered here for every test.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from warta.model import Document, Entity, Mention, Published, Span, content_hash

pytest_plugins = ["fixtures_db", "fixtures_serve"]

# --------------------------------------------------------------------------- sample articles
SAMPLES: dict[str, str] = {
    # "Kota (ANTARA) -", a related link mid-body, a wire credit, credits, a copyright line
    "antara.txt": (
        "Kairo (ANTARA) - Menteri Luar Negeri Mesir bertemu dengan utusan khusus Sudan di Kairo "
        "pada Senin untuk membahas gencatan senjata.\n\n"
        "Baca juga: Mesir tawarkan mediasi baru untuk Sudan\n\n"
        "Kedua pihak sepakat melanjutkan perundingan pekan depan, kata juru bicara kementerian.\n\n"
        "Sumber: Reuters\n\n"
        "Penerjemah: Budi Santoso\n"
        "Editor: Siti Rahmawati\n"
        "Copyright © ANTARA 2022\n"
    ),
    # "Kota, Outlet-" and a trailing "(abc/def)" credit on the last content line
    "fajar.txt": (
        "Makassar, Fajar- Ratusan mahasiswa berunjuk rasa di depan kantor gubernur pada Kamis "
        "menuntut harga bahan bakar diturunkan.\n\n"
        "Polisi mengerahkan dua ratus personel untuk mengamankan aksi tersebut. (abc/def)\n"
    ),
    # "Outlet.com, KOTA --", several "Baca juga:" lines, mid-body and at the end
    "liputan.txt": (
        "Liputan6.com, JAKARTA -- Pemerintah Indonesia mengecam serangan udara yang menewaskan "
        "warga sipil di perbatasan.\n\n"
        "Baca juga: Presiden terima kunjungan menteri Jepang\n\n"
        "Kementerian Luar Negeri memanggil duta besar negara itu pada Selasa.\n\n"
        "Baca juga: Harga beras naik menjelang Lebaran\n"
        "Baca juga: DPR setujui anggaran pertahanan\n"
    ),
    # "Kota, Outlet.id —", a dated weekday, an editor credit
    "kabar.txt": (
        "Bandung, kabarberita.id — Wali kota Bandung meresmikan jembatan baru pada Rabu (12/10/2022) "
        "di kawasan utara kota.\n\n"
        "Jembatan itu dibangun selama dua tahun dengan biaya Rp50 miliar.\n\n"
        "Editor: Andi Wijaya\n"
    ),
    # "OUTLET.COM -", a reporter credit
    "riau.txt": (
        "RIAU24.COM - Pasukan keamanan menangkap lima orang yang diduga terlibat penyelundupan "
        "senjata di Dumai.\n\n"
        "Pewarta: Rudi Hartono\n"
    ),
    # "JAKARTA -"
    "jakarta.txt": (
        "JAKARTA - Presiden menerima kunjungan Perdana Menteri Australia di Istana Merdeka untuk "
        "membahas kerja sama ekonomi.\n\n"
        "Kedua pemimpin menandatangani tiga nota kesepahaman.\n"
    ),
    # "Outlet.co |"
    "wahana.txt": (
        "WahanaNews.co | Pemerintah Filipina memprotes kehadiran kapal penjaga pantai asing di "
        "Laut China Selatan.\n\n"
        "Manila menyebut tindakan itu melanggar kedaulatan negaranya.\n"
    ),
}

#: What segment() should find: dateline place, outlet (source), wire, published, boilerplate kinds in order.
EXPECTED: dict[str, dict] = {
    "antara.txt": dict(dateline="Kairo", source="ANTARA", wire="Reuters",
                       published=("2022", "year", "copyright line"),
                       kinds=["dateline", "related", "wire", "credit", "credit", "copyright"]),
    "fajar.txt": dict(dateline="Makassar", source="FAJAR", wire=None, published=(None, None, None),
                      kinds=["dateline", "credit"]),
    "liputan.txt": dict(dateline="Jakarta", source="Liputan6", wire=None, published=(None, None, None),
                        kinds=["dateline", "related", "related", "related"]),
    "kabar.txt": dict(dateline="Bandung", source="KabarBerita", wire=None,
                      published=("2022-10-12", "day", "first dated weekday in text"),
                      kinds=["dateline", "credit"]),
    "riau.txt": dict(dateline=None, source="RIAU24", wire=None, published=(None, None, None),
                     kinds=["dateline", "credit"]),
    "jakarta.txt": dict(dateline="Jakarta", source=None, wire=None, published=(None, None, None),
                        kinds=["dateline"]),
    "wahana.txt": dict(dateline=None, source="WahanaNews", wire=None, published=(None, None, None),
                       kinds=["dateline"]),
}


@pytest.fixture
def samples() -> dict[str, str]:
    """A copy of ``SAMPLES`` (file name -> text)."""
    return dict(SAMPLES)


@pytest.fixture
def expected() -> dict[str, dict]:
    return EXPECTED


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A folder holding every sample article as a UTF-8 ``.txt`` file."""
    d = tmp_path / "articles"
    d.mkdir()
    for name, text in SAMPLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.fixture(autouse=True)
def _isolate_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches ./warta.db or the user's knowledge base."""
    base = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("WARTA_DB", str(base / "default.db"))
    monkeypatch.setenv("WARTA_KB_DIR", str(base / "kb"))


# --------------------------------------------------------------------------- store
@pytest.fixture
def store(tmp_path: Path):
    """A fresh SQLite store in ``tmp_path``."""
    from warta.store.store import Store

    s = Store(tmp_path / "test.db")
    yield s
    s.close()


# --------------------------------------------------------------------------- hand-made documents
def _event(doc: str, text: str, sentence: tuple[int, int], seq: int, *, type: str, actor: list[dict],
           recipient: list[dict], date: str | None, modality: str = "asserted", mode: str | None = None) -> dict:
    s, e = sentence
    eid = hashlib.sha256(f"{doc}|{s}|{e}|{type}".encode()).hexdigest()[:16]
    return {
        "id": eid, "doc": doc, "event": [type], "mode": [mode], "context": ["diplomatic"],
        "actor": actor, "recipient": recipient, "date": date,
        "date_info": {"granularity": "day" if date and len(date) == 10 else "year", "text": "pada Senin",
                      "resolved_from": "published"},
        "event_loc": {"placename": "Kairo", "country_code3": "EGY", "geonameid": None, "lat": None, "lon": None},
        "modality": modality, "dead": None, "injured": 3, "arrested": None,
        "amounts": [{"value": 50000000000, "currency": "IDR", "text": "Rp50 miliar"}],
        "event_text": ["bertemu"],
        "text_info": {"sequence": seq, "start": s, "end": e, "sentence": text[s:e]},
        "confidence": 0.8, "quad_code": 1, "coder": "warta test", "codebook": "plover-1.0",
    }


def _arg(code: str, name: str, text: str, sector: str = "GOV", entity_id: str | None = None) -> dict:
    return {"code": code, "sector": sector, "entity_text": text, "identifier_text": name, "entity_id": entity_id}


@pytest.fixture
def make_document():
    """``make_document(doc, text, events=True, ...)``: a Document built by hand, no pipeline.

    The text is split into sentences at ``". "``; each sentence carries one event (types,
    dates and modalities vary by position) between Egypt and Sudan; entities ``Mesir``
    and ``Sudan`` are linked to every mention of their names in the text.
    """

    def make(doc: str, text: str, *, events: bool = True, title: str | None = None,
             source: str | None = "ANTARA", wire: str | None = "Reuters", published: str | None = "2022-09-05",
             event_types=("CONSULT", "ACCUSE", "AGREE"), dates=("2022-09-05", "2022-10-01", "2023-01-15"),
             modalities=("asserted", "negated", "future"), entity_aliases: dict[str, list[str]] | None = None) -> Document:
        sents: list[tuple[int, int]] = []
        pos = 0
        while pos < len(text):
            nxt = text.find(". ", pos)
            end = len(text) if nxt < 0 else nxt + 1
            if text[pos:end].strip():
                sents.append((pos, end))
            pos = end + 1 if nxt >= 0 else len(text)
        ents = []
        aliases = entity_aliases or {}
        for eid, name, code in (("country/egy", "Mesir", "EGY"), ("country/sdn", "Sudan", "SDN")):
            ments = []
            i = text.find(name)
            while i >= 0:
                ments.append(Mention(name, i, i + len(name)))
                i = text.find(name, i + 1)
            if ments:
                ents.append(Entity(id=eid, name=name, type="GPE", code=code, sector="GOV",
                                   aliases=list(aliases.get(eid, [])), mentions=ments))
        evs = []
        if events:
            for i, se in enumerate(sents):
                k = i % len(event_types)
                evs.append(_event(doc, text, se, i, type=event_types[k],
                                  actor=[_arg("EGY", "Egypt", "Mesir", entity_id="country/egy")],
                                  recipient=[_arg("SDN", "Sudan", "Sudan", sector="MIL", entity_id="country/sdn")],
                                  date=dates[k % len(dates)], modality=modalities[k % len(modalities)]))
        pub = Published(published, "day", "input") if published else Published(None, None, None)
        return Document(
            doc=doc, doc_id=content_hash(text), text=text, language="id", title=title, source=source, wire=wire,
            dateline="Kairo", published=pub, body=(0, len(text)),
            boilerplate=[Span("related", 0, min(5, len(text)), text[:5], value="x")],
            sentences=[Span("sentence", s, e, text[s:e]) for s, e in sents],
            entities=ents, events=evs,
        )

    return make


# --------------------------------------------------------------------------- analysis without linking/events
@pytest.fixture(scope="session")
def _light_analyzer_once():
    from warta.analyse.pipeline import Analyzer, build

    return Analyzer(build(["warta_clean", "warta_sentences", "warta_language"]))


@pytest.fixture
def light_analyzer(_light_analyzer_once, monkeypatch: pytest.MonkeyPatch):
    """Make :mod:`warta.api` (and so the CLI) analyse with the clean, sentence and language
    components only: tests of reading, exit codes and storing then do not depend on entity
    linking and event coding. Returns the Analyzer (built once per session)."""
    from warta import api

    monkeypatch.setattr(api, "_analyzer", lambda: _light_analyzer_once)
    return _light_analyzer_once
