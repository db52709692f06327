"""Every text an adviser reads, in Dutch, in one place (so a translation is one new module).

Sections: explanations and ranking factors (:data:`EXPLANATION`, :data:`FEATURE_NL`), hard-constraint
checks (:data:`CONSTRAINT_TEXTS`, :func:`render_check_nl`), and the app's interface texts.
Code never builds adviser-facing Dutch elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from matcher.constraints import Check, Outcome, Rule
from matcher.contract import load_contract

# ---------------------------------------------------------------- explanations (matcher.explain)
EXPLANATION: dict[str, str] = {
    "excluded": "Uitgesloten door harde voorwaarden",
    "summary": "Samenvatting",
    "confidence": "Betrouwbaarheid: {level} ({n} onbekende punten)",
    "confidence_one": "Betrouwbaarheid: {level} ({n} onbekend punt)",
    "passed": "{n} van de {total} voorwaarden zijn zeker in orde",
    "passed_one": "{n} van de {total} voorwaarden is zeker in orde",
    "signals": "Bespreken (signaleringen)",
    "unknowns": "Onbekend (navragen; telt niet als passend)",
    "competences": "Competenties",
    "comp_matched": "Aanwezig: {items}",
    "comp_missing": "Ontbreekt: {items}",
    "factors": "Wat de rangorde bepaalde",
    "placed_basis": "Profiel vergeleken met dat van {n} anderen die eerder in dit soort werk zijn geplaatst",
    "placed_basis_one": "Profiel vergeleken met dat van {n} ander die eerder in dit soort werk is geplaatst",
    "evidence": "Onderbouwing uit het profiel",
    "evidence_line": "Taak \u201c{task}\u201d past bij {source}: \u201c{sentence}\u201d",
    "fml_unknown_package": "Niet vastgelegd wat het werk vraagt (navragen bij de werkgever): {items}",
    "fml_unknown_candidate": "Niet vastgelegd wat de kandidaat aankan (navragen bij de kandidaat): {items}",
    "fml_unknown_both": "Niet vastgelegd wat het werk vraagt en wat de kandidaat aankan: {items}",
    "fml_unknown_candidate_all": (
        "Nog niets vastgelegd over wat de kandidaat aankan: alle {n} punten van de FML-lite zijn onbekend "
        "(navragen bij de kandidaat)"
    ),
    "factors_rest": "De overige factoren maakten weinig verschil",
    "raised_by_fairness": (
        "Hoger gezet door de eerlijke herschikking (op score alleen stond dit resultaat op plaats {rank}); "
        "de herschikking zorgt dat groepen mensen in de top evenredig aan bod komen"
    ),
    "durability_uncertain": (
        "Deze schatting is minder zeker voor mensen zoals deze kandidaat: er zijn weinig eerdere plaatsingen "
        "van mensen met een vergelijkbaar profiel in vergelijkbaar werk"
    ),
}

NO_RESULTS_NL = "(geen geschikte resultaten: niemand voldoet aan alle harde voorwaarden)"

SOURCE_NL: dict[str, str] = {
    "experience": "werkervaring",
    "wishes": "wensen",
    "competences": "competenties",
}

FEATURE_NL: dict[str, str] = {
    "sim_profile": "werk past bij het profiel als geheel",
    "sim_wishes": "taken passen bij een van de wensen",
    "sim_experience": "taken passen bij eerdere werkervaring",
    "sim_competences": "taken passen bij de competenties",
    "wish_affinity": "wensen gaan vooral over dit soort werk",
    "experience_affinity": "ervaring ligt vooral in dit soort werk",
    "placed_like": "profiel lijkt op dat van mensen die eerder in dit soort werk zijn geplaatst",
    "lexical": "zelfde woorden in taken en profiel",
    "required_competences": "vereiste competenties aanwezig",
    "optional_competences": "gewenste competenties aanwezig",
    "travel_burden": "reistijd ten opzichte van het maximum",
    "hours_fit": "uren dicht bij het midden van wat de kandidaat wil werken",
    "sector_preference": "werk in een voorkeurssector van de kandidaat",
    "signaleringen": "aantal signaleringen",
    "unknowns": "aantal onbekende punten",
    "unknown_risk": "onbekende punten waar het werk veel vraagt of de kandidaat beperkt is",
    "level_gap": "verschil tussen werkniveau en opleidingsniveau",
    "durability": "geschatte kans dat de plaatsing standhoudt",
}


# Ranking factors (render_nl's "Wat de rangorde bepaalde"): a value is placed on its factor's scale by
# its band (matcher.explain.Band, keyed here by its value), never shown as a raw number. The claims in
# brackets hold exactly for the pairs the ranker was fitted on (see Band).
FACTOR_BAND_NL: dict[str, str] = {
    "below_p10": "laag (lager dan bij 9 van de 10 geschikte combinaties)",
    "below_p25": "vrij laag (lager dan bij 3 van de 4 geschikte combinaties)",
    "below_p50": "onder het gemiddelde (lager dan bij de helft van de geschikte combinaties)",
    "middle": "gemiddeld",
    "above_p50": "boven het gemiddelde (hoger dan bij de helft van de geschikte combinaties)",
    "above_p75": "vrij hoog (hoger dan bij 3 van de 4 geschikte combinaties)",
    "above_p90": "hoog (hoger dan bij 9 van de 10 geschikte combinaties)",
}
# Factors that count something: the count itself, then its band in these words.
FACTOR_COUNTS: frozenset[str] = frozenset({"signaleringen", "unknowns"})
FACTOR_COUNT_BAND_NL: dict[str, str] = {
    "below_p10": "minder dan bij 9 van de 10 geschikte combinaties",
    "below_p25": "minder dan bij 3 van de 4 geschikte combinaties",
    "below_p50": "minder dan bij de helft van de geschikte combinaties",
    "middle": "een gebruikelijk aantal",
    "above_p50": "meer dan bij de helft van de geschikte combinaties",
    "above_p75": "meer dan bij 3 van de 4 geschikte combinaties",
    "above_p90": "meer dan bij 9 van de 10 geschikte combinaties",
}
# Factors that are yes (1) or no (0).
FACTOR_YES_NO: frozenset[str] = frozenset({"sector_preference"})
FACTOR_CHANCES: frozenset[str] = frozenset({"durability"})
"""Factors that are a probability: the line shows the chance itself (as the summary does), then the band."""
# Without a band (a ranker saved before it recorded its scale): the value against the average pair.
FACTOR_VS_MEAN_NL: dict[str, str] = {
    "higher": "hoger dan gemiddeld",
    "lower": "lager dan gemiddeld",
    "same": "gemiddeld",
}
FACTOR_COUNT_VS_MEAN_NL: dict[str, str] = {
    "higher": "meer dan gemiddeld",
    "lower": "minder dan gemiddeld",
    "same": "gemiddeld aantal",
}
# How the factor moved this result; {amount} by its strength relative to the strongest factor.
FACTOR_EFFECT_NL: dict[str, str] = {
    "up": "zet dit resultaat {amount} hoger in de lijst",
    "down": "zet dit resultaat {amount} lager in de lijst",
    "none": "maakt geen verschil voor de plaats in de lijst",
}
FACTOR_AMOUNT_NL: dict[bool, str] = {True: "veel", False: "iets"}


def contribution_nl(
    feature: str,
    value: float,
    contribution: float,
    reference: float,
    *,
    band: str | None = None,
    strong: bool = False,
) -> str:
    """One ranking factor as a plain Dutch sentence: where its value lies, and how it moved the result.

    Parameters
    ----------
    feature : str
        A name of :data:`matcher.features.FEATURES`.
    value, contribution, reference : float
        The factor's value, its contribution to the score, and its value for an average pair.
    band : str, optional
        The value of the :class:`matcher.explain.Band` of ``value``; without it the value is only
        compared with ``reference`` (higher or lower than average).
    strong : bool, default=False
        Whether this factor moved the score about as much as the strongest factor of the result.

    Examples
    --------
    >>> contribution_nl("sector_preference", 1.0, 0.07, 0.06)
    'Werk in een voorkeurssector van de kandidaat: ja; zet dit resultaat iets hoger in de lijst'
    """
    counted = feature in FACTOR_COUNTS
    if feature in FACTOR_YES_NO:
        position = "ja" if value >= 0.5 else "nee"
    else:
        if band is not None:
            words = (FACTOR_COUNT_BAND_NL if counted else FACTOR_BAND_NL)[band]
        else:
            versus = "same" if abs(value - reference) <= 1e-9 else "higher" if value > reference else "lower"
            words = (FACTOR_COUNT_VS_MEAN_NL if counted else FACTOR_VS_MEAN_NL)[versus]
        if counted:
            position = f"{round(value)} ({words})"
        elif feature in FACTOR_CHANCES:
            position = f"{_chance_nl(value)}, {words}"
        else:
            position = words
    direction = "up" if contribution > 0 else "down" if contribution < 0 else "none"
    effect = FACTOR_EFFECT_NL[direction].format(amount=FACTOR_AMOUNT_NL[strong])
    return f"{FEATURE_NL[feature].capitalize()}: {position}; {effect}"


def _chance_nl(probability: float) -> str:
    """A probability in words, rounded to 5 points ("ongeveer 45%")."""
    pct = int(round(probability * 100 / 5) * 5)
    # A model fitted on a few hundred placements cannot promise certainty either way.
    return "meer dan 90%" if pct > 90 else "minder dan 10%" if pct < 10 else f"ongeveer {pct}%"


def durability_nl(probability: float, basis: int) -> str:
    """The durability estimate in plain words, with what it is based on; never a '% match'."""
    amount = _chance_nl(probability)
    if basis == 0:
        return "Geen eerdere plaatsingen bekend: de kans dat de plaatsing een jaar standhoudt is niet te schatten"
    return (
        f"Geschatte kans dat de plaatsing minstens een jaar standhoudt: {amount} "
        f"(op basis van {basis} eerdere plaatsingen; een schatting, geen garantie)"
    )


# The durability model's own inputs (matcher.durability_inputs), one sentence per group, with how they
# moved this estimate; {effect} from DURABILITY_EFFECT_NL.
DURABILITY_FACTOR_NL: dict[str, str] = {
    "contract": "Soort contract: {contract}; dat {effect}",
    "contract_unknown": "Soort contract niet vastgelegd; dat {effect}",
    "history": (
        "Eerdere plaatsingen van de kandidaat met bekende afloop: {n}, waarvan {early} binnen een jaar gestopt; "
        "dat {effect}"
    ),
    "history_one": (
        "Eerdere plaatsingen van de kandidaat met bekende afloop: 1, waarvan {early} binnen een jaar gestopt; "
        "dat {effect}"
    ),
    "history_none": "Nog geen eerdere plaatsingen van de kandidaat met bekende afloop; dat {effect}",
    "capacity": "Wat de kandidaat volgens de FML-lite aankan, vergeleken met eerdere plaatsingen; dat {effect}",
}
DURABILITY_EFFECT_NL: dict[str, str] = {
    "up": "verhoogt de geschatte kans dat de plaatsing standhoudt",
    "down": "verlaagt de geschatte kans dat de plaatsing standhoudt",
}


def durability_factor_nl(
    group: str, contribution: float, contract: str | None = None, earlier: int = 0, ended_early: int = 0
) -> str:
    """One of the durability model's own inputs as a Dutch sentence (see :class:`matcher.explain.DurabilityFactor`).

    Examples
    --------
    >>> durability_factor_nl("history", -0.4, earlier=3, ended_early=2)
    'Eerdere plaatsingen van de kandidaat met bekende afloop: 3, waarvan 2 binnen een jaar gestopt; dat verlaagt de geschatte kans dat de plaatsing standhoudt'
    """
    effect = DURABILITY_EFFECT_NL["up" if contribution > 0 else "down"]
    if group == "contract":
        key = "contract" if contract else "contract_unknown"
        return DURABILITY_FACTOR_NL[key].format(contract=contract, effect=effect)
    if group == "history":
        key = "history_none" if earlier == 0 else "history_one" if earlier == 1 else "history"
        return DURABILITY_FACTOR_NL[key].format(n=earlier, early=ended_early, effect=effect)
    return DURABILITY_FACTOR_NL[group].format(effect=effect)


# ---------------------------------------------------------------- constraints (matcher.constraints)
# Hard-rule checks, rendered by render_check_nl(check); FML-lite level anchors; vocabulary names.

DAY_NAMES_NL: dict[str, str] = {
    "ma": "maandag",
    "di": "dinsdag",
    "wo": "woensdag",
    "do": "donderdag",
    "vr": "vrijdag",
    "za": "zaterdag",
    "zo": "zondag",
}

DAYPART_NAMES_NL: dict[str, str] = {
    "ochtend": "ochtend",
    "middag": "middag",
    "avond": "avond",
    "nacht": "nacht",
}

# "Reistijd: ca. 35 min {mode}"
TRAVEL_MODE_NAMES_NL: dict[str, str] = {
    "lopen": "lopend",
    "fiets": "met de fiets",
    "ov": "met het ov",
    "auto": "met de auto",
    "vervoer_op_maat": "met vervoer op maat",
}

NEED_NAMES_NL: dict[str, str] = {
    "jobcoach": "een jobcoach",
    "vaste_begeleider": "een vaste begeleider",
    "buddy": "een buddy",
    "prikkelarme_werkplek": "een prikkelarme werkplek",
    "vaste_werkplek": "een vaste werkplek",
    "schriftelijke_instructies": "schriftelijke instructies",
    "aangepaste_werkplek": "een aangepaste werkplek",
    "rolstoeltoegankelijk": "rolstoeltoegankelijkheid",
    "vaste_werktijden": "vaste werktijden",
    "extra_pauzes": "extra pauzes",
    "thuiswerken": "thuiswerken",
}

MONTH_NAMES_NL: tuple[str, ...] = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# The contract's name_nl, except where it carries English notes meant for developers.
FML_NAME_OVERRIDES_NL: dict[str, str] = {
    "OM01": "Zintuiglijke prikkelbelasting (geluid, licht, geur)",
}

# Short Dutch anchors of each FML-lite level, after the "levels" column of matcher/data/fml_lite.csv.
FML_LEVELS_NL: dict[str, tuple[str, ...]] = {
    "PF01": (
        "hooguit 5 minuten op één ding gericht",
        "tot 30 minuten op één ding gericht",
        "langer dan 30 minuten op één ding gericht",
    ),
    "PF02": ("één ding tegelijk", "enkele dingen afwisselend", "veel verschillende dingen tegelijk"),
    "PF03": (
        "alle informatie op de plek zelf, zoals instructies en pictogrammen",
        "eigen aantekeningen en hulpmiddelen volstaan",
        "onthouden zonder hulpmiddelen",
    ),
    "PF04": (
        "volledig voorgestructureerd werk",
        "vaste, bekende werkwijzen",
        "eigen werk plannen en problemen oplossen",
    ),
    "PF05": (
        "eigen tempo, geen productienorm",
        "gewone normen, geen hoog tempo",
        "hoog tempo, zoals aan een lijn of machine",
    ),
    "PF06": ("geen deadlines of pieken", "af en toe, voorspelbaar", "vaak deadlines of pieken"),
    "PF07": (
        "nauwelijks onderbrekingen",
        "af en toe onderbrekingen",
        "vaak onderbrekingen, zoals telefoon, inloop en tussendoorvragen",
    ),
    "PF08": (
        "vaste taken, plek, tijden en mensen",
        "zelden wijzigingen, vooraf aangekondigd",
        "sterk wisselende omstandigheden of taken",
    ),
    "PF09": (
        "eigen of afgeschermde plek",
        "rustige gedeelde ruimte",
        "drukke omgeving, zoals kantoortuin, balie of publieke ruimte",
    ),
    "PF10": (
        "geen bijzondere gevaren",
        "gewone gevaren met voorzorgen",
        "verhoogd risico, zoals machines, hoogte, verkeer of scherp gereedschap",
    ),
    "SF01": (
        "geen klantcontact",
        "weinig klantcontact, kort en voorspelbaar",
        "regelmatig of doorlopend klantcontact",
    ),
    "SF02": (
        "geen contact met hulpvragers",
        "weinig contact met hulpvragers",
        "regelmatig, emotioneel belastend contact",
    ),
    "SF03": (
        "geen conflicten: altijd doorverwijzen",
        "alleen telefonisch of schriftelijk",
        "oog in oog met boze of onredelijke mensen",
    ),
    "SF04": (
        "geen direct contact met collega's nodig",
        "alleen aan een eigen taak, los contact",
        "eigen afgebakende deeltaak in een team",
        "gezamenlijke taak met onderlinge afstemming",
    ),
    "SF05": (
        "collega of leidinggevende in de buurt",
        "op afstand snel bereikbaar",
        "alleen, zonder terugval",
    ),
    "SF06": ("geen leidinggeven", "af en toe anderen instrueren", "mensen aansturen"),
    "SF07": (
        "geen lezen of schrijven: werken met pictogrammen en voordoen",
        "korte eenvoudige teksten en lijstjes",
        "regelmatig werkteksten",
    ),
    "MO01": (
        "vervoer geregeld, begeleid of collectief",
        "vaste route zelfstandig, met ov of fiets",
        "zelfstandig naar wisselende locaties",
        "een voertuig besturen voor het werk",
    ),
    "OM01": (
        "prikkelarm: stil, tot ca. 55 dBA, geen fel licht of geuren",
        "matig: gesprekken en machines, zonder gehoorbescherming",
        "hoog: boven ca. 80 dBA, gehoorbescherming, fel licht of sterke geuren",
    ),
    "OM02": (
        "binnen, geklimatiseerd",
        "binnen of buiten bij gewoon weer, tocht",
        "extreme hitte boven 35 °C of kou onder −15 °C",
    ),
    "OM03": ("geen blootstelling", "af en toe of gering", "regelmatig, of beschermingsmiddelen nodig"),
    "DH01": ("≤ 2 kg", "≤ 5 kg", "≤ 10 kg", "≤ 15 kg", "> 15 kg"),
    "DH02": ("< ½ uur per dag", "ca. 1 uur per dag", "ca. 4 uur per dag", "het grootste deel van de dag"),
    "DH03": ("< ½ uur per dag", "ca. 1 uur per dag", "ca. 4 uur per dag", "het grootste deel van de dag"),
    "DH04": (
        "nooit",
        "tot 2× per uur knielen of hurken, één opstapje",
        "tot 5× per uur, huishoudtrap",
        "ca. 10× per uur, ladder",
    ),
    "SH01": ("< ½ uur per dag", "ca. 1 uur per dag", "ca. 4 uur per dag", "het grootste deel van de dag"),
    "SH02": (
        "< 4 uur per dag",
        "ca. 4 uur per dag",
        "het grootste deel van de dag, tot 8 uur",
        "bijna de hele dag",
    ),
    "WT01": (
        "ca. 2 uur per dag",
        "ca. 4 uur per dag",
        "ca. 6 uur per dag",
        "ca. 8 uur per dag",
        "> 8 uur per dag",
    ),
    "WT02": (
        "ca. 10 uur per week",
        "ca. 20 uur per week",
        "ca. 30 uur per week",
        "ca. 40 uur per week",
        "> 40 uur per week",
    ),
    "WT03": (
        "alleen overdag, van 6 tot 18 uur",
        "af en toe 's avonds",
        "regelmatig 's avonds, van 18 tot 22 uur",
        "ook 's nachts, van 22 tot 6 uur",
    ),
    "WT04": (
        "vaste tijden en zelfgekozen herstelpauzes",
        "vaste tijden, gewone pauzes",
        "wisselende roosters, pauzes bepaald door het werk",
    ),
}

# Main sentence per rule and outcome. UNKNOWN sentences are in CONSTRAINT_UNKNOWN_TEXTS.
CONSTRAINT_TEXTS: dict[Rule, dict[Outcome, str]] = {
    Rule.FML: {
        Outcome.PASS: "{name}: het werk vraagt niveau {demand} ({demand_label}), de kandidaat kan niveau {capacity} ({capacity_label}) — past",
        Outcome.SIGNAL: "{name}: het werk vraagt niveau {demand} ({demand_label}), de kandidaat kan niveau {capacity} ({capacity_label}) — signalering: {reason}",
        Outcome.EXCLUDE: "{name}: het werk vraagt niveau {demand} ({demand_label}), de kandidaat kan niveau {capacity} ({capacity_label}) — overschrijding",
    },
    Rule.HOURS_MIN_WEEK: {
        Outcome.PASS: "Uren per week: het werk is {package} uur per week, de kandidaat wil minimaal {candidate} uur — past",
        Outcome.EXCLUDE: "Uren per week: het werk is {package} uur per week, de kandidaat wil minimaal {candidate} uur — te weinig uren",
    },
    Rule.HOURS_MAX_WEEK: {
        Outcome.PASS: "Uren per week: het werk is {package} uur per week, de kandidaat kan maximaal {candidate} uur — past",
        Outcome.EXCLUDE: "Uren per week: het werk is {package} uur per week, de kandidaat kan maximaal {candidate} uur — te veel uren",
    },
    Rule.HOURS_PER_DAY: {
        Outcome.PASS: "Uren per dag: het werk vraagt {package} uur per dag, de kandidaat kan maximaal {candidate} uur — past",
        Outcome.EXCLUDE: "Uren per dag: het werk vraagt {package} uur per dag, de kandidaat kan maximaal {candidate} uur — te veel uren",
    },
    Rule.DAYS: {
        Outcome.PASS: "Werkdagen: het werk is op {package}, de kandidaat kan op {candidate} — past",
        Outcome.EXCLUDE: "Werkdagen: het werk is ook op {missing}, dan kan de kandidaat niet — past niet",
    },
    Rule.DAYPARTS: {
        Outcome.PASS: "Dagdelen: het werk is in de {package}, de kandidaat kan in de {candidate} — past",
        Outcome.EXCLUDE: "Dagdelen: het werk is ook in de {missing}, dan kan de kandidaat niet — past niet",
    },
    Rule.FIXED_SCHEDULE: {
        Outcome.PASS: "Vast rooster: {reason} — past",
        Outcome.EXCLUDE: "Vast rooster: de kandidaat heeft een vast rooster nodig, het werk heeft wisselende tijden — past niet",
    },
    Rule.TRAVEL: {
        Outcome.PASS: "Reistijd: ca. {minutes} min {mode}{rush}, maximaal {max_minutes} min gewenst — past",
        Outcome.EXCLUDE: "Reistijd: ca. {minutes} min {mode}{rush}, maximaal {max_minutes} min gewenst — te ver",
    },
    Rule.SUPPORT: {
        Outcome.PASS: "Ondersteuning: {reason} — past",
        Outcome.EXCLUDE: "Ondersteuning: de kandidaat heeft {missing} nodig, het werk biedt dat niet — past niet",
    },
    Rule.AVAILABILITY: {
        Outcome.PASS: "Beschikbaarheid: de kandidaat is beschikbaar vanaf {candidate}, het werk begint op {package} — past",
        Outcome.EXCLUDE: "Beschikbaarheid: de kandidaat is pas beschikbaar vanaf {candidate}, het werk begint al op {package} — past niet",
    },
}

# Fragments used inside CONSTRAINT_TEXTS.
CONSTRAINT_FRAGMENTS: dict[str, str] = {
    "fml_signal_above_norm": "het werk vraagt meer dan normaal",
    "fml_signal_at_limit": "precies de grens van wat de kandidaat kan",
    "fixed_not_needed": "de kandidaat heeft geen vast rooster nodig",
    "fixed_offered": "het werk heeft een vast rooster",
    "support_none_needed": "de kandidaat heeft geen ondersteuning nodig",
    "support_offered": "het werk biedt wat de kandidaat nodig heeft ({needs})",
    "support_everything": "het werk biedt alle vormen van ondersteuning",
    "days_all": "de kandidaat kan alle dagen van de week",
    "dayparts_all": "de kandidaat kan op alle dagdelen",
    "nothing": "geen",
    "rush_applied": " (in de spits)",
    "travel_no_modes": "Reistijd: er is geen vervoermiddel vastgelegd waarmee de kandidaat kan reizen — past niet",
    "hours_min_zero": "Uren per week: de kandidaat heeft geen minimum aantal uren — past",
    "hours_zero": "{label}: het werk vraagt 0 uur — past",
}

# "Onbekend: ..." per rule and per missing side: "candidate", "package" or "both".
CONSTRAINT_UNKNOWN_TEXTS: dict[Rule, dict[str, str]] = {
    Rule.FML: {
        "candidate": "Onbekend: {name}: er is niet vastgelegd wat de kandidaat kan (het werk vraagt niveau {demand}, {demand_label})",
        "package": "Onbekend: {name}: er is niet vastgelegd wat het werk vraagt (de kandidaat kan niveau {capacity}, {capacity_label})",
        "both": "Onbekend: {name}: er is niet vastgelegd wat het werk vraagt en wat de kandidaat kan",
    },
    Rule.HOURS_MIN_WEEK: {
        "candidate": "Onbekend: er is niet vastgelegd hoeveel uur per week de kandidaat minimaal wil werken",
        "package": "Onbekend: er is niet vastgelegd hoeveel uur per week het werk is",
        "both": "Onbekend: er is niet vastgelegd hoeveel uur per week het werk is en hoeveel uur de kandidaat minimaal wil werken",
    },
    Rule.HOURS_MAX_WEEK: {
        "candidate": "Onbekend: er is niet vastgelegd hoeveel uur per week de kandidaat maximaal kan werken",
        "package": "Onbekend: er is niet vastgelegd hoeveel uur per week het werk is",
        "both": "Onbekend: er is niet vastgelegd hoeveel uur per week het werk is en hoeveel uur de kandidaat maximaal kan werken",
    },
    Rule.HOURS_PER_DAY: {
        "candidate": "Onbekend: er is niet vastgelegd hoeveel uur per dag de kandidaat kan werken",
        "package": "Onbekend: er is niet vastgelegd hoeveel uur per dag het werk vraagt",
        "both": "Onbekend: er is niet vastgelegd hoeveel uur per dag het werk vraagt en hoeveel de kandidaat kan werken",
    },
    Rule.DAYS: {
        "candidate": "Onbekend: er is niet vastgelegd op welke dagen de kandidaat kan werken",
        "package": "Onbekend: er is niet vastgelegd op welke dagen het werk is",
        "both": "Onbekend: er is niet vastgelegd op welke dagen het werk is en wanneer de kandidaat kan",
    },
    Rule.DAYPARTS: {
        "candidate": "Onbekend: er is niet vastgelegd op welke dagdelen de kandidaat kan werken",
        "package": "Onbekend: er is niet vastgelegd op welke dagdelen het werk is",
        "both": "Onbekend: er is niet vastgelegd op welke dagdelen het werk is en wanneer de kandidaat kan",
    },
    Rule.FIXED_SCHEDULE: {
        "candidate": "Onbekend: er is niet vastgelegd of de kandidaat een vast rooster nodig heeft",
        "package": "Onbekend: er is niet vastgelegd of het werk een vast rooster heeft",
        "both": "Onbekend: er is niet vastgelegd of de kandidaat een vast rooster nodig heeft en of het werk er een heeft",
    },
    Rule.TRAVEL: {
        "candidate": "Onbekend: er is niet vastgelegd hoe lang de kandidaat wil reizen (ca. {minutes} min {mode}{rush})",
        "package": "Onbekend: de reistijd is niet te schatten: woonplaats, werkplek of vervoermiddelen zijn niet vastgelegd",
        "both": "Onbekend: de reistijd is niet te schatten: woonplaats, werkplek of vervoermiddelen zijn niet vastgelegd",
        "rush": "Onbekend: reistijd ca. {minutes} min {mode} buiten de spits, maximaal {max_minutes} min gewenst; in de spits kan het te lang zijn, en er is niet vastgelegd of de kandidaat de spits mijdt of of het werk 's ochtends begint",
    },
    Rule.SUPPORT: {
        "candidate": "Onbekend: er is niet vastgelegd welke ondersteuning de kandidaat nodig heeft",
        "package": "Onbekend: er is niet vastgelegd welke ondersteuning het werk biedt (de kandidaat heeft {needs} nodig)",
        "both": "Onbekend: er is niet vastgelegd welke ondersteuning de kandidaat nodig heeft en wat het werk biedt",
    },
    Rule.AVAILABILITY: {
        "candidate": "Onbekend: er is niet vastgelegd vanaf wanneer de kandidaat beschikbaar is",
        "package": "Onbekend: er is niet vastgelegd wanneer het werk begint",
        "both": "Onbekend: er is niet vastgelegd wanneer het werk begint en vanaf wanneer de kandidaat beschikbaar is",
    },
}


def count_nl(texts: Mapping[str, str], key: str, n: int, **fields: object) -> str:
    """``texts[key]`` with the count ``n`` filled in, or ``texts[key + "_one"]`` when ``n`` is 1.

    Examples
    --------
    >>> count_nl(APP_TEXTS["common"], "n_signals", 1)
    '1 signalering'
    >>> count_nl(APP_TEXTS["common"], "n_signals", 2)
    '2 signaleringen'
    """
    template = texts.get(f"{key}_one", texts[key]) if n == 1 else texts[key]
    return template.format(n=n, **fields)


def join_nl(words: Sequence[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b en c"``."""
    words = list(words)
    if not words:
        return CONSTRAINT_FRAGMENTS["nothing"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " en " + words[-1]


def date_nl(value: date | str) -> str:
    """``2025-03-01`` -> ``"1 maart 2025"``."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTH_NAMES_NL[day.month - 1]} {day.year}"


def fml_name_nl(code: str) -> str:
    """Dutch name of an FML-lite item (the contract's ``name_nl``, cleaned where needed)."""
    return FML_NAME_OVERRIDES_NL.get(code) or load_contract().fml[code].name_nl


def fml_level_nl(code: str, level: int) -> str:
    """Dutch anchor of ``level`` on item ``code`` (e.g. ``DH01``, 2 -> ``"≤ 10 kg"``)."""
    labels = FML_LEVELS_NL.get(code, ())
    return labels[level] if 0 <= level < len(labels) else f"niveau {level}"


def _names(values: Sequence[str], names: dict[str, str]) -> str:
    return join_nl([names.get(v, v.replace("_", " ")) for v in values])


def _ordered(values: Sequence[str], vocabulary: Sequence[str]) -> list[str]:
    order = {word: i for i, word in enumerate(vocabulary)}
    return sorted(set(values), key=lambda v: (order.get(v, len(order)), v))


def _missing_side(check: Check) -> str:
    if check.candidate_value is None and check.package_value is None:
        return "both"
    return "candidate" if check.candidate_value is None else "package"


def _render_fml(check: Check) -> str:
    code = check.item or ""
    cap, dem = check.candidate_value, check.package_value
    fields = {"name": fml_name_nl(code), "capacity": cap, "demand": dem}
    if isinstance(cap, int):
        fields["capacity_label"] = fml_level_nl(code, cap)
    if isinstance(dem, int):
        fields["demand_label"] = fml_level_nl(code, dem)
    if check.outcome is Outcome.UNKNOWN:
        return CONSTRAINT_UNKNOWN_TEXTS[Rule.FML][_missing_side(check)].format(**fields)
    if check.outcome is Outcome.SIGNAL:
        norm = load_contract().fml[code].norm
        above = isinstance(dem, int) and dem > norm
        fields["reason"] = CONSTRAINT_FRAGMENTS["fml_signal_above_norm" if above else "fml_signal_at_limit"]
    return CONSTRAINT_TEXTS[Rule.FML][check.outcome].format(**fields)


def _render_travel(check: Check) -> str:
    unknown = CONSTRAINT_UNKNOWN_TEXTS[Rule.TRAVEL]
    estimate = check.package_value
    if not isinstance(estimate, list):
        if check.outcome is Outcome.EXCLUDE:
            return CONSTRAINT_FRAGMENTS["travel_no_modes"]
        return unknown["package"]
    minutes, mode, rush = estimate
    fields = {
        "minutes": minutes,
        "mode": TRAVEL_MODE_NAMES_NL.get(mode, mode),
        "rush": CONSTRAINT_FRAGMENTS["rush_applied"] if rush else "",
        "max_minutes": check.candidate_value,
    }
    if check.outcome is Outcome.UNKNOWN:
        return unknown["candidate" if check.candidate_value is None else "rush"].format(**fields)
    return CONSTRAINT_TEXTS[Rule.TRAVEL][check.outcome].format(**fields)


def _render_subset(check: Check, names: dict[str, str], vocabulary: Sequence[str], everything: str) -> str:
    texts = CONSTRAINT_TEXTS[check.rule]
    cand, pkg = check.candidate_value, check.package_value
    if check.outcome is Outcome.EXCLUDE and isinstance(cand, list) and isinstance(pkg, list):
        missing = _ordered([v for v in pkg if v not in cand], vocabulary)
        return texts[Outcome.EXCLUDE].format(missing=_names(missing, names))
    if isinstance(cand, list) and isinstance(pkg, list):
        return texts[Outcome.PASS].format(
            package=_names(_ordered(pkg, vocabulary), names),
            candidate=_names(_ordered(cand, vocabulary), names),
        )
    return texts[Outcome.PASS].split(":")[0] + ": " + CONSTRAINT_FRAGMENTS[everything] + " — past"


def _render_support(check: Check) -> str:
    needs, offers = check.candidate_value, check.package_value
    vocabulary = tuple(load_contract().needs_offers)
    if check.outcome is Outcome.EXCLUDE and isinstance(needs, list) and isinstance(offers, list):
        missing = _ordered([v for v in needs if v not in offers], vocabulary)
        return CONSTRAINT_TEXTS[Rule.SUPPORT][Outcome.EXCLUDE].format(missing=_names(missing, NEED_NAMES_NL))
    if isinstance(needs, list) and not needs:
        reason = CONSTRAINT_FRAGMENTS["support_none_needed"]
    elif isinstance(needs, list):
        reason = CONSTRAINT_FRAGMENTS["support_offered"].format(
            needs=_names(_ordered(needs, vocabulary), NEED_NAMES_NL)
        )
    else:
        reason = CONSTRAINT_FRAGMENTS["support_everything"]
    return CONSTRAINT_TEXTS[Rule.SUPPORT][Outcome.PASS].format(reason=reason)


def render_check_nl(check: Check) -> str:
    """One Dutch sentence for an adviser about one hard-rule check.

    Parameters
    ----------
    check : matcher.constraints.Check

    Returns
    -------
    str
        E.g. ``"Tillen en dragen: het werk vraagt niveau 4 (> 15 kg), de kandidaat kan niveau 2
        (≤ 10 kg) — overschrijding"``, ``"Reistijd: ca. 35 min met de fiets, maximaal 30 min gewenst
        — te ver"``, ``"Onbekend: er is niet vastgelegd hoeveel uur per dag de kandidaat kan werken"``.
    """
    rule, outcome = check.rule, check.outcome
    if rule is Rule.FML:
        return _render_fml(check)
    if outcome is Outcome.SIGNAL:
        raise ValueError(
            f"no Dutch text for rule {rule.value!r} with outcome 'signal': only FML-lite items yield "
            "signaleringen; build checks with matcher.constraints.check_pair"
        )
    if rule is Rule.TRAVEL:
        return _render_travel(check)
    if outcome is Outcome.UNKNOWN:
        fields = {}
        if rule is Rule.SUPPORT and isinstance(check.candidate_value, list):
            fields["needs"] = _names(check.candidate_value, NEED_NAMES_NL)
        return CONSTRAINT_UNKNOWN_TEXTS[rule][_missing_side(check)].format(**fields)
    contract = load_contract()
    if rule is Rule.DAYS:
        return _render_subset(check, DAY_NAMES_NL, contract.days, "days_all")
    if rule is Rule.DAYPARTS:
        return _render_subset(check, DAYPART_NAMES_NL, tuple(contract.dayparts), "dayparts_all")
    if rule is Rule.SUPPORT:
        return _render_support(check)
    if rule is Rule.FIXED_SCHEDULE:
        if outcome is Outcome.EXCLUDE:
            return CONSTRAINT_TEXTS[rule][outcome]
        not_needed = check.candidate_value is False
        reason = CONSTRAINT_FRAGMENTS["fixed_not_needed" if not_needed else "fixed_offered"]
        return CONSTRAINT_TEXTS[rule][outcome].format(reason=reason)
    if rule is Rule.AVAILABILITY:
        return CONSTRAINT_TEXTS[rule][outcome].format(
            candidate=date_nl(str(check.candidate_value)), package=date_nl(str(check.package_value))
        )
    # Hours: decided with one side unknown only when the candidate's minimum or the package's hours are 0.
    if check.candidate_value is None or check.package_value is None:
        if rule is Rule.HOURS_MIN_WEEK:
            return CONSTRAINT_FRAGMENTS["hours_min_zero"]
        label = CONSTRAINT_TEXTS[rule][Outcome.PASS].split(":")[0]
        return CONSTRAINT_FRAGMENTS["hours_zero"].format(label=label)
    return CONSTRAINT_TEXTS[rule][outcome].format(
        candidate=check.candidate_value, package=check.package_value
    )


# ---------------------------------------------------------------- app (app.py, webapp/)
# Every text of the Streamlit app, per page. Formatting fields are in {braces}.

APP_TEXTS: dict[str, dict[str, str]] = {
    "common": {
        "app_title": "Banenmatch",
        "no_access": "Geen toegang: deze pagina hoort niet bij uw rol.",
        "loading": "Gegevens en taalmodel laden (eenmalig, daarna direct)…",
        "data_missing": (
            "Geen gegevens gevonden ({files}). Zet BANENMATCH_DATA op een map met candidates.jsonl en "
            "vacancies.jsonl (en eventueel placements.jsonl)."
        ),
        "data_too_large": (
            "Deze gegevens zijn te groot om bij het starten van de app te verwerken ({candidates} kandidaten; "
            "de app doet dat tot {limit}). Laat eenmalig een index bouwen met\n\n"
            "banenmatch build --candidates {folder}/candidates.jsonl --vacancies {folder}/vacancies.jsonl "
            "--placements {folder}/placements.jsonl --out INDEX\n\n"
            "en start de app met BANENMATCH_INDEX=INDEX; die index laadt in enkele seconden."
        ),
        "index_unusable": (
            "De index in BANENMATCH_INDEX kan niet worden gebruikt: {error} Bouw hem opnieuw met "
            "'banenmatch build' of zet BANENMATCH_INDEX op een andere map."
        ),
        "data_index": "index {folder} (versie {version})",
        "model_missing": (
            "Een model kon niet worden geladen: {error} Start de app met BANENMATCH_ENCODER=hashing "
            "om met het eenvoudige testmodel te werken."
        ),
        "data_problems": "{n} records zijn overgeslagen omdat ze fouten bevatten; zie de pagina Gegevens.",
        "data_problems_one": "{n} record is overgeslagen omdat het fouten bevat; zie de pagina Gegevens.",
        "more_problems": "… en nog {n} problemen",
        "signed_in_as": "Ingelogd als {name}",
        "role": "Rol: {roles}",
        "data_source": "Gegevens: {source} ({candidates} kandidaten, {packages} vacatures)",
        "data_upload": "geüploade bestanden",
        "data_upload_named": "de upload '{name}' (van {by}, {when})",
        "upload_gone": (
            "De gegevensset '{name}' waarmee u werkte, is verwijderd (door u of een collega van uw WSP). De app "
            "schakelt niet ongemerkt over op andere gegevens: kies op de pagina Gegevens waarmee u verder wilt."
        ),
        "logout": "Uitloggen",
        "k": "Aantal resultaten",
        "explanation": "Uitleg",
        "confidence": "betrouwbaarheid {level}",
        "n_signals": "{n} signaleringen",
        "n_signals_one": "{n} signalering",
        "n_unknowns": "{n} onbekend",
        "travel": "reistijd ca. {minutes} min",
        "score_note": (
            "De volgorde is een rangorde, geen percentage 'match'. Onbekende gegevens tellen nooit als passend: "
            "ze staan onder 'Onbekend' om na te vragen."
        ),
        "synthetic": "Alle gegevens in deze demo zijn synthetisch: er staan geen echte personen in.",
        "db_outdated": (
            "De database van Banenmatch is verouderd (versie {current}, nodig: {head}). Er wordt niets in "
            "opgeslagen. Laat de beheerder eerst 'banenmatch db upgrade' uitvoeren en start de app daarna opnieuw."
        ),
        "db_outdated_none": "van vóór de versienummering",
        "wsp": "WSP: {wsp}",
        "no_wsp": (
            "U bent nog niet aan een werkgeversservicepunt (arbeidsmarktregio) gekoppeld, dus u kunt geen "
            "gedeelde shortlist gebruiken. Vraag de beheerder u te koppelen (scripts/make_users.py add ... --wsp)."
        ),
    },
    "login": {
        "form": "Inloggen",
        "username": "Gebruikersnaam",
        "password": "Wachtwoord",
        "submit": "Inloggen",
        "wrong": "Gebruikersnaam of wachtwoord onjuist.",
        "locked": (
            "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen om in te loggen. Probeer het "
            "over {minutes} minuten opnieuw, of vraag de beheerder om hulp."
        ),
        "intro": (
            "Banenmatch helpt werkgeversservicepunten en sectoren mensen uit het doelgroepregister te "
            "koppelen aan passend werk bij publieke werkgevers."
        ),
        "demo": "Demo-omgeving: de demo-gebruikers en hun wachtwoorden staan in docs/APP.md.",
    },
    "pages": {
        "vacature": "Vacature invullen",
        "werk-naar-werk": "Van werk naar werk",
        "gegevens": "Gegevens",
        "functieprofielen": "Functieprofielen",
        "jobcarving": "Jobcarving",
        "evaluatie": "Evaluatie",
    },
    "roles": {
        "adviseur": "adviseur werkgeversservicepunt",
        "projectleider": "projectleider sector",
        "evaluator": "evaluator",
    },
    "vacature": {
        "title": "Vacature invullen",
        "intro": (
            "Kies een vacature of werkpakket, of vul zelf in wat het werk vraagt. U ziet direct hoeveel "
            "kandidaten op geen enkele harde voorwaarde afvallen, en de best passende kandidaten met uitleg."
        ),
        "mode": "Werkwijze",
        "mode_pick": "Bestaande vacature of werkpakket",
        "mode_form": "Zelf invullen",
        "pick": "Vacature of werkpakket",
        "pick_label": "{title} — {employer}, {place} ({id})",
        "unknown_place": "plaats onbekend",
        "prefill": "Begin met de gegevens van (optioneel)",
        "prefill_none": "— leeg formulier —",
        "choose": "Kies…",
        "unknown": "Nog onbekend",
        "offers_none": "De werkplek biedt geen ondersteuning (leeg laten zonder dit vinkje betekent: nog onbekend)",
        "section_work": "Het werk",
        "title_field": "Functietitel",
        "employer": "Werkgever",
        "sector": "Sector",
        "municipality": "Gemeente van de werkplek",
        "tasks": "Taken (één per regel)",
        "description": "Korte omschrijving",
        "section_time": "Uren en werktijden",
        "hours_week": "Uren per week",
        "hours_day": "Uren per dag (langste werkdag)",
        "days": "Werkdagen",
        "dayparts": "Dagdelen",
        "fixed": "Vast rooster",
        "fixed_yes": "Ja, elke week dezelfde tijden",
        "fixed_no": "Nee, wisselende tijden",
        "start": "Startdatum",
        "contract": "Contractvorm",
        "section_offers": "Wat de werkplek biedt",
        "offers": "Ondersteuning die de werkplek biedt",
        "accommodations": "Aanpassingen van de werkplek (uit de vacature waarmee u begon)",
        "accommodations_help": (
            "Een bevestigde aanpassing verlaagt wat het werk vraagt op de punten waarvoor ze bedoeld is; een niet "
            "bevestigde telt nog niet mee. Haal een aanpassing weg als die er niet komt."
        ),
        "accommodation_confirmed": "{name} (bevestigd)",
        "accommodation_unconfirmed": "{name} (nog niet bevestigd; telt nog niet mee)",
        "section_demands": "Wat het werk vraagt",
        "demands_intro": (
            "Beantwoord de vragen zo goed mogelijk. Kiest u 'Weet ik niet', dan telt dat punt voor iedereen als "
            "onbekend (een signalering om na te vragen), nooit als passend."
        ),
        "dont_know": "Weet ik niet",
        "form_problems": "Het formulier is nog niet compleet of bevat fouten:",
        "fill_required": "Vul ten minste de functietitel, de werkgever en de gemeente van de werkplek in.",
        "eligible": "Kandidaten die op geen enkele harde voorwaarde afvallen",
        "eligible_help": (
            "Wat van een kandidaat of van het werk nog onbekend is, sluit niemand uit en telt ook niet als "
            "passend: het staat bij elke kandidaat onder 'Onbekend', om na te vragen."
        ),
        "results": "Best passende kandidaten",
        "no_results": "Geen kandidaat voldoet aan alle harde voorwaarden. Bekijk hieronder waarom niet.",
        "candidate": "{rank}. Kandidaat {id}",
        "add": "Op de shortlist",
        "on_list": "Staat op de shortlist",
        "added": "Kandidaat {id} staat op de shortlist.",
        "why_not": "Waarom niet? Toon uitgesloten kandidaten",
        "why_not_intro": "Uitgesloten kandidaten met de harde voorwaarden waarop zij afvallen (de kleinste verschillen eerst):",
        "why_not_line": "Kandidaat {id}",
        "why_not_more": "Alleen de eerste {n} uitgesloten kandidaten worden getoond.",
        "none_excluded": "Niemand is uitgesloten.",
        "package_tasks": "Taken: {tasks}",
    },
    "shortlist": {
        "title": "Shortlist voor deze vacature",
        "empty": "Nog niemand op de shortlist. Gebruik de knop 'Op de shortlist' bij een kandidaat.",
        "remove": "Van de shortlist halen",
        "remove_pick": "Kandidaat",
        "removed": "Kandidaat {id} is van de shortlist gehaald.",
        "shared": "Gedeeld met de adviseurs van WSP {wsp}: u ziet wie wie toevoegde, wanneer, en hun notitie.",
        "note": "Notitie (kort, zonder gegevens over gezondheid)",
        "note_saved": "De notitie bij kandidaat {id} is opgeslagen.",
        "csv": "Download als CSV",
        "xlsx": "Download als Excel",
        "file": "shortlist-{id}",
        "sheet": "Shortlist",
        "privacy": "De export bevat alleen pseudoniemen, geen namen of BSN.",
    },
    "werk": {
        "title": "Van werk naar werk",
        "intro": (
            "Kandidaten van wie de baan binnenkort eindigt of kort geleden is geëindigd. Kies een kandidaat "
            "en zie welke werkpakketten passen, met uitleg."
        ),
        "as_of": "Peildatum",
        "as_of_data": "De plaatsingshistorie van deze gegevens loopt tot {date}; dat is de peildatum.",
        "recent": "Ook banen die al zijn geëindigd, tot zoveel dagen vóór de peildatum",
        "none": "Geen kandidaten van wie de baan rond deze peildatum eindigt.",
        "count": "{n} kandidaten van wie de baan eindigt of kort geleden is geëindigd",
        "count_one": "{n} kandidaat van wie de baan eindigt of kort geleden is geëindigd",
        "candidate": "Kandidaat",
        "ends": "Kandidaat {id} — baan eindigt op {date} ({title})",
        "ended": "Kandidaat {id} — baan eindigde op {date} ({title})",
        "unknown_job": "onbekend werkpakket",
        "results": "Best passende werkpakketten",
        "no_results": (
            "Geen werkpakket past binnen alle harde voorwaarden van deze kandidaat. Bekijk hieronder waarom niet."
        ),
        "package": "{rank}. {title} — {employer}, {place}",
        "current": "huidige baan",
        "why_not": "Waarom niet? Toon werkpakketten die net niet passen",
        "why_not_intro": "Werkpakketten met de harde voorwaarden waarop ze voor deze kandidaat afvallen (de kleinste verschillen eerst):",
        "why_not_line": "{title} — {employer}, {place}",
        "why_not_current": "{line} (huidige baan)",
        "tasks": "Taken van dit werkpakket",
        "unknown_place": "plaats onbekend",
        "why_not_more": "Alleen de eerste {n} werkpakketten worden getoond.",
        "none_excluded": "Geen enkel werkpakket is uitgesloten.",
        "hours": "{hours} uur per week",
    },
    "gegevens": {
        "title": "Gegevens",
        "intro": (
            "De app werkt met de meegeleverde voorbeeldgegevens, of met uw eigen bestanden (JSON Lines, "
            "zie docs/CONTRACT.md). Elk bestand wordt gecontroleerd zoals 'banenmatch validate' dat doet: "
            "records met fouten worden overgeslagen, de goede records worden gebruikt."
        ),
        "current": "In gebruik: {source}",
        "source_sample": "de meegeleverde voorbeeldgegevens",
        "source_folder": "de gegevensmap {folder} op de server",
        "problems_howto": (
            "Elke regel noemt het bestand, het regelnummer en het veld, met wat er verwacht werd, wat er stond "
            "en hoe het te herstellen is (in het Engels, net als bij 'banenmatch validate'). Herstel die regels "
            "in het bestand en upload het opnieuw."
        ),
        "counts": "{candidates} kandidaten, {packages} vacatures en werkpakketten, {placements} plaatsingen",
        "problems": "Problemen gevonden: {n}; records overgeslagen: {set_aside}.",
        "no_problems": "Alle records zijn in orde.",
        "candidates": "Kandidaten (candidates.jsonl)",
        "vacancies": "Vacatures en werkpakketten (vacancies.jsonl)",
        "placements": "Plaatsingen (placements.jsonl, optioneel)",
        "load": "Controleren en gebruiken",
        "need_one": "Kies ten minste één bestand met kandidaten of vacatures.",
        "loaded": (
            "Geladen: {candidates} kandidaten en {packages} vacatures. Een niet geüpload bestand met "
            "kandidaten of vacatures komt uit de voorbeeldgegevens; plaatsingen alleen uit een upload."
        ),
        "reset": "Verder met de gegevens van de server",
        "nothing_loaded": "Er is geen enkel goed record over; de vorige gegevens blijven in gebruik.",
        "name": "Naam van deze gegevensset (bijvoorbeeld 'Kandidaten november')",
        "choose": "Gegevensset in gebruik",
        "choice_upload": "{name} — geüpload door {by} op {when}",
        "stored": (
            "Uploads worden bewaard voor uw WSP ({wsp}) tot iemand ze verwijdert; elke adviseur van het WSP "
            "kan ze kiezen. Een upload van een ander vervangt de uwe nooit."
        ),
        "remove": "Deze upload verwijderen",
        "removed": "De upload '{name}' is verwijderd. U werkt nu met {source}.",
        "no_wsp_uploads": "Uploaden kan zodra u aan een WSP gekoppeld bent.",
    },
    "profielen": {
        "title": "Functieprofielen",
        "intro": (
            "Blader door de functieprofielen en zie per arbeidsmarktregio hoeveel geregistreerde kandidaten "
            "zo'n functie nu zouden kunnen vervullen."
        ),
        "search": "Zoek op titel of taak",
        "sectors": "Sectoren",
        "all_sectors": "Alle sectoren",
        "found": "{n} functieprofielen",
        "found_one": "{n} functieprofiel",
        "none": "Geen functieprofiel gevonden met deze zoekopdracht.",
        "col_title": "Functie",
        "col_sectors": "Sectoren",
        "col_hours": "Uren per week",
        "col_tasks": "Taken",
        "choose": "Functieprofiel",
        "hours": "{low} tot {high} uur per week",
        "tasks": "Taken",
        "demands": "Wat de functie vraagt (FML-lite)",
        "demand_line": "{item}: niveau {level} ({words})",
        "offers": "Ondersteuning die bij deze functie hoort: {offers}",
        "no_offers": "geen vaste ondersteuning",
        "supply": "Kandidaten die deze functie nu zouden kunnen vervullen, per arbeidsmarktregio",
        "supply_note": (
            "Per regio is de functie gedacht in de centrale gemeente, met de laagste uren van het profiel, "
            "start vandaag en een nog onbekend rooster. Geteld worden kandidaten die aan alle harde "
            "voorwaarden voldoen (ook reistijd). Wat van een kandidaat onbekend is, sluit niemand uit: wie "
            "bijvoorbeeld geen maximale reistijd heeft opgegeven, telt in elke regio mee. Aantallen onder de 5 "
            "worden niet getoond ('< 5'), zodat niemand herkenbaar is."
        ),
        "col_region": "Arbeidsmarktregio",
        "col_place": "Werkplek (gemeente)",
        "col_count": "Kandidaten",
        "col_bar": "Aantal (onder 5: niet getoond)",
        "suppressed": "< 5",
    },
    "evaluatie": {
        "title": "Evaluatie",
        "intro": (
            "Benchmarkrapporten van de evaluatie op synthetische gegevens: kwaliteit van de rangorde, "
            "schendingen van harde voorwaarden (moet 0 zijn), dekking en blootstelling per groep."
        ),
        "none": "Nog geen rapporten gevonden in {folder}. Start hieronder een kleine evaluatie.",
        "choose": "Rapport",
        "report_label": "{name} ({when})",
        "metrics": "Cijfers (metrics.json)",
        "plots": "Grafieken",
        "more_tables": "Meer tabellen (significantie, instellingen, gegevens)",
        "value": "waarde",
        "report": "Rapport (report.md)",
        "fair": "Eerlijke herschikking van kandidaten",
        "fair_intro": (
            "Zet de eerlijke herschikking aan voor alle adviseurs. Bij een vacature zorgt die dat elke groep "
            "(soort beperking) in de top evenveel aan bod komt als in de {depth} best passende geschikte "
            "kandidaten (methode DetGreedy, Geyik e.a. 2019). Er komt nooit iemand bij die niet aan de "
            "harde voorwaarden voldoet, en de scores veranderen niet: alleen de volgorde. Een adviseur ziet "
            "bij een kandidaat die hoger is gezet dat dat door de herschikking komt. De groepen komen uit "
            "{file} in de gegevensmap ({n} kandidaten met een groep) en worden nooit gebruikt om te scoren."
        ),
        "fair_no_groups": (
            "Niet beschikbaar: de gegevensmap heeft geen leesbaar bestand {file} met een groep per kandidaat."
        ),
        "fair_enabled": "Eerlijke herschikking aan",
        "fair_depth": "Aantal best passende kandidaten dat de verdeling over groepen bepaalt",
        "fair_save": "Instelling opslaan",
        "fair_saved": "Opgeslagen: de eerlijke herschikking staat nu {state}.",
        "fair_on": "aan",
        "fair_off": "uit",
        "run": "Kleine evaluatie starten",
        "run_intro": (
            "Maakt een nieuwe synthetische wereld rond {region} (woonplaatsen en werkplekken binnen 15 km, "
            "één werkpakket per {per_package} kandidaten), laat alle systemen rangschikken en schrijft een "
            "rapport. Met 1000 kandidaten duurt dat ongeveer 40 seconden, met 2000 ruim een minuut; meer "
            "kandidaten geven nauwkeuriger cijfers."
        ),
        "candidates": "Aantal kandidaten in de synthetische wereld",
        "seed": "Startwaarde (seed)",
        "start": "Start evaluatie",
        "running": "Evaluatie loopt…",
        "done": "Klaar: rapport {name} staat bovenaan de lijst.",
        "failed": "De evaluatie is mislukt (code {code}). Laatste regels van de uitvoer:",
        "too_few_vacancy": (
            "Te weinig om iets te concluderen: "
            "maar {n} vacatures hebben in deze wereld een passende kandidaat."
        ),
        "too_few_vacancy_one": (
            "Te weinig om iets te concluderen: maar {n} vacature heeft in deze wereld een passende kandidaat."
        ),
        "too_few_candidate": (
            "Te weinig om iets te concluderen: "
            "maar {n} kandidaten hebben in deze wereld een passend werkpakket."
        ),
        "too_few_candidate_one": (
            "Te weinig om iets te concluderen: "
            "maar {n} kandidaat heeft in deze wereld een passend werkpakket."
        ),
        "too_few_why": (
            "Er zijn er minstens {minimum} nodig. De verschillen in de tabel kunnen net zo goed toeval zijn; "
            "de toetsen tegen de vergelijkingsmethode worden daarom niet getoond."
        ),
        "too_few_hint": "Start hieronder een evaluatie met meer kandidaten voor cijfers die iets zeggen.",
    },
}

# Captions of the metrics.json tables on the evaluation page (by their path in the file).
APP_EVALUATION_TABLES: dict[str, str] = {
    "vacancy": "Vacature → kandidaten (per systeem)",
    "candidate": "Kandidaat → werkpakketten (per systeem)",
    "settings": "Instellingen",
    "data": "Gegevens",
    "": "Overig",
}

APP_DEMAND_GROUPS: dict[str, str] = {
    "PF": "Het werk zelf",
    "SF": "Contact met mensen",
    "MO": "Reizen",
    "OM": "De omgeving",
    "DH": "Lichamelijk werk",
    "SH": "Lichamelijk werk",
    "WT": "Werktijden",
}

# One plain question per FML-lite item; answer i means level i (so each tuple has max_level + 1 answers).
APP_DEMAND_QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "PF01": (
        "Hoe lang moet iemand zich achter elkaar op één taak richten?",
        ("Kort: hooguit 5 minuten", "Tot een half uur", "Langer dan een half uur"),
    ),
    "PF02": (
        "Moet iemand meerdere dingen tegelijk in de gaten houden?",
        ("Nee, één ding tegelijk", "Een paar dingen, om en om", "Ja, veel verschillende dingen tegelijk"),
    ),
    "PF03": (
        "Moet iemand veel onthouden?",
        (
            "Nee, alles staat op de plek zelf (instructies, pictogrammen)",
            "Eigen aantekeningen en hulpmiddelen zijn genoeg",
            "Ja, zonder hulpmiddelen onthouden",
        ),
    ),
    "PF04": (
        "Hoeveel moet iemand zelf bedenken en plannen?",
        (
            "Niets: het werk ligt helemaal vast",
            "Weinig: vaste, bekende werkwijzen",
            "Veel: eigen werk plannen en problemen oplossen",
        ),
    ),
    "PF05": (
        "Moet er in een hoog tempo gewerkt worden?",
        (
            "Nee, in eigen tempo, zonder productienorm",
            "Gewoon tempo, geen hoge norm",
            "Ja, hoog tempo (band of machine)",
        ),
    ),
    "PF06": ("Zijn er deadlines of drukke pieken?", ("Nee", "Af en toe, en voorspelbaar", "Vaak")),
    "PF07": (
        "Wordt iemand vaak gestoord of onderbroken?",
        ("Nauwelijks", "Af en toe", "Vaak (telefoon, inloop, tussendoorvragen)"),
    ),
    "PF08": (
        "Is het werk elke dag hetzelfde?",
        (
            "Ja: vaste taken, plek, tijden en mensen",
            "Meestal; veranderingen worden vooraf verteld",
            "Nee, het wisselt sterk",
        ),
    ),
    "PF09": (
        "Is het er rustig of druk?",
        (
            "Rustig: een eigen of afgeschermde plek",
            "Een rustige ruimte, gedeeld met anderen",
            "Druk: kantoortuin, balie of publieke ruimte",
        ),
    ),
    "PF10": (
        "Zijn er gevaren bij het werk?",
        (
            "Geen bijzondere gevaren",
            "Gewone gevaren, met voorzorgen",
            "Verhoogd risico (machines, hoogte, verkeer, scherp gereedschap)",
        ),
    ),
    "SF01": (
        "Is er contact met klanten of bezoekers?",
        ("Nee", "Weinig: kort en voorspelbaar", "Regelmatig of doorlopend"),
    ),
    "SF02": (
        "Is er contact met mensen die hulp of zorg nodig hebben?",
        ("Nee", "Weinig", "Regelmatig, en dat kan emotioneel zwaar zijn"),
    ),
    "SF03": (
        "Kan iemand te maken krijgen met boze of lastige mensen?",
        ("Nee, dat wordt altijd doorverwezen", "Alleen telefonisch of schriftelijk", "Ja, ook oog in oog"),
    ),
    "SF04": (
        "Hoeveel moet iemand samenwerken met collega's?",
        (
            "Geen direct contact nodig",
            "Werkt alleen aan een eigen taak, los contact",
            "Een eigen deeltaak binnen een team",
            "Een gezamenlijke taak met veel overleg",
        ),
    ),
    "SF05": (
        "Is er altijd een collega of leidinggevende in de buurt?",
        ("Ja, in de buurt", "Op afstand snel bereikbaar", "Nee, iemand werkt alleen zonder terugval"),
    ),
    "SF06": (
        "Moet iemand anderen aansturen?",
        ("Nee", "Af en toe anderen iets uitleggen", "Ja, mensen aansturen"),
    ),
    "SF07": (
        "Hoeveel moet er gelezen en geschreven worden?",
        ("Niets (pictogrammen, voordoen)", "Korte, eenvoudige teksten en lijstjes", "Regelmatig werkteksten"),
    ),
    "MO01": (
        "Hoe komt iemand op het werk, en moet er gereisd worden voor het werk?",
        (
            "Vervoer wordt geregeld",
            "Een vaste route, zelfstandig (ov of fiets)",
            "Zelfstandig naar wisselende plekken",
            "Zelf een voertuig besturen voor het werk",
        ),
    ),
    "OM01": (
        "Hoeveel geluid, licht en geur is er?",
        (
            "Prikkelarm: stil, geen fel licht of geuren",
            "Gemiddeld: gesprekken of machines, geen gehoorbescherming nodig",
            "Veel: lawaai met gehoorbescherming, fel licht of sterke geuren",
        ),
    ),
    "OM02": (
        "Is het werk binnen of buiten?",
        (
            "Binnen, met een prettige temperatuur",
            "Binnen of buiten bij gewoon weer, of tocht",
            "Extreme hitte of kou",
        ),
    ),
    "OM03": (
        "Is er stof, damp of contact met schoonmaakmiddelen?",
        ("Nee", "Af en toe of weinig", "Regelmatig, of beschermingsmiddelen nodig"),
    ),
    "DH01": (
        "Hoe zwaar is het zwaarste dat getild of gedragen moet worden?",
        ("Hooguit 2 kilo", "Hooguit 5 kilo", "Hooguit 10 kilo", "Hooguit 15 kilo", "Meer dan 15 kilo"),
    ),
    "DH02": (
        "Hoe lang wordt er met toetsenbord en muis of met fijne handelingen gewerkt?",
        (
            "Minder dan een half uur per dag",
            "Ongeveer een uur per dag",
            "Ongeveer vier uur per dag",
            "Het grootste deel van de dag",
        ),
    ),
    "DH03": (
        "Hoeveel wordt er gelopen tijdens het werk?",
        (
            "Minder dan een half uur per dag",
            "Ongeveer een uur per dag",
            "Ongeveer vier uur per dag",
            "Het grootste deel van de dag",
        ),
    ),
    "DH04": (
        "Moet iemand bukken, knielen, hurken of klimmen?",
        (
            "Nooit",
            "Af en toe (tot 2 keer per uur), een opstapje",
            "Regelmatig (tot 5 keer per uur), een huishoudtrap",
            "Vaak (ongeveer 10 keer per uur), een ladder",
        ),
    ),
    "SH01": (
        "Hoe lang wordt er gestaan?",
        (
            "Minder dan een half uur per dag",
            "Ongeveer een uur per dag",
            "Ongeveer vier uur per dag",
            "Het grootste deel van de dag",
        ),
    ),
    "SH02": (
        "Hoe lang wordt er gezeten?",
        (
            "Minder dan vier uur per dag",
            "Ongeveer vier uur per dag",
            "Het grootste deel van de dag (tot 8 uur)",
            "Bijna de hele dag",
        ),
    ),
    "WT01": (
        "Hoe lang is een werkdag?",
        ("Ongeveer 2 uur", "Ongeveer 4 uur", "Ongeveer 6 uur", "Ongeveer 8 uur", "Meer dan 8 uur"),
    ),
    "WT02": (
        "Hoeveel uur per week is het werk?",
        ("Ongeveer 10 uur", "Ongeveer 20 uur", "Ongeveer 30 uur", "Ongeveer 40 uur", "Meer dan 40 uur"),
    ),
    "WT03": (
        "Wordt er 's avonds of 's nachts gewerkt?",
        (
            "Alleen overdag (6 tot 18 uur)",
            "Af en toe 's avonds",
            "Regelmatig 's avonds (18 tot 22 uur)",
            "Ook 's nachts (22 tot 6 uur)",
        ),
    ),
    "WT04": (
        "Zijn de werktijden en pauzes vast?",
        (
            "Vaste tijden, en zelf pauzes kunnen nemen",
            "Vaste tijden, gewone pauzes",
            "Wisselende roosters; het werk bepaalt de pauzes",
        ),
    ),
}

APP_SECTOR_NAMES: dict[str, str] = {
    "rijk": "Rijksoverheid",
    "gemeenten": "Gemeenten",
    "provincies": "Provincies",
    "waterschappen": "Waterschappen",
    "defensie": "Defensie",
    "politie": "Politie",
    "rechtspraak": "Rechtspraak",
    "po": "Primair onderwijs",
    "vo": "Voortgezet onderwijs",
    "mbo": "Middelbaar beroepsonderwijs",
    "hbo": "Hogescholen",
    "wo": "Universiteiten",
    "umc": "Universitair medische centra",
    "onderzoeksinstellingen": "Onderzoeksinstellingen",
    "overig_publiek": "Overige publieke werkgevers",
}

APP_OFFER_NAMES: dict[str, str] = {
    "jobcoach": "Jobcoach",
    "vaste_begeleider": "Vaste begeleider",
    "buddy": "Buddy (collega)",
    "prikkelarme_werkplek": "Prikkelarme werkplek",
    "vaste_werkplek": "Vaste werkplek",
    "schriftelijke_instructies": "Schriftelijke instructies",
    "aangepaste_werkplek": "Aangepaste werkplek",
    "rolstoeltoegankelijk": "Rolstoeltoegankelijk",
    "vaste_werktijden": "Vaste werktijden",
    "extra_pauzes": "Extra pauzes",
    "thuiswerken": "Deels thuiswerken",
}

APP_CONTRACT_NAMES: dict[str, str] = {
    "vast": "Vast contract",
    "tijdelijk": "Tijdelijk contract",
    "detachering": "Detachering",
    "uitzend": "Uitzendwerk",
    "proefplaatsing": "Proefplaatsing",
    "leerwerkplek": "Leerwerkplek",
}

# Column names of an exported shortlist (CSV and Excel), in export order.
APP_EXPORT_COLUMNS: dict[str, str] = {
    "package_id": "Vacature (id)",
    "package_title": "Functietitel",
    "candidate_id": "Kandidaat (pseudoniem)",
    "rank": "Rang bij toevoegen",
    "signaleringen": "Aantal signaleringen",
    "unknowns": "Aantal onbekende punten",
    "confidence": "Betrouwbaarheid",
    "added_by": "Toegevoegd door",
    "added_at": "Toegevoegd op",
    "note": "Notitie",
}

# ---------------------------------------------------------------- outcomes of proposals (Vacature invullen, Evaluatie)
OUTCOME_STEPS_NL: dict[str, str] = {
    "voorgesteld": "Voorgesteld aan werkgever",
    "kennismaking": "Kennismaking",
    "proefplaatsing": "Proefplaatsing",
    "geplaatst": "Geplaatst",
    "afgewezen_werkgever": "Afgewezen door werkgever",
    "afgewezen_kandidaat": "Afgewezen door kandidaat",
    "afgewezen_adviseur": "Afgewezen door adviseur",
    "teruggetrokken": "Teruggetrokken",
    "beeindigd": "Plaatsing beëindigd",
}

OUTCOME_REASONS_NL: dict[str, str] = {
    "past_niet_ondanks_match": "Past niet ondanks match",
    "taken_passen_niet": "De taken passen niet",
    "belasting_te_hoog": "Het werk is te belastend",
    "reistijd": "Reistijd of vervoer",
    "uren_of_rooster": "Uren of rooster",
    "begeleiding_ontbreekt": "Nodige begeleiding ontbreekt",
    "werkgever_koos_ander": "Werkgever koos een ander",
    "kandidaat_wil_ander_werk": "Kandidaat wil ander werk",
    "kandidaat_niet_beschikbaar": "Kandidaat niet (meer) beschikbaar",
    "gezondheid": "Gezondheid",
    "anders": "Anders",
}

END_REASONS_NL: dict[str, str] = {
    "contract_niet_verlengd": "Contract niet verlengd",
    "taken_passen_niet": "De taken passen niet bij wat iemand kan",
    "overbelasting": "Overbelasting of overprikkeling",
    "conflict": "Conflict of verstoorde werkrelatie",
    "gezondheid": "Gezondheid of terugval",
    "prive_omstandigheden": "Privéomstandigheden",
    "reorganisatie": "Reorganisatie of het werk verdween",
    "wisseling_leidinggevende": "Wisseling van leidinggevende of begeleiding",
    "eigen_keuze_groei": "Eigen keuze: beter passend werk gevonden",
    "faillissement": "Faillissement van de werkgever",
    "verwijtbaar_ontslag": "Verwijtbaar ontslag",
    "reistijd": "Reizen werd te zwaar",
    "onbekend": "Reden niet vastgelegd",
}

OUTCOME_TEXTS: dict[str, str] = {
    "title": "Uitkomst vastleggen",
    "intro": (
        "Leg per kandidaat op de shortlist vast hoe het voorstel verloopt. Dat is de belangrijkste "
        "informatie om de rangorde en het model voor duurzame plaatsingen te verbeteren."
    ),
    "candidate": "Kandidaat",
    "step": "Stap",
    "date": "Datum",
    "reason": "Reden (bij afwijzing)",
    "end_reason": "Reden van beëindiging (bij einde plaatsing)",
    "start": "Startdatum (bij plaatsing)",
    "contract": "Contractvorm (bij plaatsing)",
    "hours": "Uren per week (bij plaatsing)",
    "save": "Uitkomst opslaan",
    "saved": "Uitkomst '{step}' voor kandidaat {id} is vastgelegd.",
    "status": "Stand van zaken",
    "none_yet": "nog niets vastgelegd",
    "history": "Vastgelegde stappen voor kandidaat {id}",
    "history_line": "{date}: {step}{reason} (door {adviser})",
    "closed": "Dit voorstel is al afgesloten; er kan geen stap meer bij.",
    "placed": "Na 'Geplaatst' kan alleen nog het einde van de plaatsing worden vastgelegd.",
    "date_order": "De datum ligt vóór de vorige vastgelegde stap.",
    "reason_missing": "Kies bij een afwijzing een reden uit de lijst.",
    "start_missing": "Vul bij een plaatsing de startdatum in.",
    "contract_missing": "Kies bij een plaatsing de contractvorm.",
    "hours_missing": "Vul bij een plaatsing de uren per week in (1 tot 60).",
    "not_placed": "Alleen een plaatsing kan eindigen: leg eerst 'Geplaatst' vast.",
    "end_reason_missing": "Kies bij het einde van een plaatsing de reden.",
    "end_before_start": "De plaatsing kan niet eindigen vóór de startdatum.",
    "figures": "Uitkomsten van voorstellen (alle WSP's samen)",
    "figures_intro": (
        "Hoe ver voorstellen van kandidaten op shortlists kwamen. Aantallen onder de 5 worden niet getoond "
        "('< 5'), zodat geen aantal naar een persoon kan wijzen."
    ),
    "figures_none": "Nog geen uitkomsten vastgelegd.",
    "col_step": "Stap",
    "col_count": "Aantal voorstellen",
    "proposals": "Voorstellen met een vastgelegde uitkomst",
    "disagree": "Kandidaten uit de top 10 die de adviseur afwees als 'past niet ondanks match'",
    "disagree_value": "{disagreed} van {top10}",
    "disagree_share": "{disagreed} van {top10} ({share} %)",
}

# The audit log as `banenmatch audit export` writes it for a privacy officer (ids only).
AUDIT_EXPORT_COLUMNS: dict[str, str] = {
    "seq": "Volgnummer",
    "at": "Tijdstip (UTC)",
    "username": "Gebruiker",
    "role": "Rol",
    "action": "Handeling",
    "page": "Pagina",
    "candidate_id": "Kandidaat (pseudoniem)",
    "package_id": "Vacature (id)",
    "hash": "Controlegetal (SHA-256)",
}


# ---------------------------------------------------------------- job carving (Jobcarving page, banenmatch carve)
# The Jobcarving page (webapp/pages/jobcarving.py) and the text output of `banenmatch carve`.
# Formatting fields are in {braces}; a key with "_one" is the form for a count of 1 (count_nl).

CARVING_NL: dict[str, str] = {
    "title": "Jobcarving",
    "intro": (
        "Haal ondersteunende taken uit bestaande functies en bundel ze tot werkpakketten die mensen uit het "
        "doelgroepregister kunnen doen. Per voorgesteld pakket ziet u hoeveel geregistreerde kandidaten het "
        "zouden kunnen doen, en welke eis de meeste kandidaten uitsluit."
    ),
    "section_where": "Werkgever en werkplek",
    "employer": "Werkgever",
    "employer_help": "De naam van de organisatie of afdeling, geen namen van personen.",
    "sector": "Sector",
    "municipality": "Gemeente van de werkplek",
    "municipality_help": "Zonder gemeente is de reistijd onbekend; die sluit dan niemand uit.",
    "unknown": "Nog onbekend",
    "min_hours": "Minimaal uren per week per pakket",
    "max_hours": "Maximaal uren per week per pakket",
    "offers": "Ondersteuning die de werkgever biedt",
    "section_tasks": "Takenlijst",
    "profile": "Begin met de taken van een functieprofiel (optioneel)",
    "profile_none": "— lege takenlijst —",
    "profile_note": (
        "De taken van '{title}' staan in de tabel. Het functieprofiel zegt niet welke taak wat vraagt: elke "
        "taak heeft de eisen van het hele profiel gekregen, en de uren zijn de laagste uren van het profiel, "
        "verdeeld over de taken. Pas ze per taak aan."
    ),
    "tasks_help": (
        "Eén taak per rij, met de uren per week. Geef per taak aan wat die vraagt; een leeg vakje betekent "
        "onbekend: dat sluit niemand uit en telt ook niet als passend. Voeg een taak toe in de lege rij onderaan "
        "(of met + boven de tabel); een helemaal lege rij telt niet mee. Rijen tellen van boven naar beneden."
    ),
    "col_text": "Taak",
    "col_hours": "Uren",
    "col_hours_help": "Uren per week: een getal, bijvoorbeeld 4 of 2,5.",
    "go": "Pakketten voorstellen",
    "stale": "De invoer is gewijzigd sinds dit voorstel. Klik opnieuw op 'Pakketten voorstellen'.",
    "no_employer": "Vul de werkgever in.",
    "no_tasks": "Er is nog geen taak om te verdelen. Vul de tabel, of begin met een functieprofiel.",
    "bad_range": (
        "Het minimum ({low} uur per week) is hoger dan het maximum ({high} uur per week). Maak het minimum "
        "lager of het maximum hoger."
    ),
    "skipped": "Deze rijen zijn niet meegenomen; herstel ze en klik opnieuw op 'Pakketten voorstellen':",
    "skipped_one": "Deze rij is niet meegenomen; herstel hem en klik opnieuw op 'Pakketten voorstellen':",
    "row": "Rij {row}",
    "row_named": "Rij {row} ('{text}')",
    "row_empty_text": "{where}: de taak is leeg. Beschrijf de taak, of maak de hele rij leeg.",
    "row_no_hours": "{where}: de uren per week ontbreken. Vul een getal in, bijvoorbeeld 4.",
    "row_bad_hours": "{where}: '{found}' bij uren per week is geen getal. Vul een getal in, bijvoorbeeld 4 of 2,5.",
    "row_zero_hours": (
        "{where}: {found} uur per week kan niet; een taak kost meer dan 0 uur. Vul het aantal uren in, of maak "
        "de rij leeg."
    ),
    "row_too_many_hours": (
        "{where}: {found} uur per week is meer dan het maximum van {high} uur per pakket. Splits de taak in "
        "kleinere taken, of verhoog het maximum."
    ),
    "row_bad_answer": (
        "{where}: '{found}' is geen antwoord bij {item}. Kies een antwoord uit de lijst, of laat het vakje leeg."
    ),
    "results": "Voorgestelde werkpakketten",
    "results_note": (
        "Taken die op elkaar lijken, staan samen in een pakket, tot het maximum aantal uren. Een pakket vraagt "
        "op elk punt wat de zwaarste taak erin vraagt. Geteld worden de kandidaten in de huidige gegevens "
        "({n} kandidaten) die op geen enkele harde voorwaarde afvallen: uren, reistijd en wat het werk vraagt. "
        "Wat onbekend is (het rooster, de startdatum, punten die u niet invulde) sluit niemand uit. Aantallen "
        "onder de 5 worden niet getoond ('< 5'), zodat niemand herkenbaar is."
    ),
    "package": "Pakket {n}: {title}",
    "hours": "{hours} uur per week",
    "n_tasks": "{n} taken",
    "n_tasks_one": "{n} taak",
    "tasks": "Taken",
    "task_line": "{text} ({hours} uur per week)",
    "demands": "Wat het pakket vraagt",
    "no_demands": "Niets opgegeven: alles wat het werk vraagt is nog onbekend.",
    "demand_line": "{item}: {answer}",
    "eligible": "Kandidaten die op geen enkele harde voorwaarde afvallen: {count}",
    "eligible_label": "Kandidaten die op geen enkele harde voorwaarde afvallen",
    "suppressed": "< 5",
    "fewer": "minder dan 5",
    "bottleneck": (
        "Deze eis sluit de meeste kandidaten uit: {item} ({answer}). Met één stap minder ({lower}) zouden "
        "{more} kandidaten meer passen."
    ),
    "bottleneck_one": (
        "Deze eis sluit de meeste kandidaten uit: {item} ({answer}). Met één stap minder ({lower}) zou "
        "{more} kandidaat meer passen."
    ),
    "no_bottleneck": "Geen eis is hier een knelpunt: één stap minder levert bij geen enkele eis meer kandidaten op.",
    "below_min": (
        "Dit pakket is {hours} uur per week, minder dan het minimum van {low} uur. Voeg taken toe, of voeg het "
        "samen met een ander pakket."
    ),
    "to_vacancy": "Open in Vacature invullen",
    "to_vacancy_help": "Zet dit pakket in het formulier van Vacature invullen, om er passende kandidaten bij te zoeken.",
    "download": "Download de voorstellen (JSONL)",
    "download_help": (
        "Alle voorgestelde pakketten in het formaat van vacancies.jsonl (zie docs/CONTRACT.md), om te bewaren "
        "of aan een werkgeversservicepunt te geven."
    ),
    "file": "werkpakketten.jsonl",
}

# Column headings of the task table for the FML-lite items asked per task (webapp.carving.TASK_ITEMS).
CARVING_ITEMS_NL: dict[str, str] = {
    "DH01": "Tillen",
    "DH03": "Lopen",
    "PF05": "Tempo",
    "PF09": "Drukte",
    "OM01": "Prikkels",
    "SF01": "Klantcontact",
}

# Short answers in the task table's cells (answer i is level i); the column's help asks the vacancy form's
# question, and a proposal shows the form's full answer (demand_answer_nl).
CARVING_ANSWERS_NL: dict[str, tuple[str, ...]] = {
    "DH01": ("≤ 2 kg", "≤ 5 kg", "≤ 10 kg", "≤ 15 kg", "> 15 kg"),
    "DH03": ("< ½ uur/dag", "1 uur/dag", "4 uur/dag", "hele dag"),
    "PF05": ("eigen tempo", "gewoon", "hoog tempo"),
    "PF09": ("eigen plek", "rustig, gedeeld", "druk"),
    "OM01": ("prikkelarm", "gemiddeld", "veel"),
    "SF01": ("geen", "weinig", "regelmatig"),
}


def demand_answer_nl(code: str, level: int) -> str:
    """The plain answer for ``level`` on item ``code``, as in the vacancy form (``APP_DEMAND_QUESTIONS``)."""
    answers = APP_DEMAND_QUESTIONS[code][1]
    return answers[level] if 0 <= level < len(answers) else fml_level_nl(code, level)


def _inline(text: str) -> str:
    return text[:1].lower() + text[1:]


def hours_nl(hours: float) -> str:
    """Hours as a Dutch number: ``2.5`` -> ``"2,5"``, ``6.0`` -> ``"6"``."""
    return f"{hours:g}".replace(".", ",")


def carving_task_nl(text: str, hours: float) -> str:
    """A task of a carved package with its hours: ``"Post sorteren (6 uur per week)"``."""
    return CARVING_NL["task_line"].format(text=text, hours=hours_nl(hours))


def carving_demand_nl(code: str, level: int) -> str:
    """What a carved package demands on one item: ``"Tillen en dragen: Hooguit 10 kilo"``."""
    return CARVING_NL["demand_line"].format(item=fml_name_nl(code), answer=demand_answer_nl(code, level))


def carving_demands_nl(demands: Mapping[str, int]) -> list[str]:
    """What a carved package demands, one line per item in the order of the FML-lite list; a package that
    demands nothing known gets one line that says so."""
    order = {code: n for n, code in enumerate(load_contract().fml_codes)}
    lines = [carving_demand_nl(code, demands[code]) for code in sorted(demands, key=order.__getitem__)]
    return lines or [CARVING_NL["no_demands"]]


def carving_bottleneck_nl(code: str, level: int, more: int | str) -> str:
    """The bottleneck of a carved package: the demand ``code`` at ``level``, whose lowering by one step
    admits ``more`` candidates (a count, or a suppressed count in words).

    Examples
    --------
    >>> carving_bottleneck_nl("DH01", 3, 12)
    'Deze eis sluit de meeste kandidaten uit: Tillen en dragen (hooguit 15 kilo). Met één stap minder (hooguit 10 kilo) zouden 12 kandidaten meer passen.'
    """
    key = "bottleneck_one" if more == 1 else "bottleneck"
    return CARVING_NL[key].format(
        item=fml_name_nl(code),
        answer=_inline(demand_answer_nl(code, level)),
        lower=_inline(demand_answer_nl(code, level - 1)),
        more=more,
    )
