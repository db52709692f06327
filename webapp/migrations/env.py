"""Alembic environment of the app's store: runs the migrations on the connection the caller passes
(:meth:`webapp.database.Store.upgrade`), or on ``sqlalchemy.url`` when run by the ``alembic`` tool."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context


def _run(connection: sa.engine.Connection) -> None:
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run 'banenmatch db upgrade'")
run_migrations_online()
