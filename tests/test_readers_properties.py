"""Property tests: the JSON Lines reader never raises, whatever bytes a line holds."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.errors import InputError
from warta.ingest.readers import read_jsonl
from warta.model import Article

# Lines that look like JSON often enough to reach the object/field checks.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
objects = st.fixed_dictionaries(
    {},
    optional={"id": json_values, "text": st.one_of(st.text(max_size=60), json_values), "title": json_values,
              "published": json_values, "source": json_values, "url": json_values},
)
lines = st.one_of(
    st.binary(max_size=200),
    objects.map(lambda o: json.dumps(o).encode("utf-8")),
    json_values.map(lambda v: json.dumps(v).encode("utf-8")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=6))
def test_readers_jsonl_never_raises_on_arbitrary_lines(raw_lines):
    items = list(read_jsonl(raw_lines, "prop.jsonl"))
    assert len(items) <= len(raw_lines)
    for it in items:
        assert isinstance(it, (Article, InputError))
        if isinstance(it, InputError):
            assert it.source.startswith("prop.jsonl:")
            assert it.reason and "\n" not in it.reason
        else:
            assert isinstance(it.text, str) and it.text.strip()
            assert isinstance(it.doc, str) and it.doc


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200), st.text(max_size=20))
def test_readers_jsonl_text_round_trips(text, doc_id):
    line = json.dumps({"id": doc_id, "text": text}).encode("utf-8")
    [it] = list(read_jsonl([line], "rt.jsonl"))
    if text.strip():
        assert isinstance(it, Article)
        assert it.text == text.replace("\r\n", "\n").replace("\r", "\n")
        assert it.doc == (doc_id if doc_id else it.doc_id)
    else:
        assert isinstance(it, InputError) and it.source == "rt.jsonl:1"


# Indonesian/English sentences with the accented letters of loanwords and names (all in latin-1)
_WORDS = ["Presiden", "menyebut", "pertemuan", "itu", "déjà", "vu", "café", "naïve", "Müller", "São", "Paulo",
          "Jakarta", "bertemu", "dengan", "Menteri", "Luar", "Negeri", "Perancis", "résumé", "Français", "señor"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40), st.sampled_from(["latin-1", "cp1252"]))
def test_readers_latin1_text_decodes_to_what_was_written(words, codec):
    from warta.ingest.readers import decode_text

    text = " ".join(words) + "."
    data = text.encode(codec)
    decoded, enc = decode_text(data, "x.txt")
    assert decoded == text
    assert enc in ("utf-8", "cp1252", "latin-1")


def test_readers_latin1_file_keeps_its_accents_and_records_the_encoding(tmp_path):
    import warta
    from warta.api import analyze_inputs

    p = tmp_path / "prancis.txt"
    p.write_bytes("Jakarta - Presiden Prancis menyebut pertemuan itu sebagai déjà vu bagi kedua negara.".encode("latin-1"))
    [doc] = list(analyze_inputs([str(p)]))
    assert "déjà vu" in doc.text
    assert any(f in doc.flags for f in ("encoding:cp1252", "encoding:latin-1"))
    assert warta  # the document's dict carries the flag too
    assert "encoding:" in " ".join(doc.to_dict()["flags"])
