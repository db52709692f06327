"""The Dutch texts: ranking factors read as plain words, never as raw numbers; checks read cleanly."""

from __future__ import annotations

import re

import pytest

from matcher.constraints import Check, Outcome, Rule
from matcher.contract import load_contract
from matcher.explain import Band
from matcher.features import FEATURES
from matcher.texts_nl import (
    APP_TEXTS,
    EXPLANATION,
    FACTOR_BAND_NL,
    FACTOR_CHANCES,
    FACTOR_COUNT_BAND_NL,
    FACTOR_COUNTS,
    FACTOR_YES_NO,
    FEATURE_NL,
    contribution_nl,
    count_nl,
    durability_nl,
    fml_name_nl,
    render_check_nl,
)

RAW_NUMBER = re.compile(r"\d[.,]\d")


def test_every_band_and_every_feature_has_its_words():
    assert set(FACTOR_BAND_NL) == set(FACTOR_COUNT_BAND_NL) == {b.value for b in Band}
    assert set(FEATURE_NL) == set(FEATURES)
    assert set(FEATURES) >= FACTOR_COUNTS | FACTOR_YES_NO


@pytest.mark.parametrize("feature", FEATURES)
@pytest.mark.parametrize("band", list(Band))
def test_a_factor_line_names_the_factor_and_its_band_without_raw_numbers(feature, band):
    line = contribution_nl(feature, 1.91, 0.4321, 0.1234, band=band, strong=True)
    assert line.startswith(FEATURE_NL[feature][0].upper() + FEATURE_NL[feature][1:] + ": ")
    assert not RAW_NUMBER.search(line), line
    assert line.endswith("; zet dit resultaat veel hoger in de lijst")
    if feature in FACTOR_COUNTS:
        assert f": 2 ({FACTOR_COUNT_BAND_NL[band]});" in line
    elif feature in FACTOR_CHANCES:
        assert f": meer dan 90%, {FACTOR_BAND_NL[band]};" in line
    elif feature not in FACTOR_YES_NO:
        assert f": {FACTOR_BAND_NL[band]};" in line


def test_the_wish_factor_reads_as_plain_dutch():
    # was: "Wensen gaan vooral over dit soort werk: 1.91, hoger dan gemiddeld (0.12); verhoogt de rangorde (+0.43)"
    line = contribution_nl("wish_affinity", 1.91, 0.43, 0.12, band=Band.ABOVE_P90, strong=True)
    assert line == (
        "Wensen gaan vooral over dit soort werk: hoog (hoger dan bij 9 van de 10 geschikte combinaties); "
        "zet dit resultaat veel hoger in de lijst"
    )


def test_counts_show_the_count_itself():
    line = contribution_nl("unknowns", 3.0000000001, -0.2, 23.05, band=Band.BELOW_P10)
    assert line == (
        "Aantal onbekende punten: 3 (minder dan bij 9 van de 10 geschikte combinaties); "
        "zet dit resultaat iets lager in de lijst"
    )
    assert contribution_nl("signaleringen", 4.0, -0.1, 1.29, band=Band.ABOVE_P90).startswith(
        "Aantal signaleringen: 4 (meer dan bij 9 van de 10"
    )


def test_a_yes_no_factor_says_yes_or_no():
    assert contribution_nl("sector_preference", 1.0, 0.07, 0.06, band=Band.ABOVE_P90).startswith(
        "Werk in een voorkeurssector van de kandidaat: ja;"
    )
    assert contribution_nl("sector_preference", 0.0, -0.004, 0.06, band=Band.MIDDLE).startswith(
        "Werk in een voorkeurssector van de kandidaat: nee;"
    )


@pytest.mark.parametrize(
    ("feature", "value", "words"),
    [
        ("lexical", 0.2, "hoger dan gemiddeld"),
        ("lexical", 0.05, "lager dan gemiddeld"),
        ("lexical", 0.084, "gemiddeld"),
        ("signaleringen", 3.0, "3 (meer dan gemiddeld)"),
        ("signaleringen", 0.0, "0 (minder dan gemiddeld)"),
    ],
)
def test_without_a_band_the_value_is_compared_with_the_average_pair(feature, value, words):
    reference = 0.084 if feature == "lexical" else 1.29
    line = contribution_nl(feature, value, 6.8 * (value - reference), reference)
    assert line.split(": ", 1)[1].split(";")[0] == words
    assert not RAW_NUMBER.search(line)


@pytest.mark.parametrize(
    ("contribution", "strong", "effect"),
    [
        (0.3, True, "zet dit resultaat veel hoger in de lijst"),
        (0.3, False, "zet dit resultaat iets hoger in de lijst"),
        (-0.3, True, "zet dit resultaat veel lager in de lijst"),
        (-0.3, False, "zet dit resultaat iets lager in de lijst"),
        (0.0, True, "maakt geen verschil voor de plaats in de lijst"),
    ],
)
def test_the_effect_says_which_way_and_how_strongly(contribution, strong, effect):
    assert contribution_nl("hours_fit", 0.9, contribution, 0.63, band=Band.ABOVE_P75, strong=strong).endswith(
        "; " + effect
    )


def _nested_brackets(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 1:
            return True
    return False


def test_an_fml_check_reads_without_brackets_inside_brackets():
    # was: "Lezen en schrijven: het werk vraagt niveau 2 (regelmatig werkteksten), de kandidaat kan
    # niveau 0 (geen lezen of schrijven (pictogrammen, voordoen)) — overschrijding"
    contract = load_contract()
    for code, item in contract.fml.items():
        for capacity in range(item.max_level + 1):
            for demand in range(item.max_level + 1):
                outcome = Outcome.EXCLUDE if demand > capacity else Outcome.PASS
                line = render_check_nl(Check(Rule.FML, code, outcome, capacity, demand))
                assert not _nested_brackets(line), line
                assert line.count("(") == line.count(")") == 2 + fml_name_nl(code).count("("), line
            unknown = render_check_nl(Check(Rule.FML, code, Outcome.UNKNOWN, None, capacity))
            assert not _nested_brackets(unknown), unknown


def test_a_count_of_one_reads_in_the_singular():
    # was: "1 signaleringen", "Betrouwbaarheid: hoog (1 onbekende punten)", "1 kandidaten van wie ..."
    assert count_nl(APP_TEXTS["common"], "n_signals", 1) == "1 signalering"
    assert count_nl(APP_TEXTS["common"], "n_signals", 0) == "0 signaleringen"
    assert count_nl(EXPLANATION, "confidence", 1, level="hoog") == "Betrouwbaarheid: hoog (1 onbekend punt)"
    assert (
        count_nl(EXPLANATION, "confidence", 3, level="laag") == "Betrouwbaarheid: laag (3 onbekende punten)"
    )
    assert count_nl(EXPLANATION, "passed", 1, total=40) == "1 van de 40 voorwaarden is zeker in orde"
    assert count_nl(APP_TEXTS["werk"], "count", 1).startswith("1 kandidaat van wie")
    assert count_nl(APP_TEXTS["profielen"], "found", 1) == "1 functieprofiel"
    plural_words = re.compile(r"\b(signaleringen|punten|anderen|kandidaten|functieprofielen|records)\b")
    for texts in (EXPLANATION, *APP_TEXTS.values()):
        for key in [k for k in texts if k.endswith("_one") and k.removesuffix("_one") in texts]:
            line = count_nl(texts, key.removesuffix("_one"), 1, level="hoog", total=40)
            assert not plural_words.search(line), line


@pytest.mark.parametrize("value", [0.03, 0.47, 0.52, 0.96])
def test_the_durability_factor_shows_the_same_chance_as_the_summary(value: float) -> None:
    # was "Geschatte kans ...: hoog (hoger dan bij 9 van de 10 ...)" next to "ongeveer 50%" in the summary
    line = contribution_nl("durability", value, 0.1, 0.4, band=Band.ABOVE_P90)
    summary = durability_nl(value, basis=100)
    chance = line.split(": ", 1)[1].split(", ", 1)[0]
    assert "%" in chance
    assert f": {chance} (" in summary
