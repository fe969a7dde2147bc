"""analyse stage of warta's data path."""
