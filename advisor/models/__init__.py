"""Pydantic models: the knowledge files, decision records, review sessions and answer profiles."""
