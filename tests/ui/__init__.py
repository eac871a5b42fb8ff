"""Streamlit AppTest tests of every page, each on its own SQLite database."""
