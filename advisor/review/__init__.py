"""Review-board analysis over records (no writes): what-if, service comparison, re-evaluation under another
knowledge version, and the Board's portfolio."""
