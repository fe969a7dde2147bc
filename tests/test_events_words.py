"""The coder's word classes file (``analyse/events/data/words.txt``) and its reader."""
from __future__ import annotations

import pytest

from warta.analyse.events import words


def test_words_load_reads_classes_and_skips_comments(tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("# a comment\n[NEG]\ntidak tak  # inline\nbelum\n\n[PURPOSE]\nuntuk guna\n", encoding="utf-8")
    assert words.load(f) == {"NEG": {"tidak", "tak", "belum"}, "PURPOSE": {"untuk", "guna"}}


def test_words_load_refuses_words_before_a_class(tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("tidak\n[NEG]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before the first"):
        words.load(f)


def test_words_packaged_classes_are_plain_lowercase_words():
    classes = words.load()
    assert {"NEG", "PREPS", "RECIP_PREPS", "SPEECH_VERBS", "NOUN_ROOTS"} <= set(classes)
    assert "oleh" in words.PREPS and "tidak" in words.NEG and "berjanji" in words.PROMISE
    for name, ws in classes.items():
        assert ws, name
        assert all(w == w.lower() and " " not in w for w in ws), name
