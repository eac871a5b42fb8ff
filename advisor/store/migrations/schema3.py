"""Schema 3 as it was when migrations began (commit ab543d2): the base the first revision brings every
database to. Frozen here, never edited: later changes are new revisions, so this stays what a schema-3
database really has, whatever :mod:`advisor.store.tables` says now.

Schema versions before migrations: 1 workloads and record versions; 2 adds estates, inventory imports,
inventory VMs and profiles; 3 adds review sessions, session attendees and session items (and the index on
``record_versions.session_id``).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 3

metadata = MetaData()

schema_info = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

workloads = Table(
    "workloads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),
    Column("owner", Text, nullable=False, default=""),
    Column("context", Text, nullable=False, default=""),
    Column("vm_links", Text, nullable=False, default="[]"),
    Column("archived_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

record_versions = Table(
    "record_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workload_id", Integer, ForeignKey("workloads.id", ondelete="RESTRICT"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("walk_status", String(20), nullable=False),
    Column("service", String(200), nullable=True, comment="the chosen service: the override's, else the tree's"),
    Column("knowledge_version", String(200), nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("session_id", Integer, nullable=True),
    Column("payload", Text, nullable=False),
    UniqueConstraint("workload_id", "version", name="uq_record_versions_workload_version"),
)

Index("ix_workloads_archived_name", workloads.c.archived_at, workloads.c.name_key)
Index("ix_record_versions_status", record_versions.c.status)

estates = Table(
    "estates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

inventory_imports = Table(
    "inventory_imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("estate_id", Integer, ForeignKey("estates.id", ondelete="RESTRICT"), nullable=False, index=True),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
    Column("files", Text, nullable=False, comment="JSON list of the file names, in reading order"),
    Column("formats", Text, nullable=False, comment="JSON list: the detected format of each file"),
    Column("rows_read", Integer, nullable=False),
    Column("rows_skipped", Integer, nullable=False),
    Column("vm_count", Integer, nullable=False),
    Column("problem_count", Integer, nullable=False),
    Column("problems", Text, nullable=False, comment="JSON list of problem lines, the first 1000"),
    Column("missing_columns", Text, nullable=False),
    Column("extra_columns", Text, nullable=False, comment="JSON list: the extra source columns, in frame order"),
    Column("verdict_counts", Text, nullable=False),
    Column("summary", Text, nullable=False, comment="JSON of TriageResult.summary()"),
    Column("units", Text, nullable=False, comment="JSON list of UnitResult.to_dict()"),
    Column("vnet_file", Text, nullable=True),
    Column("vnet_facts", Text, nullable=True, comment="JSON records of the VNet facts frame; NULL without one"),
)

inventory_vms = Table(
    "inventory_vms",
    metadata,
    Column("import_id", Integer, ForeignKey("inventory_imports.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, comment="the row of the canonical frame, from 0"),
    Column("subscription_id", Text, nullable=True),
    Column("cloud_service", Text, nullable=False),
    Column("vm_name", Text, nullable=False),
    Column("vnet", Text, nullable=True),
    Column("size", Text, nullable=True),
    Column("os_type", Text, nullable=True),
    Column("verdict", String(30), nullable=False),
    Column("rules", Text, nullable=False),
    Column("unknown_fields", Text, nullable=False),
    Column("arm_size", Text, nullable=True),
    Column("unit", Text, nullable=False),
    Column("unit_kind", String(20), nullable=False),
    Column("canonical", Text, nullable=False, comment="JSON object: every canonical and extra field, null = <NA>"),
    PrimaryKeyConstraint("import_id", "position", name="pk_inventory_vms"),
)

Index("ix_inventory_vms_verdict", inventory_vms.c.import_id, inventory_vms.c.verdict)
Index("ix_inventory_vms_name", inventory_vms.c.import_id, inventory_vms.c.cloud_service, inventory_vms.c.vm_name)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),
    Column("yaml", Text, nullable=False, comment="the AnswerProfile as a YAML mapping"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
)


review_sessions = Table(
    "review_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("date", Date, nullable=False),
    Column("status", String(10), nullable=False, comment="open or closed"),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("closed_by", Text, nullable=True),
)

session_attendees = Table(
    "session_attendees",
    metadata,
    Column("session_id", Integer, ForeignKey("review_sessions.id", ondelete="RESTRICT"), nullable=False),
    Column("position", Integer, nullable=False, comment="the order attendees were given in, from 0"),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("role", String(20), nullable=False, comment="decision_maker, consulted or informed"),
    PrimaryKeyConstraint("session_id", "position", name="pk_session_attendees"),
    UniqueConstraint("session_id", "name_key", name="uq_session_attendees_name"),
)

session_items = Table(
    "session_items",
    metadata,
    Column("session_id", Integer, ForeignKey("review_sessions.id", ondelete="RESTRICT"), nullable=False),
    Column("workload_id", Integer, ForeignKey("workloads.id", ondelete="RESTRICT"), nullable=False),
    Column("position", Integer, nullable=False, comment="agenda order, from 0"),
    Column("base_version", Integer, nullable=False, comment="the record version the item was taken at"),
    Column("notes", Text, nullable=False, default=""),
    Column("outcome", String(10), nullable=True, comment="accept, reject, override or defer; NULL until decided"),
    Column("reason", Text, nullable=False, default=""),
    Column("override_service", String(200), nullable=True),
    Column("signed_off_by", Text, nullable=True),
    Column("signed_at", DateTime(timezone=True), nullable=True),
    Column("result_version", Integer, nullable=True, comment="the record version the outcome created"),
    PrimaryKeyConstraint("session_id", "workload_id", name="pk_session_items"),
)

Index("ix_session_items_workload", session_items.c.workload_id)
record_versions_by_session = Index("ix_record_versions_session", record_versions.c.session_id)
