"""Explanations are data; the Dutch rendering covers every part of them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from matcher.encoders import HashingEncoder
from matcher.explain import Confidence, render_nl, render_nl_text
from matcher.recommend import Matcher
from matcher.schema import Capacities
from tests.planted import candidate, package


@pytest.fixture(scope="module")
def match():
    c = candidate("c1", "groen", capacities=Capacities(assessed=True, levels={"DH01": 2}))
    other = candidate("c2", "post", available_from=None)
    p = package("p1", "groen", demands={"DH01": 2, "PF09": 2})
    m = Matcher([c, other], [p], encoder=HashingEncoder())
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


def test_rendering_lists_the_factors_that_moved_the_rank(match):
    sections = render_nl(match[0].explanation)
    factors = sections["Wat de rangorde bepaalde"]
    assert factors and all(("verhoogt" in f or "verlaagt" in f or "weinig verschil" in f) for f in factors)


def test_exclusions_are_rendered_first():
    c = candidate("c1", "groen", capacities=Capacities(assessed=True, levels={"DH01": 1}))
    m = Matcher([c], [package("p1", "groen")], encoder=HashingEncoder())
    assert m.for_vacancy("p1") == []
    exclusion = m.excluded_for_vacancy("p1")[0]
    from matcher.explain import Explanation

    sections = render_nl(Explanation(checks=exclusion.checks))
    assert next(iter(sections)) == "Uitgesloten door harde voorwaarden"
    assert "Tillen en dragen" in sections["Uitgesloten door harde voorwaarden"][0]
    assert dataclasses.is_dataclass(exclusion)
