"""The bundled sample is one WSP's region with a real first screen (issue 12).

Properties, not magic numbers: one arbeidsmarktregio (Midden-Utrecht), a candidate pool about ten
times the open packages, placement history, about half with assessed capacities and the register's
gaps, and what the app opens on by default: a vacancy with a real list of eligible candidates, most
vacancies with five or more, and a *van werk naar werk* candidate with fitting packages.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import numpy as np
import pytest

from evaluation.world.places import LABOUR_MARKET_REGIONS
from matcher.constraints import CandidateArrays, PackageArrays, eligibility
from matcher.paths import SAMPLE_DIR
from webapp.dataset import load_folder
from webapp.ending import ending_jobs, first_with_packages, reference_date


@pytest.fixture(scope="module")
def sample():
    data = load_folder(SAMPLE_DIR)
    assert not data.problems and data.set_aside == 0
    grid = eligibility(CandidateArrays.build(data.candidates), PackageArrays.build(data.packages))
    return data, grid.eligible


def test_the_sample_is_one_arbeidsmarktregio():
    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["region"] == "Midden-Utrecht"
    data = load_folder(SAMPLE_DIR)
    region = set(LABOUR_MARKET_REGIONS["Midden-Utrecht"])
    homes = Counter(c.location.municipality for c in data.candidates if c.location)
    workplaces = {p.location.municipality for p in data.packages if p.location}
    assert set(homes) <= region and workplaces <= region
    assert len(homes) == len(region)  # every municipality of the region has candidates
    assert homes.most_common(1)[0][0] == "Utrecht"  # the city is the largest
    assert 0.25 < homes["Utrecht"] / sum(homes.values()) < 0.5


def test_a_wsp_sized_pool_with_history_and_the_registers_gaps(sample):
    data, _ = sample
    assert 1_200 <= len(data.candidates) <= 2_000 and 120 <= len(data.packages) <= 200
    assert 5 <= len(data.candidates) / len(data.packages) <= 15
    placed = {p.candidate_id for p in data.placements}
    assert 0.3 < len(placed) / len(data.candidates) < 0.9
    assessed = np.mean([bool(c.capacities and c.capacities.assessed) for c in data.candidates])
    assert 0.45 < assessed < 0.65
    no_education = np.mean([c.education is None for c in data.candidates])
    assert 0.3 < no_education < 0.55  # KVB: 42% of the register had no recorded level


def test_the_default_vacancy_has_a_real_list_and_most_vacancies_have_five(sample):
    _, eligible = sample
    per_vacancy = eligible.sum(axis=0)
    # The vacancy page opens on the first vacancy of the data (its select box lists them in file order).
    assert per_vacancy[0] >= 10
    assert np.mean(per_vacancy >= 5) >= 0.8


def test_the_default_werk_naar_werk_candidate_has_fitting_packages(sample):
    data, eligible = sample
    jobs = ending_jobs(data.placements, as_of=reference_date(data.placements, date.today()))
    assert len(jobs) >= 5
    default = jobs[first_with_packages(jobs, data.candidates_by_id, data.packages)]
    row = [c.id for c in data.candidates].index(default.candidate_id)
    assert eligible[row].sum() >= 1
    # Some people on the list have no fitting package: the default is chosen, not a given.
    rows = {c.id: i for i, c in enumerate(data.candidates)}
    assert any(eligible[rows[j.candidate_id]].sum() == 0 for j in jobs)
