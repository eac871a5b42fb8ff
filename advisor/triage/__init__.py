"""Migration-tool triage: which classic VMs the platform tool can move, on what conditions, and why.

``knowledge/triage/rules.yaml`` holds the rules as data (:mod:`advisor.triage.rules`);
:func:`advisor.triage.verdicts.triage` evaluates them over a whole inventory at once (vectorized
with pandas, :mod:`advisor.triage.evaluate`) and groups the verdicts into migration units.
Submodules are imported directly, so loading the rules does not import pandas.
"""
