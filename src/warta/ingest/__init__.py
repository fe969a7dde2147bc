"""Ingest stage: read inputs, decode, separate boilerplate, detect the language."""
