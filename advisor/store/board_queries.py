"""What the Board page reads: every live workload's latest record as one DataFrame.

Reading the latest records whole validates every payload into a DecisionRecord (about 2 s for 10,000 records);
the board needs a handful of fields per record, so it reads the copied columns, four of which the database
copies out of the payload on insert (the confidence, the tree's own outcome, the stored revisit-by date and its
lifecycle revision: migration 0007_board_columns): no payload is parsed, in Python or in the database. The rows
come from the database's workload list held in memory (:mod:`advisor.store.workload_list`), which reads only
the workloads changed since its last read: a second at 100,000 records the first time, tens of milliseconds after.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from advisor.store.workload_list import WorkloadList

_COLUMNS = [
    "id", "name", "vm_links", "version", "record_status", "walk_status", "service", "knowledge_version",
    "confidence", "tree_service", "stored_revisit_by", "lifecycle_revision", "author", "session_id", "status",
]  # fmt: skip


class BoardQueries:
    """The board's portfolio frame, read on one connection."""

    def __init__(self, connection: Connection, workload_list: WorkloadList | None = None) -> None:
        self._conn = connection
        self._list = workload_list or WorkloadList()

    def frame(self) -> pd.DataFrame:
        """The latest version of every workload that is not archived and has a record, by workload name.

        Columns: workload_id, name, vm_links (the workload's JSON list), version, record_status, walk_status,
        status (the workload status, as the Workloads page shows it), service (the chosen service: the
        override's, else the tree's), tree_service (the tree's outcome), overridden, knowledge_version,
        confidence (0 to 1), author, session_id (the review session that decided it, if any),
        stored_revisit_by and lifecycle_revision (as the version stored them; None before records had them).
        """
        held = self._list.current(self._conn)
        on_board = held[~held["archived"] & held["version"].notna()]
        frame = on_board[_COLUMNS].rename(columns={"id": "workload_id"}).reset_index(drop=True)
        frame["version"] = frame["version"].astype(int)
        frame["overridden"] = frame["service"].notna() & (frame["service"] != frame["tree_service"])
        return frame
