"""Pydantic models of the knowledge files."""
