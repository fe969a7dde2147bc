"""PLOVER event coding for Indonesian sentences.

>>> from warta.analyse.events import code_sentence, ActorMention, CodedEvent
"""
from .coder import ActorMention, CodedEvent, code_sentence
from .lexicon import Lexicon
from .morphology import analyse, roots

__all__ = ["ActorMention", "CodedEvent", "code_sentence", "Lexicon", "analyse", "roots"]
