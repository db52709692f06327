"""The pure helpers of scripts/bench_scale.py: size parsing, ratios, percentiles and the Markdown table."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

_SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(_SCRIPTS))  # as when the script runs: its sibling bench_common is importable
_PATH = _SCRIPTS / "bench_scale.py"
_spec = importlib.util.spec_from_file_location("bench_scale", _PATH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_parse_sizes_accepts_plain_and_suffixed_numbers():
    assert bench.parse_sizes("1000, 10k,0.3m") == [1000, 10_000, 300_000]


@pytest.mark.parametrize("text", ["", "10x", "0", "-5", "1.5", "2.5k5"])
def test_parse_sizes_rejects_bad_sizes_with_the_offending_item(text):
    with pytest.raises(ValueError, match="--sizes"):
        bench.parse_sizes(text)


def test_naive_query_count_shrinks_with_size():
    counts = [bench.naive_query_count(n) for n in (1_000, 10_000, 100_000, 300_000)]
    assert counts == sorted(counts, reverse=True)
    assert counts[-1] >= 2


def test_percentiles_in_milliseconds():
    out = bench.percentiles([0.001 * i for i in range(1, 101)])  # 1..100 ms
    assert out["p50_ms"] == pytest.approx(50.5)
    assert out["p95_ms"] == pytest.approx(95.05)
    assert out["max_ms"] == 100.0
    assert out["n"] == 100
    assert math.isnan(bench.percentiles([])["p50_ms"])


def test_ratio_rounds_to_three_digits_and_refuses_missing_or_zero():
    assert bench.ratio(1128.0, 11.8) == 95.6
    assert bench.ratio(2.0, 3.0) == 0.667
    assert bench.ratio(None, 3.0) is None
    assert bench.ratio(3.0, 0.0) is None
    assert bench.ratio(float("nan"), 1.0) is None


def _row(size, **over):
    row = {
        "size": size,
        "wall_s": 30.0,
        "load_before": [0.9, 1.0, 1.0],
        "load_after": [1.4, 1.1, 1.0],
        "ours": {
            "load_s": 1.0,
            "build_s": 10.0,
            "peak_rss_mb": 850.0,
            "vacancy_to_candidates": {"p50_ms": 5.0, "p95_ms": 10.0},
            "candidate_to_packages": {"p50_ms": 3.0, "p95_ms": 12.0},
        },
        "naive": {
            "build_s": 2.0,
            "peak_rss_mb": 600.0,
            "vacancy_to_candidates": {"p50_ms": 90.0},
            "candidate_to_packages": {"p50_ms": 480.0},
        },
    }
    row |= over
    row["ratios"] = bench.ratios(row["ours"], row["naive"])
    return row


def test_ratios_speed_up_is_naive_over_ours_and_costs_are_ours_over_naive():
    r = _row(1000)["ratios"]
    assert r == {"vacancy_speedup": 18.0, "candidate_speedup": 160.0, "build_cost": 5.0, "memory_cost": 1.42}


def test_ratios_of_a_failed_child_are_none():
    r = bench.ratios({"error": "exit code -9: Killed"}, _row(1)["naive"])
    assert r == {"vacancy_speedup": None, "candidate_speedup": None, "build_cost": None, "memory_cost": None}


def test_markdown_table_sorts_sizes_and_has_one_cell_per_column():
    table = bench.markdown_table([_row(300_000), _row(1000)]).splitlines()
    n_columns = table[0].count("|") - 1
    assert all(line.count("|") - 1 == n_columns for line in table)
    assert table[2].startswith("| 1,000 |") and table[3].startswith("| 300,000 |")
    cells = [c.strip() for c in table[2].strip("|").split("|")]
    assert cells[2] == "10.0 (2.0)"  # build s (naive)
    assert cells[3] == "5×"
    assert cells[6] == "5.0 / 10.0"
    assert cells[8] == "18×"
    assert cells[-1] == "0.90 → 1.40"


def test_markdown_table_shows_a_failed_child_with_its_error():
    failed = _row(300_000, ours={"error": "exit code -9: Killed"})
    lines = bench.markdown_table([failed]).splitlines()
    assert lines[2].count("–") >= 5  # the figures it lacks
    assert "ours failed: exit code -9: Killed" in lines[3]
    assert lines[3].count("|") == lines[0].count("|")
