"""The knowledge stage: safe YAML, loading with located problems, assembly of versions, the decision graph
and its structural checks, the catalog as one version sees it, JSON Schema export and the DOT diagram."""
