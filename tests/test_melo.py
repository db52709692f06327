"""MELO-nld runner: metric correctness (hand-computed and against ranx) and the runner end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from evaluation.melo import (
    RESULT_KEYS,
    MeloDataError,
    TfidfSystem,
    evaluate_system,
    load_melo,
    melo_main,
    metrics_from_ranks,
    published_rows,
    relevant_ranks,
    run_melo,
    score_embeddings,
)


def test_relevant_ranks_orders_by_descending_score() -> None:
    scores = np.array([0.1, 0.9, 0.5, 0.7, 0.3])
    # ranking: doc1 (0.9), doc3 (0.7), doc2 (0.5), doc4 (0.3), doc0 (0.1)
    assert relevant_ranks(scores, np.array([0, 2])).tolist() == [3, 5]
    assert relevant_ranks(scores, np.array([1])).tolist() == [1]


def test_relevant_ranks_breaks_ties_by_corpus_order() -> None:
    scores = np.array([0.5, 0.5, 0.5, 0.9])
    assert relevant_ranks(scores, np.array([2])).tolist() == [4]
    assert relevant_ranks(scores, np.array([0, 2])).tolist() == [2, 4]


def test_metrics_hand_computed() -> None:
    # query A: relevant at ranks 1 and 3 -> AP = (1/1 + 2/3) / 2 = 0.8333, RR = 1
    # query B: relevant at ranks 2, 11 and 20 -> AP = (1/2 + 2/11 + 3/20) / 3, RR = 0.5
    m = metrics_from_ranks([np.array([1, 3]), np.array([2, 11, 20])])
    ap_b = (1 / 2 + 2 / 11 + 3 / 20) / 3
    assert m["map"] == pytest.approx((5 / 6 + ap_b) / 2)
    assert m["mrr"] == pytest.approx(0.75)
    assert m["success@1"] == pytest.approx(0.5)
    assert m["success@10"] == pytest.approx(1.0)
    assert m["recall@10"] == pytest.approx((1.0 + 1 / 3) / 2)


def test_metrics_first_hit_beyond_ten() -> None:
    m = metrics_from_ranks([np.array([12])])
    assert m == pytest.approx(
        {"map": 1 / 12, "mrr": 1 / 12, "success@1": 0.0, "success@10": 0.0, "recall@10": 0.0}
    )


def test_metrics_reject_empty() -> None:
    with pytest.raises(ValueError, match="no queries"):
        metrics_from_ranks([])


def test_score_embeddings_matches_ranx_on_random_runs() -> None:
    ranx = pytest.importorskip("ranx")
    rng = np.random.default_rng(7)
    n_q, n_d, dim = 40, 300, 16
    q = rng.normal(size=(n_q, dim)).astype(np.float32)
    d = rng.normal(size=(n_d, dim)).astype(np.float32)
    relevant = [np.sort(rng.choice(n_d, size=rng.integers(1, 12), replace=False)) for _ in range(n_q)]
    ours = score_embeddings(q, d, relevant, chunk=7)

    scores = q @ d.T
    qrels = ranx.Qrels({f"q{i}": {f"d{j}": 1 for j in rel} for i, rel in enumerate(relevant)})
    run = ranx.Run({f"q{i}": {f"d{j}": float(scores[i, j]) for j in range(n_d)} for i in range(n_q)})
    theirs = ranx.evaluate(qrels, run, ["map", "mrr", "hit_rate@1", "hit_rate@10", "recall@10"])
    assert ours["map"] == pytest.approx(theirs["map"], abs=1e-6)
    assert ours["mrr"] == pytest.approx(theirs["mrr"], abs=1e-6)
    assert ours["success@1"] == pytest.approx(theirs["hit_rate@1"], abs=1e-6)
    assert ours["success@10"] == pytest.approx(theirs["hit_rate@10"], abs=1e-6)
    assert ours["recall@10"] == pytest.approx(theirs["recall@10"], abs=1e-6)


def test_score_embeddings_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="expected"):
        score_embeddings(np.zeros((2, 3)), np.zeros((4, 5)), [np.array([0]), np.array([1])])


def _write_melo(folder: Path) -> Path:
    """A tiny MELO-format folder: three queries, five corpus elements, a README table."""
    folder.mkdir()
    (folder / "queries.tsv").write_text(
        "Q1\tschoonmaker kantoor\nQ2\tkok restaurant\nQ3\tpostbode\nQ4\tzonder oordeel\n", encoding="utf-8"
    )
    (folder / "corpus_elements.tsv").write_text(
        "C1_nl_000\tschoonmaker\nC1_nl_001\tkantoorschoonmaker\nC2_nl_000\tkok\n"
        "C2_nl_001\trestaurantkok\nC3_nl_000\tpostbezorger\n",
        encoding="utf-8",
    )
    (folder / "annotations.tsv").write_text(
        "Q1\t0\tC1_nl_000\t1\nQ1\t0\tC1_nl_001\t1\nQ2\t0\tC2_nl_000\t1\nQ2\t0\tC2_nl_001\t1\n"
        "Q3\t0\tC3_nl_000\t1\n",
        encoding="utf-8",
    )
    (folder / "README.md").write_text(
        "| method | MAP | MRR | success@1 | success@10 | recall@10 |\n|---|---|---|---|---|---|\n"
        "| some paper method | 0.1000 | 0.2000 | 0.3000 | 0.4000 | 0.5000 |\n",
        encoding="utf-8",
    )
    return folder


def test_load_melo_reads_qrels_and_drops_unjudged_queries(tmp_path: Path) -> None:
    data = load_melo(_write_melo(tmp_path / "melo"))
    assert data.query_ids == ("Q1", "Q2", "Q3")
    assert [r.tolist() for r in data.relevant] == [[0, 1], [2, 3], [4]]
    assert len(data.documents) == 5


def test_load_melo_missing_folder_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(MeloDataError, match="--data"):
        load_melo(tmp_path / "absent")


def test_load_melo_unknown_corpus_element(tmp_path: Path) -> None:
    folder = _write_melo(tmp_path / "melo")
    with (folder / "annotations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Q1\t0\tC9_nl_000\t1\n")
    with pytest.raises(MeloDataError, match=r"annotations.tsv:6: unknown"):
        load_melo(folder)


class _OracleEncoder:
    """Maps a text to the one-hot vector of its ESCO-like concept: a perfect system on the toy set."""

    concepts: ClassVar[dict[str, int]] = {"schoonmaker": 0, "kok": 1, "restaurantkok": 1, "post": 2}

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(3, dtype=np.float32)
        for key, c in self.concepts.items():
            if key in text:
                v[c] = 1.0
        return v / max(np.linalg.norm(v), 1e-9)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self.encode_queries(texts)


def test_run_melo_perfect_encoder_scores_one(tmp_path: Path) -> None:
    folder = _write_melo(tmp_path / "melo")
    enc = _OracleEncoder()
    result = run_melo(enc.encode_queries, enc.encode_documents, data_dir=folder)
    assert set(result) == set(RESULT_KEYS)
    for key in ("map", "mrr", "success@1", "success@10", "recall@10"):
        assert result[key] == pytest.approx(1.0)
    assert result["texts_per_second"] > 0


def test_run_melo_limit_scores_first_queries(tmp_path: Path) -> None:
    folder = _write_melo(tmp_path / "melo")
    enc = _OracleEncoder()
    result = evaluate_system(enc, data_dir=folder, limit=1)
    assert result["mrr"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="limit"):
        run_melo(enc.encode_queries, enc.encode_documents, data_dir=folder, limit=0)
    with pytest.raises(ValueError, match="limit"):
        evaluate_system("tfidf", data_dir=folder, limit=0)


def test_tfidf_system_ranks_lexical_matches(tmp_path: Path) -> None:
    folder = _write_melo(tmp_path / "melo")
    result = evaluate_system("tfidf", data_dir=folder)
    # Q1 and Q2 share strong character n-grams with their concepts; "postbode" shares "post".
    assert result["success@1"] == pytest.approx(1.0)
    with pytest.raises(RuntimeError, match="encode_documents"):
        TfidfSystem().encode_queries(["kok"])


def test_evaluate_system_rejects_other_objects(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="encode_queries"):
        evaluate_system(object(), data_dir=_write_melo(tmp_path / "melo"))  # type: ignore[arg-type]


def test_melo_main_prints_one_json_line_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _write_melo(tmp_path / "melo")
    assert melo_main(["--data", str(folder), "--encoder", "tfidf"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert set(json.loads(out[0])) == set(RESULT_KEYS)
    table = [line for line in out[1:] if line.startswith("|")]
    assert "character TF-IDF" in table[2]
    assert "some paper method" in table[3]
    assert published_rows(folder) == [["some paper method", "0.1000", "0.2000", "0.3000", "0.4000", "0.5000"]]


def test_melo_main_missing_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert melo_main(["--data", str(tmp_path / "nowhere"), "--encoder", "tfidf"]) == 2
    assert "MELO-nld folder not found" in capsys.readouterr().err


def test_melo_main_rejects_non_model_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _write_melo(tmp_path / "melo")
    assert melo_main(["--data", str(folder), "--encoder", str(tmp_path)]) == 2
    assert "modules.json" in capsys.readouterr().err
