"""Streamlit user interface: pages and components that call the advisor core and decide nothing."""
