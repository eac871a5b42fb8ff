"""Price sheets: ``price_sheets`` (one per load: region, currency, query, date, who) and their ``price_items``.

Revision ID: 0003_price_sheets
Revises: 0002_reevaluation_runs

Azure's retail prices for the candidate services, fetched from the Retail Prices API or imported from saved
pages. Sheets are never changed; the newest per region and currency is the one used.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_price_sheets"
down_revision = "0002_reevaluation_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_sheets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("region", sa.String(50), nullable=False, comment="the Resource Manager region name, e.g. westeurope"),
        sa.Column("currency", sa.String(3), nullable=False, comment="ISO 4217 code the prices are in"),
        sa.Column("query_filter", sa.Text, nullable=False, comment="the API's $filter, or empty"),
        sa.Column("origin", sa.String(20), nullable=False, comment="fetched or imported"),
        sa.Column("source", sa.Text, nullable=False, comment="the endpoint fetched, or the files imported"),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False, comment="when the prices were read"),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False, comment="the stable id of the person who loaded it"),
        sa.Column("author", sa.Text, nullable=False, comment="their display name"),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("item_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_price_sheets_region_currency", "price_sheets", ["region", "currency", "fetched_at"])
    op.create_table(
        "price_items",
        sa.Column("sheet_id", sa.Integer, sa.ForeignKey("price_sheets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, comment="the item's place in the sheet, pages in order"),
        *(
            sa.Column(name, sa.Text, nullable=False)
            for name in (
                "meter_id",
                "meter_name",
                "product_id",
                "product_name",
                "sku_id",
                "sku_name",
                "arm_sku_name",
                "service_id",
                "service_name",
                "service_family",
                "arm_region_name",
                "location",
            )
        ),
        sa.Column("price_type", sa.Text, nullable=False, comment="the API's type: Consumption, Reservation, ..."),
        sa.Column("reservation_term", sa.Text, nullable=True),
        sa.Column("unit_of_measure", sa.Text, nullable=False),
        sa.Column("currency_code", sa.String(3), nullable=False),
        sa.Column("retail_price", sa.Float(53), nullable=False),
        sa.Column("unit_price", sa.Float(53), nullable=False),
        sa.Column("tier_minimum_units", sa.Float(53), nullable=False),
        sa.Column("effective_start_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_primary_meter_region", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("sheet_id", "position", name="pk_price_items"),
    )


def downgrade() -> None:
    op.drop_table("price_items")
    op.drop_index("ix_price_sheets_region_currency", table_name="price_sheets")
    op.drop_table("price_sheets")
