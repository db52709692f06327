"""webapp.shortlist: persistence per adviser and vacancy; CSV and Excel exports with Dutch columns."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from matcher import texts_nl
from webapp.database import forget_stores
from webapp.export import to_csv_bytes, to_xlsx_bytes
from webapp.shortlist import ShortlistEntry, ShortlistStore

COLUMNS = list(texts_nl.APP_EXPORT_COLUMNS.values())


def _add(
    store: ShortlistStore,
    wsp: str,
    package: str,
    candidate: str,
    title: str = "Medewerker post",
    by: str = "anna",
) -> bool:
    return store.add(
        wsp, package, title, candidate, added_by=by, rank=1, signaleringen=2, unknowns=3, confidence="middel"
    )


def test_a_shortlist_is_shared_by_the_wsp_and_keeps_who_added_whom(store_url):
    store = ShortlistStore(store_url)
    assert _add(store, "Midden-Utrecht", "P1", "K1", by="anna") and _add(
        store, "Midden-Utrecht", "P1", "K2", by="bert"
    )
    assert not _add(store, "Midden-Utrecht", "P1", "K1", by="bert")  # already there: the first entry stays
    _add(store, "Midden-Utrecht", "P2", "K3")
    _add(store, "Amersfoort", "P1", "K9", by="carla")  # another WSP, the same vacancy: a list of its own
    forget_stores()
    again = ShortlistStore(store_url)  # a new process sees the same lists
    entries = again.entries("Midden-Utrecht", "P1")
    assert [(e.candidate_id, e.added_by) for e in entries] == [("K1", "anna"), ("K2", "bert")]
    assert [e.candidate_id for e in again.entries("Midden-Utrecht")] == ["K1", "K2", "K3"]
    assert [e.candidate_id for e in again.entries("Amersfoort", "P1")] == ["K9"]
    assert again.set_note("Midden-Utrecht", "P1", "K2", "  belt dinsdag terug  ")
    assert [e.note for e in again.entries("Midden-Utrecht", "P1")] == ["", "belt dinsdag terug"]
    assert again.remove("Midden-Utrecht", "P1", "K1") and not again.remove("Midden-Utrecht", "P1", "K1")
    assert not again.set_note("Midden-Utrecht", "P1", "K1", "weg")
    assert [e.candidate_id for e in again.entries("Midden-Utrecht", "P1")] == ["K2"]


def test_csv_export_has_dutch_columns_pseudonyms_and_opens_in_dutch_excel(tmp_path):
    store = ShortlistStore(tmp_path / "db.sqlite")
    _add(store, "W", "P1", "K1")
    _add(store, "W", "P1", "K2")
    data = to_csv_bytes(store.entries("W", "P1"))
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig")
    assert list(frame.columns) == COLUMNS
    assert frame[texts_nl.APP_EXPORT_COLUMNS["candidate_id"]].tolist() == ["K1", "K2"]
    assert frame[texts_nl.APP_EXPORT_COLUMNS["signaleringen"]].tolist() == [2, 2]


def test_excel_export_has_one_sheet_with_the_same_table(tmp_path):
    store = ShortlistStore(tmp_path / "db.sqlite")
    _add(store, "W", "P1", "K1")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(store.entries("W"))))
    assert book.sheetnames == [texts_nl.APP_TEXTS["shortlist"]["sheet"]]
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert rows[1][:3] == ("P1", "Medewerker post", "K1")


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(tmp_path):
    store = ShortlistStore(tmp_path / "db.sqlite")
    _add(store, "W", "P1", "K1", title='=HYPERLINK("http://x","klik")')
    _add(store, "W", "P1", "K2", title="+31 medewerker")
    frame = pd.read_csv(io.BytesIO(to_csv_bytes(store.entries("W"))), sep=";", encoding="utf-8-sig")
    titles = frame[texts_nl.APP_EXPORT_COLUMNS["package_title"]].tolist()
    assert titles == ['\'=HYPERLINK("http://x","klik")', "'+31 medewerker"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(store.entries("W"))))
    assert book.active["B2"].data_type == "s" and book.active["B2"].value.startswith("'=")


def test_the_time_added_reads_as_a_dutch_date_and_time():
    # Stored in UTC (ISO 8601); shown and exported in Dutch time, summer and winter.
    entries = [
        ShortlistEntry("P1", "Medewerker post", "K1", 1, 0, 0, "hoog", "anna", "2026-07-01T10:05:00+00:00"),
        ShortlistEntry(
            "P1", "Medewerker post", "K2", 2, 0, 0, "hoog", "anna", "2026-01-15T23:30:00+00:00", "x"
        ),
    ]
    frame = pd.read_csv(io.BytesIO(to_csv_bytes(entries)), sep=";", encoding="utf-8-sig")
    assert frame[texts_nl.APP_EXPORT_COLUMNS["added_at"]].tolist() == ["01-07-2026 12:05", "16-01-2026 00:30"]
    assert "UTC" not in texts_nl.APP_EXPORT_COLUMNS["added_at"]
