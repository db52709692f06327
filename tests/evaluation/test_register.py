"""``python -m evaluation register``: every number in the entry matches the source it came from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evaluation.cli import main
from evaluation.register import FIELDS, PLACEHOLDER, RECORDED_FIGURES, ROOT, _lookup, _nl_number
from matcher.ranking import DEFAULT_RANKER_DIR

RANKER = DEFAULT_RANKER_DIR / "manifest.json"
GROUPS = ("auditief", "lvb", "nah")


def _metrics() -> dict:
    def ratios(base: float) -> dict:
        return {g: base + i / 7 for i, g in enumerate(GROUPS)}

    row = {"ndcg@10": 0.2061234, "mrr": 0.43219, "violations@10": 0}
    return {
        "vacancy": {
            "tfidf": {"ndcg@10": 0.0712, "mrr": 0.1, "violations@10": 57},
            "full": {**row, "exposure_ratio@10": {"limitation_type": ratios(0.61)}},
            "full_fair": {**row, "ndcg@10": 0.2011, "exposure_ratio@10": {"limitation_type": ratios(0.83)}},
        },
        "candidate": {"full": {"ndcg@10": 0.6812}},
        "settings": {"cutoff": 10},
        "data": {"candidates": 10000, "packages": 1000, "placements": 10516},
        "calibration": {
            "method": "isotonic",
            "ece": 0.0123,
            "brier": 0.2341,
            "auc": 0.6427,
            "by_group": {
                "limitation_type": {
                    "lvb": {"n": 1634, "ece": 0.021, "checked": True},
                    "nah": {"n": 77, "ece": 0.09, "checked": False},
                }
            },
        },
        "provenance": {"date": "2026-12-03", "commit": "9d70b01a2b3c"},
    }


def _code_value(name: str):
    from evaluation.report import FAIR_BAND
    from matcher.contract import load_contract
    from webapp.supply import SUPPRESS_BELOW

    return {
        "evaluation.report.FAIR_BAND[0]": FAIR_BAND[0],
        "evaluation.report.FAIR_BAND[1]": FAIR_BAND[1],
        "webapp.supply.SUPPRESS_BELOW": SUPPRESS_BELOW,
        "matcher.contract.fml_codes": len(load_contract().fml_codes),
    }[name]


def _check_figures(payload: dict, metrics: dict, ranker: dict) -> None:
    assert payload["figures"]
    for figure in payload["figures"]:
        kind, _, path = figure["source"].partition(":")
        if kind == "metrics.json":
            expected = _lookup(metrics, path)
        elif kind == "ranker":
            expected = ranker["coef"][ranker["feature_names"].index(path.removeprefix("coef."))]
        else:
            expected = _code_value(path)
        assert figure["value"] == expected, figure
        if isinstance(expected, str):
            assert figure["text"] == expected
        else:
            shown = float(figure["text"].rstrip("%").replace(".", "").replace(",", "."))
            digits = len(figure["text"].split(",")[1]) if "," in figure["text"] else 0
            assert shown == pytest.approx(expected, abs=0.5 * 10**-digits + 1e-12), figure


def _check_numbers(text: str, payload: dict, cutoff: int) -> None:
    """Every number in the text is a figure's text, the cut-off of 'top 10' / '@10', or the schema version."""
    rest = (
        text.replace(payload["metrics_source"], " ")
        .replace(f"@{cutoff}", " ")
        .replace(f"top {cutoff}", " ")
        .replace(payload["schema"], " ")
    )
    for figure in sorted(payload["figures"], key=lambda f: -len(f["text"])):
        # the figure's text as a whole number, not a piece of a longer one
        rest = re.sub(rf"(?<![\d.,]){re.escape(figure['text'])}(?![\d]|[.,]\d)", " ", rest)
    leftover = re.findall(r"\d+(?:[.,]\d+)*", rest)
    assert not leftover, f"numbers without a source: {leftover}"


def test_every_number_in_the_entry_matches_the_metrics_it_came_from(tmp_path):
    report = tmp_path / "report"
    report.mkdir()
    metrics = _metrics()
    (report / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    out = tmp_path / "docs" / "REG.md"
    assert main(["register", "--out", str(out), "--metrics", str(report)]) == 0
    payload = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    text = out.read_text(encoding="utf-8")
    ranker = json.loads(RANKER.read_text(encoding="utf-8"))
    _check_figures(payload, metrics, ranker)
    _check_numbers(text, payload, cutoff=10)
    # the figures the issue asks for are there
    assert "0,206" in text and "0,201" in text and "2026-12-03" in text and "9d70b01a2b3c" in text
    assert (
        _nl_number(f"{metrics['vacancy']['full']['exposure_ratio@10']['limitation_type']['nah']:.2f}") in text
    )
    assert "te weinig om te controleren (n = 77)" in text
    # every field of the standard, in order, and the placeholders are visible, never invented
    positions = [text.index(f"**{name}**") for _, name, _ in FIELDS]
    assert positions == sorted(positions)
    for name in ("Organisatie", "Wettelijke basis", "Link naar impacttoets", "Contactgegevens", "Begindatum"):
        assert payload["fields"][name] == PLACEHOLDER
    assert payload["fields"]["Publicatiecategorie"] == "Hoog-risico AI-systemen"
    for _, name, limit in FIELDS:
        assert limit is None or len(payload["fields"][name]) <= limit, name


def test_a_weight_of_the_ranker_is_in_the_entry_as_learned():
    from evaluation.register import build_register

    ranker = json.loads(RANKER.read_text(encoding="utf-8"))
    fields, _, figures = build_register(_metrics(), ranker, metrics_source="x")
    lexical = ranker["coef"][ranker["feature_names"].index("lexical")]
    assert _nl_number(f"{lexical:+.3f}") in fields["Technische werking"]
    assert {
        "source": "ranker:coef.lexical",
        "value": lexical,
        "text": _nl_number(f"{lexical:+.3f}"),
    } in figures


def test_the_committed_entry_is_what_the_command_makes_from_the_recorded_figures(tmp_path):
    out = tmp_path / "ALGORITMEREGISTER.md"
    assert main(["register", "--out", str(out)]) == 0
    committed = ROOT / "docs" / "ALGORITMEREGISTER.md"
    assert out.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "docs/ALGORITMEREGISTER.md is stale; run: python -m evaluation register --out docs/ALGORITMEREGISTER.md"
    )
    payload = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    metrics = json.loads(RECORDED_FIGURES.read_text(encoding="utf-8"))
    _check_figures(payload, metrics, json.loads(RANKER.read_text(encoding="utf-8")))
    _check_numbers(out.read_text(encoding="utf-8"), payload, cutoff=metrics["settings"]["cutoff"])


def test_a_missing_metrics_folder_is_named(tmp_path, capsys):
    assert main(["register", "--out", str(tmp_path / "x.md"), "--metrics", str(tmp_path / "nope")]) == 2
    assert "metrics.json: not found" in capsys.readouterr().err


def test_register_source_file_is_documented():
    assert Path(__file__).resolve().parents[2].joinpath("docs", "ALGORITMEREGISTER.md").is_file()
