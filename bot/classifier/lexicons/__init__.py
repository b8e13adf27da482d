"""Lexicon data files (TOML), one per language; see ../lexicon.py for the format."""
