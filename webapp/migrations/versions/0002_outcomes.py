"""Outcomes: the steps of each proposal (VUM process data) and the end of a placement.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from webapp.database import APP_ROLE

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("wsp", sa.String(200), nullable=False),
        sa.Column("package_id", sa.String(200), nullable=False),
        sa.Column("candidate_id", sa.String(200), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("rank", sa.Integer),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("adviser", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(60)),
        sa.Column("start_date", sa.Date),
        sa.Column("contract", sa.String(40)),
        sa.Column("hours", sa.Integer),
        sa.Column("recorded_at", sa.String(40), nullable=False),
    )
    op.create_index("outcome_proposal", "outcome", ["wsp", "package_id", "candidate_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT ON outcome TO {APP_ROLE}")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE outcome_id_seq TO {APP_ROLE}")


def downgrade() -> None:
    op.drop_table("outcome")
