"""warta.ingest.readers.decode_text: which bytes are text, in which encoding, and the exact
error for those that are not (issue #20: tests that bite)."""
from __future__ import annotations

import random

import pytest

from warta.errors import InputError
from warta.ingest.readers import decode_bytes, decode_text

SENTENCE = "Presiden Joko Widodo bertemu dengan duta besar Prancis di Jakarta pada Senin."


def _reason(data: bytes) -> str:
    with pytest.raises(InputError) as exc:
        decode_text(data, "x.txt")
    assert exc.value.source == "x.txt"
    return exc.value.reason


def test_readers_decoding_utf8_comes_first_and_is_named():
    text = "Menteri luar negeri menyebut pertemuan itu déjà vu; harga naik €3 “hari ini”."
    assert decode_text(text.encode("utf-8"), "x") == (text, "utf-8")
    assert decode_text(SENTENCE.encode("ascii"), "x") == (SENTENCE, "utf-8")
    assert decode_bytes(text.encode("utf-8"), "x") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_readers_decoding_utf16_with_its_bom(codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    # UTF-16 holds NUL bytes: with its BOM it is text, not binary data
    assert decode_text(bom + SENTENCE.encode(codec), "x") == (SENTENCE, "utf-16")


def test_readers_decoding_cp1252_keeps_the_euro_sign_and_curly_quotes():
    # 0x80 is the euro sign in cp1252 (a control character in latin-1); "X" is an ordinary letter
    text = "Harga naik €3 – kata Xavier “hari ini” di Jakarta."
    assert decode_text(text.encode("cp1252"), "x") == (text, "cp1252")


def test_readers_decoding_bytes_cp1252_leaves_undefined_are_latin1():
    # 0x81 has no character in cp1252: the text is read as latin-1
    data = "Menteri bertemu di kafé".encode("latin-1") + b"\x81."
    assert decode_text(data, "x") == ("Menteri bertemu di kafé\x81.", "latin-1")


@pytest.mark.parametrize("text", ["déjà", "Café déjà été", "Paris, São Paulo dan Müller."])
def test_readers_decoding_loanwords_up_to_half_accented_are_cp1252(text):
    # "déjà" alone is half non-ASCII letters: still a plausible Western text
    assert decode_text(text.encode("cp1252"), "x") == (text, "cp1252")


def test_readers_decoding_cyrillic_code_page_is_not_read_as_cp1252():
    ru = "Министр иностранных дел России встретился с послом Индонезии в Москве и обсудил торговлю."
    text, enc = decode_text(ru.encode("cp1251"), "x")
    assert text == ru
    assert enc not in ("cp1252", "latin-1")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_readers_decoding_windows_and_old_mac_line_ends_become_newlines(newline):
    data = newline.join(["Baris satu.", "Baris dua.", ""]).encode("utf-8")
    assert decode_text(data, "x")[0] == "Baris satu.\nBaris dua.\n"


def test_readers_decoding_empty_and_blank_inputs():
    assert _reason(b"") == "empty input"
    assert _reason(b" \n\t ") == "empty input"
    # no-break spaces are blank too, though bytes.strip() does not see them
    assert _reason("\u00a0\u3000\n".encode("utf-8")) == "empty input"


def test_readers_decoding_a_nul_byte_makes_binary_data():
    assert _reason((SENTENCE * 3).encode() + b"\x00" + SENTENCE.encode()) == "binary data, not text"


def test_readers_decoding_control_characters_make_binary_data():
    # one character in ten a control character (no NUL): no article looks like that
    data = "".join(c + ("\x01" if i % 10 == 9 else "") for i, c in enumerate(SENTENCE * 3)).encode()
    assert _reason(data) == "binary data, not text"
    # replacement characters count as well: text mangled before it came here
    mangled = "".join(c + ("\ufffd" if i % 8 == 7 else "") for i, c in enumerate(SENTENCE * 3))
    assert _reason(mangled.encode()) == "binary data, not text"


def test_readers_decoding_a_few_stray_control_characters_are_still_text():
    # three in 80 characters: a pasted text with stray control bytes, under the 5 % share
    text = "\x02".join([SENTENCE[:20], SENTENCE[20:40], SENTENCE[40:60], SENTENCE[60:]]) * 3
    assert 0.03 < text.count("\x02") / len(text) < 0.05
    assert decode_text(text.encode(), "x") == (text, "utf-8")
    # tabs, form feeds and vertical tabs are whitespace, not control noise
    ws = "\t".join(SENTENCE.split(" ")) + "\f\v\n"
    assert decode_text(ws.encode(), "x") == (ws, "utf-8")


def test_readers_decoding_random_high_bytes_have_no_encoding():
    r = random.Random(20)
    data = bytes(r.randrange(128, 256) for _ in range(3000))
    assert _reason(data) == "binary data or an unknown text encoding"


def test_readers_decoding_control_characters_up_to_exactly_5_percent_are_text():
    # one control character in twenty: the most a text may have, in UTF-8 or in cp1252
    text = "".join((SENTENCE * 2)[i:i + 19] + "\x02" for i in range(0, 19 * 5, 19))
    assert len(text) == 100 and text.count("\x02") == 5
    assert decode_text(text.encode("utf-8"), "x") == (text, "utf-8")
    western = text.replace("Presiden", "Présiden")
    assert decode_text(western.encode("cp1252"), "x") == (western, "cp1252")
    assert _reason((text + "\x02").encode("utf-8")) == "binary data, not text"
