"""Tests of matcher.index: oracle tests against numpy brute force and against re-built subsets."""

from __future__ import annotations

import hashlib
import json
import pathlib
from pathlib import Path

import faiss
import numpy as np
import pytest

from matcher import index as index_module
from matcher.encoders import HashingEncoder
from matcher.errors import ArtefactMismatchError, SchemaError, UnknownIdError
from matcher.index import FORMAT, FORMAT_VERSION, SearchResult, VectorIndex, data_hash, read_manifest

KINDS = ("exact", "hnsw", "ivf")


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def random_data(n: int, d: int, *, seed: int) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    return [f"id{i:05d}" for i in range(n)], unit_rows(rng.normal(size=(n, d)))


def clustered_data(n: int, d: int, *, clusters: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, d))
    labels = rng.integers(clusters, size=n)
    return unit_rows(centres[labels] + 0.35 * rng.normal(size=(n, d)))


def brute_force(vectors: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    similarity = queries @ vectors.T
    order = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    return order, np.take_along_axis(similarity, order, axis=1)


def build(ids: list[str], vectors: np.ndarray, kind: str = "exact", **kwargs: int) -> VectorIndex:
    return VectorIndex.build(
        ids, vectors, kind=kind, encoder_name="enc-test", data_hash=data_hash(ids), **kwargs
    )  # type: ignore[arg-type]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f[f >= 0]) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)]))


@pytest.fixture(scope="module")
def random_index() -> tuple[list[str], np.ndarray, VectorIndex]:
    ids, vectors = random_data(3000, 48, seed=1)
    return ids, vectors, build(ids, vectors)


@pytest.fixture(scope="module")
def clustered() -> tuple[list[str], np.ndarray, np.ndarray]:
    vectors = clustered_data(6000, 32, clusters=60, seed=2)
    queries = clustered_data(200, 32, clusters=60, seed=2)[:, :]  # same centres, fresh noise below
    queries = unit_rows(queries + 0.1 * np.random.default_rng(3).normal(size=queries.shape))
    return [f"c{i}" for i in range(len(vectors))], vectors, queries


@pytest.fixture(scope="module")
def approximate_indexes(clustered: tuple[list[str], np.ndarray, np.ndarray]) -> dict[str, VectorIndex]:
    ids, vectors, _ = clustered
    return {kind: build(ids, vectors, kind) for kind in KINDS}


# --------------------------------------------------------------------------------------------------
# data_hash
# --------------------------------------------------------------------------------------------------


def test_data_hash_is_sha256_of_length_prefixed_items() -> None:
    expected = "sha256:" + hashlib.sha256(b"2:c13:\xc3\xa9b").hexdigest()
    assert data_hash(["c1", "éb"]) == expected


def test_data_hash_depends_on_order_and_item_boundaries() -> None:
    assert data_hash(["a", "b"]) == data_hash(iter(["a", "b"]))
    assert data_hash(["a", "b"]) != data_hash(["b", "a"])
    assert data_hash(["ab", "c"]) != data_hash(["a", "bc"])
    assert data_hash([]) != data_hash([""])


def test_data_hash_refuses_non_strings() -> None:
    with pytest.raises(SchemaError, match="item 1 must be str, found int"):
        data_hash(["a", 1])  # type: ignore[list-item]


# --------------------------------------------------------------------------------------------------
# exact search oracles
# --------------------------------------------------------------------------------------------------


def test_exact_search_equals_numpy_brute_force(
    random_index: tuple[list[str], np.ndarray, VectorIndex],
) -> None:
    ids, vectors, index = random_index
    queries = unit_rows(np.random.default_rng(4).normal(size=(25, vectors.shape[1])))
    result = index.search(queries, 10)
    order, scores = brute_force(vectors, queries, 10)
    np.testing.assert_allclose(result.scores, scores, atol=1e-5)
    # Ties aside: compare positions where neighbouring scores are clearly apart.
    gaps = np.abs(np.diff(scores, axis=1, prepend=np.inf, append=-np.inf))
    distinct = (gaps[:, :-1] > 1e-4) & (gaps[:, 1:] > 1e-4)
    assert distinct.mean() > 0.9
    np.testing.assert_array_equal(result.positions[distinct], order[distinct])
    assert result.ids[0, 0] == ids[order[0, 0]]
    assert (
        result.ids.dtype == object
        and result.positions.dtype == np.int64
        and result.scores.dtype == np.float32
    )
    assert (np.diff(result.scores, axis=1) <= 0).all()


def test_filtered_search_equals_search_over_an_index_of_only_the_allowed(
    random_index: tuple[list[str], np.ndarray, VectorIndex],
) -> None:
    ids, vectors, index = random_index
    rng = np.random.default_rng(5)
    chosen = np.sort(rng.choice(len(ids), size=400, replace=False))
    allowed_ids = [ids[i] for i in chosen]
    subset = build(allowed_ids, vectors[chosen])
    queries = unit_rows(rng.normal(size=(30, vectors.shape[1])))

    expected = subset.search(queries, 15)
    result = index.search(queries, 15, allowed=allowed_ids)
    np.testing.assert_array_equal(result.ids, expected.ids)
    np.testing.assert_allclose(result.scores, expected.scores, atol=1e-6)
    np.testing.assert_array_equal(result.positions, chosen[expected.positions])


def test_every_form_of_allowed_gives_the_same_result(
    random_index: tuple[list[str], np.ndarray, VectorIndex],
) -> None:
    ids, vectors, index = random_index
    chosen = np.arange(7, len(ids), 13)
    mask = np.zeros(len(ids), dtype=bool)
    mask[chosen] = True
    queries = vectors[:5]
    by_ids = index.search(queries, 8, allowed=[ids[i] for i in chosen])
    for allowed in (
        chosen,
        chosen[::-1].astype(np.int32),
        mask,
        np.array([ids[i] for i in chosen]),
        tuple(ids[i] for i in chosen),
    ):
        other = index.search(queries, 8, allowed=allowed)
        np.testing.assert_array_equal(other.positions, by_ids.positions)
        np.testing.assert_array_equal(other.ids, by_ids.ids)


def test_filtering_happens_inside_the_search_not_after_it(
    random_index: tuple[list[str], np.ndarray, VectorIndex],
) -> None:
    # Allow only the 30 ids least similar to the query: a search-then-filter over the top k would
    # return nothing; filtering inside the search returns the best k of those 30.
    ids, vectors, index = random_index
    query = vectors[:1]
    worst = np.argsort(query @ vectors.T, axis=1)[0, :30]
    result = index.search(query, 10, allowed=[ids[i] for i in worst])
    order, scores = brute_force(vectors[worst], query, 10)
    np.testing.assert_array_equal(result.positions[0], worst[order[0]])
    np.testing.assert_allclose(result.scores, scores, atol=1e-5)


def test_fewer_allowed_than_k_is_padded(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    ids, vectors, index = random_index
    result = index.search(vectors[:2], 6, allowed=[ids[10], ids[20], ids[30]])
    assert result.positions.shape == (2, 6)
    assert set(result.positions[:, :3].ravel()) == {10, 20, 30}
    assert (result.positions[:, 3:] == -1).all()
    assert (result.ids[:, 3:] == None).all()  # noqa: E711 (element-wise comparison)
    assert np.isneginf(result.scores[:, 3:]).all()
    assert (np.diff(result.scores[:, :3], axis=1) <= 0).all()
    assert [i for i, _ in result.hits(0)] == list(result.ids[0, :3])


@pytest.mark.parametrize("kind", KINDS)
def test_empty_allowed_set_gives_only_padding(
    kind: str,
    approximate_indexes: dict[str, VectorIndex],
    clustered: tuple[list[str], np.ndarray, np.ndarray],
) -> None:
    index = approximate_indexes[kind]
    queries = clustered[2][:3]
    for empty in ([], np.array([], dtype=np.int64), np.zeros(len(index), dtype=bool)):
        result = index.search(queries, 4, allowed=empty)
        assert (result.positions == -1).all() and result.positions.shape == (3, 4)
        assert (result.ids == None).all()  # noqa: E711
        assert np.isneginf(result.scores).all()


def test_k_larger_than_the_index_is_padded() -> None:
    ids, vectors = random_data(5, 8, seed=6)
    result = build(ids, vectors).search(vectors[:1], 9)
    assert sorted(result.positions[0, :5]) == [0, 1, 2, 3, 4]
    assert (result.positions[0, 5:] == -1).all()


def test_an_empty_index_answers_with_padding() -> None:
    index = VectorIndex.build([], np.zeros((0, 8), dtype=np.float32), encoder_name="e", data_hash="h")
    result = index.search(unit_rows(np.ones((2, 8))), 3)
    assert (result.positions == -1).all()
    assert len(index) == 0


def test_zero_queries_give_zero_rows(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    _, vectors, index = random_index
    result = index.search(np.zeros((0, vectors.shape[1]), dtype=np.float32), 5, allowed=["id00001"])
    assert result.positions.shape == (0, 5) and result.ids.shape == (0, 5)


def test_search_with_encoder_vectors_finds_dutch_compound_parts() -> None:
    encoder = HashingEncoder()
    texts = {
        "p1": "schoonmaak van kantoren",
        "p2": "onderhoud van groen in parken",
        "p3": "postbezorging en archief",
        "p4": "koffie zetten in de kantine",
    }
    index = VectorIndex.build(
        list(texts), encoder.encode_documents(list(texts.values())), encoder_name=encoder.name, data_hash="h"
    )
    query = encoder.encode_queries(["groenonderhoud"])
    assert index.search(query, 1).ids[0, 0] == "p2"
    assert index.search(query, 1, allowed=["p1", "p3", "p4"]).ids[0, 0] != "p2"


# --------------------------------------------------------------------------------------------------
# approximate kinds
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_recall_at_10_against_exact(
    kind: str,
    approximate_indexes: dict[str, VectorIndex],
    clustered: tuple[list[str], np.ndarray, np.ndarray],
) -> None:
    _, _, queries = clustered
    truth = approximate_indexes["exact"].search(queries, 10).positions
    found = approximate_indexes[kind].search(queries, 10).positions
    assert recall(found, truth) >= 0.9


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_filtered_recall_inside_the_graph_or_lists(
    kind: str,
    approximate_indexes: dict[str, VectorIndex],
    clustered: tuple[list[str], np.ndarray, np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Force the approximate path for the filter (by default small allowed sets are scanned exactly).
    monkeypatch.setattr(index_module, "EXACT_SEARCH_MAX_ALLOWED", 0)
    _, _, queries = clustered
    mask = np.random.default_rng(7).random(len(approximate_indexes["exact"])) < 0.5
    truth = approximate_indexes["exact"].search(queries, 10, allowed=mask).positions
    found = approximate_indexes[kind].search(queries, 10, allowed=mask).positions
    assert mask[found[found >= 0]].all()
    assert (found >= 0).all()
    assert recall(found, truth) >= 0.9


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
@pytest.mark.parametrize("threshold", [0, index_module.EXACT_SEARCH_MAX_ALLOWED])
def test_approximate_search_with_a_small_allowed_set_is_complete_and_exact(
    kind: str,
    threshold: int,
    approximate_indexes: dict[str, VectorIndex],
    clustered: tuple[list[str], np.ndarray, np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 12 scattered ids, k=10: graph or list search alone would often find fewer than 10 of them;
    # the exhaustive fallback must still return the true top 10.
    monkeypatch.setattr(index_module, "EXACT_SEARCH_MAX_ALLOWED", threshold)
    ids, vectors, queries = clustered
    chosen = np.random.default_rng(8).choice(len(ids), size=12, replace=False)
    result = approximate_indexes[kind].search(queries[:20], 10, allowed=[ids[i] for i in chosen])
    order, scores = brute_force(vectors[chosen], queries[:20], 10)
    np.testing.assert_array_equal(result.positions, chosen[order])
    np.testing.assert_allclose(result.scores, scores, atol=1e-5)


def test_ivf_parameters_are_recorded(approximate_indexes: dict[str, VectorIndex]) -> None:
    params = approximate_indexes["ivf"].manifest.params
    assert params["nlist"] == 6000 // 39 and params["nprobe"] == params["nlist"] // 8
    assert approximate_indexes["hnsw"].manifest.params == {"m": 32, "ef_construction": 200, "ef_search": 128}


# --------------------------------------------------------------------------------------------------
# save / load
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_save_load_round_trip(
    kind: str,
    approximate_indexes: dict[str, VectorIndex],
    clustered: tuple[list[str], np.ndarray, np.ndarray],
    tmp_path: Path,
) -> None:
    ids, _, queries = clustered
    original = approximate_indexes[kind]
    folder = original.save(tmp_path / "index")
    assert sorted(p.name for p in folder.iterdir()) == ["ids.npy", "index.faiss", "manifest.json"]

    loaded = VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))
    assert loaded.manifest == original.manifest
    np.testing.assert_array_equal(loaded.ids, original.ids)
    allowed = ids[::3]
    for before, after in (
        (original.search(queries, 10), loaded.search(queries, 10)),
        (original.search(queries, 10, allowed=allowed), loaded.search(queries, 10, allowed=allowed)),
    ):
        np.testing.assert_array_equal(after.positions, before.positions)
        np.testing.assert_array_equal(after.ids, before.ids)
        np.testing.assert_array_equal(after.scores, before.scores)


def test_saved_files_are_plain_and_the_manifest_complete(
    random_index: tuple[list[str], np.ndarray, VectorIndex], tmp_path: Path
) -> None:
    ids, vectors, index = random_index
    folder = index.save(tmp_path / "idx")
    stored = np.load(folder / "ids.npy", allow_pickle=False)
    assert stored.dtype.kind == "U" and stored.tolist() == ids
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format"] == FORMAT and manifest["format_version"] == FORMAT_VERSION
    assert manifest["encoder_name"] == "enc-test"
    assert manifest["dimension"] == vectors.shape[1] and manifest["count"] == len(ids)
    assert manifest["kind"] == "exact" and manifest["data_hash"] == data_hash(ids)
    assert manifest["code_version"] and manifest["faiss_version"] == faiss.__version__
    assert manifest["created_by"]
    assert read_manifest(folder) == index.manifest


@pytest.mark.parametrize("kind", KINDS)
def test_same_input_gives_byte_identical_folders(kind: str, tmp_path: Path) -> None:
    ids = [f"c{i}" for i in range(2500)]
    vectors = clustered_data(2500, 16, clusters=20, seed=9)
    for name in ("a", "b"):
        build(ids, vectors, kind).save(tmp_path / name)
    for file in ("index.faiss", "ids.npy", "manifest.json"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file


def test_saving_over_an_existing_folder_replaces_it(tmp_path: Path) -> None:
    ids, vectors = random_data(50, 8, seed=10)
    build(ids, vectors).save(tmp_path)
    build(ids[:20], vectors[:20]).save(tmp_path)
    assert len(VectorIndex.load(tmp_path, encoder_name="enc-test", data_hash=data_hash(ids[:20]))) == 20


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, list[str]]:
    ids, vectors = random_data(40, 8, seed=11)
    return build(ids, vectors).save(tmp_path / "idx"), ids


def rewrite_manifest(folder: Path, **changes: object) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    for key, value in changes.items():
        if value is None:
            del manifest[key]
        else:
            manifest[key] = value
    path.write_text(json.dumps(manifest))


def test_load_refuses_another_encoder(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    with pytest.raises(ArtefactMismatchError) as error:
        VectorIndex.load(folder, encoder_name="st:banenmatch-nl@0123", data_hash=data_hash(ids))
    message = str(error.value)
    assert "field 'encoder_name'" in message
    assert "'st:banenmatch-nl@0123'" in message and "'enc-test'" in message
    assert "rebuild" in message


def test_load_refuses_other_data(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    with pytest.raises(
        ArtefactMismatchError, match=r"field 'data_hash'.*expected 'sha256:.*found 'sha256:.*rebuild"
    ):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids[:-1]))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", "something-else"),
        ("format_version", FORMAT_VERSION + 1),
        ("dimension", 9),
        ("count", 41),
        ("kind", "hnsw"),
        ("kind", "annoy"),
        ("metric", "l2"),
        ("dimension", "8"),
        ("params", None),
    ],
)
def test_load_names_each_mismatching_manifest_field(
    saved: tuple[Path, list[str]], field: str, value: object
) -> None:
    folder, ids = saved
    rewrite_manifest(folder, **{field: value})
    with pytest.raises(ArtefactMismatchError, match=rf"field '{field}'.*[Rr]ebuild"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


def test_load_refuses_unknown_manifest_fields(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    rewrite_manifest(folder, normalised=True)
    with pytest.raises(ArtefactMismatchError, match=r"unknown field.*normalised"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


def test_load_refuses_ids_that_do_not_match_the_count(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    np.save(folder / "ids.npy", np.array(ids[:-1]), allow_pickle=False)
    with pytest.raises(
        ArtefactMismatchError, match=r"field 'count'.*expected 40, found 39 \(found in ids.npy\)"
    ):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


class _Trap:
    """Unpickling this would create a file: proof that a pickle was executed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (pathlib.Path.touch, (self.marker,))


def test_load_refuses_a_pickled_ids_file_without_unpickling_it(
    saved: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, ids = saved
    marker = tmp_path / "unpickled"
    payload = np.array([_Trap(marker), *ids[1:]], dtype=object)
    np.save(folder / "ids.npy", payload, allow_pickle=True)
    with pytest.raises(ArtefactMismatchError, match=r"ids\.npy.*pickle"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))
    assert not marker.exists()


def test_load_refuses_non_unicode_ids(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    np.save(folder / "ids.npy", np.arange(40), allow_pickle=False)
    with pytest.raises(ArtefactMismatchError, match="1-D unicode array, found dtype int64"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


@pytest.mark.parametrize("missing", ["manifest.json", "ids.npy", "index.faiss"])
def test_load_names_a_missing_file(saved: tuple[Path, list[str]], missing: str) -> None:
    folder, ids = saved
    (folder / missing).unlink()
    with pytest.raises(ArtefactMismatchError, match=rf"{missing}: file missing"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


def test_load_refuses_a_corrupt_index_file(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    (folder / "index.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(ArtefactMismatchError, match=r"index\.faiss: not a readable faiss index"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


def test_load_refuses_a_manifest_that_is_not_json(saved: tuple[Path, list[str]]) -> None:
    folder, ids = saved
    (folder / "manifest.json").write_text("{encoder_name: enc-test")
    with pytest.raises(ArtefactMismatchError, match=r"manifest\.json: not valid JSON"):
        VectorIndex.load(folder, encoder_name="enc-test", data_hash=data_hash(ids))


# --------------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------------


def test_build_refuses_bad_input() -> None:
    ids, vectors = random_data(4, 8, seed=12)
    cases: list[tuple[dict[str, object], str]] = [
        ({"ids": ["a", "b", "a", "c"]}, "item 2: duplicate id 'a'"),
        ({"ids": ["a", "", "b", "c"]}, "item 1: expected a non-empty str"),
        ({"ids": ids[:3]}, "one row per id"),
        ({"ids": "abcd"}, "single str"),
        ({"vectors": vectors * 2}, "row 0 has L2 norm 2.0000"),
        ({"vectors": np.where(np.eye(4, 8, dtype=bool), np.nan, vectors)}, "row 0 holds NaN"),
        ({"vectors": vectors[0]}, "2-D array"),
        ({"kind": "annoy"}, "kind: expected one of"),
        ({"encoder_name": ""}, "encoder_name: expected a non-empty str"),
        ({"kind": "ivf", "ivf_nlist": 5}, "ivf_nlist: expected at most the number of vectors"),
        ({"kind": "hnsw", "hnsw_m": 0}, "hnsw_m: expected a positive int"),
    ]
    for change, message in cases:
        arguments: dict[str, object] = {
            "ids": ids,
            "vectors": vectors,
            "encoder_name": "e",
            "data_hash": "h",
        } | change
        with pytest.raises(SchemaError, match=message):
            VectorIndex.build(**arguments)  # type: ignore[arg-type]


def test_search_refuses_bad_input(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    ids, vectors, index = random_index
    with pytest.raises(ArtefactMismatchError, match=r"dimension: expected 48 .*found 16.*another encoder"):
        index.search(unit_rows(np.ones((1, 16))), 3)
    for k in (0, -1, 2.0, True):
        with pytest.raises(SchemaError, match="k: expected a positive int"):
            index.search(vectors[:1], k)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match=r"1 id\(s\) not in the index, e\.g\. \['nobody'\]"):
        index.search(vectors[:1], 3, allowed=[ids[0], "nobody"])
    with pytest.raises(UnknownIdError, match="position 3000 is outside the index"):
        index.search(vectors[:1], 3, allowed=np.array([1, 3000]))
    with pytest.raises(SchemaError, match=r"boolean mask must have shape \(3000,\)"):
        index.search(vectors[:1], 3, allowed=np.ones(10, dtype=bool))
    with pytest.raises(SchemaError, match="single str"):
        index.search(vectors[:1], 3, allowed="id00001")
    with pytest.raises(SchemaError, match="norm"):
        index.search(vectors[:1] * 3, 3)


def test_positions_of(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    ids, _, index = random_index
    np.testing.assert_array_equal(index.positions_of([ids[5], ids[2]]), [5, 2])
    with pytest.raises(UnknownIdError):
        index.positions_of(["x"])


def test_ids_are_read_only(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    _, _, index = random_index
    with pytest.raises(ValueError, match="read-only"):
        index.ids[0] = "changed"


def test_search_result_hits_drop_padding() -> None:
    result = SearchResult(
        ids=np.array([["b", "a", None]], dtype=object),
        positions=np.array([[1, 0, -1]]),
        scores=np.array([[0.9, 0.5, -np.inf]], dtype=np.float32),
    )
    assert result.hits(0) == [("b", pytest.approx(0.9)), ("a", 0.5)]


def test_faiss_uses_at_most_two_threads(random_index: tuple[list[str], np.ndarray, VectorIndex]) -> None:
    assert faiss.omp_get_max_threads() <= index_module.MAX_THREADS == 2
    with index_module._faiss_threads(8):
        assert faiss.omp_get_max_threads() == 2
    _, vectors, index = random_index
    before = faiss.omp_get_max_threads()
    index.search(vectors[:1], 3)
    index.search(vectors[:50], 3)
    assert faiss.omp_get_max_threads() == before
