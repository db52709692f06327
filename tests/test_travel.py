"""Travel-time estimates from municipality centroids (matcher.travel)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.contract import load_contract
from matcher.errors import SchemaError
from matcher.travel import (
    DEFAULT_TRAVEL_MODEL,
    ModeSpeed,
    TravelModel,
    estimate_travel_minutes,
    haversine_km,
    minutes_matrix,
    municipality_index,
    travel_table,
)

MODES = load_contract().travel_modes
UTRECHT = (52.0896, 5.10775)
AMSTERDAM = (52.36765, 4.90017)


def test_haversine_matches_a_hand_computed_distance() -> None:
    # Spherical law of cosines, computed independently of the haversine formula.
    p1, l1, p2, l2 = map(math.radians, (*UTRECHT, *AMSTERDAM))
    expected = 6371.0088 * math.acos(
        math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(l2 - l1)
    )
    assert float(haversine_km(*UTRECHT, *AMSTERDAM)) == pytest.approx(expected, rel=1e-9)
    assert 33 < expected < 36  # Utrecht - Amsterdam centres are about 34 km apart


def test_mode_minutes_follow_the_documented_formula() -> None:
    model = TravelModel(
        fiets=ModeSpeed(
            detour=1.5,
            local_kmh=12.0,
            long_kmh=12.0,
            local_km=0.0,
            overhead_minutes=3.0,
            rush_hour_sensitive=False,
        ),
        ov=ModeSpeed(
            detour=1.0,
            local_kmh=20.0,
            long_kmh=60.0,
            local_km=10.0,
            overhead_minutes=10.0,
            rush_hour_sensitive=True,
        ),
        min_distance_km=1.0,
        rush_hour_factor=2.0,
        rush_hour_extra_minutes=7.0,
    )
    # 10 km straight, detour 1.5 -> 15 km at 12 km/h = 75 min, plus 3 overhead.
    assert float(model.minutes(10.0, "fiets")) == pytest.approx(78.0)
    # 40 km: 10 km at 20 km/h (30 min) + 30 km at 60 km/h (30 min) + 10 overhead = 70.
    assert float(model.minutes(40.0, "ov")) == pytest.approx(70.0)
    assert float(model.minutes(40.0, "ov", rush_hour=True)) == pytest.approx(70.0 * 2.0 + 7.0)
    # Cycling is not rush-hour sensitive.
    assert float(model.minutes(10.0, "fiets", rush_hour=True)) == pytest.approx(78.0)
    # Below the minimum distance the minimum distance is used.
    assert float(model.minutes(0.0, "ov")) == float(model.minutes(1.0, "ov"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("rush_hour", [False, True])
def test_minutes_are_monotone_in_distance(mode: str, rush_hour: bool) -> None:
    km = np.linspace(0.0, 300.0, 3001)
    minutes = DEFAULT_TRAVEL_MODEL.minutes(km, mode, rush_hour=rush_hour)
    assert np.all(np.diff(minutes) >= 0)
    assert minutes[-1] > minutes[0]


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(0.0, 400.0),
    b=st.floats(0.0, 400.0),
    mode=st.sampled_from(MODES),
    detour=st.floats(1.0, 2.0),
    local=st.floats(1.0, 40.0),
    faster=st.floats(1.0, 4.0),
    local_km=st.floats(0.0, 30.0),
)
def test_minutes_are_monotone_for_any_model(
    a: float, b: float, mode: str, detour: float, local: float, faster: float, local_km: float
) -> None:
    speed = ModeSpeed(
        detour=detour,
        local_kmh=local,
        long_kmh=local * faster,
        local_km=local_km,
        overhead_minutes=5.0,
        rush_hour_sensitive=True,
    )
    model = TravelModel(**{mode: speed})
    near, far = sorted((a, b))
    for rush in (False, True):
        assert model.minutes(near, mode, rush_hour=rush) <= model.minutes(far, mode, rush_hour=rush)


@settings(max_examples=100, deadline=None)
@given(
    lat=st.lists(st.floats(50.7, 53.6), min_size=1, max_size=6),
    lon=st.lists(st.floats(3.3, 7.2), min_size=1, max_size=6),
    mode=st.sampled_from(MODES),
    rush=st.booleans(),
)
def test_minutes_matrix_is_symmetric(lat: list[float], lon: list[float], mode: str, rush: bool) -> None:
    n = min(len(lat), len(lon))
    la, lo = np.array(lat[:n]), np.array(lon[:n])
    forward = minutes_matrix(la, lo, la[::-1], lo[::-1], mode, rush_hour=rush)
    backward = minutes_matrix(la[::-1], lo[::-1], la, lo, mode, rush_hour=rush)
    assert forward.shape == (n, n)
    np.testing.assert_allclose(forward, backward.T, rtol=1e-12)


def test_table_is_symmetric_and_the_same_municipality_is_the_fastest() -> None:
    table = travel_table()
    assert table.plain.shape == (len(MODES), 342, 342)
    assert np.array_equal(table.plain, table.plain.transpose(0, 2, 1))
    assert np.array_equal(table.rush, table.rush.transpose(0, 2, 1))
    for m in range(len(MODES)):
        diagonal = np.diag(table.plain[m])
        # Every municipality gets the same intra-municipal time, and nothing is faster.
        assert np.all(diagonal == diagonal[0])
        assert table.plain[m].min() == diagonal[0]


def test_rush_hour_penalty_only_for_sensitive_modes() -> None:
    table = travel_table()
    for m, mode in enumerate(table.modes):
        sensitive = DEFAULT_TRAVEL_MODEL.mode(mode).rush_hour_sensitive
        if sensitive:
            assert np.all(table.rush[m] > table.plain[m])
        else:
            assert np.array_equal(table.rush[m], table.plain[m])
    assert {mode for mode in MODES if DEFAULT_TRAVEL_MODEL.mode(mode).rush_hour_sensitive} == {
        "ov",
        "auto",
        "vervoer_op_maat",
    }


def test_estimate_between_named_municipalities() -> None:
    index = municipality_index()
    table = travel_table()
    expected = table.plain[table.mode_index("fiets"), index["Utrecht"], index["Zeist"]]
    assert estimate_travel_minutes("Utrecht", "Zeist", "fiets") == expected
    # An alias resolves to its municipality; unknown names give None (unknown), not a guess.
    assert estimate_travel_minutes("Den Haag", "Utrecht", "ov") == estimate_travel_minutes(
        "'s-Gravenhage", "Utrecht", "ov"
    )
    assert estimate_travel_minutes("Atlantis", "Utrecht", "ov") is None
    # Further is slower, and cycling across the country is slower than the train.
    assert estimate_travel_minutes("Utrecht", "Zeist", "fiets") < estimate_travel_minutes(
        "Utrecht", "Amsterdam", "fiets"
    )
    assert estimate_travel_minutes("Groningen", "Maastricht", "ov") < estimate_travel_minutes(
        "Groningen", "Maastricht", "fiets"
    )
    assert estimate_travel_minutes("Utrecht", "Zeist", "ov", rush_hour=True) > estimate_travel_minutes(
        "Utrecht", "Zeist", "ov"
    )


def test_vervoer_op_maat_is_slower_than_a_car() -> None:
    for dest in ("Utrecht", "Zeist", "Amsterdam"):
        assert estimate_travel_minutes("Utrecht", dest, "vervoer_op_maat") > estimate_travel_minutes(
            "Utrecht", dest, "auto"
        )


def test_a_different_model_changes_the_estimate() -> None:
    slow_bikes = TravelModel(
        fiets=ModeSpeed(
            detour=1.2,
            local_kmh=10.0,
            long_kmh=10.0,
            local_km=0.0,
            overhead_minutes=2.0,
            rush_hour_sensitive=False,
        )
    )
    assert estimate_travel_minutes("Utrecht", "Zeist", "fiets", model=slow_bikes) > estimate_travel_minutes(
        "Utrecht", "Zeist", "fiets"
    )


def test_unknown_mode_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="scooter"):
        estimate_travel_minutes("Utrecht", "Zeist", "scooter")
    with pytest.raises(SchemaError, match="scooter"):
        DEFAULT_TRAVEL_MODEL.minutes(5.0, "scooter")


@pytest.mark.parametrize(
    "kwargs",
    [{"min_distance_km": -1.0}, {"rush_hour_factor": 0.5}, {"rush_hour_extra_minutes": -3.0}],
)
def test_invalid_model_parameters_are_rejected(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        TravelModel(**kwargs)


def test_invalid_mode_speed_is_rejected() -> None:
    with pytest.raises(ValueError, match="local_kmh"):
        ModeSpeed(
            detour=1.2,
            local_kmh=0.0,
            long_kmh=10.0,
            local_km=0.0,
            overhead_minutes=0.0,
            rush_hour_sensitive=False,
        )
