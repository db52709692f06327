"""The Streamlit app's own helpers; ``webapp/app.py`` is the shell (``APP_SCRIPT``). The matcher
library never imports this.

Modules
-------
settings      where data, reports and run-time state live (environment variables)
auth          users file, demo users, roles and which role may open which page
database      the store: SQLite embedded or PostgreSQL shared, its tables and the migration check
migrations/   Alembic migrations of the store (shipped in the wheel; ``banenmatch db upgrade``)
audit         append-only, hash-chained log of who did what with which candidate; verify and export
login         checking a log-in, audited; lockout after repeated failures
teams         WSP membership of advisers
shortlist     team shortlists per vacancy and WSP
outcomes      what happened to each proposal; contract placements and k-anonymous figures from them
uploads       uploaded data sets, kept per WSP until removed
export        a shortlist as CSV or Excel (Dutch column names)
dataset       loading the bundled data or uploads, validated as ``banenmatch validate`` does
form          the vacancy form: plain questions mapped onto FML-lite levels, form -> WorkPackage
ending        candidates whose job is ending (*van werk naar werk*)
regions       the arbeidsmarktregio's and their central municipality
supply        per function profile and region: how many candidates could start (suppressed counts)
carving       the Jobcarving page's task table: rows -> tasks, Dutch row problems, proposals as JSON Lines
reports       evaluation reports on disk, and starting a small evaluation run
render        Streamlit rendering of explanations and cards (plain text only)
state         cached resources (data, matcher) and the signed-in user
pages/        one Streamlit page per file
app.py        the shell: log-in, menu, sidebar (the script ``streamlit run`` runs)
launch        ``banenmatch-app``: starts the shell of an installed banenmatch
"""

from pathlib import Path

__all__ = ["APP_SCRIPT"]

APP_SCRIPT = Path(__file__).resolve().parent / "app.py"
"""The app's main script (``streamlit run`` this file; the checkout's ``app.py`` runs it too)."""
