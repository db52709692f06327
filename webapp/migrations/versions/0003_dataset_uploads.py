"""Uploaded data sets, kept per WSP until someone removes them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from webapp.database import APP_ROLE

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dataset_upload",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("wsp", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("uploaded_at", sa.String(40), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("candidates", sa.LargeBinary, nullable=False),
        sa.Column("vacancies", sa.LargeBinary, nullable=False),
        sa.Column("placements", sa.LargeBinary),
        sa.Column("candidates_name", sa.String(300)),
        sa.Column("vacancies_name", sa.String(300)),
        sa.Column("placements_name", sa.String(300)),
    )
    op.create_index("dataset_upload_wsp", "dataset_upload", ["wsp"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT, DELETE ON dataset_upload TO {APP_ROLE}")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE dataset_upload_id_seq TO {APP_ROLE}")


def downgrade() -> None:
    op.drop_table("dataset_upload")
