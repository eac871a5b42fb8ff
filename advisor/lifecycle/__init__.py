"""Lifecycle: what retires when (``knowledge/lifecycle.yaml``), current VM sizes (``knowledge/sizes.yaml``),
and every judgement of them at an explicit as-of date and horizon.

* :mod:`~advisor.lifecycle.judgement`: the as-of date and horizon, and the status of a date under them;
* :mod:`~advisor.lifecycle.loading`: loading and checking both files against the catalog and the size map;
* :mod:`~advisor.lifecycle.entries`: the checked entries, indexed by the services they touch, and the notes
  (structured, with words for people) that a recommendation, candidate, comparison or what-if shows;
* :mod:`~advisor.lifecycle.sizes`: the current size and the like-for-like size of a classic size.
"""
