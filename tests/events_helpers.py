"""Helpers the event-coder tests share: a mention at a surface form, and one sentence coded whole."""
from warta.analyse.events import ActorMention, code_sentence


def mention(text, surface, name, typ, code, sector=None, nth=0):
    """The ``nth`` occurrence of ``surface`` in ``text`` as a linked ActorMention."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return ActorMention(i, i + len(surface), surface, name, typ, code, sector)


def code_whole(text, mentions, **kw):
    """The events of ``text`` taken as one sentence."""
    return code_sentence(text, 0, len(text), mentions, **kw)


def event_of(events, type_):
    """The first of ``events`` of PLOVER type ``type_`` (there must be one)."""
    found = [e for e in events if e.type == type_]
    assert found, [e.type for e in events]
    return found[0]


def of_type(events, type_):
    """The events of PLOVER type ``type_``."""
    return [e for e in events if e.type == type_]


def types_coded(text, *mentions, published="2020-01-01"):
    """The PLOVER types coded in ``text`` taken as one sentence, with these mentions, each
    ``(surface, name, type, code[, sector])`` as :func:`mention` takes them."""
    return {e.type for e in code_whole(text, [mention(text, *m) for m in mentions], published=published)}
