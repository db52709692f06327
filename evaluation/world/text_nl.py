"""Dutch free text of the synthetic records: a small template grammar with synonyms and paraphrase.

This is *data* of the synthetic world (what candidates and employers write), not text an adviser
reads in the product (that lives in :mod:`matcher.texts_nl`).

Candidates talk about their work the way people talk about themselves ("Ik heb twee jaar bij de
groenvoorziening van de gemeente gewerkt, vooral bladblazen en hagen knippen."), with the candidate
vocabulary of :mod:`evaluation.world.kinds` (``places``, ``acts``, ``wishes``) and the conditions
of :mod:`evaluation.world.limitations`. Packages use the formal task wording of the function profile,
partly paraphrased (:func:`paraphrase_task`). The two sides never share template text.

With ``--paraphrase realistic`` (:mod:`evaluation.world.paraphrase_nl`) the candidate vocabulary is
replaced by a second, sourced one that shares far fewer character 4-grams with the package wording.

Every function takes a :class:`random.Random` so that each record's text is reproducible on its own.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from evaluation.world.kinds import WorkKind
from evaluation.world.paraphrase_nl import CandidateWords

#: A kind of work as candidates word it: the original vocabulary or the ``realistic`` one.
Voice = WorkKind | CandidateWords

__all__ = [
    "describe_package",
    "duration_phrase",
    "experience_item",
    "paraphrase_task",
    "wishes_text",
]

_NUMBERS = {
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
}


def duration_phrase(rng: random.Random, months: float) -> str:
    """How long, the way people say it ("een half jaar", "ruim twee jaar")."""
    m = max(0.0, float(months))
    if m < 1:
        return rng.choice(("een paar weken", "een week of drie", "een maandje"))
    if m < 2.5:
        return rng.choice(("een maand of twee", "twee maanden", "een paar maanden"))
    if m < 5.5:
        n = max(3, min(5, round(m)))
        return rng.choice((f"{_NUMBERS[n]} maanden", "een paar maanden", f"ongeveer {_NUMBERS[n]} maanden"))
    if m < 9.5:
        return rng.choice(("een half jaar", "zo'n half jaar", "ruim een half jaar"))
    if m < 15:
        return rng.choice(("een jaar", "ongeveer een jaar", "ruim een jaar", "een jaartje"))
    if m < 21:
        return rng.choice(("anderhalf jaar", "bijna twee jaar"))
    years = min(10, max(2, round(m / 12)))
    return rng.choice(
        (f"{_NUMBERS[years]} jaar", f"ruim {_NUMBERS[years]} jaar", f"een jaar of {_NUMBERS[years]}")
    )


def _acts(rng: random.Random, kind: Voice, k: int) -> list[str]:
    return rng.sample(kind.acts, min(k, len(kind.acts)))


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_END_TAILS: dict[str, tuple[str, ...]] = {
    "contract_niet_verlengd": ("Het contract werd niet verlengd.", "Mijn contract liep af.",
                               "Daarna kreeg ik geen nieuw contract."),
    "taken_passen_niet": ("Het werk paste niet echt bij mij.", "Dat was uiteindelijk niet mijn ding.",
                          "Ik kon niet alles wat ze vroegen."),
    "overbelasting": ("Het werd me te veel.", "Het was te druk voor mij.", "Ik raakte overprikkeld.",
                      "Ik was na een paar maanden op."),
    "conflict": ("Het klikte niet met mijn leidinggevende.", "Er waren problemen met een collega."),
    "gezondheid": ("Ik ben gestopt omdat ik ziek werd.", "Door mijn gezondheid moest ik stoppen."),
    "prive_omstandigheden": ("Door mijn thuissituatie gestopt.", "Ik ben gestopt door privéomstandigheden."),
    "reorganisatie": ("Door een reorganisatie verviel mijn plek.", "Het werk hield op."),
    "wisseling_leidinggevende": ("Toen kwam er een nieuwe leidinggevende en ging het mis.",
                                 "Na een wisseling van baas werd het lastig."),
    "eigen_keuze_groei": ("Ik wilde iets nieuws leren.", "Ik zocht meer uitdaging.",
                          "Ik wilde verder groeien."),
    "faillissement": ("Het bedrijf ging failliet.",),
    "verwijtbaar_ontslag": ("Ik ben daar ontslagen.",),
    "reistijd": ("Het was te ver reizen.", "De reis was te lang voor mij."),
    "onbekend": ("",),
}  # fmt: skip

_GOOD_TAILS = (
    "Dat vond ik leuk.", "Daar heb ik veel geleerd.", "Ik had daar een jobcoach.", "Fijne collega's.",
    "Dat ging goed.", "Ging goed, maar het was soms druk.", "Het was wel zwaar.", "Ik werkte daar alleen 's ochtends.",
)  # fmt: skip

_JOB_TEMPLATES = (
    "Ik heb {dur} bij {place} gewerkt, vooral {acts}.",
    "{Dur} gewerkt bij {place}: {acts}.",
    "Bij {place} deed ik {acts}, dat was {dur}.",
    "{Dur} bij {place}. Mijn taken: {acts}.",
    "Ik werkte bij {place}, daar moest ik {acts}.",
    "Heb {dur} bij {place} gewerkt als hulp, vooral {acts}.",
    "Eerst stage en daarna {dur} in dienst bij {place}: {acts}.",
    "Baan bij {place} ({dur}). Was vooral bezig met {acts}.",
    "Werkte bij {place}, {acts}.",
)
_FORM_TEMPLATES: dict[str, tuple[str, ...]] = {
    "stage": ("Stage gelopen bij {place}. Daar was ik bezig met {acts}.", "Stage bij {place}: {acts}.",
              "Tijdens mijn opleiding stage gedaan bij {place}, {acts}."),
    "vrijwilligerswerk": ("Vrijwilligerswerk bij {place} ({acts}).", "Ik help als vrijwilliger bij {place} met {acts}.",
                          "{Dur} vrijwilliger geweest bij {place}, {acts}."),
    "werkervaringsplek": ("Werkervaringsplek bij {place}: {acts}.", "Via de gemeente een werkervaringsplek bij {place}, {acts}."),
    "detachering": ("Via het SW-bedrijf {dur} gedetacheerd bij {place}, vooral {acts}.",
                    "Gedetacheerd bij {place} vanuit het SW-bedrijf: {acts}."),
}  # fmt: skip
_NOW_TEMPLATES = (
    "Sinds {since} werk ik bij {place}, vooral {acts}.",
    "Nu werkzaam bij {place}: {acts}.",
    "Op dit moment werk ik bij {place}. Ik doe daar {acts}.",
    "Huidige baan: {place}, {acts}.",
)


def experience_item(
    rng: random.Random,
    kind: Voice,
    *,
    months: float,
    place: str | None = None,
    form: str = "baan",
    end_reason: str | None = None,
    ongoing: bool = False,
    since_year: int | None = None,
) -> str:
    """One experience line about one earlier job, internship or volunteering spell.

    Parameters
    ----------
    rng : random.Random
    kind : WorkKind or CandidateWords
        The kind of work it was, with the words candidates use for it.
    months : float
        How long it lasted (so far, when ``ongoing``).
    place : str, optional
        Where, as the person would say it; default a place typical of the kind.
    form : str
        ``baan``, ``stage``, ``vrijwilligerswerk``, ``werkervaringsplek`` or ``detachering``.
    end_reason : str, optional
        Why it ended (an end-reason code); sometimes mentioned.
    ongoing : bool
        Still working there.
    since_year : int, optional
        Start year, for ongoing jobs.
    """
    where = place or rng.choice(kind.places)
    acts = _join(_acts(rng, kind, rng.choice((1, 2, 2, 3))))
    dur = duration_phrase(rng, months)
    if ongoing:
        template = rng.choice(_NOW_TEMPLATES)
        text = template.format(since=since_year or "een tijdje", place=where, acts=acts)
    else:
        template = rng.choice(_FORM_TEMPLATES.get(form, _JOB_TEMPLATES))
        text = template.format(dur=dur, Dur=_cap(dur), place=where, acts=acts)
    if not ongoing and end_reason is not None and rng.random() < 0.35:
        tail = rng.choice(_END_TAILS.get(end_reason, ("",)))
    elif rng.random() < 0.25:
        tail = rng.choice(_GOOD_TAILS)
    else:
        tail = ""
    return _cap(f"{text} {tail}".strip())


_WISH_TEMPLATES = (
    "Ik wil graag {w1}{alt}{cond}.",
    "Het liefst {w1}{alt}.{cond_sentence}",
    "Werk waarbij ik kan {w1}{alt}{cond}.",
    "{W1}, dat lijkt me leuk.{cond_sentence}",
    "Ik zoek iets waarin ik kan {w1}{alt}.{cond_sentence}",
    "Graag {w1}{cond}.",
    "Mijn wens: {w1}{alt}.{cond_sentence}",
)


def wishes_text(
    rng: random.Random,
    kinds: Sequence[Voice],
    conditions: Sequence[str],
    *,
    hours_per_week: int | None = None,
    daytime_only: bool = False,
    dislike: Voice | None = None,
) -> str:
    """What a person would like to do, in their own words.

    ``kinds`` are their interests, strongest first; ``conditions`` phrases about the work setting they
    need ("niet te veel mensen om me heen"); ``dislike`` a kind they do not want again.
    """
    first = kinds[0]
    w1 = rng.choice(first.wishes)
    alt = ""
    if len(kinds) > 1 and rng.random() < 0.6:
        alt = rng.choice((" of {}", ", of anders {}", ", maar ook {} vind ik leuk")).format(
            rng.choice(kinds[1].wishes)
        )
    elif rng.random() < 0.3:
        other = [w for w in first.wishes if w != w1]
        if other:
            alt = f", het liefst {rng.choice(other)}"
    cond = cond_sentence = ""
    if conditions and rng.random() < 0.75:
        c = rng.choice(conditions)
        cond = rng.choice((f", en {c}", f", {c}", f", wel {c}"))
        cond_sentence = (
            rng.choice((f" Wel {c}.", f" Belangrijk: {c}.", f" Het moet {c}."))
            if not c.startswith(("niet", "zonder", "geen"))
            else rng.choice((f" Wel {c}.", f" Belangrijk: {c}."))
        )
    text = rng.choice(_WISH_TEMPLATES).format(
        w1=w1, W1=_cap(w1), alt=alt, cond=cond, cond_sentence=cond_sentence
    )
    extras = []
    if hours_per_week is not None and rng.random() < 0.3:
        extras.append(
            rng.choice((f"Ongeveer {hours_per_week} uur per week.", f"Liefst rond de {hours_per_week} uur."))
        )
    if daytime_only and rng.random() < 0.25:
        extras.append(rng.choice(("Alleen overdag.", "Geen avonden.")))
    if dislike is not None:
        extras.append(rng.choice((f"Geen {dislike.noun} meer.", f"Liever geen {dislike.noun}.")))
    return " ".join([text, *extras])


_TASK_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Onderhouden van", ("Bijhouden van", "Verzorgen van", "Zorgen voor")),
    ("Schoonmaken van", ("Reinigen van", "Schoonhouden van")),
    ("Verwijderen van", ("Opruimen van", "Weghalen van")),
    ("Controleren van", ("Nakijken van", "Checken van")),
    ("Ondersteunen van", ("Assisteren van", "Helpen van")),
    ("Ondersteunen bij", ("Helpen bij", "Assisteren bij")),
    ("Bijhouden van", ("Actueel houden van", "Bijwerken van")),
    ("Verwerken van", ("Afhandelen van",)),
    ("Uitvoeren van", ("Verrichten van", "Doen van")),
    ("Verrichten van", ("Uitvoeren van",)),
    ("Rondbrengen van", ("Bezorgen van", "Distribueren van")),
    ("Klaarzetten van", ("Inrichten van", "Gereedmaken van")),
    ("Begeleiden van", ("Ondersteunen van",)),
    ("Bereiden van", ("Maken van",)),
    ("Aanvullen van", ("Bijvullen van",)),
    ("Invoeren en", ("Registreren en",)),
    ("Ontvangen en", ("Verwelkomen en",)),
    ("Sorteren en", ("Ordenen en",)),
    ("Plannen van", ("Inplannen van",)),
    ("Digitaliseren van", ("Scannen van",)),
    ("Bekijken en", ("Doorzoeken en",)),
)


_WORD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "schoonmaken": ("reinigen", "schoonhouden"),
    "controleren": ("nakijken", "checken"),
    "invoeren": ("registreren", "vastleggen"),
    "verwerken": ("afhandelen",),
    "klaarleggen": ("gereedleggen", "klaarzetten"),
    "klaarzetten": ("inrichten", "gereedzetten"),
    "helpen": ("ondersteunen", "assisteren"),
    "opruimen": ("netjes houden",),
    "sorteren": ("ordenen",),
    "bezorgen": ("rondbrengen",),
    "rondbrengen": ("bezorgen", "distribueren"),
    "ontvangen": ("verwelkomen",),
    "verzorgen": ("zorgen voor",),
    "bijhouden": ("actueel houden", "bijwerken"),
    "bijvullen": ("aanvullen",),
    "maken": ("bereiden",),
    "uitvoeren": ("verrichten", "doen"),
    "verwijderen": ("weghalen", "opruimen"),
    "vergaderruimtes": ("overlegruimtes", "vergaderzalen"),
    "werkplekken": ("bureaus", "werkplaatsen"),
    "leerlingen": ("scholieren",),
    "bezoekers": ("gasten",),
    "collega's": ("medewerkers",),
    "documenten": ("stukken",),
    "eenvoudige": ("simpele",),
}


def paraphrase_task(rng: random.Random, task: str) -> str:
    """A formal task with some of its words replaced by synonyms, first letter capitalised.

    Opening phrases of the noun style ("Onderhouden van ...") and single words of the infinitive
    style ("... schoonmaken") are each replaced with probability 0.5 and 0.4.
    """
    for phrase, options in _TASK_SYNONYMS:
        if task.startswith(phrase) and rng.random() < 0.5:
            task = rng.choice(options) + task[len(phrase) :]
            break
    words = task.split(" ")
    for w, word in enumerate(words):
        options = _WORD_SYNONYMS.get(word.lower().strip(",."))
        if options and rng.random() < 0.4:
            tail = word[len(word.rstrip(",.")) :]
            words[w] = rng.choice(options) + tail
    return _cap(" ".join(words))


def describe_package(
    rng: random.Random,
    *,
    employer: str,
    title: str,
    hours_per_week: int,
    place: str,
    setting: Sequence[str],
    support: Sequence[str],
    extra: Sequence[str] = (),
) -> str:
    """The free-text description of a package (employer's voice)."""
    role = title[:1].lower() + title[1:] if not title.startswith(("ICT", "P&O")) else title
    opening = rng.choice(
        (
            f"{employer} zoekt een {role} voor {hours_per_week} uur per week in {place}.",
            f"Voor {hours_per_week} uur per week zoeken wij bij {employer} in {place} een {role}.",
            f"Bij {employer} ({place}) is plek voor een {role}, {hours_per_week} uur per week.",
            f"Wij ({employer}) hebben in {place} een werkplek voor een {role} van {hours_per_week} uur.",
        )
    )
    parts = [
        opening,
        *rng.sample(list(setting), min(len(setting), 3)),
        *rng.sample(list(support), min(len(support), 2)),
    ]
    parts.extend(extra)
    return " ".join(parts)
