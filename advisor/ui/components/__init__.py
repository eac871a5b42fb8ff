"""Reusable Streamlit widgets, each owning its own session-state keys."""
