"""The database tables: workloads and their append-only record versions; estates, their inventory imports
and VMs; answer profiles; review sessions with their attendees and agenda items; and the schema version.

``record_versions.payload`` holds the whole :class:`~advisor.models.record.DecisionRecord` as the
JSON of ``model_dump_json()``; the other columns copy what listing needs, so listing never parses
payloads. UNIQUE(workload_id, version) both refuses a second writer of the same version and is the
index that finds each workload's latest version.

An inventory import is written once and never changed. ``inventory_imports`` keeps what the import page
shows (files, counts, problems, the triage summary and units) as JSON text; ``inventory_vms`` holds one
row per VM: the triage columns, and ``canonical``, the VM's canonical fields as a JSON object, from
which the canonical frame is rebuilt exactly. JSON columns are ``Text`` holding JSON, as ``payload``.

A review session's agenda item keeps the record version it was taken at (``base_version``): an outcome is
saved as version ``base_version + 1`` only while that is still the workload's newest version, so two
sessions deciding on the same version cannot both win. Sessions and attendees are never deleted, nor is an
agenda item once decided.

A workload's ``record_number`` is its decision-record number on this instance (MADR file ``NNNN-…``): given once
when the workload is created (the next free number), never changed, so links between records hold; an imported
workload keeps the exporting instance's number in ``origin_number``.

A re-evaluation run is stored once it has run (target knowledge version, who ran it and when, how many
records it re-ran) with one ``reevaluation_changes`` row per record it found changed, at the version it re-ran:
the Board's "stale" filter reads the latest run, so every user sees the same.

A price sheet (Azure's retail prices for one region in one currency) is stored once, with the date its prices
were read and who loaded it, and never changed; ``price_items`` holds its prices in page order. Old sheets are
kept: the newest per region and currency is the one used.

A submission (``submissions``) is a form's token, stored by the service that acted on it with the acting
person, the action and the ids of what it created (JSON text), in the same transaction: a repeat of the token
returns the first result, and a refused call stores nothing.

These definitions are the schema as the code uses it now; the database gets there through the migrations
in :mod:`advisor.store.migrations` (schema versions 1 to 3 were made before migrations existed: the first
revision brings any of them to 3, and ``schema_version`` keeps saying 3).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
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

SCHEMA_VERSION = 3  # the last schema version before migrations: what ``schema_version`` says from then on

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
    # Kept by the database (a trigger on record_versions, migration 0006_latest_version_pointer): listing
    # workloads with their latest record joins on it instead of grouping every version.
    Column("latest_record_version", Integer, nullable=True, comment="the latest record version (None before one)"),
    Column("record_number", Integer, nullable=True, comment="the decision-record number here, given once at creation"),
    Column("origin_number", Integer, nullable=True, comment="an imported workload's number on the exporting instance"),
    # Raised by every update of the row (migration 0010_workload_change_count): with latest_record_version, the
    # stamp the in-memory workload list compares to find the rows that changed (advisor.store.workload_list).
    Column(
        "change_count",
        Integer,
        nullable=False,
        server_default="0",
        default=0,
        comment="how many times the row was updated: with latest_record_version, the list's change stamp",
    ),
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
    # Copies of four payload fields the Board reads, kept by the database (a trigger on insert, migration
    # 0007_board_columns): no payload is parsed to draw the Board.
    Column("board_confidence", String(40), nullable=True, comment="the payload's confidence (0 to 1), as written"),
    Column("board_tree_service", String(200), nullable=True, comment="the payload's service: the tree's own outcome"),
    Column("board_revisit_by", String(40), nullable=True, comment="the payload's stored revisit-by date"),
    Column("board_lifecycle_revision", String(200), nullable=True, comment="the payload's lifecycle revision"),
    UniqueConstraint("workload_id", "version", name="uq_record_versions_workload_version"),
)

Index("ix_workloads_archived_name", workloads.c.archived_at, workloads.c.name_key)
Index("uq_workloads_record_number", workloads.c.record_number, unique=True)
Index("ix_record_versions_status", record_versions.c.status)
# Everything the Board reads of a version, in an index (0007_board_columns): the board never reads a table row,
# whose columns sit behind its ~5 KB payload.
BOARD_INDEX = "ix_record_versions_board"
Index(
    BOARD_INDEX, *(record_versions.c[name] for name in (
        "workload_id", "version", "status", "walk_status", "service", "knowledge_version", "board_confidence",
        "board_tree_service", "board_revisit_by", "board_lifecycle_revision", "author", "session_id",
    )),
)  # fmt: skip

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

reevaluation_runs = Table(
    "reevaluation_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_version", String(200), nullable=False, comment="the knowledge version re-run under"),
    Column("run_at", DateTime(timezone=True), nullable=False),
    Column("actor_id", Text, nullable=False, comment="the stable id of the person who ran it"),
    Column("author", Text, nullable=False, comment="their display name"),
    Column("record_count", Integer, nullable=False, comment="how many records were re-run"),
    Column("changed_count", Integer, nullable=False, comment="how many of them would change"),
)

reevaluation_changes = Table(
    "reevaluation_changes",
    metadata,
    Column("run_id", Integer, ForeignKey("reevaluation_runs.id", ondelete="CASCADE"), nullable=False),
    Column("workload_id", Integer, ForeignKey("workloads.id", ondelete="RESTRICT"), nullable=False),
    Column("version", Integer, nullable=False, comment="the record version the run found changed"),
    PrimaryKeyConstraint("run_id", "workload_id", name="pk_reevaluation_changes"),
)

price_sheets = Table(
    "price_sheets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region", String(50), nullable=False, comment="the Resource Manager region name, e.g. westeurope"),
    Column("currency", String(3), nullable=False, comment="ISO 4217 code the prices are in"),
    Column("query_filter", Text, nullable=False, comment="the API's $filter, or empty"),
    Column("origin", String(20), nullable=False, comment="fetched or imported"),
    Column("source", Text, nullable=False, comment="the endpoint fetched, or the files imported"),
    Column("fetched_at", DateTime(timezone=True), nullable=False, comment="when the prices were read"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("actor_id", Text, nullable=False, comment="the stable id of the person who loaded it"),
    Column("author", Text, nullable=False, comment="their display name"),
    Column("page_count", Integer, nullable=False),
    Column("item_count", Integer, nullable=False),
    Index("ix_price_sheets_region_currency", "region", "currency", "fetched_at"),
)

price_items = Table(
    "price_items",
    metadata,
    Column("sheet_id", Integer, ForeignKey("price_sheets.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, comment="the item's place in the sheet, pages in order"),
    Column("meter_id", Text, nullable=False),
    Column("meter_name", Text, nullable=False),
    Column("product_id", Text, nullable=False),
    Column("product_name", Text, nullable=False),
    Column("sku_id", Text, nullable=False),
    Column("sku_name", Text, nullable=False),
    Column("arm_sku_name", Text, nullable=False),
    Column("service_id", Text, nullable=False),
    Column("service_name", Text, nullable=False),
    Column("service_family", Text, nullable=False),
    Column("arm_region_name", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("price_type", Text, nullable=False, comment="the API's type: Consumption, Reservation, ..."),
    Column("reservation_term", Text, nullable=True),
    Column("unit_of_measure", Text, nullable=False),
    Column("currency_code", String(3), nullable=False),
    Column("retail_price", Float(53), nullable=False),
    Column("unit_price", Float(53), nullable=False),
    Column("tier_minimum_units", Float(53), nullable=False),
    Column("effective_start_date", DateTime(timezone=True), nullable=False),
    Column("is_primary_meter_region", Boolean, nullable=False),
    PrimaryKeyConstraint("sheet_id", "position", name="pk_price_items"),
)
# Accounts (team mode): a person signed in through the identity provider, keyed by the token's issuer and
# subject; name and email are refreshed at each sign-in. An account is never deleted: removing it sets
# ``removed_at`` (its grants stay for the audit's sake but no longer count).
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("issuer", Text, nullable=False, comment="the token's iss"),
    Column("subject", Text, nullable=False, comment="the token's sub"),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=True),
    Column("removed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("issuer", "subject", name="uq_accounts_issuer_subject"),
)

account_roles = Table(
    "account_roles",
    metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
    Column("role", String(20), nullable=False, comment="viewer, contributor, reviewer or admin"),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", Text, nullable=False, comment="who granted it: a person, 'configuration' or a claim"),
    PrimaryKeyConstraint("account_id", "role", name="pk_account_roles"),
)

# Which session attendee is which account (team mode). An attendee without a row here is free text, shown as
# "not linked to an account" until an admin links it. Its own table, so existing sessions are left untouched.
attendee_accounts = Table(
    "attendee_accounts",
    metadata,
    Column("session_id", Integer, nullable=False),
    Column("position", Integer, nullable=False, comment="the attendee's position in session_attendees"),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
    Column("linked_by", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "position", name="pk_attendee_accounts"),
)

# The signed-in account that signed off an agenda item (team mode); an item decided without a row here was
# signed in local mode, and its signature is unverified.
item_signatures = Table(
    "item_signatures",
    metadata,
    Column("session_id", Integer, nullable=False),
    Column("workload_id", Integer, nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
    PrimaryKeyConstraint("session_id", "workload_id", name="pk_item_signatures"),
)

# The audit trail: append-only (the store has no update or delete for it). One row per write, in the write's
# own transaction, and one per refused attempt (in a transaction of its own, the refused one rolled back).
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", Text, nullable=False, comment="the acting person's stable id"),
    Column("actor_name", Text, nullable=False),
    Column("actor_email", Text, nullable=False, default=""),
    Column("os_user", Text, nullable=False, default="", comment="the OS user of a command-line action"),
    Column("source", String(10), nullable=False, comment="app, cli or import"),
    Column("action", Text, nullable=False, comment="what was done, in words"),
    Column("target", Text, nullable=False, default="", comment="what it was done to, in words"),
    Column("outcome", String(10), nullable=False, comment="done or refused"),
    Column("detail", Text, nullable=False, default=""),
)

Index("ix_audit_events_at", audit_events.c.at)

submissions = Table(
    "submissions",
    metadata,
    Column("token", String(100), primary_key=True, comment="the form's submission token"),
    Column("actor_id", Text, nullable=False, comment="the stable id of the person who sent it"),
    Column("action", String(40), nullable=False, comment="the service it was sent to"),
    Column("result", Text, nullable=False, comment="JSON: the ids of what it created"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
