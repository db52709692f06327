"""``python -m evaluation register``: a draft Algoritmeregister entry and technical file, from the code.

Writes ``--out FILE.md`` and ``FILE.json`` (same stem): the fields of the Dutch *Algoritmeregister
Publicatiestandaard* (:data:`FIELDS`), in Dutch at B1 level, filled from what the code knows: the
features and their learned weights (the shipped ranker's manifest), the data the product reads (the
contract), the latest benchmark figures with their date and commit, the fairness and calibration
figures, and the human-oversight measures of the app. Fields only the deploying organisation can fill
(organisation, legal basis, DPIA link, dates, contact) are written as the visible placeholder
:data:`PLACEHOLDER`, never invented. A technical section follows in the spirit of Annex IV of the EU AI
Act (intended purpose, what it must not be used for, accuracy and robustness, logging, human oversight).

Every number in the text comes from a *figure*: a value with the place it was read from
(``metrics.json:vacancy.full.ndcg@10``, ``ranker:coef.lexical``, ``code:...``). The JSON lists them,
and a test checks each against its source. Without ``--metrics`` the figures recorded in
:data:`RECORDED_FIGURES` (a ``metrics.json`` kept in the docs) are used.

The field list (names, input types and sizes) is copied from the publication standard of the Ministry
of BZK: public repository MinBZK/Algoritmeregister-Publicatiestandaard, chapter 2 "Informatievelden"
(schema versions 0.3.0 - 1.0.0, 2024), as summarised for this project in shared/docs/algoritmeregister.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from matcher.ranking import DEFAULT_RANKER_DIR

__all__ = ["FIELDS", "PLACEHOLDER", "RECORDED_FIGURES", "Figures", "build_register", "register_main"]

ROOT = Path(__file__).resolve().parent.parent
RECORDED_FIGURES = ROOT / "docs" / "algoritmeregister.figures.json"
"""The benchmark figures the committed register entry was made from (a ``metrics.json`` of a report)."""

PLACEHOLDER = "[IN TE VULLEN DOOR DE ORGANISATIE]"
"""What a field the code cannot know says (the standard's rule: never invent these)."""

SCHEMA_VERSION = "1.0.0"

# (section, field name as the standard spells it, maximum length in characters or None)
FIELDS: tuple[tuple[str, str, int | None], ...] = (
    ("Algemene informatie", "Naam", 100),
    ("Algemene informatie", "Korte omschrijving", 350),
    ("Algemene informatie", "Organisatie", 100),
    ("Algemene informatie", "Thema", None),
    ("Algemene informatie", "Status", None),
    ("Algemene informatie", "Begindatum", None),
    ("Algemene informatie", "Einddatum", None),
    ("Algemene informatie", "Contactgegevens", None),
    ("Algemene informatie", "Link naar publiekspagina", None),
    ("Algemene informatie", "Publicatiecategorie", None),
    ("Algemene informatie", "Link naar bronregistratie", None),
    ("Verantwoord gebruik", "Doel en impact", 2500),
    ("Verantwoord gebruik", "Afwegingen", 2500),
    ("Verantwoord gebruik", "Menselijke tussenkomst", 2500),
    ("Verantwoord gebruik", "Risicobeheer", 2500),
    ("Verantwoord gebruik", "Wettelijke basis", 2500),
    ("Verantwoord gebruik", "Link naar wettelijke basis", None),
    ("Verantwoord gebruik", "Titel van wettelijke basis", 100),
    ("Verantwoord gebruik", "Verwerkingsregister", None),
    ("Verantwoord gebruik", "Impacttoets(en)", None),
    ("Verantwoord gebruik", "Link naar impacttoets", None),
    ("Verantwoord gebruik", "Toelichting op impacttoetsen", 2500),
    ("Werking", "Gegevens", 2500),
    ("Werking", "Link naar gegevensbron", None),
    ("Werking", "Titel van gegevensbron", 500),
    ("Werking", "Technische werking", 5000),
    ("Werking", "Leverancier", 200),
    ("Werking", "Link naar broncode", None),
    ("Metadata", "Taal", None),
    ("Metadata", "Schema", None),
    ("Metadata", "Bron-ID", 100),
    ("Metadata", "Zoektermen", 2500),
)


@dataclass
class Figures:
    """Numbers read from their sources, each formatted once and remembered with where it came from."""

    metrics: Mapping
    ranker: Mapping
    recorded: list[dict] = field(default_factory=list)

    def _keep(self, source: str, value, text: str) -> str:
        self.recorded.append({"source": source, "value": value, "text": text})
        return text

    def metric(self, path: str, digits: int = 3, *, percent: bool = False) -> str | None:
        """The value at dotted ``path`` of ``metrics.json`` (keys may contain dots only in the last part)."""
        value = _lookup(self.metrics, path)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, str):
            return self._keep(f"metrics.json:{path}", value, value)
        text = f"{value:.{digits}%}" if percent else f"{value:,.{digits}f}" if digits else f"{value:,.0f}"
        return self._keep(f"metrics.json:{path}", value, _nl_number(text))

    def weight(self, feature: str) -> str:
        value = self.ranker["coef"][self.ranker["feature_names"].index(feature)]
        return self._keep(f"ranker:coef.{feature}", value, _nl_number(f"{value:+.3f}"))

    def code(self, name: str, value, text: str | None = None) -> str:
        return self._keep(f"code:{name}", value, text if text is not None else _nl_number(str(value)))


def _nl_number(text: str) -> str:
    """Dutch notation: decimal comma, thousands point (``1,234.5`` -> ``1.234,5``)."""
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _lookup(tree: Mapping, path: str):
    node = tree
    parts = path.split(".")
    i = 0
    while i < len(parts):
        if not isinstance(node, Mapping):
            return None
        # a key may itself hold a dot (e.g. "ndcg@10" does not, but group names might): take the longest match
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if key in node:
                node, i = node[key], j
                break
        else:
            return None
    return node


def _groups(figures: Figures, direction: str, system: str) -> list[str]:
    ratios = _lookup(figures.metrics, f"{direction}.{system}.exposure_ratio@10.limitation_type") or {}
    return sorted(ratios)


def _ratio_lines(figures: Figures, direction: str, system: str) -> str:
    groups = _groups(figures, direction, system)
    parts = [
        f"{g} {figures.metric(f'{direction}.{system}.exposure_ratio@10.limitation_type.{g}', 2)}"
        for g in groups
    ]
    return "; ".join(parts)


_METHOD_NL = {
    "none": "geen, te weinig plaatsingen om te kalibreren",
    "sigmoid": "Platt-schaling",
    "isotonic": "isotone regressie",
}


def _fairness_text(figures: Figures) -> str:
    band = (
        figures.code("evaluation.report.FAIR_BAND[0]", 0.8),
        figures.code("evaluation.report.FAIR_BAND[1]", 1.25),
    )
    text = (
        "Wij meten of groepen mensen evenveel in de top 10 komen als past bij het aantal geschikte en passende "
        "mensen in die groep (blootstelling gedeeld door verdienste; een waarde van één is evenredig, de grens die wij aanhouden is "
        f"{band[0]} tot {band[1]}). De groepen (soort beperking, route in het register, geslacht, leeftijdsgroep) "
        "gebruiken wij alleen om te meten, nooit om te scoren. "
    )
    if _groups(figures, "vacancy", "full"):
        text += (
            f"Gemeten per soort beperking, zonder herschikking: {_ratio_lines(figures, 'vacancy', 'full')}. "
        )
    if _groups(figures, "vacancy", "full_fair"):
        text += (
            "Met de eerlijke herschikking (methode DetGreedy van Geyik, Ambler en Kenthapadi, LinkedIn): "
            f"{_ratio_lines(figures, 'vacancy', 'full_fair')}; kwaliteit van de rangorde (nDCG@10) "
            f"{figures.metric('vacancy.full_fair.ndcg@10')} tegen {figures.metric('vacancy.full.ndcg@10')} zonder. "
        )
    return text


def _calibration_text(figures: Figures) -> str:
    if not _lookup(figures.metrics, "calibration"):
        return "De kalibratie van de schatting is voor deze cijfers niet gemeten. "
    text = (
        "De geschatte kans dat een plaatsing een jaar standhoudt is gekalibreerd op plaatsingen die het model niet "
        f"kende (methode: {_METHOD_NL.get(figures.metric('calibration.method'), PLACEHOLDER)}). Gemeten op plaatsingen van andere mensen: "
        f"kalibratiefout (ECE) {figures.metric('calibration.ece')}, Brier-score {figures.metric('calibration.brier')}, "
        f"AUC {figures.metric('calibration.auc')}. Per soort beperking: "
    )
    groups = _lookup(figures.metrics, "calibration.by_group.limitation_type") or {}
    parts = []
    for g in sorted(groups):
        n = figures.metric(f"calibration.by_group.limitation_type.{g}.n", 0)
        if groups[g].get("checked"):
            margin = figures.metric(f"calibration.by_group.limitation_type.{g}.noise_floor_p95")
            parts.append(
                f"{g} ECE {figures.metric(f'calibration.by_group.limitation_type.{g}.ece')} (n = {n}"
                + (f", toevalsmarge {margin})" if margin else ")")
            )
        else:
            parts.append(f"{g} te weinig om te controleren (n = {n})")
    text += "; ".join(parts) + ". "
    if any("noise_floor_p95" in e for e in groups.values()):
        text += (
            "De toevalsmarge is de kalibratiefout die een perfect gekalibreerd model bij zo weinig plaatsingen "
            "in negentien van de twintig gevallen niet overschrijdt; een fout binnen die marge kan toeval zijn. "
        )
    if _lookup(figures.metrics, "calibration.provenance.commit"):
        # recorded figures whose calibration was measured with a later version than the ranking figures
        text += (
            f"Deze kalibratie is gemeten op {figures.metric('calibration.provenance.date')} met versie "
            f"{figures.metric('calibration.provenance.commit')}. "
        )
    text += (
        "Als er weinig eerdere plaatsingen van vergelijkbare mensen zijn, zegt de uitleg dat de schatting minder "
        "zeker is. "
    )
    return text


def build_register(
    metrics: Mapping, ranker: Mapping, *, metrics_source: str
) -> tuple[dict[str, str], dict, list[dict]]:
    """The field values (Dutch), the technical section, and the figures they use.

    Returns
    -------
    fields : dict of field name to text
    technical : dict of heading to text
    figures : list of dict
        ``{"source", "value", "text"}`` for every number in the texts.
    """
    from matcher.contract import load_contract
    from matcher.features import FEATURES
    from matcher.texts_nl import FEATURE_NL

    f = Figures(metrics, ranker)
    provenance = metrics.get("provenance") or {}
    date = f.metric("provenance.date") if provenance.get("date") else "onbekende datum"
    commit = f.metric("provenance.commit") if provenance.get("commit") else "onbekend"
    data = (
        f"{f.metric('data.candidates', 0)} kandidaten, {f.metric('data.packages', 0)} werkpakketten en "
        f"{f.metric('data.placements', 0)} eerdere plaatsingen"
    )
    weights = [
        f"{FEATURE_NL[name]} ({f.weight(name)})"
        for name, coef in zip(ranker["feature_names"], ranker["coef"], strict=True)
        if coef != 0 and name in FEATURES
    ]
    unused = [FEATURE_NL[n] for n, c in zip(ranker["feature_names"], ranker["coef"], strict=True) if c == 0]
    quality = (
        f"Op een synthetische proefwereld van {data} (meting van {date}, code-versie {commit}): kwaliteit van de "
        f"rangorde bij een vacature (nDCG@10) {f.metric('vacancy.full.ndcg@10')}"
        + (
            f", tegen {f.metric('vacancy.tfidf.ndcg@10')} voor een eenvoudige tekstvergelijking"
            if _lookup(metrics, "vacancy.tfidf.ndcg@10") is not None
            else ""
        )
        + f"; hoe hoog de eerste "
        f"goede kandidaat gemiddeld staat (MRR, hoger is beter) {f.metric('vacancy.full.mrr')}. Combinaties in de top 10 die een harde "
        f"voorwaarde schenden: {f.metric('vacancy.full.violations@10', 0)} (dit moet altijd nul zijn). "
    )
    if _lookup(metrics, "candidate.full.ndcg@10") is not None:
        quality += f"Andersom, werk zoeken bij een kandidaat: nDCG@10 {f.metric('candidate.full.ndcg@10')}. "
    suppress = f.code("webapp.supply.SUPPRESS_BELOW", 5)
    oversight = (
        "Het systeem beslist niets. Het doet voorstellen aan een adviseur (jobcoach, werkgeversadviseur). Bij elk "
        "voorstel staat waarom: welke harde voorwaarden zijn gecontroleerd, wat besproken moet worden "
        "(signaleringen), wat onbekend is en welke factoren de volgorde bepaalden. De adviseur kan ook zien waarom "
        "iemand niet is voorgesteld ('waarom niet?'), maakt zelf een shortlist en bespreekt die met de kandidaat en "
        "de werkgever. Het systeem vraagt een inlog met een rol (adviseur, projectleider, evaluator) en houdt een "
        "logboek bij van wie welke kandidaat heeft bekeken en wat is geëxporteerd. Een evaluator ziet de "
        "meetrapporten en zet de eerlijke herschikking aan of uit; een adviseur ziet in de uitleg als een kandidaat "
        f"daardoor hoger staat. Aantallen onder de {suppress} worden in overzichten per regio niet getoond."
    )
    fields = {
        "Naam": "Banenmatch: mensen uit het doelgroepregister en passend werk bij elkaar zoeken",
        "Korte omschrijving": (
            "Banenmatch zoekt bij een vacature of werkpakket mensen uit het doelgroepregister die het werk kunnen "
            "doen, en andersom passend werk bij een persoon. Het sluit werk uit dat iemand niet kan doen, legt elk "
            "voorstel uit en schat hoe lang een plaatsing standhoudt. Een adviseur beslist."
        ),
        "Organisatie": PLACEHOLDER,
        "Thema": "Werk; Sociale zekerheid",
        "Status": PLACEHOLDER,
        "Begindatum": PLACEHOLDER,
        "Einddatum": PLACEHOLDER,
        "Contactgegevens": PLACEHOLDER,
        "Link naar publiekspagina": PLACEHOLDER,
        "Publicatiecategorie": "Hoog-risico AI-systemen",
        "Link naar bronregistratie": PLACEHOLDER,
        "Doel en impact": (
            "Doel: meer mensen met een arbeidsbeperking aan passend en blijvend werk helpen (Banenafspraak). Bij een "
            "vacature krijgt een adviseur een korte lijst van mensen die het werk aankunnen, met uitleg. Voor een "
            "persoon van wie het werk stopt, zoekt het ander passend werk ('van werk naar werk'). Impact: de keuze "
            "wie een adviseur eerst bekijkt. Wie niet wordt voorgesteld, wordt minder snel gezien; daarom meten wij "
            "de eerlijkheid per groep en is er een uitleg bij wie niet wordt voorgesteld."
        ),
        "Afwegingen": (
            "Voordeel: een adviseur kan niet alle mensen in het register zelf doorlopen; het systeem laat niemand "
            "zien die het werk niet kan doen en legt uit waarom iemand wel past. Nadeel: een rangorde kan groepen "
            "benadelen, en een schatting kan ernaast zitten. Daarom: een mens beslist altijd, de uitleg is altijd "
            "zichtbaar, en wij meten en publiceren de eerlijkheid en de betrouwbaarheid (zie Risicobeheer). "
            + PLACEHOLDER
            + " (afweging van de organisatie zelf)."
        ),
        "Menselijke tussenkomst": oversight,
        "Risicobeheer": (
            "Risico: werk voorstellen dat iemand niet kan doen: harde voorwaarden (belastbaarheid volgens de "
            "FML-lite, uren, dagen, reistijd, begeleiding) sluiten zulke combinaties altijd uit; onbekend telt nooit "
            f"als passend. Gemeten: {f.metric('vacancy.full.violations@10', 0)} schendingen in de top 10. "
            "Risico: ongelijke behandeling. "
            + _fairness_text(f)
            + "Risico: een onjuiste schatting. "
            + _calibration_text(f)
            + "Risico: privacy (gezondheidsgegevens, bijzondere persoonsgegevens in de AVG): alleen pseudonieme nummers, geen diagnoses, "
            "alleen wat iemand kan; geen profielteksten in logbestanden."
        ),
        "Wettelijke basis": PLACEHOLDER,
        "Link naar wettelijke basis": PLACEHOLDER,
        "Titel van wettelijke basis": PLACEHOLDER,
        "Verwerkingsregister": PLACEHOLDER,
        "Impacttoets(en)": PLACEHOLDER + " (bijvoorbeeld DPIA, IAMA)",
        "Link naar impacttoets": PLACEHOLDER,
        "Toelichting op impacttoetsen": PLACEHOLDER,
        "Gegevens": (
            "Over een persoon: route in het doelgroepregister, wanneer beschikbaar, woonplaats en reisbereid, "
            "opleiding, uren, dagen en dagdelen, wat iemand kan volgens de FML-lite ("
            + f.code("matcher.contract.fml_codes", len(load_contract().fml_codes))
            + " punten), nodige begeleiding, competenties, werkervaring en wensen (vrije tekst). Over het werk: "
            "taken, uren, rooster, wat het werk vraagt, aanpassingen en begeleiding. Eerdere plaatsingen en hoe "
            "lang die duurden. Niet: leeftijd, geslacht, afkomst of diagnose. Gemaakt en getest met een "
            f"synthetische proefwereld ({data}); er zijn geen echte persoonsgegevens gebruikt om het te maken."
        ),
        "Link naar gegevensbron": PLACEHOLDER,
        "Titel van gegevensbron": PLACEHOLDER,
        "Technische werking": (
            "Eerst bepalen harde voorwaarden wie in aanmerking komt. Daarna vergelijkt een Nederlands taalmodel "
            "de taken met werkervaring, wensen en competenties. Dan telt een lineair model factoren op tot een "
            "score. De geleerde gewichten per factor (waarde op de schaal van de factor zelf): "
            + "; ".join(weights)
            + ". Niet gebruikt (gewicht nul, omdat het geleerde teken tegen de verwachting van een adviseur in "
            "ging of het geen verschil maakte): "
            + "; ".join(unused)
            + ". Een gekalibreerd model schat de kans dat een plaatsing een jaar standhoudt. Het gebruikt "
            "dezelfde factoren, plus het soort contract, de eigen eerdere plaatsingen van de persoon (hoeveel, en "
            "hoeveel daarvan binnen een jaar stopten; alleen plaatsingen die al voorbij waren) en per onderdeel van "
            "de FML-lite welk deel van de punten iemand beperkt is. Niet: leeftijd, geslacht, afkomst of diagnose. "
            "Bij elk voorstel hoort een uitleg. " + quality
        ),
        "Leverancier": PLACEHOLDER,
        "Link naar broncode": PLACEHOLDER,
        "Taal": "nld",
        "Schema": SCHEMA_VERSION,
        "Bron-ID": PLACEHOLDER,
        "Zoektermen": "banenafspraak, doelgroepregister, matching, arbeidsbeperking, jobcarving, werk",
    }
    technical = {
        "Beoogd doel": (
            "Voorstellen doen aan adviseurs: welke mensen uit het doelgroepregister passen bij een vacature of "
            "werkpakket, en welk werk past bij een persoon. Voor gemeenten, werkbedrijven en UWV-partners."
        ),
        "Niet gebruiken voor": (
            "Beslissingen zonder mens; iemand uitsluiten van begeleiding of een uitkering; beoordelen of iemand "
            "genoeg zijn best doet; profielen maken buiten het doel van bemiddeling; mensen buiten het "
            "doelgroepregister zonder nieuwe meting."
        ),
        "Nauwkeurigheid en robuustheid": quality + _fairness_text(f) + _calibration_text(f),
        "Logging": (
            "Het systeem houdt een logboek bij dat alleen aangevuld kan worden: wie (gebruiker en rol) welke "
            "kandidaat heeft bekeken en wat is geëxporteerd, met tijdstip. Geen profielteksten in logbestanden. "
            "Elke meting bewaart zijn resultaten, commando en code-versie."
        ),
        "Menselijk toezicht": oversight,
        "Meting": (
            f"Meting van {date}, code-versie {commit}; bron van de cijfers: {metrics_source}. Opnieuw te maken met "
            "python -m evaluation register --metrics RAPPORTMAP."
        ),
    }
    for _, name, limit in FIELDS:
        if limit is not None and len(fields[name]) > limit:
            raise ValueError(
                f"register field {name!r}: {len(fields[name])} characters, the standard allows {limit}"
            )
    return fields, technical, f.recorded


def _markdown(fields: Mapping[str, str], technical: Mapping[str, str]) -> str:
    out = [
        "# Algoritmeregister: concept voor banenmatch",
        "",
        "Gemaakt door `python -m evaluation register` uit de code en de laatste meting; niet met de hand "
        f"aanpassen. Velden met {PLACEHOLDER} kan alleen de organisatie die banenmatch gebruikt invullen. "
        "Velden volgens de Algoritmeregister Publicatiestandaard (ministerie van BZK).",
        "",
    ]
    section = None
    for name_section, name, _ in FIELDS:
        if name_section != section:
            out += [f"## {name_section}", ""]
            section = name_section
        out += [f"**{name}**", "", fields[name], ""]
    out += ["## Technisch dossier (in de geest van bijlage IV van de AI-verordening)", ""]
    for heading, text in technical.items():
        out += [f"**{heading}**", "", text, ""]
    return "\n".join(out)


def register_main(argv: Sequence[str] | None = None) -> int:
    """``python -m evaluation register --out FILE.md [--metrics REPORT_DIR]``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m evaluation register", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--out", required=True, type=Path, help="Markdown file to write (and .json beside it)"
    )
    parser.add_argument(
        "--metrics",
        type=Path,
        help=f"report folder with metrics.json (default: the figures recorded in {RECORDED_FIGURES.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--ranker",
        type=Path,
        default=DEFAULT_RANKER_DIR,
        help="folder of the ranker whose weights to list",
    )
    args = parser.parse_args(argv)
    source = (args.metrics / "metrics.json") if args.metrics is not None else RECORDED_FIGURES
    if not source.is_file():
        print(
            f"error: {source}: not found; give --metrics REPORT_DIR (a folder with metrics.json)",
            file=sys.stderr,
        )
        return 2
    metrics = json.loads(source.read_text(encoding="utf-8"))
    ranker = json.loads((args.ranker / "manifest.json").read_text(encoding="utf-8"))
    shown = source.relative_to(ROOT) if source.is_relative_to(ROOT) else source
    fields, technical, figures = build_register(metrics, ranker, metrics_source=str(shown))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(_markdown(fields, technical), encoding="utf-8")
    payload = {
        "schema": SCHEMA_VERSION,
        "language": "nld",
        "fields": fields,
        "technical": technical,
        "figures": figures,
        "metrics_source": str(shown),
        "ranker_source": str(
            args.ranker.relative_to(ROOT) if args.ranker.is_relative_to(ROOT) else args.ranker
        ),
    }
    json_path = args.out.with_suffix(".json")
    json_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} and {json_path}", file=sys.stderr)
    return 0
