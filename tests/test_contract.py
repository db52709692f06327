"""The bundled vocabularies in ``matcher/data/``: still the shared contract, and loaded correctly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matcher.contract import DATA_DIR, load_contract
from matcher.errors import ContractError

CONTRACT_FILES = ["fml_lite.csv", "vocabularies.json", "municipalities.csv"]
SHARED_CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "contract"


@pytest.mark.parametrize("name", CONTRACT_FILES)
def test_data_copies_match_the_shared_contract(name):
    if not SHARED_CONTRACT.is_dir():
        pytest.skip(f"shared contract folder not present at {SHARED_CONTRACT}")
    assert (DATA_DIR / name).read_bytes() == (SHARED_CONTRACT / name).read_bytes(), (
        f"matcher/data/{name} differs from {SHARED_CONTRACT / name}; copy the shared file over the bundled one"
    )


def test_fml_lite_has_31_items_with_norm_within_scale():
    contract = load_contract()
    assert len(contract.fml) == 31
    assert contract.fml_codes[0] == "PF01" and contract.fml_codes[-1] == "WT04"
    assert all(0 <= item.norm <= item.max_level for item in contract.fml.values())
    assert contract.fml["DH01"].name_nl == "Tillen en dragen" and contract.fml["DH01"].max_level == 4


def test_342_municipalities_with_unique_codes_and_dutch_coordinates():
    municipalities = load_contract().municipalities
    assert len(municipalities) == 342
    assert len({m.gm_code for m in municipalities.values()}) == 342
    assert all(50.7 < m.latitude < 53.6 and 3.3 < m.longitude < 7.3 for m in municipalities.values())


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("Den Haag", "'s-Gravenhage"),
        ("den haag", "'s-Gravenhage"),
        ("'s-Gravenhage", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("Nuenen", "Nuenen, Gerwen en Nederwetten"),
        ("Bergen NH", "Bergen (NH.)"),
        ("Bergen (L)", "Bergen (L.)"),
        ("UTRECHT", "Utrecht"),
    ],
)
def test_aliases_and_spellings_normalise_to_the_cbs_name(given, name):
    municipality = load_contract().municipality(given)
    assert municipality is not None and municipality.name == name


def test_unknown_municipality_is_none():
    assert load_contract().municipality("Atlantis") is None
    assert load_contract().municipality("") is None


def test_vocabularies_and_education_order():
    contract = load_contract()
    assert contract.days == ("ma", "di", "wo", "do", "vr", "za", "zo")
    assert set(contract.dayparts) == {"ochtend", "middag", "avond", "nacht"}
    assert "jobcoach" in contract.needs_offers and "gemeenten" in contract.sectors
    assert contract.education_rank("geen") == 0
    assert contract.education_rank("mbo2") < contract.education_rank("hbo") < contract.education_rank("wo")


def test_contract_is_loaded_once():
    assert load_contract() is load_contract()


def test_missing_data_folder_is_a_contract_error(tmp_path):
    for name in CONTRACT_FILES[:2]:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    with pytest.raises(ContractError, match=r"municipalities\.csv"):
        load_contract(tmp_path)
