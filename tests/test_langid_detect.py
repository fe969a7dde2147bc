"""warta.ingest.langid.detect: Indonesian vs Malay vs English vs undetermined."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.ingest.langid import Language, detect

from conftest import SAMPLES

INDONESIAN = ("Pemerintah Indonesia mengatakan bahwa polisi telah menangkap dua orang setelah kerusuhan "
              "di kota itu karena mereka diduga menjadi penggerak aksi tersebut, kata juru bicara kepolisian.")
MALAY = ("Kerajaan Malaysia berkata polis telah menahan dua individu selepas rusuhan di bandar itu kerana "
         "mereka dipercayai menjadi dalang, menurut kenyataan yang dikeluarkan semalam oleh pihak berkuasa.")
ENGLISH = ("The government said that police have arrested two people after the riot in the city because "
           "they were suspected of leading it, a police spokesman said on Monday.")


def test_langid_detects_indonesian():
    lang = detect(INDONESIAN)
    assert lang.code == "id" and 0.5 <= lang.confidence <= 1.0


def test_langid_detects_malay():
    lang = detect(MALAY)
    assert lang.code == "ms" and 0.5 <= lang.confidence <= 1.0


def test_langid_detects_english():
    lang = detect(ENGLISH)
    assert lang.code == "en" and lang.confidence > 0.5


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "😀😀😀", "xqzt vbnm plkj wert yuio", "Привет, как дела?"])
def test_langid_undetermined_for_no_or_unknown_words(text):
    assert detect(text) == Language("und", 0.0)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_langid_sample_articles_are_indonesian(name):
    assert detect(SAMPLES[name]).code == "id"


def test_langid_reads_only_max_chars():
    text = INDONESIAN + " " + ENGLISH * 50
    assert detect(text, max_chars=len(INDONESIAN)).code == "id"
    assert detect(text).code == "en"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_langid_never_raises_and_confidence_in_range(text):
    lang = detect(text)
    assert lang.code in {"id", "ms", "en", "und"}
    assert 0.0 <= lang.confidence <= 1.0
