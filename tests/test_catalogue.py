"""The function-profile catalogue: bundled file, coverage of the seed names, and validation errors."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest

from matcher.catalogue import CATALOGUE_PATH, get_profile, load_function_profiles, parse_function_profiles
from matcher.competences import load_esco
from matcher.contract import load_contract
from matcher.errors import SchemaError, UnknownIdError
from matcher.schema import FunctionProfile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Every function and work-package name in the seeds (shared/docs/domain.md section 8) -> profile id.
SEED_NAMES = {
    "conciërge": "concierge",
    "ondersteuning conciërge": "ondersteuning-concierge",
    "huismeester / vliegende kiep": "huismeester",
    "pool huismeester-conciërge": "pool-huismeester-concierge",
    "portier": "portier",
    "etage-assistent": "etage-assistent",
    "terreinbeheerder": "terreinbeheerder",
    "gastheer / gastvrouw": "gastheer-gastvrouw",
    "medewerker wijkbeheer en onderhoud": "medewerker-wijkbeheer-en-onderhoud",
    "facilitaire ondersteuning": "facilitaire-ondersteuning",
    "medewerker goederenontvangst": "medewerker-goederenontvangst",
    "postbezorger": "postbezorger",
    "medewerker postkamer": "medewerker-postkamer",
    "medewerker Medische Hulpmiddelenservice": "medewerker-medische-hulpmiddelenservice",
    "inspecties elektrische installaties + assistent magazijnbeheer": (
        "inspecties-elektrische-installaties-magazijnbeheer"
    ),
    "schoonmaker": "schoonmaker",
    "voorvrouw schoonmaak": "voorvrouw-schoonmaak",
    "schoonmaker die ook de telefoon aanneemt": "schoonmaker-met-telefoon",
    "aanvullend schoonmaakteam": "aanvullend-schoonmaakteam",
    "toetsenbordschoonmaker": "toetsenbordschoonmaker",
    "dienstauto's waterloos wassen": "waterloos-wassen-dienstautos",
    "paardenverzorger": "paardenverzorger",
    "medewerker groen / groenvoorziening": "medewerker-groen",
    "tuin- en schoolpleinonderhoud": "tuin-en-schoolpleinonderhoud",
    "dierverzorging": "dierverzorging",
    "snoeien en zagen van bomen": "snoeien-en-zagen-van-bomen",
    "kantinemedewerker": "kantinemedewerker",
    "horecamedewerker": "horecamedewerker",
    "cateringmedewerker": "cateringmedewerker",
    "gebarista": "gebarista",
    "keukenassistent": "keukenassistent",
    "administratief ondersteunend medewerker": "administratief-ondersteunend-medewerker",
    "frontoffice subsidies en inkoop met beleidsondersteuning": "frontoffice-subsidies-en-inkoop",
    "medewerker examenbureau": "medewerker-examenbureau",
    "afnameleider": "afnameleider",
    "digitaliseren van dossiers en archief": "digitaliseren-dossiers-archief",
    "dossierbeheer": "dossierbeheer",
    "documentatiecentrum": "medewerker-documentatiecentrum",
    "MAAT, medewerker assistent administratieve taken": "maat",
    "teamondersteuner": "teamondersteuner",
    "schoolassistent": "schoolassistent",
    "assistent leerkracht basisonderwijs": "assistent-leerkracht-basisonderwijs",
    "zorgassistent in de klas": "zorgassistent-in-de-klas",
    "camerabeeldspecialist": "camerabeeldspecialist",
    "uitwerken van geluidsopnames": "uitwerken-geluidsopnames",
    "programmeur": "programmeur",
    "ICT-taken": "medewerker-ict",
    "informatiebeveiliging": "medewerker-informatiebeveiliging",
    "voorlichter": "voorlichter",
    "juridisch medewerker": "juridisch-medewerker",
    "marketingmedewerker": "marketingmedewerker",
    "bedrijfsjournalist": "bedrijfsjournalist",
    "trainee wijkmanagement": "trainee-wijkmanagement",
    "participatieteam": "medewerker-participatieteam",
    "P&O-medewerker banenafspraak": "po-medewerker-banenafspraak",
    "interne jobcoach": "interne-jobcoach",
    "buddy": "buddy",
}


@pytest.fixture(scope="module")
def profiles() -> tuple[FunctionProfile, ...]:
    return load_function_profiles()


@pytest.fixture(scope="module")
def by_id(profiles) -> dict[str, FunctionProfile]:
    return {p.id: p for p in profiles}


def _document() -> dict:
    return json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


# --- the bundled catalogue ----------------------------------------------------------------------------


def test_every_profile_in_the_file_loads(profiles):
    raw = _document()["profiles"]
    assert len(profiles) == len(raw)
    ids = [p["id"] for p in raw]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert ids == sorted(ids)
    assert _document()["acknowledgement"].startswith("This product uses the ESCO classification")


def test_every_seed_name_has_a_profile(by_id):
    missing = {name: pid for name, pid in SEED_NAMES.items() if pid not in by_id}
    assert not missing
    assert len(set(SEED_NAMES.values())) == len(SEED_NAMES)


def test_demands_cover_all_items_within_range(profiles):
    fml = load_contract().fml
    for p in profiles:
        assert tuple(p.demands) == tuple(fml), p.id
        for code, level in p.demands.items():
            assert 0 <= level <= fml[code].max_level, (p.id, code, level)


def test_codes_come_from_the_vocabularies(profiles):
    contract = load_contract()
    for p in profiles:
        assert p.sectors and set(p.sectors) <= set(contract.sectors), p.id
        assert set(p.offers) <= set(contract.needs_offers), p.id
        assert len(set(p.sectors)) == len(p.sectors) and len(set(p.offers)) == len(p.offers)


def test_esco_occupations_exist_in_the_bundled_extract(profiles):
    occupations = load_esco().occupations
    with_esco = [p for p in profiles if p.esco_uri is not None]
    assert len(with_esco) >= len(profiles) - 3, "most profiles should name an ESCO occupation"
    for p in with_esco:
        assert p.esco_uri in occupations, p.id
        assert p.esco_label == occupations[p.esco_uri].label, p.id
    for p in profiles:
        assert (p.esco_uri is None) == (p.esco_label is None), p.id


def test_tasks_hours_description_and_sources_are_well_formed(profiles):
    for p in profiles:
        assert 5 <= len(p.tasks) <= 10, p.id
        assert len(set(p.tasks)) == len(p.tasks), p.id
        assert all(len(t.split()) >= 2 for t in p.tasks), p.id
        low, high = p.hours_per_week
        assert 1 <= low <= high <= 40, p.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", p.description.strip()) if s]
        assert 1 <= len(sentences) <= 3, p.id
        assert p.sources, p.id
        for source in p.sources:
            seed, _, story = source.partition(":")
            assert seed in {"000", "001", "002", "003", "004"}, (p.id, source)
            if story:
                assert seed == "002" and 1 <= int(story) <= 14, (p.id, source)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_sources_name_existing_seed_files(profiles):
    present = {path.name[:3] for path in SEEDS.glob("*.txt")}
    assert {s.partition(":")[0] for p in profiles for s in p.sources} <= present


def test_working_time_demands_follow_the_hours(profiles):
    # WT02 is the lowest level whose ~10/20/30/40 h anchor covers the lower end of the hours range;
    # WT01 likewise for ~2/4/6/8 h a day over five days.
    for p in profiles:
        low = p.hours_per_week[0]
        wt02, wt01 = p.demands["WT02"], p.demands["WT01"]
        assert wt02 == 4 or (10, 20, 30, 40)[wt02] >= low, p.id
        assert wt02 == 0 or (10, 20, 30, 40)[wt02 - 1] < low, p.id
        assert wt01 == 4 or (2, 4, 6, 8)[wt01] >= low / 5, p.id
        assert wt01 == 0 or (2, 4, 6, 8)[wt01 - 1] < low / 5, p.id


def test_demands_reflect_the_tasks(by_id):
    keyboard = by_id["toetsenbordschoonmaker"].demands
    assert keyboard["PF02"] <= 1 and keyboard["SF01"] <= 1 and keyboard["DH02"] >= 2
    horses = by_id["paardenverzorger"].demands
    assert horses["DH01"] > load_contract().fml["DH01"].norm  # hay bales: above the lifting norm
    assert horses["OM02"] == 2 and horses["PF10"] >= 1
    camera = by_id["camerabeeldspecialist"].demands
    assert camera["PF01"] == 2 and camera["SH02"] >= 2 and camera["SF01"] == 0
    mhs = by_id["medewerker-medische-hulpmiddelenservice"].demands
    assert mhs["DH03"] == 3  # about 10 km a day
    assert by_id["pool-huismeester-concierge"].demands["MO01"] > by_id["huismeester"].demands["MO01"]
    assert by_id["zorgassistent-in-de-klas"].demands["SF02"] == 2


def test_only_leading_roles_demand_supervision(profiles):
    managing = {p.id for p in profiles if p.demands["SF06"] == 2}
    assert managing == {"voorvrouw-schoonmaak"}


def test_outdoor_work_is_marked_by_climate_and_indoor_desk_work_is_not(by_id):
    for pid in ("paardenverzorger", "medewerker-groen", "snoeien-en-zagen-van-bomen", "postbezorger"):
        assert by_id[pid].demands["OM02"] == 2, pid
    for pid in ("camerabeeldspecialist", "programmeur", "maat", "medewerker-examenbureau"):
        assert by_id[pid].demands["OM02"] == 0, pid
        assert by_id[pid].demands["DH01"] <= 1, pid


def test_records_are_immutable(by_id):
    profile = by_id["concierge"]
    assert isinstance(profile.tasks, tuple) and isinstance(profile.sectors, tuple)
    with pytest.raises(TypeError):
        profile.demands["PF01"] = 0  # type: ignore[index]


def test_get_profile_and_unknown_ids(by_id):
    assert get_profile("paardenverzorger") is by_id["paardenverzorger"]
    with pytest.raises(UnknownIdError, match="paardenverzorger"):
        get_profile("paardeverzorger")


def test_catalogue_file_is_what_the_build_script_generates():
    spec = importlib.util.spec_from_file_location("build_catalogue", ROOT / "scripts" / "build_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render_catalogue()
    assert text == module.render_catalogue()
    assert text == CATALOGUE_PATH.read_text(encoding="utf-8")


# --- validation ---------------------------------------------------------------------------------------


def _valid_profile() -> dict:
    return copy.deepcopy(next(p for p in _document()["profiles"] if p["id"] == "schoonmaker"))


def _problems(*profiles: dict) -> list[str]:
    parsed = parse_function_profiles({"profiles": list(profiles)}, file="cat.json")
    return [str(p) for p in parsed.problems]


def test_a_bad_profile_never_takes_the_good_ones_down():
    good = _valid_profile()
    bad = _valid_profile()
    bad["id"] = "kapot"
    bad["demands"]["DH01"] = 7
    parsed = parse_function_profiles({"profiles": [bad, good]}, file="cat.json")
    assert [p.id for p in parsed.profiles] == ["schoonmaker"]
    assert [str(p) for p in parsed.problems] == [
        "cat.json: profile kapot: demands.DH01: expected a whole number 0..4 (see matcher/data/fml_lite.csv), found 7"
    ]


@pytest.mark.parametrize(
    ("edit", "field", "fragment"),
    [
        (lambda p: p["demands"].update({"DH05": 1}), "demands.DH05", "did you mean"),
        (lambda p: p["demands"].update({"PF01": True}), "demands.PF01", "found true"),
        (lambda p: p["demands"].pop("WT04"), "demands", "missing ['WT04']"),
        (lambda p: p.update(sectors=["gemeente"]), "sectors[0]", "did you mean 'gemeenten'"),
        (lambda p: p.update(sectors=[]), "sectors", "at least one"),
        (
            lambda p: p.update(offers=["jobcoach", "koffie"]),
            "offers[1]",
            "unknown needs/offers word 'koffie'",
        ),
        (lambda p: p.update(hours_per_week=[30, 20]), "hours_per_week", "min <= max"),
        (lambda p: p.update(hours_per_week=[20]), "hours_per_week", "two whole numbers"),
        (
            lambda p: p.update(esco_uri="http://data.europa.eu/esco/occupation/nope"),
            "esco_uri",
            "not an ESCO",
        ),
        (lambda p: p.update(esco_label="poetser"), "esco_label", "schoonmaker gebouwen"),
        (lambda p: p.update(sources=["2:14"]), "sources[0]", "'002:14'"),
        (lambda p: p.update(tasks=["vegen", "vegen"]), "tasks[1]", "listed twice"),
        (lambda p: p.update(id="Schoon Maker"), "id", "lowercase slug"),
        (lambda p: p.update(taks=["vegen"]), "taks", "did you mean 'tasks'"),
        (lambda p: p.pop("title"), "title", "required field is missing"),
    ],
)
def test_problems_name_profile_field_and_fix(edit, field, fragment):
    profile = _valid_profile()
    edit(profile)
    problems = _problems(profile)
    label = profile["id"] if isinstance(profile.get("id"), str) else "#1"
    assert any(p.startswith(f"cat.json: profile {label}: {field}: ") and fragment in p for p in problems), (
        problems
    )


def test_duplicate_ids_keep_the_first():
    first, second = _valid_profile(), _valid_profile()
    second["title"] = "Tweede"
    parsed = parse_function_profiles({"profiles": [first, second]}, file="cat.json")
    assert [p.title for p in parsed.profiles] == [first["title"]]
    assert any("duplicate id 'schoonmaker'" in str(p) for p in parsed.problems)


def test_top_level_shape_is_checked():
    assert parse_function_profiles([], file="cat.json").problems[0].field == "profiles"
    parsed = parse_function_profiles({"profiles": [], "extra": 1}, file="cat.json")
    assert [p.field for p in parsed.problems] == ["extra"]
    parsed = parse_function_profiles({"profiles": ["x"]}, file="cat.json")
    assert str(parsed.problems[0]).startswith("cat.json: profile #1: -: expected an object")


def test_loading_a_bad_file_raises_with_every_problem(tmp_path):
    bad = _valid_profile()
    bad["sectors"] = ["nergens"]
    bad["offers"] = ["koffie"]
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps({"profiles": [bad]}), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_function_profiles(path)
    message = str(info.value)
    assert "2 problem(s)" in message
    assert f"{path}: profile schoonmaker: sectors[0]:" in message
    assert f"{path}: profile schoonmaker: offers[0]:" in message


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"profiles": [\n  {"id": "x",}\n]}', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"broken\.json:2: invalid JSON"):
        load_function_profiles(path)
