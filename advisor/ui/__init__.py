"""Streamlit user interface: pages and components that call the advisor core and decide nothing."""

import advisor

# The core facade imports its names on first use (PEP 562, so that ``python -m advisor triage`` skips the decision
# tree). Streamlit runs each session's script in its own thread: two sessions filling the facade at once could meet
# a module the other is still importing. It is filled here, under this package's import lock and before any page
# or component module is imported, so their ``from advisor import ...`` are plain lookups.
advisor.KnowledgeBase  # noqa: B018
