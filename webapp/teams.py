"""WSP membership: which Werkgeversservicepunt (arbeidsmarktregio) an adviser works for.

The advisers of one WSP share its shortlists, outcomes and uploaded data sets. Membership lives in the
store (``scripts/make_users.py add NAME --role adviseur --wsp REGION`` sets it); the demo adviser is in
:data:`DEMO_WSP`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from matcher.errors import SchemaError
from webapp.database import Store, open_store, wsp_member
from webapp.regions import REGIONS

__all__ = ["DEMO_WSP", "Teams", "check_wsp"]

DEMO_WSP = "Midden-Utrecht"
"""The demo users' WSP (the bundled sample data lies around Utrecht)."""


def check_wsp(name: str) -> str:
    """The arbeidsmarktregio called ``name`` (case-insensitive), as spelled in :data:`REGIONS`."""
    by_lower = {r.name.lower(): r.name for r in REGIONS}
    found = by_lower.get(name.strip().lower())
    if found is None:
        raise SchemaError(
            f"wsp: expected one of the 35 arbeidsmarktregio's (e.g. {DEMO_WSP!r}), found {name!r}"
        )
    return found


class Teams:
    """Who belongs to which WSP."""

    def __init__(self, target: Store | Path | str) -> None:
        self.store = open_store(target)

    def assign(self, username: str, wsp: str) -> None:
        """Put ``username`` in ``wsp`` (one WSP per adviser; a move replaces the old one)."""
        values = {
            "username": username,
            "wsp": check_wsp(wsp),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        with self.store.begin() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(wsp_member).values(**values)
            statement = statement.on_conflict_do_update(
                index_elements=["username"], set_={"wsp": values["wsp"], "since": values["since"]}
            )
            conn.execute(statement)

    def wsp_of(self, username: str) -> str | None:
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(wsp_member.c.wsp).where(wsp_member.c.username == username)).scalar()

    def members(self, wsp: str) -> list[str]:
        with self.store.engine.connect() as conn:
            query = (
                sa.select(wsp_member.c.username)
                .where(wsp_member.c.wsp == wsp)
                .order_by(wsp_member.c.username)
            )
            return list(conn.execute(query).scalars())
