from warta.analyse.events.morphology import analyse, roots, tokenize


def test_morphology_nasal_assimilation():
    assert "kunjung" in roots("mengunjungi")
    assert "pasok" in roots("memasok")
    assert "tewas" in roots("menewaskan")
    assert "tembak" in roots("menembak")
    assert "bom" in roots("mengebom")
    assert "serang" in roots("menyerang")


def test_morphology_other_affixes():
    assert ("temu", "per", "an") in analyse("pertemuan")
    assert ("runding", "ber", "") in analyse("berunding")
    assert ("jatuh", "di", "i") in analyse("dijatuhi")
    assert "kuat" in roots("memperkuat")
    assert "sanksi" in roots("sanksinya")


def test_morphology_reduplication():
    assert "serang" in roots("serangan-serangan")
    assert "sanksi" in roots("sanksi-sanksi")


def test_morphology_tokenize_offsets():
    text = "Abc, Rusia-Ukraina x"
    toks = tokenize(text)
    assert [text[s:e] for s, e, _ in toks] == ["Abc", "Rusia-Ukraina", "x"]
