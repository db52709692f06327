"""Explanations are data; the Dutch rendering covers every part of them."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.constraints import Outcome
from matcher.contract import load_contract
from matcher.encoders import HashingEncoder
from matcher.explain import Band, Confidence, Contribution, Explanation, render_nl, render_nl_text
from matcher.ranking import QUANTILE_LEVELS, LinearScorer
from matcher.recommend import Matcher
from matcher.schema import Capacities
from matcher.texts_nl import EXPLANATION, FACTOR_COUNT_VS_MEAN_NL, FACTOR_VS_MEAN_NL
from tests.planted import candidate, package

RAW_NUMBER = re.compile(r"\d[.,]\d")
FACTORS = "Wat de rangorde bepaalde"


@pytest.fixture(scope="module")
def match():
    c = candidate("c1", "groen", capacities=Capacities(assessed=True, levels={"DH01": 2}))
    other = candidate("c2", "post", available_from=None)
    p = package("p1", "groen", demands={"DH01": 2, "PF09": 2})
    m = Matcher(encoder=HashingEncoder()).fit([c, other], [p])
    return m.for_vacancy("p1", k=2)


def test_explanation_is_json_data_with_every_check(match):
    data = json.loads(json.dumps(match[0].explanation.to_dict()))
    assert data["eligible"] is True
    assert len(data["checks"]) == 31 + 9
    assert {c["outcome"] for c in data["checks"]} <= {"pass", "signal", "unknown"}
    assert sum(c["contribution"] for c in data["contributions"]) == pytest.approx(match[0].score, abs=1e-9)


def test_signalering_at_the_limit_is_listed_for_discussion(match):
    top = match[0].explanation
    assert [(c.item, c.candidate_value, c.package_value) for c in top.signaleringen] == [("DH01", 2, 2)]
    sections = render_nl(top)
    assert any("Tillen en dragen" in line for line in sections["Bespreken (signaleringen)"])


def test_unknown_fields_are_shown_as_unknown_and_lower_confidence(match):
    by_id = {m.candidate_id: m.explanation for m in match}
    assert by_id["c2"].unknowns and any(c.rule.value == "availability" for c in by_id["c2"].unknowns)
    text = render_nl_text(by_id["c2"])
    assert "beschikbaar" in text and "Onbekend" in text
    assert by_id["c1"].confidence in set(Confidence)


def test_rendering_lists_the_factors_that_moved_the_rank_in_words_not_numbers(match):
    sections = render_nl(match[0].explanation)
    factors = sections["Wat de rangorde bepaalde"]
    assert factors and all(
        ("hoger in de lijst" in f or "lager in de lijst" in f or "weinig verschil" in f) for f in factors
    )
    assert not [f for f in factors if RAW_NUMBER.search(f)]


def test_exclusions_are_rendered_first():
    c = candidate("c1", "groen", capacities=Capacities(assessed=True, levels={"DH01": 1}))
    m = Matcher(encoder=HashingEncoder()).fit([c], [package("p1", "groen")])
    assert m.for_vacancy("p1") == []
    exclusion = m.excluded_for_vacancy("p1")[0]
    sections = render_nl(Explanation(checks=exclusion.checks))
    assert next(iter(sections)) == "Uitgesloten door harde voorwaarden"
    assert "Tillen en dragen" in sections["Uitgesloten door harde voorwaarden"][0]
    assert dataclasses.is_dataclass(exclusion)


def test_each_contribution_carries_the_band_of_its_value_as_data(match):
    explanation = match[0].explanation
    assert all(isinstance(c.band, Band) for c in explanation.contributions)
    data = json.loads(json.dumps(explanation.to_dict()))
    assert {c["band"] for c in data["contributions"]} <= {b.value for b in Band}
    # the exact numbers stay in the data
    assert all({"value", "reference", "contribution"} <= set(c) for c in data["contributions"])


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.999, Band.BELOW_P10),
        (1.0, Band.BELOW_P25),  # at the 10% quantile: not below it
        (1.999, Band.BELOW_P25),
        (2.0, Band.BELOW_P50),
        (2.999, Band.BELOW_P50),
        (3.0, Band.MIDDLE),  # the median
        (3.2, Band.MIDDLE),  # between the median and the mean
        (3.5, Band.MIDDLE),  # the mean
        (3.501, Band.ABOVE_P50),
        (4.0, Band.ABOVE_P50),  # at the 75% quantile: not above it
        (4.001, Band.ABOVE_P75),
        (5.0, Band.ABOVE_P75),
        (5.001, Band.ABOVE_P90),
    ],
)
def test_band_boundaries(value, band):
    assert Band.locate(value, [1.0, 2.0, 3.0, 4.0, 5.0], mean=3.5) is band


def test_band_of_a_value_most_pairs_share_is_the_middle_and_anything_else_is_an_outer_band():
    # like a yes/no feature that is "no" for 95% of the pairs
    zeros = [0.0] * len(QUANTILE_LEVELS)
    assert Band.locate(0.0, zeros, mean=0.05) is Band.MIDDLE
    assert Band.locate(1.0, zeros, mean=0.05) is Band.ABOVE_P90
    assert Band.locate(-1.0, zeros, mean=0.05) is Band.BELOW_P10
    with pytest.raises(ValueError, match="5 values"):
        Band.locate(0.0, [0.0, 1.0], mean=0.5)


@given(
    rows=st.lists(st.integers(0, 12), min_size=1, max_size=60),
    value=st.integers(-2, 26).map(lambda v: v / 2),
)
def test_every_band_says_of_the_fitted_pairs_what_its_dutch_words_claim(rows, value):
    # Dutch: "hoger dan bij 9 van de 10", "... 3 van de 4", "... de helft" (and lower likewise);
    # integer rows give the ties that counts and yes/no features have.
    column = np.array(rows, dtype=float)
    scorer = LinearScorer(feature_names=("a",), weights={"a": 1.0}).fit(column[:, None])
    band = Band.locate(value, scorer.quantiles_[:, 0], mean=float(scorer.reference_[0]))
    below, above = (column < value).mean(), (column > value).mean()
    claims = {
        Band.ABOVE_P90: below >= 0.9,
        Band.ABOVE_P75: below >= 0.75,
        Band.ABOVE_P50: below >= 0.5,
        Band.BELOW_P50: above > 0.5,
        Band.BELOW_P25: above > 0.75,
        Band.BELOW_P10: above > 0.9,
    }
    assert claims.get(band, True)
    # and the band agrees with the direction the value pushes the score (relative to the mean)
    if band.name.startswith("ABOVE"):
        assert value > column.mean()
    if band.name.startswith("BELOW"):
        assert value < column.mean()
    median = float(scorer.quantiles_[QUANTILE_LEVELS.index(0.5), 0])
    for centre in (median, float(column.mean())):
        assert Band.locate(centre, scorer.quantiles_[:, 0], mean=float(scorer.reference_[0])) is Band.MIDDLE


def test_strength_words_follow_each_factor_against_the_strongest():
    def line(feature, contribution, band):
        return Contribution(feature, 1.0, contribution, 0.0, band)

    explanation = Explanation(
        checks=(),
        contributions=(
            line("lexical", 1.0, Band.ABOVE_P90),
            line("level_gap", -0.6, Band.ABOVE_P75),
            line("placed_like", 0.55, Band.MIDDLE),
            line("hours_fit", 0.2, Band.ABOVE_P50),
        ),
    )
    factors = render_nl(explanation)[FACTORS]
    assert factors[0].startswith("Zelfde woorden in taken en profiel: hoog (")
    assert factors[0].endswith("veel hoger in de lijst")
    assert factors[1].endswith("veel lager in de lijst")
    # a middle value is close to the reference by construction: never called strong
    assert factors[2].startswith("Profiel lijkt op") and factors[2].endswith("iets hoger in de lijst")
    assert factors[3].endswith("iets hoger in de lijst")


def test_a_ranker_saved_before_it_recorded_its_scale_still_renders_plain_words(tmp_path):
    c = candidate("c1", "groen")
    others = [candidate(f"c{n}", kind) for n, kind in enumerate(("post", "groen", "schoonmaak"), start=2)]
    m = Matcher(encoder=HashingEncoder()).fit([c, *others], [package("p1", "groen")])
    m.scorer.save(tmp_path / "ranker")
    path = tmp_path / "ranker" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["quantiles"]
    path.write_text(json.dumps(manifest), encoding="utf-8")
    old = LinearScorer.load(tmp_path / "ranker", feature_names=m.scorer.feature_names)
    results = (
        Matcher(encoder=HashingEncoder(), scorer=old)
        .fit([c, *others], [package("p1", "groen")])
        .for_vacancy("p1")
    )
    assert results
    for result in results:
        assert all(contribution.band is None for contribution in result.explanation.contributions)
        factors = render_nl(result.explanation)[FACTORS]
        assert not [f for f in factors if RAW_NUMBER.search(f)]
        plain = set(FACTOR_VS_MEAN_NL.values()) | {"ja", "nee"}
        for f in factors[:-1] if factors[-1] == EXPLANATION["factors_rest"] else factors:
            position = f.split(": ", 1)[1].split(";")[0]
            count = re.fullmatch(r"\d+ \((.*)\)", position)
            assert (count.group(1) in FACTOR_COUNT_VS_MEAN_NL.values()) if count else position in plain, f


def test_unknown_capacities_are_named_per_side_and_all_unknown_is_one_line():
    # Nothing recorded of c1's capacities; c2's are partly recorded (unassessed, two items known).
    nothing = candidate("c1", "groen", capacities=Capacities(assessed=False, levels={}))
    partly = candidate(
        "c2", "groen", "Zeist", capacities=Capacities(assessed=False, levels={"DH01": 3, "PF01": 2})
    )
    p = package("p1", "groen", demands={"DH01": 2, "PF01": 1, "PF09": 1})
    by_id = {
        m.candidate_id: m
        for m in Matcher(encoder=HashingEncoder()).fit([nothing, partly], [p]).for_vacancy("p1")
    }
    unknown = render_nl(by_id["c1"].explanation)[EXPLANATION["unknowns"]]
    n_items = len(load_contract().fml_codes)
    fml_lines = [line for line in unknown if "FML" in line or "Niet vastgelegd" in line]
    assert fml_lines[0] == EXPLANATION["fml_unknown_candidate_all"].format(n=n_items)
    # The work's own gaps are still named, on the work's line (asked of the employer); its known demands not.
    work = EXPLANATION["fml_unknown_package"].split("{items}")[0]
    assert fml_lines[1].startswith(work) and "Herinneren" in fml_lines[1]
    assert not any(name in fml_lines[1] for name in ("Tillen en dragen", "Vasthouden van de aandacht"))
    assert len(fml_lines) == 2  # no line lists every item of the candidate
    partial = render_nl(by_id["c2"].explanation)[EXPLANATION["unknowns"]]
    candidate_line = next(
        line for line in partial if line.startswith("Niet vastgelegd wat de kandidaat aankan")
    )
    assert "Vasthouden van de aandacht" not in candidate_line and "Tillen en dragen" not in candidate_line
    assert "Afleiding door activiteiten van anderen" in candidate_line  # PF09: asked, not recorded
    assert EXPLANATION["fml_unknown_candidate_all"].format(n=n_items) not in partial


def test_one_unknown_and_one_placed_other_read_in_the_singular(match):
    explanation = dataclasses.replace(match[0].explanation, placed_basis=1)
    first = explanation.unknowns[0]
    known = tuple(c for c in explanation.checks if c.outcome is not Outcome.UNKNOWN or c is first)
    one = dataclasses.replace(explanation, checks=known)
    summary = render_nl(one)[EXPLANATION["summary"]]
    assert summary[0].endswith("(1 onbekend punt)")
    assert "met dat van 1 ander die eerder in dit soort werk is geplaatst" in summary[-1]
