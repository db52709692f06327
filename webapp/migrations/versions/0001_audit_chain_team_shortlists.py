"""The audit log with its hash chain, WSP membership and team shortlists.

Revision ID: 0001
Revises:

A database of the app before migrations (an ``audit_log`` without ``hash``) keeps its old tables as
``audit_log_v0`` and ``shortlist_v0``; the old audit entries are copied, in order, into the new chain.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from webapp.audit import GENESIS, chain_hash
from webapp.database import APP_ROLE, APPEND_ONLY_MESSAGE

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
    # REPLACE / INSERT OR REPLACE deletes the old row without a delete trigger (unless the connection
    # set recursive_triggers): an entry must have the next number and link to the last entry's hash.
    f"""CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
    WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1
      OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '{GENESIS}')
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}: an entry follows the last one'); END""",
)

_POSTGRES_TRIGGERS = f"""
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$;
CREATE FUNCTION audit_log_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS DISTINCT FROM COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1
     OR NEW.prev_hash IS DISTINCT FROM COALESCE(
          (SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '{GENESIS}') THEN
    RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}: an entry follows the last one';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_follows();
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
    CREATE ROLE {APP_ROLE} NOLOGIN;
  END IF;
END $$;
REVOKE ALL ON audit_log FROM PUBLIC;
GRANT SELECT, INSERT ON audit_log TO {APP_ROLE};
GRANT SELECT, INSERT, UPDATE, DELETE ON wsp_member, shortlist TO {APP_ROLE};
GRANT SELECT ON alembic_version TO {APP_ROLE};
"""


def _legacy_audit_rows(bind) -> list:
    tables = set(sa.inspect(bind).get_table_names())
    if "audit_log" not in tables:
        return []
    columns = {c["name"] for c in sa.inspect(bind).get_columns("audit_log")}
    if "hash" in columns:
        return []
    rows = bind.execute(
        sa.text(
            "SELECT at, username, role, action, page, candidate_id, package_id FROM audit_log ORDER BY seq"
        )
    ).all()
    op.rename_table("audit_log", "audit_log_v0")
    # The old triggers moved with the table but keep their names, which the new table's triggers need:
    # the kept old log stays append-only under new names.
    for name, event in (("audit_log_no_update", "UPDATE"), ("audit_log_no_delete", "DELETE")):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(
            f"CREATE TRIGGER {name.replace('audit_log', 'audit_log_v0')} BEFORE {event} ON audit_log_v0 "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        )
    if "shortlist" in tables:
        op.rename_table("shortlist", "shortlist_v0")
    return rows


def upgrade() -> None:
    bind = op.get_bind()
    legacy = _legacy_audit_rows(bind)
    audit = op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("page", sa.String(40)),
        sa.Column("candidate_id", sa.String(200)),
        sa.Column("package_id", sa.String(200)),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("audit_log_candidate", "audit_log", ["candidate_id"])
    op.create_index("audit_log_user_action", "audit_log", ["username", "action"])
    op.create_table(
        "wsp_member",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("wsp", sa.String(200), nullable=False),
        sa.Column("since", sa.String(40), nullable=False),
    )
    op.create_table(
        "shortlist",
        sa.Column("wsp", sa.String(200), primary_key=True),
        sa.Column("package_id", sa.String(200), primary_key=True),
        sa.Column("candidate_id", sa.String(200), primary_key=True),
        sa.Column("package_title", sa.String(500), nullable=False),
        sa.Column("rank", sa.Integer),
        sa.Column("signaleringen", sa.Integer, nullable=False),
        sa.Column("unknowns", sa.Integer, nullable=False),
        sa.Column("confidence", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
    )
    if legacy:
        previous = GENESIS
        rows = []
        for seq, row in enumerate(legacy, start=1):
            values = {
                "seq": seq,
                "at": row[0],
                "username": row[1],
                "role": row[2],
                "action": row[3],
                "page": row[4],
                "candidate_id": row[5],
                "package_id": row[6],
                "prev_hash": previous,
            }
            values["hash"] = previous = chain_hash(values)
            rows.append(values)
        op.bulk_insert(audit, rows)
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(_POSTGRES_TRIGGERS)


def downgrade() -> None:
    raise NotImplementedError("the audit log is append-only: this migration is not undone")
