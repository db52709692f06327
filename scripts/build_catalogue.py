"""Build the bundled ESCO extract and the function-profile catalogue in ``matcher/data/``.

Two steps, both deterministic (same input, byte-identical output):

``python scripts/build_catalogue.py esco [--source sources/esco-nl] [--out matcher/data/esco]``
    Trim the Dutch ESCO occupations and the ESCO-VDAB skills crosswalk to the columns banenmatch uses
    and write them to ``matcher/data/esco/`` with a ``manifest.json`` (source and output hashes, row counts).

``python scripts/build_catalogue.py profiles [--check]``
    Write ``matcher/data/function_profiles.json`` from the profile definitions below. With ``--check`` nothing
    is written; the exit code is 1 when the committed file differs from what the definitions give.

The catalogue JSON is the committed artefact; edit the definitions here and regenerate it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "matcher" / "data"
ESCO_SOURCE = ROOT / "sources" / "esco-nl"
ESCO_DIR = DATA_DIR / "esco"
CATALOGUE = DATA_DIR / "function_profiles.json"

OCCUPATION_COLUMNS = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description")
SKILL_COLUMNS = ("conceptUri", "preferredLabel", "vdabLabel", "relation")
CROSSWALK_HEADER = "Classification 1 URI"


# ----------------------------------------------------------------------------------------------------
# ESCO extract
# ----------------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _clean(text: str) -> str:
    """One line of text: internal whitespace (including newlines) collapsed to single spaces."""
    return " ".join(text.split())


def _read_occupations(source: Path) -> list[dict[str, str]]:
    rows = []
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            alt = sorted({_clean(a) for a in row["altLabels"].splitlines() if a.strip()})
            rows.append(
                {
                    "conceptUri": row["conceptUri"].strip(),
                    "iscoGroup": row["iscoGroup"].strip(),
                    "preferredLabel": _clean(row["preferredLabel"]),
                    "altLabels": "|".join(alt),
                    "description": _clean(row["description"]),
                }
            )
    rows.sort(key=lambda r: r["conceptUri"])
    return rows


def _read_crosswalk(source: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(CROSSWALK_HEADER))
    rows = []
    seen: set[tuple[str, str, str]] = set()
    for row in csv.DictReader(lines[start:]):
        uri = row["Classification 1 URL"].strip()
        vdab = _clean(row["Classification 2 PrefLabel NL"])
        relation = row["Mapping Relation"].strip().removeprefix("skos:")
        key = (uri, vdab, relation)
        if not uri or key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "conceptUri": uri,
                "preferredLabel": _clean(row["Classification 1 PrefLabel"]),
                "vdabLabel": vdab,
                "relation": relation,
            }
        )
    rows.sort(key=lambda r: (r["conceptUri"], r["vdabLabel"], r["relation"]))
    return rows


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_esco(source: Path, out_dir: Path = ESCO_DIR) -> None:
    """Write ``occupations_nl.csv``, ``skills_nl.csv`` and ``manifest.json`` to ``out_dir``."""
    occ_src = source / "occupations_nl.csv"
    skill_src = source / "esco_skills_vdab_competent_nl.csv"
    out_dir.mkdir(parents=True, exist_ok=True)
    occupations = _read_occupations(occ_src)
    skills = _read_crosswalk(skill_src)
    _write_csv(out_dir / "occupations_nl.csv", OCCUPATION_COLUMNS, occupations)
    _write_csv(out_dir / "skills_nl.csv", SKILL_COLUMNS, skills)
    manifest = {
        "built_by": "scripts/build_catalogue.py esco",
        "acknowledgement": "This product uses the ESCO classification of the European Commission.",
        "sources": {
            "occupations_nl.csv": {"file": occ_src.name, "sha256": _sha256(occ_src)},
            "skills_nl.csv": {"file": skill_src.name, "sha256": _sha256(skill_src)},
        },
        "outputs": {
            "occupations_nl.csv": {
                "rows": len(occupations),
                "columns": list(OCCUPATION_COLUMNS),
                "sha256": _sha256(out_dir / "occupations_nl.csv"),
            },
            "skills_nl.csv": {
                "rows": len(skills),
                "distinct_skills": len({r["conceptUri"] for r in skills}),
                "columns": list(SKILL_COLUMNS),
                "sha256": _sha256(out_dir / "skills_nl.csv"),
            },
        },
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------------------------------
# Function-profile catalogue
# ----------------------------------------------------------------------------------------------------
#
# Demands are written per profile in FML-lite file order, in groups:
#   "PF PF01..PF10 | SF SF01..SF07 | MO MO01 | OM OM01..OM03 | DH DH01..DH04 | SH SH01 SH02 | WT WT03 WT04"
# WT01 (hours per day) and WT02 (hours per week) are derived from the lower end of ``hours_per_week``
# (spread over five days), so that the demand describes the lightest usual variant of the job; a
# concrete package states its own hours. The levels follow the wording in matcher/data/fml_lite.csv and the
# tasks listed with each profile; see matcher/data/README.md for the conventions.

ESCO_OCC = "http://data.europa.eu/esco/occupation/"
_GROUPS = (
    ("PF", tuple(f"PF{i:02d}" for i in range(1, 11))),
    ("SF", tuple(f"SF{i:02d}" for i in range(1, 8))),
    ("MO", ("MO01",)),
    ("OM", ("OM01", "OM02", "OM03")),
    ("DH", ("DH01", "DH02", "DH03", "DH04")),
    ("SH", ("SH01", "SH02")),
    ("WT", ("WT03", "WT04")),
)
_FML_ORDER = (
    *(f"PF{i:02d}" for i in range(1, 11)),
    *(f"SF{i:02d}" for i in range(1, 8)),
    "MO01",
    "OM01",
    "OM02",
    "OM03",
    "DH01",
    "DH02",
    "DH03",
    "DH04",
    "SH01",
    "SH02",
    "WT01",
    "WT02",
    "WT03",
    "WT04",
)


def _level_for(value: float, anchors: tuple[float, ...]) -> int:
    """The lowest level whose anchor covers ``value`` (the top level when none does)."""
    for level, anchor in enumerate(anchors):
        if value <= anchor:
            return level
    return len(anchors)


def parse_demands(spec: str, hours: tuple[int, int]) -> dict[str, int]:
    """All 31 FML-lite demands from the compact group notation plus the derived WT01/WT02."""
    groups = [part.split() for part in spec.split("|")]
    if [g[0] for g in groups] != [name for name, _ in _GROUPS]:
        raise ValueError(f"demand groups must be {[n for n, _ in _GROUPS]}, found {[g[0] for g in groups]}")
    out: dict[str, int] = {}
    for (name, codes), group in zip(_GROUPS, groups, strict=True):
        values = group[1:]
        if len(values) != len(codes):
            raise ValueError(f"group {name} needs {len(codes)} values, found {len(values)} in {spec!r}")
        out.update({code: int(v) for code, v in zip(codes, values, strict=True)})
    low = hours[0]
    out["WT01"] = _level_for(low / 5, (2, 4, 6, 8))
    out["WT02"] = _level_for(low, (10, 20, 30, 40))
    return {code: out[code] for code in _FML_ORDER}


# Each entry: id, title, sectors, hours, tasks, demands, offers, description, ESCO occupation id
# (or None), sources ("002:14" = seed 002 story 14; "001" = seed 001 as a whole).
PROFILES: tuple[dict, ...] = (
    # --- Building and facilities -------------------------------------------------------------------
    dict(
        id="concierge",
        title="Conciërge",
        sectors=("po", "vo", "mbo", "hbo", "wo", "gemeenten"),
        hours=(24, 38),
        tasks=(
            "de deur openen, bezoekers ontvangen en de weg wijzen",
            "post en pakketten aannemen en in het gebouw rondbrengen",
            "lokalen klaarzetten en meubilair verplaatsen",
            "kleine reparaties uitvoeren en storingen melden",
            "toezicht houden in gangen en op het schoolplein tijdens pauzes",
            "kopieerwerk doen en papier en voorraden bijvullen",
            "het gebouw openen en afsluiten en het alarm controleren",
            "de telefoon aannemen en doorverbinden",
        ),
        demands="PF 1 2 2 2 1 1 2 2 2 1 | SF 2 1 2 1 1 0 1 | MO 1 | OM 1 1 1 | DH 3 1 2 2 | SH 2 1 | WT 1 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Het aanspreekpunt van een school- of kantoorgebouw: ontvangt bezoekers, houdt toezicht, regelt "
            "post en lokalen en verhelpt kleine storingen. Afwisselend werk met veel onderbrekingen en "
            "contact met leerlingen, personeel en bezoekers."
        ),
        esco="1822bfc2-e735-449f-ba00-ca71eb5c062b",
        sources=("002:3", "002:8", "002:10"),
    ),
    dict(
        id="ondersteuning-concierge",
        title="Ondersteuning conciërge",
        sectors=("po", "vo", "mbo"),
        hours=(12, 28),
        tasks=(
            "de conciërge helpen bij het klaarzetten van lokalen en aula",
            "post en pakketten in het gebouw rondbrengen",
            "afval en oud papier inzamelen en wegbrengen",
            "kopieerwerk doen en papier bijvullen",
            "de deur openen voor bezoekers",
            "kleine klussen in en om het gebouw doen onder begeleiding",
            "voorraden schoonmaak- en kantoormiddelen aanvullen",
        ),
        demands="PF 1 1 1 1 1 1 1 1 2 1 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 1 1 | DH 3 0 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Helpt de conciërge met praktische taken in en om het schoolgebouw. De conciërge is dichtbij, "
            "geeft de opdrachten en vangt lastige situaties op."
        ),
        esco="1822bfc2-e735-449f-ba00-ca71eb5c062b",
        sources=("002:8",),
    ),
    dict(
        id="huismeester",
        title="Huismeester",
        sectors=("po", "vo", "mbo", "gemeenten"),
        hours=(24, 38),
        tasks=(
            "lekkages opsporen en kleine reparaties aan het gebouw uitvoeren",
            "onderhoudsrondes lopen en gebreken vastleggen",
            "verbouwingen en werk van aannemers begeleiden en controleren",
            "installaties zoals verwarming, verlichting en alarm controleren",
            "meubilair monteren en ruimtes inrichten",
            "sleutels en toegangspassen beheren",
            "het gebouw openen en sluiten bij avondopenstellingen",
        ),
        demands="PF 2 2 2 2 1 1 2 2 1 2 | SF 1 0 1 1 1 0 1 | MO 1 | OM 1 1 1 | DH 3 1 2 3 | SH 2 0 | WT 1 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Zorgt voor het technisch beheer van een (multifunctioneel) gebouw: onderhoud, kleine reparaties "
            "en toezicht op verbouwingen. Zelfstandig werk met wisselende klussen, ook op hoogte."
        ),
        esco="f4a25243-b06a-42a9-9c69-246853df63ad",
        sources=("002:10",),
    ),
    dict(
        id="pool-huismeester-concierge",
        title="Huismeester-conciërge in een pool (vliegende kiep)",
        sectors=("po", "vo", "gemeenten"),
        hours=(28, 38),
        tasks=(
            "invallen als conciërge op wisselende schoollocaties bij ziekte",
            "storingen en lekkages op verschillende gebouwen verhelpen",
            "onderhoudsrondes op meerdere locaties lopen",
            "verbouwingen en onderhoud in de schoolvakanties begeleiden",
            "facilitaire taken uitvoeren zoals ruimtes inrichten en meubilair verplaatsen",
            "werkbonnen en meldingen bijhouden",
            "gebouwen openen en sluiten bij avondgebruik door andere gebruikers",
        ),
        demands="PF 2 2 2 2 1 1 2 2 2 2 | SF 2 1 1 1 1 0 1 | MO 2 | OM 1 1 1 | DH 3 1 2 3 | SH 2 0 | WT 1 2",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Een huismeester-conciërge die voor een pool van gebouwen werkt en overal inspringt: onderhoud, "
            "reparaties en vervanging van conciërges. Veel afwisseling, wisselende locaties en werk in "
            "vakanties en avonden."
        ),
        esco="1822bfc2-e735-449f-ba00-ca71eb5c062b",
        sources=("002:10",),
    ),
    dict(
        id="portier",
        title="Portier",
        sectors=("wo", "hbo", "umc", "rijk", "onderzoeksinstellingen"),
        hours=(20, 36),
        tasks=(
            "bezoekers ontvangen, registreren en aanmelden bij hun contactpersoon",
            "sleutels, pasjes en toegangsrechten uitgeven en innemen",
            "de telefoon aannemen en vragen beantwoorden",
            "toezicht houden op in- en uitgangen en de camerabeelden van het gebouw",
            "post en pakketten aannemen en uitgeven",
            "een ronde lopen bij het openen en sluiten van het gebouw",
            "storingen en incidenten melden en vastleggen",
        ),
        demands="PF 2 2 1 1 1 1 2 1 2 1 | SF 2 1 2 1 1 0 1 | MO 1 | OM 1 0 0 | DH 1 1 1 0 | SH 1 2 | WT 2 2",
        offers=("buddy", "schriftelijke_instructies", "vaste_werkplek"),
        description=(
            "Bewaakt de ingang van een gebouw en is het eerste aanspreekpunt voor bezoekers, studenten en "
            "medewerkers. Werk in diensten, ook 's avonds, met veel onderbrekingen."
        ),
        esco="43ee9c1a-59c2-48ee-afcd-c384dca92162",
        sources=("002:7",),
    ),
    dict(
        id="etage-assistent",
        title="Etage-assistent",
        sectors=("rijk", "provincies", "gemeenten"),
        hours=(16, 32),
        tasks=(
            "koffie- en pantryvoorzieningen op de verdieping bijvullen en schoonhouden",
            "vergaderruimtes klaarzetten en na afloop opruimen",
            "papier, toner en kantoorartikelen bij printers en kasten aanvullen",
            "kopjes, vaat en afval van werkplekken ophalen",
            "werkplekken controleren op orde en netheid (clean desk)",
            "storingen aan printers of meubilair melden bij de facilitaire dienst",
            "planten water geven en de verdieping representatief houden",
        ),
        demands="PF 1 1 1 1 1 1 1 1 2 0 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 0 1 | DH 2 0 3 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Houdt de kantoorverdiepingen van een ministerie of overheidsgebouw op orde: pantry's, "
            "vergaderruimtes en voorraden. Werkt in een vast team met een vaste leidinggevende en jobcoach."
        ),
        esco="731ecac4-06e8-4ec2-a559-101fecbd9183",
        sources=("001", "002:14"),
    ),
    dict(
        id="terreinbeheerder",
        title="Terreinbeheerder",
        sectors=("gemeenten", "provincies", "waterschappen", "defensie", "hbo", "wo", "umc"),
        hours=(20, 36),
        tasks=(
            "zwerfafval prikken en prullenbakken op het terrein legen",
            "paden, parkeerplaatsen en fietsenstallingen schoon en vrij houden",
            "gras maaien en borders bijhouden",
            "bladeren ruimen en in de winter strooien en sneeuw ruimen",
            "gebreken aan hekken, verlichting en bestrating melden",
            "fietswrakken labelen en verwijderen",
            "toezicht houden op het terrein en mensen de weg wijzen",
        ),
        demands="PF 1 1 1 1 1 1 1 1 1 2 | SF 1 0 1 1 1 0 0 | MO 1 | OM 1 2 1 | DH 3 0 3 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Houdt het buitenterrein van een organisatie schoon, veilig en verzorgd. Vooral buitenwerk in "
            "alle seizoenen, veel lopen en zelfstandig werken op een vaste route."
        ),
        esco="a48b9a5a-5ded-482d-8cda-7fd097a32c16",
        sources=("001",),
    ),
    dict(
        id="gastheer-gastvrouw",
        title="Gastheer / gastvrouw",
        sectors=("rijk", "gemeenten", "provincies", "umc", "hbo", "wo"),
        hours=(16, 32),
        tasks=(
            "bezoekers bij de ingang verwelkomen en naar de juiste plek begeleiden",
            "vragen van bezoekers beantwoorden en informatie geven",
            "vergaderingen en evenementen ontvangen en koffie en thee verzorgen",
            "bezoekerspassen uitgeven en registreren",
            "de ontvangstruimte netjes en representatief houden",
            "bezoekers met een beperking helpen hun weg te vinden",
        ),
        demands="PF 1 2 1 1 1 1 2 1 2 0 | SF 2 1 1 2 0 0 1 | MO 1 | OM 1 0 0 | DH 1 1 2 0 | SH 2 1 | WT 1 1",
        offers=("buddy", "vaste_begeleider", "vaste_werkplek"),
        description=(
            "Ontvangt en helpt bezoekers in een publiek gebouw en zorgt voor een gastvrije ontvangst. Veel "
            "contact met mensen in een drukke omgeving."
        ),
        esco="a6007269-912a-4445-b792-b4d5fe016bb2",
        sources=("001",),
    ),
    dict(
        id="medewerker-wijkbeheer-en-onderhoud",
        title="Medewerker wijkbeheer en onderhoud",
        sectors=("gemeenten",),
        hours=(24, 36),
        tasks=(
            "zwerfafval opruimen en straten en pleinen vegen",
            "kleine reparaties aan straatmeubilair en bestrating uitvoeren",
            "onkruid verwijderen en groenstroken bijhouden",
            "meldingen van bewoners over de openbare ruimte oppakken",
            "helpen bij wijkactiviteiten zoals Burendag en open dagen",
            "gereedschap en materieel schoonmaken en onderhouden",
            "graffiti en illegaal gestort afval melden en opruimen",
        ),
        demands="PF 1 1 1 1 1 1 1 1 2 2 | SF 1 0 1 2 0 0 0 | MO 0 | OM 1 2 2 | DH 3 0 3 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Werkt in een ploeg aan een schone en veilige openbare ruimte in de wijk en helpt bij "
            "buurtactiviteiten. Buitenwerk in alle seizoenen, met ritme en een vaste ploeg."
        ),
        esco="503ea267-93e9-4b8c-ae5e-817fe7e4a245",
        sources=("002:13",),
    ),
    dict(
        id="facilitaire-ondersteuning",
        title="Medewerker facilitaire ondersteuning",
        sectors=("onderzoeksinstellingen", "wo", "hbo", "rijk", "umc"),
        hours=(16, 36),
        tasks=(
            "vergaderzalen inrichten en na afloop opruimen",
            "meubilair en dozen verplaatsen bij verhuizingen binnen het gebouw",
            "post en pakketten sorteren en rondbrengen",
            "kantoorartikelen en pantry's aanvullen",
            "eenvoudige klussen doen zoals lampen vervangen en schilderijen ophangen",
            "meldingen in het facilitaire systeem afhandelen",
            "helpen bij evenementen en recepties",
        ),
        demands="PF 1 1 1 1 1 1 2 1 1 1 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 0 0 | DH 3 1 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Ondersteunt de facilitaire dienst met praktische taken in het gebouw. Wisselende verzoeken van "
            "collega's, veel lopen en af en toe zwaarder tilwerk."
        ),
        esco="f4a25243-b06a-42a9-9c69-246853df63ad",
        sources=("002:12",),
    ),
    dict(
        id="medewerker-goederenontvangst",
        title="Medewerker goederenontvangst",
        sectors=("hbo", "wo", "mbo", "umc", "rijk"),
        hours=(20, 36),
        tasks=(
            "pakketten en leveringen in ontvangst nemen en aftekenen",
            "zendingen controleren op aantal en beschadiging",
            "ontvangen goederen registreren in het logistieke systeem",
            "pakketten sorteren per afdeling of locatie",
            "pakketten met een karretje intern afleveren",
            "retourzendingen klaarmaken",
            "de ontvangstruimte opgeruimd en veilig houden",
        ),
        demands="PF 1 1 1 1 1 1 1 1 1 1 | SF 1 0 0 1 1 0 1 | MO 1 | OM 1 1 0 | DH 3 1 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Neemt alle post en pakketten voor een organisatie centraal in ontvangst, registreert ze en "
            "levert ze intern af. Overzichtelijk logistiek werk volgens vaste stappen."
        ),
        esco="bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
        sources=("002:9",),
    ),
    dict(
        id="postbezorger",
        title="Postbezorger",
        sectors=("gemeenten", "overig_publiek"),
        hours=(12, 28),
        tasks=(
            "post en pakketten sorteren op volgorde van de bezorgroute",
            "post bezorgen langs een vaste route, te voet of op de fiets",
            "aangetekende stukken laten aftekenen",
            "onbestelbare post registreren en retour brengen",
            "de bezorgkar of fietstassen laden en controleren",
            "post ophalen bij vaste ophaalpunten",
        ),
        demands="PF 1 1 1 1 1 1 0 0 1 1 | SF 1 0 0 1 1 0 1 | MO 1 | OM 1 2 0 | DH 3 0 3 2 | SH 1 0 | WT 0 1",
        offers=("schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Sorteert en bezorgt post langs een vaste route, vaak via een leerwerkbedrijf. Buitenwerk met "
            "veel lopen of fietsen, voorspelbaar en grotendeels zelfstandig."
        ),
        esco="7ed2e153-8da8-4c0d-b4c5-3402c623f34b",
        sources=("002:13",),
    ),
    dict(
        id="medewerker-postkamer",
        title="Medewerker postkamer",
        sectors=("rijk", "gemeenten", "provincies", "waterschappen", "umc", "wo", "hbo"),
        hours=(12, 32),
        tasks=(
            "inkomende post openen, sorteren en per afdeling verdelen",
            "post registreren en scannen",
            "interne post op vaste tijden rondbrengen en ophalen",
            "uitgaande post frankeren en klaarmaken voor verzending",
            "pakketten aannemen en uitleveren",
            "verhuizingen en adreswijzigingen verwerken in de postlijst",
        ),
        demands="PF 2 1 1 1 1 1 1 0 1 0 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 0 0 | DH 2 1 2 1 | SH 2 1 | WT 0 1",
        offers=("schriftelijke_instructies", "vaste_begeleider", "vaste_werkplek", "vaste_werktijden"),
        description=(
            "Verwerkt de inkomende en uitgaande post van een organisatie en brengt interne post rond. "
            "Vaste routines en tijden in een klein team."
        ),
        esco="511f366c-ba41-4826-9622-8cda6d6e3b91",
        sources=("002:9", "002:13"),
    ),
    dict(
        id="medewerker-medische-hulpmiddelenservice",
        title="Medewerker Medische Hulpmiddelenservice",
        sectors=("umc",),
        hours=(24, 36),
        tasks=(
            "bedden, infuuspompen en hulpmiddelen schoonmaken en gereedmaken",
            "bedden en apparatuur naar verpleegafdelingen brengen en ophalen",
            "locatie en status van hulpmiddelen bijhouden met een handscanner",
            "de servicebalie bemensen en aanvragen van afdelingen aannemen",
            "eenvoudig onderhoud en controles uitvoeren volgens checklist",
            "de voorraad op afdelingen controleren en aanvullen",
            "defecte apparatuur registreren en doorsturen voor keuring",
        ),
        demands="PF 1 2 1 1 1 2 2 1 2 1 | SF 1 1 0 3 0 0 1 | MO 1 | OM 1 0 2 | DH 3 1 3 2 | SH 2 0 | WT 1 2",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Werkt in het team dat alle bedden en medische hulpmiddelen van een ziekenhuis schoonmaakt, "
            "onderhoudt, traceert en rondbrengt. Veel lopen (zo'n 10 km per dag), spoedaanvragen en "
            "diensten rond een servicebalie die 50 uur per week open is."
        ),
        esco="bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
        sources=("002:6",),
    ),
    dict(
        id="inspecties-elektrische-installaties-magazijnbeheer",
        title="Medewerker inspecties elektrische installaties en assistent magazijnbeheer",
        sectors=("overig_publiek", "gemeenten", "waterschappen", "rijk"),
        hours=(24, 36),
        tasks=(
            "periodieke inspecties van elektrische installaties en apparaten uitvoeren volgens voorschrift",
            "meetresultaten en keuringen vastleggen",
            "afgekeurde apparaten labelen en melden",
            "materialen in het magazijn ontvangen, registreren en opslaan",
            "de voorraad tellen en bestellingen voorbereiden",
            "gereedschap en meetapparatuur uitgeven en innemen",
            "knelpunten in de veiligheidsvoorschriften met de leidinggevende bespreken",
        ),
        demands="PF 2 1 1 1 0 1 1 1 1 2 | SF 1 0 0 1 1 0 2 | MO 2 | OM 1 1 1 | DH 3 1 2 2 | SH 2 1 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Een door jobcarving samengesteld pakket van periodieke keuringen van elektrische installaties en "
            "assistentie bij het magazijnbeheer. Werk waar veiligheid en nauwkeurigheid voorop staan, geen "
            "productietempo."
        ),
        esco="9aa2a36f-296e-45fe-9798-b7839e0ed389",
        sources=("000",),
    ),
    # --- Cleaning ----------------------------------------------------------------------------------
    dict(
        id="schoonmaker",
        title="Schoonmaker",
        sectors=(
            "onderzoeksinstellingen",
            "rijk",
            "gemeenten",
            "provincies",
            "po",
            "vo",
            "mbo",
            "hbo",
            "wo",
            "umc",
        ),
        hours=(12, 32),
        tasks=(
            "vloeren stofzuigen, vegen en dweilen",
            "sanitair en pantry's schoonmaken en bijvullen",
            "bureaus, deurklinken en contactpunten afnemen",
            "prullenbakken legen en afval scheiden",
            "de schoonmaakkar en materialen gereedmaken en opruimen",
            "werken volgens een vast schoonmaakrooster en dat aftekenen",
            "overdag schoonmaken met oog voor collega's die aan het werk zijn",
        ),
        demands="PF 1 1 1 1 1 1 1 1 1 1 | SF 1 0 0 2 1 0 1 | MO 1 | OM 1 0 2 | DH 2 0 3 2 | SH 2 0 | WT 0 1",
        offers=("schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Maakt kantoren, lokalen en sanitair schoon volgens een vast rooster, bij voorkeur overdag zodat "
            "er contact is met collega's. Lichamelijk actief werk met schoonmaakmiddelen."
        ),
        esco="303a1e34-cb16-4054-b323-81e5eec17397",
        sources=("002:12",),
    ),
    dict(
        id="voorvrouw-schoonmaak",
        title="Voorvrouw / voorman schoonmaak",
        sectors=("onderzoeksinstellingen", "rijk", "gemeenten", "hbo", "wo"),
        hours=(24, 36),
        tasks=(
            "het schoonmaakteam dagelijks indelen en instrueren",
            "nieuwe collega's inwerken en geduldig begeleiden",
            "zelf meewerken aan de dagelijkse schoonmaak",
            "de kwaliteit van het schoonmaakwerk controleren",
            "contact houden met de opdrachtgever en wensen van medewerkers doorgeven",
            "materialen en schoonmaakmiddelen bestellen en beheren",
            "ziekmeldingen en vervanging regelen",
        ),
        demands="PF 1 2 2 2 1 1 2 1 1 1 | SF 1 1 1 3 1 2 1 | MO 1 | OM 1 0 2 | DH 2 1 3 2 | SH 2 0 | WT 0 1",
        offers=("vaste_begeleider", "vaste_werktijden"),
        description=(
            "Geeft leiding aan een schoonmaakteam met collega's die vaak zelf een beperking hebben en werkt "
            "zelf mee. Vraagt geduld, overzicht en contact met de opdrachtgever."
        ),
        esco="fae51298-03a8-4df4-829a-685dddc1580e",
        sources=("002:12",),
    ),
    dict(
        id="schoonmaker-met-telefoon",
        title="Schoonmaker die ook de telefoon aanneemt",
        sectors=("vo", "po", "mbo"),
        hours=(16, 32),
        tasks=(
            "lokalen, gangen en toiletten schoonmaken",
            "de telefoon van de school aannemen en doorverbinden",
            "telefonische boodschappen noteren en doorgeven",
            "prullenbakken legen en afval scheiden",
            "de schoonmaakkar gereedmaken en opruimen",
            "bezoekers te woord staan als de balie onbezet is",
        ),
        demands="PF 1 2 1 1 1 1 2 1 2 1 | SF 2 0 1 1 1 0 1 | MO 1 | OM 1 0 2 | DH 2 0 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Een gecombineerd pakket op een school: schoonmaakwerk afgewisseld met het aannemen van de "
            "telefoon. Vraagt schakelen tussen taken en vriendelijk contact."
        ),
        esco="303a1e34-cb16-4054-b323-81e5eec17397",
        sources=("002:8",),
    ),
    dict(
        id="aanvullend-schoonmaakteam",
        title="Medewerker aanvullend schoonmaakteam",
        sectors=("hbo", "wo", "mbo", "rijk"),
        hours=(16, 32),
        tasks=(
            "extra schoonmaakwerk doen als de ingehuurde schoonmaak afwezig is",
            "pieken opvangen, zoals na evenementen en tentamenperiodes",
            "werkplekken, vergaderruimtes en pantry's schoonmaken",
            "sanitair controleren en bijvullen",
            "in een vast team werken volgens een dagplanning",
            "vlekken en morsingen op verzoek snel verwijderen",
        ),
        demands="PF 1 1 1 1 1 1 2 2 2 1 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 0 2 | DH 2 0 3 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Een eigen schoonmaakteam (het 'magic team') dat de ingehuurde schoonmaak aanvult en inspringt "
            "bij afwezigheid en pieken. Wisselende opdrachten binnen een vaste ploeg."
        ),
        esco="303a1e34-cb16-4054-b323-81e5eec17397",
        sources=("002:9",),
    ),
    dict(
        id="toetsenbordschoonmaker",
        title="Toetsenbordschoonmaker",
        sectors=("rijk", "provincies", "gemeenten"),
        hours=(16, 32),
        tasks=(
            "toetsenborden, muizen en telefoons op werkplekken reinigen en desinfecteren",
            "beeldschermen en bureaubladen afnemen",
            "een vaste route langs verdiepingen en werkplekken volgen",
            "gereinigde werkplekken op een aftekenlijst bijhouden",
            "doekjes en reinigingsmiddelen op de kar aanvullen",
            "defecte apparatuur melden bij de ICT-servicedesk",
        ),
        demands="PF 1 0 0 0 1 0 1 1 2 0 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 0 1 | DH 1 3 2 1 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Reinigt in een team toetsenborden en andere apparatuur op kantoorwerkplekken, vaker en "
            "goedkoper dan een gespecialiseerd bedrijf. Eentonig en voorgestructureerd fijn handwerk in "
            "kantoortuinen."
        ),
        esco="303a1e34-cb16-4054-b323-81e5eec17397",
        sources=("001", "002:14"),
    ),
    dict(
        id="waterloos-wassen-dienstautos",
        title="Medewerker waterloos wassen van dienstauto's",
        sectors=("rijk", "gemeenten", "provincies", "politie"),
        hours=(16, 32),
        tasks=(
            "dienstauto's aan de buitenkant reinigen met sproeimiddel en biologisch afbreekbare doekjes",
            "het interieur stofzuigen en afnemen",
            "ramen, velgen en spiegels schoonmaken",
            "gewassen auto's registreren op de planning",
            "de voorraad reinigingsmiddelen en doekjes bijhouden",
            "schade of gebreken aan auto's melden",
        ),
        demands="PF 1 0 1 1 1 1 1 1 1 1 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 1 1 | DH 1 0 2 3 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Wast in een team dienstauto's zonder water op de parkeerplaats of in de garage. Praktisch, "
            "duurzaam werk met veel bukken en knielen."
        ),
        esco="7cb71c5f-c310-481c-b46b-d0044328758c",
        sources=("002:14",),
    ),
    # --- Green and animals -------------------------------------------------------------------------
    dict(
        id="paardenverzorger",
        title="Paardenverzorger",
        sectors=("defensie", "politie"),
        hours=(24, 36),
        tasks=(
            "paarden voeren en water geven",
            "stallen uitmesten en van vers stro voorzien",
            "paarden longeren en naar de wei brengen",
            "de gezondheid van de paarden in de gaten houden en afwijkingen melden",
            "zadels en tuig schoonmaken en invetten",
            "stagiairs op weg helpen bij de dagelijkse verzorging",
            "stal, erf en materiaal schoonhouden",
        ),
        demands="PF 1 1 1 1 1 1 1 1 1 1 | SF 0 0 0 2 0 1 0 | MO 1 | OM 2 2 2 | DH 4 0 2 3 | SH 2 0 | WT 0 2",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Verzorgt de paarden van een manege of bereden eenheid: voeren, uitmesten, bewegen en het tuig "
            "onderhouden. Zwaar lichamelijk werk in en rond de stal, soms in het weekend."
        ),
        esco="beedd3c0-d3e2-4efe-8f39-381df669ee35",
        sources=("002:1",),
    ),
    dict(
        id="medewerker-groen",
        title="Medewerker groen (groenvoorziening)",
        sectors=("gemeenten", "provincies", "waterschappen", "rijk", "defensie", "po", "vo"),
        hours=(24, 36),
        tasks=(
            "gras maaien en kanten steken",
            "heggen en struiken snoeien",
            "onkruid wieden en borders bijhouden",
            "bladeren ruimen en afvoeren",
            "planten en bomen planten en water geven",
            "machines en gereedschap schoonmaken en onderhouden",
            "zwerfafval uit het groen verwijderen",
        ),
        demands="PF 1 1 1 1 1 1 0 1 1 2 | SF 1 0 0 2 0 0 0 | MO 0 | OM 2 2 2 | DH 3 0 2 3 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Onderhoudt parken, plantsoenen en terreinen in een groenploeg, vaak via een leerwerkbedrijf. "
            "Buitenwerk in alle seizoenen met machines en beschermingsmiddelen."
        ),
        esco="a48b9a5a-5ded-482d-8cda-7fd097a32c16",
        sources=("002:8", "002:13"),
    ),
    dict(
        id="tuin-en-schoolpleinonderhoud",
        title="Medewerker tuin- en schoolpleinonderhoud",
        sectors=("vo", "po", "mbo"),
        hours=(12, 32),
        tasks=(
            "de schooltuin bijhouden: wieden, planten en water geven",
            "het schoolplein vegen en zwerfafval opruimen",
            "speeltoestellen en bankjes op schade controleren",
            "bladeren ruimen en in de winter strooien",
            "de conciërge helpen bij klussen buiten",
            "tuingereedschap schoonmaken en opbergen",
        ),
        demands="PF 1 1 1 1 0 0 1 1 1 1 | SF 1 0 0 1 0 0 0 | MO 1 | OM 1 2 1 | DH 3 0 2 3 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Houdt de schooltuin en het schoolplein netjes en veilig, in eigen tempo en met een collega of "
            "teamleider dichtbij. Vooral buitenwerk."
        ),
        esco="a10eb17a-3c78-4f7a-a1da-8f31146339d3",
        sources=("002:8",),
    ),
    dict(
        id="dierverzorging",
        title="Medewerker dierverzorging (schooldieren)",
        sectors=("vo", "po", "mbo"),
        hours=(8, 24),
        tasks=(
            "schooldieren voeren en water geven",
            "hokken en verblijven schoonmaken en verschonen",
            "gezondheid en gedrag van de dieren in de gaten houden",
            "voer en strooisel bestellen en opslaan",
            "leerlingen helpen bij het verzorgen van de dieren",
            "een verzorgingslogboek bijhouden",
        ),
        demands="PF 1 1 1 1 0 0 1 0 1 1 | SF 1 1 0 1 0 1 1 | MO 1 | OM 1 1 2 | DH 2 0 1 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Verzorgt de dieren van een school en betrekt leerlingen bij de verzorging. Rustig, "
            "voorspelbaar werk met stof, strooisel en mest; vaak gecombineerd met groenwerk."
        ),
        esco="0b14d5d7-1bbe-4403-b9e6-7b0f37fc44fc",
        sources=("002:8",),
    ),
    dict(
        id="snoeien-en-zagen-van-bomen",
        title="Medewerker bosbeheer: snoeien en zagen van bomen",
        sectors=("rijk", "provincies", "gemeenten", "waterschappen"),
        hours=(24, 36),
        tasks=(
            "bomen en struiken snoeien met handgereedschap en motorzaag",
            "gevelde bomen en takken op maat zagen",
            "snoeihout verzamelen, versnipperen en afvoeren",
            "paden en het werkterrein vrijmaken en afzetten",
            "persoonlijke beschermingsmiddelen en gereedschap controleren",
            "gereedschap schoonmaken, slijpen en onderhouden",
            "in een vast team samenwerken onder leiding van een voorman",
        ),
        demands="PF 2 1 1 1 1 1 0 1 1 2 | SF 0 0 0 3 0 0 0 | MO 0 | OM 2 2 2 | DH 4 0 2 3 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Werkt in een team in natuurgebieden aan het snoeien en zagen van bomen, bijvoorbeeld voor "
            "Staatsbosbeheer. Zwaar buitenwerk met motorzagen en beschermingsmiddelen."
        ),
        esco="773cf1de-50a4-42e7-bab1-e68dcbae3f54",
        sources=("002:14",),
    ),
    # --- Hospitality -------------------------------------------------------------------------------
    dict(
        id="kantinemedewerker",
        title="Kantinemedewerker",
        sectors=("mbo", "vo", "hbo", "rijk", "gemeenten"),
        hours=(12, 28),
        tasks=(
            "broodjes en snacks bereiden en uitstallen",
            "koffie, thee en frisdrank verkopen",
            "afrekenen aan de kassa of met de pin",
            "tafels afruimen en de kantine schoonhouden",
            "de voorraad aanvullen en de houdbaarheid controleren",
            "hygiëneregels volgen en temperaturen registreren",
            "vaat in de vaatwasser zetten en opruimen",
        ),
        demands="PF 1 2 1 1 1 2 2 1 2 1 | SF 2 0 1 2 0 0 1 | MO 1 | OM 1 1 1 | DH 2 0 1 1 | SH 3 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Helpt in de kantine van een school of kantoor met bereiden, verkopen en opruimen. Drukte in de "
            "pauzes, veel klantcontact en lang staan."
        ),
        esco="96a0d8d3-d4a6-473d-80d6-b5dbadde940a",
        sources=("002:3", "002:8"),
    ),
    dict(
        id="horecamedewerker",
        title="Horecamedewerker",
        sectors=("wo", "hbo", "umc", "rijk"),
        hours=(12, 32),
        tasks=(
            "gasten bedienen in het restaurant of de koffiecorner",
            "bestellingen opnemen en afrekenen",
            "tafels dekken, afruimen en schoonmaken",
            "koffie en dranken bereiden",
            "buffetten en lunches klaarzetten voor bijeenkomsten",
            "de vaatwasser vullen en legen",
            "de voorraad in de koelingen aanvullen",
        ),
        demands="PF 1 2 2 1 1 2 2 1 2 1 | SF 2 0 1 3 0 0 1 | MO 1 | OM 1 1 1 | DH 2 0 2 1 | SH 3 0 | WT 1 2",
        offers=("buddy", "vaste_begeleider"),
        description=(
            "Werkt in de horeca van een universiteit of instelling: bedienen, afrekenen en opruimen. "
            "Samenwerken in een team, drukke momenten en wisselende diensten."
        ),
        esco="d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471",
        sources=("002:7",),
    ),
    dict(
        id="cateringmedewerker",
        title="Cateringmedewerker",
        sectors=("rijk", "gemeenten", "provincies", "umc"),
        hours=(16, 32),
        tasks=(
            "lunches en broodjes bereiden voor vergaderingen",
            "cateringbestellingen verzamelen en naar vergaderruimtes brengen",
            "koffie en thee klaarzetten en bijvullen",
            "vergaderruimtes afruimen en vaat terugbrengen",
            "het buffet in het bedrijfsrestaurant aanvullen",
            "vaat wassen en de keuken schoonmaken",
            "hygiëneregels (HACCP) volgen",
        ),
        demands="PF 1 1 1 1 1 2 1 1 2 1 | SF 1 0 0 2 0 0 1 | MO 1 | OM 1 1 1 | DH 3 0 2 1 | SH 3 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Verzorgt in een team de catering van vergaderingen en het bedrijfsrestaurant. Werk rond vaste "
            "piekmomenten, met tillen van kratten en lang staan."
        ),
        esco="e1cf6897-158d-4b48-a39e-2a3a8cac216c",
        sources=("001", "002:14"),
    ),
    dict(
        id="gebarista",
        title="Gebarista (dove barista)",
        sectors=("hbo", "wo", "rijk"),
        hours=(12, 32),
        tasks=(
            "koffie- en theespecialiteiten bereiden met de espressomachine",
            "bestellingen in gebarentaal of met aanwijskaarten aannemen",
            "afrekenen met de pin",
            "de koffiebar en de apparatuur schoonmaken",
            "koffie, melk en bekers aanvullen",
            "gasten uitleggen hoe ze in gebarentaal bestellen",
        ),
        demands="PF 1 2 1 1 1 2 2 1 2 1 | SF 2 0 1 2 0 0 1 | MO 1 | OM 1 0 0 | DH 2 0 1 1 | SH 3 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Een dove barista in een koffiebar waar gasten in gebarentaal bestellen. Veel contact met gasten "
            "en drukte rond de pauzes, staand werk."
        ),
        esco="bf7d8b16-4e2c-48ef-b44e-dc25b2d0ab61",
        sources=("002:9",),
    ),
    dict(
        id="keukenassistent",
        title="Keukenassistent",
        sectors=("vo", "mbo", "umc", "rijk", "defensie"),
        hours=(16, 32),
        tasks=(
            "groenten en ingrediënten snijden en voorbereiden",
            "eenvoudige gerechten en broodmaaltijden volgens recept klaarmaken",
            "afwassen en de vaatwasser bedienen",
            "werkbanken, vloeren en apparatuur schoonmaken",
            "leveringen controleren en in koelcel en magazijn opslaan",
            "temperaturen registreren volgens HACCP",
        ),
        demands="PF 1 1 1 1 1 2 1 1 1 2 | SF 0 0 0 3 0 0 1 | MO 1 | OM 1 1 1 | DH 3 0 2 2 | SH 3 0 | WT 0 1",
        offers=("schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Assisteert in een grootkeuken bij voorbereiden, afwassen en schoonmaken. Staand werk met messen "
            "en hete apparatuur, in nauwe samenwerking met de koks."
        ),
        esco="e1cf6897-158d-4b48-a39e-2a3a8cac216c",
        sources=("002:8",),
    ),
    # --- Administration and records ------------------------------------------------------------------
    dict(
        id="administratief-ondersteunend-medewerker",
        title="Administratief ondersteunend medewerker",
        sectors=("waterschappen", "wo", "hbo", "gemeenten", "provincies", "rijk"),
        hours=(16, 36),
        tasks=(
            "gegevens invoeren en controleren in het registratiesysteem",
            "documenten scannen, archiveren en terugvinden",
            "post en e-mail van de afdeling verwerken",
            "eenvoudige brieven en overzichten opstellen met sjablonen",
            "vergaderingen plannen en ruimtes reserveren",
            "kantoorartikelen bestellen",
            "afdelingscollega's helpen met administratieve klussen",
        ),
        demands="PF 2 1 1 1 1 1 1 1 1 0 | SF 1 0 0 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 2 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werkplek"),
        description=(
            "Ondersteunt een afdeling met administratief werk: invoeren, archiveren en correspondentie. "
            "Beeldschermwerk aan een vaste werkplek, met ruimte om door te groeien naar andere afdelingen."
        ),
        esco="044d78cc-f62f-4532-83a5-8e04f2889652",
        sources=("002:2", "002:7"),
    ),
    dict(
        id="frontoffice-subsidies-en-inkoop",
        title="Frontofficemedewerker subsidies en inkoop (met beleidsondersteuning)",
        sectors=("provincies", "gemeenten", "waterschappen", "rijk"),
        hours=(24, 36),
        tasks=(
            "vragen van aanvragers over subsidieregelingen per telefoon en e-mail beantwoorden",
            "binnenkomende subsidieaanvragen registreren en op volledigheid controleren",
            "ontvangstbevestigingen en standaardbrieven versturen",
            "inkoopaanvragen en facturen administratief verwerken",
            "gegevens verzamelen voor beleidsnotities over subsidieregelingen",
            "overzichten en rapportages van aanvragen bijhouden",
        ),
        demands="PF 2 2 2 2 1 2 2 1 1 0 | SF 2 1 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 2 0 0 | SH 0 2 | WT 0 1",
        offers=("aangepaste_werkplek", "jobcoach", "vaste_werkplek"),
        description=(
            "Eerste aanspreekpunt van een team subsidies en inkoop, aangevuld met beleidsondersteunend werk "
            "zodat het pakket niet alleen uit beeldschermwerk bestaat. Termijnen van regelingen zorgen voor "
            "pieken."
        ),
        esco="ffade2f4-2528-4dfd-b36a-6e4092be08ed",
        sources=("002:4",),
    ),
    dict(
        id="medewerker-examenbureau",
        title="Medewerker examenbureau",
        sectors=("mbo", "hbo", "vo"),
        hours=(16, 32),
        tasks=(
            "ingevulde beoordelingsformulieren controleren op handtekeningen en volledigheid",
            "examenresultaten invoeren in het studentvolgsysteem",
            "examendossiers samenstellen en archiveren",
            "examens en materialen klaarzetten voor afname",
            "ontbrekende gegevens navragen bij examinatoren",
            "de examenplanning en roosters bijhouden",
        ),
        demands="PF 2 1 1 1 1 2 1 1 1 0 | SF 1 0 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 2 1 0 | SH 0 2 | WT 0 1",
        offers=("jobcoach", "prikkelarme_werkplek", "vaste_begeleider"),
        description=(
            "Zorgt er samen met de coördinator van het examenbureau voor dat examens correct worden "
            "afgenomen en vastgelegd. Precisiewerk met pieken in examenperiodes, bij voorkeur in een rustige "
            "ruimte."
        ),
        esco="55b4faa3-286f-4fc8-ac67-8bbb97d08820",
        sources=("002:3",),
    ),
    dict(
        id="afnameleider",
        title="Afnameleider examens",
        sectors=("mbo", "hbo", "vo"),
        hours=(8, 24),
        tasks=(
            "examenlokalen inrichten en examenmateriaal klaarleggen",
            "kandidaten ontvangen, hun identiteit controleren en de instructies voorlezen",
            "toezicht houden tijdens schriftelijke en praktijkexamens",
            "te laat komen en onregelmatigheden afhandelen en vastleggen in het proces-verbaal",
            "examenwerk verzamelen, tellen en veilig opbergen",
            "het examenbureau na afloop informeren",
        ),
        demands="PF 2 1 1 1 0 1 1 1 1 0 | SF 2 1 2 1 1 1 2 | MO 1 | OM 0 0 0 | DH 2 0 1 1 | SH 2 1 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Leidt de afname van schriftelijke of praktijkexamens volgens een vast protocol. Vraagt "
            "voorbereiding en het aanspreken van kandidaten die zich niet aan de regels houden."
        ),
        esco="55b4faa3-286f-4fc8-ac67-8bbb97d08820",
        sources=("002:3",),
    ),
    dict(
        id="digitaliseren-dossiers-archief",
        title="Medewerker digitaliseren dossiers en archief",
        sectors=("rijk", "gemeenten", "provincies", "waterschappen", "umc"),
        hours=(16, 32),
        tasks=(
            "papieren dossiers gereedmaken voor het scannen (nietjes en paperclips verwijderen)",
            "documenten scannen met een documentscanner",
            "scans controleren op leesbaarheid en volledigheid",
            "metadata en kenmerken van dossiers invoeren",
            "gescande dossiers terugplaatsen of volgens procedure laten vernietigen",
            "archiefdozen verplaatsen en ordenen",
            "de voortgang op een werklijst bijhouden",
        ),
        demands="PF 2 0 0 0 1 1 0 0 1 0 | SF 0 0 0 2 0 0 1 | MO 1 | OM 1 0 1 | DH 2 3 1 1 | SH 1 2 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Digitaliseert in een team personeels- en archiefdossiers. Voorgestructureerd, geconcentreerd "
            "werk zonder klantcontact; het werk is tijdelijk van aard (als het papier op is, stopt het)."
        ),
        esco="6353b3e8-e8f2-4ecb-b230-186927139892",
        sources=("002:14",),
    ),
    dict(
        id="dossierbeheer",
        title="Medewerker dossierbeheer",
        sectors=("rijk", "gemeenten", "provincies", "umc", "politie", "rechtspraak"),
        hours=(16, 36),
        tasks=(
            "personeels- en zaakdossiers aanmaken, ordenen en bijwerken",
            "stukken registreren in het documentmanagementsysteem",
            "dossiers opvragen, uitlenen en terugzetten",
            "bewaartermijnen controleren en dossiers voorbereiden voor vernietiging",
            "privacyregels en toegangsrechten naleven",
            "vragen van afdelingen over dossiers beantwoorden",
        ),
        demands="PF 2 1 1 1 1 1 1 1 1 0 | SF 1 0 0 2 0 0 2 | MO 1 | OM 1 0 0 | DH 2 2 1 1 | SH 1 2 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Beheert papieren en digitale dossiers volgens vaste regels voor registratie, bewaring en "
            "privacy. Nauwkeurig, zelfstandig werk binnen duidelijke procedures."
        ),
        esco="9ab0f0db-1128-4050-becd-b09db5eabdaa",
        sources=("002:14",),
    ),
    dict(
        id="medewerker-documentatiecentrum",
        title="Medewerker documentatiecentrum",
        sectors=("wo", "hbo", "onderzoeksinstellingen", "rijk"),
        hours=(16, 32),
        tasks=(
            "boeken, rapporten en tijdschriften registreren en catalogiseren",
            "documenten opzoeken en klaarzetten voor gebruikers",
            "uitleningen en retouren verwerken",
            "de collectie ordenen en terugzetten op de juiste plek",
            "digitale bestanden en publicaties in de database invoeren",
            "vragen van studenten en medewerkers beantwoorden",
        ),
        demands="PF 2 1 1 1 0 0 1 1 1 0 | SF 1 0 0 1 0 0 2 | MO 1 | OM 0 0 0 | DH 2 2 1 2 | SH 1 1 | WT 0 1",
        offers=("buddy", "vaste_werkplek"),
        description=(
            "Beheert de collectie van een documentatiecentrum of bibliotheek en helpt gebruikers iets te "
            "vinden. Rustig, ordelijk werk in eigen tempo."
        ),
        esco="37b15470-3b2d-4ae0-816c-c7c06ed15c99",
        sources=("002:7",),
    ),
    dict(
        id="maat",
        title="MAAT: medewerker assistent administratieve taken",
        sectors=("rijk",),
        hours=(16, 32),
        tasks=(
            "gegevens invoeren en controleren volgens werkinstructie",
            "formulieren en aanvragen op volledigheid controleren",
            "de mailboxen en postbakken van de afdeling bijhouden",
            "bestanden en lijsten in Excel bijwerken",
            "documenten opmaken en versturen",
            "eenvoudige telefonische vragen afhandelen of doorzetten",
        ),
        demands="PF 2 1 0 0 1 1 1 1 1 0 | SF 1 0 0 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 2 | WT 0 1",
        offers=("jobcoach", "schriftelijke_instructies", "vaste_begeleider", "vaste_werktijden"),
        description=(
            "Rijksbrede functie waarin eenvoudige administratieve taken van afdelingen worden gebundeld en "
            "volgens werkinstructies worden uitgevoerd, in een team met vaste leidinggevende en jobcoach."
        ),
        esco="044d78cc-f62f-4532-83a5-8e04f2889652",
        sources=("002:14",),
    ),
    dict(
        id="teamondersteuner",
        title="Teamondersteuner (onderwijs)",
        sectors=("mbo", "hbo", "vo"),
        hours=(16, 32),
        tasks=(
            "het onderwijsteam ondersteunen bij roosters, presentielijsten en lokaalreserveringen",
            "gegevens van studenten bijwerken in het studentvolgsysteem",
            "helpen bij examinering en de administratie van de beroepspraktijkvorming",
            "lesmateriaal kopiëren en klaarzetten",
            "vragen van studenten en docenten beantwoorden of doorverwijzen",
            "eenvoudige facilitaire taken doen, zoals lokalen klaarzetten",
        ),
        demands="PF 2 2 1 1 1 1 2 1 1 0 | SF 2 1 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 2 2 1 1 | SH 1 2 | WT 0 1",
        offers=("jobcoach", "prikkelarme_werkplek", "vaste_begeleider"),
        description=(
            "Een breed inzetbare ondersteunende functie in een onderwijsteam, speciaal gecreëerd en in te "
            "vullen rond de kwaliteiten van de kandidaat (administratie, examens, facilitair)."
        ),
        esco="55b4faa3-286f-4fc8-ac67-8bbb97d08820",
        sources=("002:3",),
    ),
    # --- Education support ---------------------------------------------------------------------------
    dict(
        id="schoolassistent",
        title="Schoolassistent",
        sectors=("vo", "po", "mbo"),
        hours=(20, 36),
        tasks=(
            "praktijklessen zoals heftruckrijden ondersteunen door materiaal en machines klaar te zetten",
            "docenten helpen bij het begeleiden van leerlingen tijdens praktijkopdrachten",
            "de schooltuin en het schoolplein onderhouden",
            "de conciërge helpen bij klussen en het openen van de deur",
            "praktijklokalen en werkplaatsen opruimen en schoonhouden",
            "schooldieren verzorgen",
        ),
        demands="PF 1 2 1 1 1 1 2 2 2 1 | SF 2 1 1 2 0 1 1 | MO 1 | OM 1 1 1 | DH 3 0 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Een afwisselende functie op een school waarin taken rond de interesses van de kandidaat zijn "
            "gebundeld: praktijklessen ondersteunen, groen, conciërgewerk en dierverzorging."
        ),
        esco="79c2e54e-26e8-4cdc-a7f1-908e000bfb83",
        sources=("002:8",),
    ),
    dict(
        id="assistent-leerkracht-basisonderwijs",
        title="Assistent leerkracht basisonderwijs",
        sectors=("po",),
        hours=(12, 28),
        tasks=(
            "leerlingen in kleine groepjes helpen bij lezen en rekenen onder leiding van de leerkracht",
            "lesmateriaal voorbereiden en klaarleggen",
            "toezicht houden tijdens het buitenspelen en de lunch",
            "de klas opruimen en materialen ordenen",
            "leerlingen helpen bij het zelfstandig werken",
            "kopieerwerk en eenvoudige administratie voor de leerkracht doen",
        ),
        demands="PF 1 2 1 1 1 1 2 1 2 0 | SF 2 1 1 3 0 1 1 | MO 1 | OM 1 0 0 | DH 1 0 2 2 | SH 2 1 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Ondersteunt de leerkracht in de klas met praktische en eenvoudige didactische taken. Werk "
            "tussen drukke kinderen, samen met de leerkracht."
        ),
        esco="00674f21-2f8f-4a41-9896-133f7cbe2a6e",
        sources=("002:8",),
    ),
    dict(
        id="zorgassistent-in-de-klas",
        title="Zorgassistent in de klas",
        sectors=("po", "vo"),
        hours=(12, 28),
        tasks=(
            "leerlingen met een ondersteuningsbehoefte helpen bij eten, aankleden en toiletbezoek",
            "leerlingen begeleiden bij het wisselen van lokaal en naar de bus",
            "de leerkracht helpen de klas rustig te houden",
            "leerlingen helpen bij het opstarten van opdrachten",
            "observaties over leerlingen doorgeven aan de leerkracht",
            "hulpmiddelen en materialen in de klas klaarzetten",
        ),
        demands="PF 1 2 1 1 1 1 2 1 2 1 | SF 2 2 1 3 0 0 1 | MO 1 | OM 1 0 1 | DH 3 0 2 2 | SH 2 0 | WT 0 1",
        offers=("jobcoach", "vaste_begeleider"),
        description=(
            "Helpt leerlingen die extra zorg nodig hebben, zodat de leerkracht zich op het lesgeven kan "
            "richten. Emotioneel en lichamelijk betrokken werk in de klas."
        ),
        esco="1f137f0b-7097-4583-9d1b-b69e57369319",
        sources=("001", "002:8"),
    ),
    # --- Knowledge work ----------------------------------------------------------------------------
    dict(
        id="camerabeeldspecialist",
        title="Camerabeeldspecialist",
        sectors=("politie",),
        hours=(24, 36),
        tasks=(
            "grote hoeveelheden camerabeelden uitkijken voor opsporingsonderzoeken",
            "verdachten, voertuigen en looproutes herkennen en in kaart brengen",
            "bevindingen vastleggen met tijdstippen en beeldfragmenten",
            "overzichten en tijdlijnen maken voor rechercheurs",
            "beeldmateriaal volgens de werkinstructie registreren en veilig opslaan",
            "opdrachten afstemmen met teamgenoten en de vaste contactpersoon",
        ),
        demands="PF 2 1 1 1 0 1 0 0 1 0 | SF 0 1 0 2 0 0 2 | MO 1 | OM 0 0 0 | DH 1 3 0 0 | SH 0 3 | WT 0 1",
        offers=(
            "jobcoach",
            "prikkelarme_werkplek",
            "schriftelijke_instructies",
            "vaste_begeleider",
            "vaste_werkplek",
        ),
        description=(
            "Bekijkt in een team urenlang camerabeelden voor de recherche en legt verdachte personen, "
            "voertuigen en routes vast. Vraagt langdurige focus en oog voor detail; duidelijke "
            "werkinstructies en een vast aanspreekpunt."
        ),
        esco="0c448a27-10ec-43ba-b880-d9938bade424",
        sources=("002:5",),
    ),
    dict(
        id="uitwerken-geluidsopnames",
        title="Medewerker uitwerken van geluidsopnames",
        sectors=("politie", "rechtspraak", "rijk", "gemeenten"),
        hours=(16, 32),
        tasks=(
            "geluidsopnames van verhoren en telefoongesprekken woordelijk uitwerken",
            "uitwerkingen controleren en corrigeren",
            "sprekers en tijdstippen in het verslag markeren",
            "vertrouwelijke opnames en verslagen volgens de regels opslaan",
            "onduidelijke passages markeren en met de opdrachtgever bespreken",
            "werken met afspeelsoftware en een voetpedaal",
        ),
        demands="PF 2 0 1 1 1 1 0 0 0 0 | SF 0 1 0 1 0 0 2 | MO 1 | OM 0 0 0 | DH 0 3 0 0 | SH 0 3 | WT 0 0",
        offers=("aangepaste_werkplek", "prikkelarme_werkplek", "schriftelijke_instructies"),
        description=(
            "Werkt geluidsopnames zoals verhoren en taps woordelijk uit voor rechercheurs of juristen. "
            "Geconcentreerd, zittend werk in een rustige ruimte; voorgesteld als werk voor mensen met een "
            "zintuiglijke beperking."
        ),
        esco="22f86890-f68b-402f-a711-3e6df4913271",
        sources=("002:5",),
    ),
    dict(
        id="programmeur",
        title="Programmeur",
        sectors=("wo", "hbo", "onderzoeksinstellingen", "rijk", "umc"),
        hours=(24, 36),
        tasks=(
            "software en scripts schrijven op basis van specificaties",
            "bestaande applicaties onderhouden en fouten oplossen",
            "code testen en documenteren",
            "wijzigingen beheren in versiebeheer (Git)",
            "met gebruikers en collega-ontwikkelaars overleggen over functionaliteit",
            "meewerken aan code reviews",
        ),
        demands="PF 2 1 2 2 1 1 1 1 1 0 | SF 1 0 0 2 1 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 3 | WT 0 0",
        offers=("buddy", "prikkelarme_werkplek", "thuiswerken", "vaste_werkplek"),
        description=(
            "Ontwikkelt en onderhoudt software voor onderwijs, onderzoek of bedrijfsvoering. Zelfstandig, "
            "geconcentreerd beeldschermwerk met overleg in een klein team."
        ),
        esco="f2b15a0e-e65a-438a-affb-29b9d50b77d1",
        sources=("002:7",),
    ),
    dict(
        id="medewerker-ict",
        title="Medewerker ICT-ondersteuning",
        sectors=("wo", "hbo", "mbo", "rijk", "gemeenten"),
        hours=(20, 36),
        tasks=(
            "laptops en werkplekken installeren en uitleveren",
            "gebruikersaccounts aanmaken en wachtwoorden resetten",
            "storingsmeldingen registreren en eenvoudige problemen oplossen",
            "apparatuur inventariseren en de configuratiedatabase bijwerken",
            "oude apparatuur gegevensveilig wissen en afvoeren",
            "eenvoudige handleidingen voor gebruikers bijwerken",
        ),
        demands="PF 2 2 2 1 1 1 2 1 1 0 | SF 2 0 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 2 3 1 1 | SH 1 2 | WT 0 1",
        offers=("buddy", "vaste_begeleider"),
        description=(
            "Neemt ICT-taken over van collega's, zoals werkplekbeheer, accounts en eenvoudige storingen. "
            "Contact met gebruikers en wisselende verzoeken."
        ),
        esco="3e7bf729-4442-4b9f-ad5e-83111963795c",
        sources=("002:7",),
    ),
    dict(
        id="medewerker-informatiebeveiliging",
        title="Medewerker informatiebeveiliging",
        sectors=("rijk", "wo", "hbo", "gemeenten"),
        hours=(24, 36),
        tasks=(
            "beveiligingsmeldingen en logbestanden controleren en registreren",
            "kwetsbaarheidsscans uitvoeren en de resultaten vastleggen",
            "toegangsrechten periodiek controleren",
            "beveiligingsincidenten vastleggen en met de security officer opvolgen",
            "voorlichtingsmateriaal over phishing en wachtwoorden bijwerken",
            "beleidsdocumenten en procedures actueel houden",
        ),
        demands="PF 2 1 2 2 1 1 1 1 1 0 | SF 0 0 0 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 3 | WT 0 0",
        offers=("jobcoach", "prikkelarme_werkplek", "thuiswerken", "vaste_begeleider"),
        description=(
            "Ondersteunt de informatiebeveiliging met controles, scans en registratie van incidenten. "
            "Nauwkeurig, zelfstandig beeldschermwerk met weinig klantcontact."
        ),
        esco="a44a1dc5-be08-4840-8bd5-770c4ac1ca6d",
        sources=("002:14",),
    ),
    dict(
        id="voorlichter",
        title="Voorlichter",
        sectors=("wo", "hbo", "mbo", "gemeenten", "rijk"),
        hours=(24, 36),
        tasks=(
            "aankomende studenten en bezoekers voorlichten over opleidingen of diensten",
            "voorlichtingsmateriaal en webteksten schrijven en actualiseren",
            "open dagen en voorlichtingsbijeenkomsten mee organiseren",
            "vragen per telefoon, e-mail en chat beantwoorden",
            "berichten voor sociale media voorbereiden",
            "deelnemers aan bijeenkomsten registreren en nabellen",
        ),
        demands="PF 2 2 2 2 1 2 2 1 2 0 | SF 2 1 1 2 0 0 2 | MO 2 | OM 1 0 0 | DH 1 2 1 0 | SH 1 2 | WT 1 1",
        offers=("buddy",),
        description=(
            "Geeft voorlichting aan (aankomende) studenten, bewoners of bezoekers en verzorgt het "
            "voorlichtingsmateriaal. Veel contact met mensen, evenementen en deadlines."
        ),
        esco="c0489e22-6a1b-4e52-974a-eb71bbb42134",
        sources=("002:7",),
    ),
    dict(
        id="juridisch-medewerker",
        title="Juridisch medewerker",
        sectors=("wo", "rijk", "gemeenten", "provincies", "waterschappen", "rechtspraak"),
        hours=(24, 36),
        tasks=(
            "juridische vragen uitzoeken in wet- en regelgeving en jurisprudentie",
            "concepten van brieven, besluiten en contracten opstellen",
            "bezwaar- en klachtdossiers voorbereiden",
            "termijnen bewaken en dossiers bijhouden",
            "juristen helpen bij de voorbereiding van zittingen en overleggen",
            "juridische informatie op intranet actueel houden",
        ),
        demands="PF 2 1 2 2 1 2 1 1 1 0 | SF 1 1 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 3 | WT 0 0",
        offers=("buddy", "thuiswerken", "vaste_werkplek"),
        description=(
            "Ondersteunt juristen met onderzoek, conceptteksten en dossiervorming. Analytisch schrijfwerk met "
            "termijnen, geschikt voor hoger opgeleiden."
        ),
        esco="929ef41d-afd0-4d5a-b85b-69eab68fa368",
        sources=("002:7",),
    ),
    dict(
        id="marketingmedewerker",
        title="Marketingmedewerker",
        sectors=("wo", "hbo", "mbo", "umc"),
        hours=(24, 36),
        tasks=(
            "marketingcampagnes mee voorbereiden en uitvoeren",
            "teksten voor website, nieuwsbrief en sociale media schrijven",
            "resultaten van campagnes en websitebezoek analyseren",
            "promotiemateriaal bestellen en beheren",
            "helpen bij open dagen en wervingsevenementen",
            "contacten met drukkers en bureaus onderhouden",
        ),
        demands="PF 2 2 2 2 1 2 1 1 1 0 | SF 1 0 1 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 2 | WT 0 0",
        offers=("buddy", "thuiswerken"),
        description=(
            "Werkt mee aan de marketing en werving van een onderwijs- of zorginstelling: campagnes, teksten "
            "en analyses. Creatief beeldschermwerk met deadlines."
        ),
        esco="47e81c7f-2d04-4a60-a8ff-9913c36d8344",
        sources=("002:7",),
    ),
    dict(
        id="bedrijfsjournalist",
        title="Bedrijfsjournalist",
        sectors=("provincies", "rijk", "gemeenten", "wo", "hbo"),
        hours=(16, 32),
        tasks=(
            "interviews afnemen met medewerkers en bestuurders",
            "artikelen schrijven voor intranet, personeelsblad en website",
            "foto's bij artikelen maken of regelen",
            "nieuwsberichten redigeren en eindredactie doen",
            "onderwerpen aandragen voor de redactieplanning",
            "verhalen verzamelen over projecten binnen de organisatie",
        ),
        demands="PF 2 1 2 2 1 2 1 2 1 0 | SF 1 0 0 1 0 0 2 | MO 2 | OM 1 0 0 | DH 1 3 1 0 | SH 0 2 | WT 0 0",
        offers=("buddy", "thuiswerken"),
        description=(
            "Schrijft verhalen en nieuws over de eigen organisatie voor interne en externe media. "
            "Zelfstandig schrijfwerk met interviews op wisselende plekken."
        ),
        esco="a47f82d3-4cf7-4abf-bb36-2c8cbad28234",
        sources=("002",),
    ),
    dict(
        id="trainee-wijkmanagement",
        title="Trainee wijkmanagement",
        sectors=("gemeenten", "provincies"),
        hours=(24, 36),
        tasks=(
            "bewoners in de wijk spreken en hun ideeën en zorgen ophalen",
            "een toolbox voor burgerparticipatie mee ontwikkelen",
            "bewonersinitiatieven ondersteunen en doorverwijzen",
            "overleggen met wijkpartners zoals woningcorporaties en welzijnswerk",
            "verslagen en adviesnotities schrijven",
            "deelnemen aan de tweewekelijkse trainingen van het traineeship",
        ),
        demands="PF 2 2 2 2 1 1 2 2 2 0 | SF 2 1 1 3 1 0 2 | MO 2 | OM 1 1 0 | DH 0 2 1 0 | SH 0 1 | WT 1 1",
        offers=("aangepaste_werkplek", "buddy", "rolstoeltoegankelijk", "vaste_begeleider"),
        description=(
            "Een tweejarig traineeship voor hoger opgeleiden uit het doelgroepregister bij gemeente of "
            "provincie, met wijkwerk en participatieprojecten. Veel contact met bewoners en partners, op "
            "wisselende plekken."
        ),
        esco="39e9fc8f-02bd-4577-b603-2dc96204ce74",
        sources=("002:11",),
    ),
    dict(
        id="medewerker-participatieteam",
        title="Medewerker participatieteam (hoger opgeleid)",
        sectors=("wo", "hbo", "onderzoeksinstellingen"),
        hours=(16, 32),
        tasks=(
            "administratief werk van docenten en onderzoekers overnemen",
            "onderzoeksgegevens invoeren, controleren en ordenen",
            "literatuur en bronnen opzoeken en samenvatten",
            "ICT-taken uitvoeren, zoals gegevensbestanden beheren en eenvoudige scripts draaien",
            "onderwijsmateriaal opmaken in de digitale leeromgeving",
            "bijeenkomsten van de afdeling administratief ondersteunen",
        ),
        demands="PF 2 1 1 1 1 1 1 1 1 0 | SF 1 0 0 2 0 0 2 | MO 1 | OM 1 0 0 | DH 1 3 0 0 | SH 0 2 | WT 0 1",
        offers=("buddy", "jobcoach", "schriftelijke_instructies", "vaste_begeleider"),
        description=(
            "Een team van hoger opgeleiden met een arbeidsbeperking dat het onderwijzend en onderzoekend "
            "personeel ontlast met administratief en ICT-werk."
        ),
        esco="5ccb2c34-e860-43a5-9869-342487518115",
        sources=("002:7",),
    ),
    dict(
        id="po-medewerker-banenafspraak",
        title="P&O-medewerker banenafspraak",
        sectors=("waterschappen", "gemeenten", "provincies", "rijk", "wo", "hbo"),
        hours=(24, 36),
        tasks=(
            "collega's uit de banenafspraak begeleiden en hun aanspreekpunt zijn",
            "afdelingen helpen werkpakketten samen te stellen (jobcarving)",
            "kandidaten werven via het WerkgeversServicepunt",
            "loonkostensubsidie, jobcoaching en voorzieningen aanvragen en administreren",
            "gesprekken voorbereiden met leidinggevenden, jobcoaches en UWV",
            "de voortgang van de banenafspraak bijhouden en rapporteren",
        ),
        demands="PF 2 2 2 2 1 1 2 1 1 0 | SF 2 2 1 3 0 0 2 | MO 2 | OM 1 0 0 | DH 1 2 1 0 | SH 0 2 | WT 0 1",
        offers=("buddy", "jobcoach"),
        description=(
            "Werkt op de afdeling P&O aan de uitvoering van de banenafspraak: werving, jobcarving, "
            "voorzieningen en begeleiding van collega's. Mensenwerk met veel afstemming."
        ),
        esco="d8ed1703-9c03-4ea0-83cc-b6169bc54ffd",
        sources=("002:2",),
    ),
    # --- Peer roles --------------------------------------------------------------------------------
    dict(
        id="interne-jobcoach",
        title="Interne jobcoach",
        sectors=("vo", "waterschappen", "hbo", "wo", "umc", "gemeenten", "rijk"),
        hours=(8, 24),
        tasks=(
            "collega's met een arbeidsbeperking op de werkvloer begeleiden en instrueren",
            "een inwerk- en begeleidingsplan opstellen en bijhouden",
            "regelmatig voortgangsgesprekken voeren met medewerker en leidinggevende",
            "werkinstructies en dagplanningen op maat maken",
            "knelpunten signaleren en bespreekbaar maken",
            "verslag leggen volgens het UWV-protocol interne jobcoach",
            "collega's en buddy's adviseren over de omgang met de medewerker",
        ),
        demands="PF 2 2 2 2 1 1 2 2 1 0 | SF 1 2 2 3 1 1 2 | MO 2 | OM 1 0 0 | DH 1 1 2 0 | SH 1 1 | WT 0 1",
        offers=("vaste_begeleider",),
        description=(
            "Begeleidt als getrainde collega medewerkers uit de banenafspraak bij het behouden van hun werk, "
            "naast of binnen de eigen functie. Vraagt de Harrie-training of een vergelijkbare opleiding."
        ),
        esco="c60ede09-b67b-4173-8991-b9b694149488",
        sources=("002:2", "002:8"),
    ),
    dict(
        id="buddy",
        title="Buddy (collega-begeleider)",
        sectors=("wo", "hbo", "gemeenten", "provincies", "rijk", "umc"),
        hours=(1, 4),
        tasks=(
            "een nieuwe collega met een arbeidsbeperking wegwijs maken op de afdeling",
            "vast aanspreekpunt zijn voor praktische vragen",
            "werkafspraken en planning samen met de collega doornemen",
            "signalen van overbelasting of onduidelijkheid bespreken en doorgeven",
            "de Harrie-training volgen en toepassen",
            "contact houden met de jobcoach en de leidinggevende",
        ),
        demands="PF 1 1 1 1 0 0 1 1 1 0 | SF 0 1 1 3 0 1 1 | MO 1 | OM 1 0 0 | DH 0 0 1 0 | SH 0 1 | WT 0 0",
        offers=(),
        description=(
            "Een nevenrol van enkele uren per week voor een collega die een medewerker uit de banenafspraak "
            "op weg helpt en aanspreekbaar is. Geen zelfstandige baan, wel een herkenbaar pakket."
        ),
        esco=None,
        sources=("002:7",),
    ),
)


def _esco_labels() -> dict[str, str]:
    with (ESCO_DIR / "occupations_nl.csv").open(encoding="utf-8", newline="") as handle:
        return {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(handle)}


def build_profiles() -> list[dict]:
    """The catalogue entries in contract form (sorted by id), with ESCO labels from ``matcher/data/esco``."""
    labels = _esco_labels()
    out = []
    for spec in PROFILES:
        uri = ESCO_OCC + spec["esco"] if spec["esco"] else None
        if uri is not None and uri not in labels:
            raise ValueError(f"profile {spec['id']}: ESCO occupation {uri} is not in {ESCO_DIR}")
        out.append(
            {
                "id": spec["id"],
                "title": spec["title"],
                "sectors": list(spec["sectors"]),
                "hours_per_week": list(spec["hours"]),
                "tasks": list(spec["tasks"]),
                "demands": parse_demands(spec["demands"], spec["hours"]),
                "offers": sorted(spec["offers"]),
                "description": spec["description"],
                "esco_uri": uri,
                "esco_label": labels[uri] if uri else None,
                "sources": list(spec["sources"]),
            }
        )
    ids = [p["id"] for p in out]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate profile ids")
    return sorted(out, key=lambda p: p["id"])


_INLINE = re.compile(
    r'"(demands|sectors|hours_per_week|offers|sources)": (\{[^{}]*\}|\[[^\[\]]*\])', re.DOTALL
)


def render_catalogue() -> str:
    """The JSON text of ``matcher/data/function_profiles.json`` (one field per line; short lists inline)."""
    document = {
        "_about": (
            "banenmatch function-profile catalogue: functions and carved work packages named in the "
            "project's seed documents, with typical tasks, FML-lite demands for all 31 items, hours, "
            "support offered and the closest ESCO occupation. Generated by scripts/build_catalogue.py; "
            "see matcher/data/README.md."
        ),
        "acknowledgement": "This product uses the ESCO classification of the European Commission.",
        "profiles": build_profiles(),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    text = _INLINE.sub(
        lambda m: f'"{m.group(1)}": ' + json.dumps(json.loads(m.group(2)), ensure_ascii=False), text
    )
    return text + "\n"


# ----------------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    esco = sub.add_parser("esco", help="trim the Dutch ESCO files into matcher/data/esco/")
    esco.add_argument(
        "--source", type=Path, default=ESCO_SOURCE, help="ESCO source folder (default: sources/esco-nl)"
    )
    esco.add_argument("--out", type=Path, default=ESCO_DIR, help="output folder (default: matcher/data/esco)")
    profiles = sub.add_parser("profiles", help="write matcher/data/function_profiles.json")
    profiles.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args(argv)
    if args.step == "esco":
        build_esco(args.source, args.out)
        return 0
    text = render_catalogue()
    if args.check:
        current = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
        if current != text:
            print(
                f"{CATALOGUE} is out of date: run python scripts/build_catalogue.py profiles", file=sys.stderr
            )
            return 1
        return 0
    CATALOGUE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
