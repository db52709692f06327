"""Candidate-side wording of the ``realistic`` paraphrase world (``--paraphrase realistic``).

In the default world (``--paraphrase none``) candidates describe their work with the ``places``,
``acts`` and ``wishes`` of :mod:`evaluation.world.kinds`, which share word stems with the package
side ("post sorteren" against "Sorteren en rondbrengen van interne post"). Here every kind of work
gets a second candidate vocabulary, chosen so that its phrases share as few character 4-grams as
possible with the package wording of the same kind (the catalogue's task and title words and the
kind's ``tasks``): "coniferen scheren" for a package that asks for "Snoeien van heesters en hagen",
"brieven in brievenbussen doen" for "Bezorgen van post in de wijk".

Provenance. Each entry names where its wording comes from:

* ``vdab``: a Dutch VDAB Competent label of the ESCO ↔ VDAB crosswalk (``matcher/data/esco/skills_nl.csv``,
  column ``vdabLabel``; source ``sources/esco-nl/esco_skills_vdab_competent_nl.csv``), used as is or
  turned into a candidate's phrase (lower case, infinitive, the label's own content words kept);
* ``esco-occupation``: an ESCO occupation's preferred or alternative Dutch label
  (``matcher/data/esco/occupations_nl.csv``), e.g. *poetshulp* (an alternative label of *schoonmaker
  gebouwen*) gives "poetswerk";
* ``esco-skill``: an ESCO skill's Dutch preferred label (same crosswalk file);
* ``hand``: an everyday Dutch phrase picked by hand where the sources only have words the package side
  uses too (reviewed for the 4-gram rule like every other entry).

``ref`` is the exact label in that source (``""`` for ``hand``); ``tests/evaluation/test_world_paraphrase.py``
checks that every ``ref`` exists there. ESCO is published by the European Commission (free reuse with
acknowledgement: "This product uses the ESCO classification of the European Commission"); the VDAB
crosswalk is the public ESCO ↔ VDAB Competent 3.8 mapping by Nalantis nv for VDAB. The 4-gram overlap
of every entry is reported by ``scripts/paraphrase_overlap.py``.

This is data of the synthetic world, not text an adviser reads in the product.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["ENTRIES", "REALISTIC_WORDS", "CandidateWords", "Entry", "char_4grams", "package_wording"]

#: Function words left out of :func:`char_4grams` (both sides' templates use them).
STOPWORDS = frozenset(
    [
        "voor",
        "naar",
        "door",
        "over",
        "onder",
        "zijn",
        "wordt",
        "worden",
        "heeft",
        "hebben",
        "tijdens",
        "zoals",
        "deze",
        "alle",
        "andere",
        "eigen",
        "elke",
        "ook",
        "maar",
        "veel",
        "waar",
        "wat",
        "wie",
        "hoe",
        "als",
        "dat",
        "die",
        "met",
        "van",
        "het",
        "een",
        "bij",
        "uit",
        "tot",
    ]
)


@dataclass(frozen=True)
class Entry:
    """One phrase of the table: ``field`` is ``place``, ``act``, ``wish`` or ``noun``."""

    kind: str
    field: str
    text: str
    origin: str
    ref: str = ""


@dataclass(frozen=True)
class CandidateWords:
    """A kind of work as candidates talk about it (the attributes :mod:`~evaluation.world.text_nl` reads)."""

    code: str
    noun: str
    places: tuple[str, ...]
    acts: tuple[str, ...]
    wishes: tuple[str, ...]


def _e(kind: str, field: str, text: str, origin: str = "hand", ref: str = "") -> Entry:
    return Entry(kind, field, text, origin, ref)


V, OCC, S = "vdab", "esco-occupation", "esco-skill"

ENTRIES: tuple[Entry, ...] = (
    # groen: package words plantsoen, perken, snoeien, hagen, heggen, maaien, gras, onkruid, wieden, blad,
    # bomen, struiken, planten, tuin, groen, paden, vegen, zwerfafval, onderhouden
    _e("groen", "act", "coniferen scheren", V, "Hagen scheren"),
    _e("groen", "act", "bloemen verzorgen", V, "Bloemen en planten verzorgen"),
    _e("groen", "act", "hovenierswerk", OCC, "hovenier"),
    _e("groen", "act", "composteren"),
    _e("groen", "act", "bollen poten"),
    _e("groen", "act", "rozen knippen"),
    _e("groen", "act", "stekjes opkweken"),
    _e("groen", "act", "een vijver uitbaggeren"),
    _e("groen", "act", "grind aanharken"),
    _e("groen", "act", "klimop weghalen"),
    _e("groen", "act", "de kassen luchten"),
    _e("groen", "wish", "in de buitenlucht bezig zijn"),
    _e("groen", "wish", "hovenierswerk doen", OCC, "hovenier"),
    _e("groen", "wish", "met bloemen en kruiden bezig zijn"),
    _e("groen", "wish", "iets met de natuur doen"),
    _e("groen", "wish", "het landschap mooi houden"),
    _e("groen", "place", "een kwekerij"),
    _e("groen", "place", "een zorgboerderij"),
    _e("groen", "place", "een hoveniersbedrijf", OCC, "hovenier"),
    _e("groen", "place", "een camping"),
    _e("groen", "place", "een landgoed"),
    _e("groen", "place", "een golfbaan"),
    _e("groen", "place", "een begraafplaats"),
    _e("groen", "noun", "hovenierswerk", OCC, "hovenier"),
    # dieren: package words dieren, voeren, verzorgen, uitmesten, stallen, hokken, paarden, longeren,
    # gezondheid, tuig, stro, erf, zadels, schooldieren, strooisel
    _e("dieren", "act", "vachten trimmen", V, "Vachttypes"),
    _e("dieren", "act", "pups africhten", OCC, "dierenafrichter"),
    _e("dieren", "act", "kippen eten geven"),
    _e("dieren", "act", "geiten melken"),
    _e("dieren", "act", "eieren rapen"),
    _e("dieren", "act", "hooi aandragen"),
    _e("dieren", "act", "hoeven uitkrabben"),
    _e("dieren", "act", "honden trainen", OCC, "hondentrainer"),
    _e("dieren", "act", "konijnen knuffelen met kinderen"),
    _e("dieren", "act", "de kudde naar binnen halen"),
    _e("dieren", "wish", "met beesten omgaan"),
    _e("dieren", "wish", "iets met vee doen"),
    _e("dieren", "wish", "hondentrainer worden", OCC, "hondentrainer"),
    _e("dieren", "wish", "op een manege meehelpen", OCC, "manegemedewerker"),
    _e("dieren", "place", "een manege", OCC, "manegemedewerker"),
    _e("dieren", "place", "een kinderboerderij"),
    _e("dieren", "place", "een asiel"),
    _e("dieren", "place", "een hondenpension"),
    _e("dieren", "place", "een melkveehouderij"),
    _e("dieren", "place", "een kattenopvang"),
    _e("dieren", "place", "een geitenhouderij"),
    _e("dieren", "noun", "werk met beesten"),
    # schoonmaak: package words schoonmaken, reinigen, stofzuigen, dweilen, vloeren, sanitair, afval,
    # legen, wassen, pantry, werkplekken, toetsenborden, desinfecteren, prullenbakken
    _e("schoonmaak", "act", "soppen"),
    _e("schoonmaak", "act", "ruiten lappen", V, "Ramen schoonmaken"),
    _e("schoonmaak", "act", "zemen"),
    _e("schoonmaak", "act", "boenen"),
    _e("schoonmaak", "act", "de wc's soppen"),
    _e("schoonmaak", "act", "schrobben"),
    _e("schoonmaak", "act", "de schrobmachine besturen", V, "Elektromechanische schoonmaakmachine"),
    _e("schoonmaak", "act", "de vuilniszakken buitenzetten"),
    _e("schoonmaak", "act", "kamers opmaken"),
    _e("schoonmaak", "act", "stof nemen met een plumeau"),
    _e("schoonmaak", "act", "huishoudelijk werk"),
    _e("schoonmaak", "wish", "als poetshulp aan de slag", OCC, "poetshulp"),
    _e("schoonmaak", "wish", "zorgen dat alles blinkt"),
    _e("schoonmaak", "wish", "met emmer en zeem aan de slag"),
    _e("schoonmaak", "wish", "huishoudelijk werk doen"),
    _e("schoonmaak", "place", "een hotel"),
    _e("schoonmaak", "place", "een ziekenhuis"),
    _e("schoonmaak", "place", "een verpleeghuis"),
    _e("schoonmaak", "place", "een sporthal"),
    _e("schoonmaak", "place", "een sauna"),
    _e("schoonmaak", "place", "een vakantiepark"),
    _e("schoonmaak", "noun", "huishoudelijk werk"),
    # facilitair: package words bezoekers, ontvangen, verwelkomen, klaarzetten, vergader-, gebouw,
    # sleutels, pasjes, pakketten, post, koffie, thee, deur, telefoon, lokalen, meubilair, conciërge,
    # gastheer, receptie, huismeester
    _e("facilitair", "act", "mensen onthalen", V, "Personen onthalen"),
    _e("facilitair", "act", "het onthaal bemannen", V, "Telefonisch onthaal"),
    _e("facilitair", "act", "stoelen en tafels sjouwen"),
    _e("facilitair", "act", "een zaal opbouwen"),
    _e("facilitair", "act", "het pand op slot doen"),
    _e("facilitair", "act", "de intercom bedienen"),
    _e("facilitair", "act", "manusje-van-alles zijn", OCC, "manusje-van-alles"),
    _e("facilitair", "act", "de lift laten nakijken"),
    _e("facilitair", "act", "gasten naar binnen laten"),
    _e("facilitair", "act", "drankjes rondbrengen bij een bijeenkomst"),
    _e("facilitair", "wish", "mensen welkom heten"),
    _e("facilitair", "wish", "manusje-van-alles zijn", OCC, "manusje-van-alles"),
    _e("facilitair", "wish", "onthaalwerk doen", OCC, "onthaalmedewerker"),
    _e("facilitair", "wish", "de boel draaiende houden"),
    _e("facilitair", "place", "een buurthuis"),
    _e("facilitair", "place", "een museum"),
    _e("facilitair", "place", "een theater"),
    _e("facilitair", "place", "een congrescentrum"),
    _e("facilitair", "place", "een zwembad"),
    _e("facilitair", "place", "een stadhuis"),
    _e("facilitair", "noun", "onthaalwerk", OCC, "onthaalmedewerker"),
    # horeca: package words koffie, thee, broodjes, bereiden, kassa, afrekenen, kantine, catering,
    # keuken, afwassen, vaatwasser, lunch, buffet, gasten, restaurant, horeca, bestellingen
    _e("horeca", "act", "zaalservice doen", V, "Zaalservice uitvoeren"),
    _e("horeca", "act", "borden dragen", V, "Technieken om (dien)borden te dragen"),
    _e("horeca", "act", "als hulpkok meedraaien", OCC, "hulpkok"),
    _e("horeca", "act", "aardappelen schillen"),
    _e("horeca", "act", "uien pellen"),
    _e("horeca", "act", "pannen schuren"),
    _e("horeca", "act", "soep opwarmen"),
    _e("horeca", "act", "tappen achter de bar"),
    _e("horeca", "act", "op het terras lopen"),
    _e("horeca", "act", "frituren"),
    _e("horeca", "act", "eten opscheppen"),
    _e("horeca", "wish", "koken voor mensen"),
    _e("horeca", "wish", "met eten en drinken bezig zijn"),
    _e("horeca", "wish", "achter de bar staan"),
    _e("horeca", "wish", "in een eetcafé meedraaien"),
    _e("horeca", "place", "een lunchroom"),
    _e("horeca", "place", "een snackbar"),
    _e("horeca", "place", "een eetcafé"),
    _e("horeca", "place", "een strandtent"),
    _e("horeca", "place", "een zorgcentrum"),
    _e("horeca", "place", "een partycentrum"),
    _e("horeca", "noun", "werk achter de bar"),
    # logistiek: package words post, rondbrengen, bezorgen, sorteren, pakketten, goederen, voorraad,
    # magazijn, leveringen, inpakken, verzenden, laden, scannen, aanvullen
    _e("logistiek", "act", "brieven in brievenbussen doen", V, "Documenten verdelen in brievenbussen"),
    _e("logistiek", "act", "folders huis aan huis verspreiden"),
    _e("logistiek", "act", "pallets stapelen", V, "Palletisering"),
    _e("logistiek", "act", "met de pallettruck rijden", V, "Pallettruck"),
    _e("logistiek", "act", "orders picken"),
    _e("logistiek", "act", "heftruck rijden", V, "Heftruck"),
    _e("logistiek", "act", "vrachtwagens lossen", V, "Goederen laden en lossen met een heftruck"),
    _e("logistiek", "act", "schappen spiegelen"),
    _e("logistiek", "act", "stickers plakken"),
    _e(
        "logistiek",
        "act",
        "barcodes aflezen",
        V,
        "Optische leestoestellen voor barcodes (scanner, flasher, ...)",
    ),
    _e("logistiek", "act", "krimpfolie om pallets doen"),
    _e("logistiek", "wish", "in een loods werken", OCC, "loodsmedewerker"),
    _e("logistiek", "wish", "sjouwen en tillen"),
    _e("logistiek", "wish", "met de heftruck werken", V, "Heftruck"),
    _e("logistiek", "wish", "brievenbesteller zijn", OCC, "brievenbesteller"),
    _e("logistiek", "place", "een distributiecentrum"),
    _e("logistiek", "place", "een loods", OCC, "loodsmedewerker"),
    _e("logistiek", "place", "een groothandel"),
    _e("logistiek", "place", "een supermarkt"),
    _e("logistiek", "place", "een bouwmarkt"),
    _e("logistiek", "place", "een koeriersdienst"),
    _e("logistiek", "noun", "loodswerk", OCC, "loodsmedewerker"),
    # administratie: package words gegevens, invoeren, controleren, post, e-mail, afspraken, agenda,
    # telefoon, dossiers, archiveren, administratie, formulieren, brieven, overzichten, kantoor
    _e("administratie", "act", "typewerk"),
    _e("administratie", "act", "notuleren"),
    _e("administratie", "act", "klanten te woord staan"),
    _e("administratie", "act", "cijfers intikken"),
    _e("administratie", "act", "het secretariaat draaien", OCC, "medewerker secretariaat"),
    _e("administratie", "act", "de boekhouding op orde houden"),
    _e("administratie", "act", "bonnetjes uitzoeken"),
    _e("administratie", "act", "typen in Word"),
    _e("administratie", "act", "rekeningen betaalbaar stellen"),
    _e("administratie", "wish", "achter de computer zitten"),
    _e("administratie", "wish", "secretaresse worden", OCC, "secretaresse"),
    _e("administratie", "wish", "typewerk doen"),
    _e("administratie", "wish", "met getallen en cijfers bezig zijn"),
    _e("administratie", "place", "een boekhoudbureau"),
    _e("administratie", "place", "een woningcorporatie"),
    _e("administratie", "place", "een uitzendbureau"),
    _e("administratie", "place", "een verzekeraar"),
    _e("administratie", "place", "een energiebedrijf"),
    _e("administratie", "noun", "bureauwerk"),
    # archief: package words archief, dossiers, documenten, scannen, digitaliseren, papieren, stukken,
    # nietjes, ordenen, registreren, bestanden, boeken, collectie
    _e("archief", "act", "indexeren", V, "Indexeren van bestanden en referentiedocumenten"),
    _e("archief", "act", "oude mappen schonen", V, "Het archief schonen en selecties uitvoeren"),
    _e("archief", "act", "ordners uitzoeken"),
    _e("archief", "act", "krammen eruit halen"),
    _e("archief", "act", "pagina's inlezen"),
    _e("archief", "act", "alles op alfabet leggen"),
    _e("archief", "act", "ordners nummeren"),
    _e("archief", "act", "kaartenbakken bijwerken"),
    _e("archief", "act", "akten natrekken"),
    _e("archief", "wish", "met oude akten bezig zijn"),
    _e("archief", "wish", "iets doen waar ik me op kan concentreren"),
    _e("archief", "wish", "ordners en mappen netjes maken"),
    _e("archief", "wish", "precies en rustig werk doen"),
    _e("archief", "place", "een notariskantoor"),
    _e("archief", "place", "een bibliotheek"),
    _e("archief", "place", "het kadaster"),
    _e("archief", "place", "een ministerie"),
    _e("archief", "place", "een rechtbank"),
    _e("archief", "noun", "werk met ordners en mappen"),
    # ict: package words laptops, installeren, software, scripts, servicedesk, storingen, accounts,
    # wachtwoorden, apparatuur, code, applicaties, gebruikers, testen, data(base)
    _e("ict", "act", "pc's herstellen", V, "Basisonderhoud aan informaticamateriaal uitvoeren"),
    _e("ict", "act", "computers repareren"),
    _e("ict", "act", "een netwerk aanleggen"),
    _e("ict", "act", "printers aansluiten"),
    _e("ict", "act", "apps bouwen"),
    _e("ict", "act", "websites bouwen"),
    _e("ict", "act", "helpdeskvragen behandelen", V, "Helpdeskvragen behandelen"),
    _e("ict", "act", "mensen met hun computer helpen"),
    _e("ict", "act", "kabels trekken"),
    _e("ict", "act", "een server beheren"),
    _e("ict", "wish", "iets met computers doen"),
    _e("ict", "wish", "helpdeskwerk doen", V, "Helpdeskvragen behandelen"),
    _e("ict", "wish", "apps of websites bouwen"),
    _e("ict", "wish", "ict-er worden", OCC, "ict-er"),
    _e("ict", "place", "een computerwinkel"),
    _e("ict", "place", "een webbureau"),
    _e("ict", "place", "een IT-bedrijf"),
    _e("ict", "place", "een repaircafé"),
    _e("ict", "place", "een telecombedrijf"),
    _e("ict", "noun", "computerwerk"),
    # onderwijs: package words leerlingen, leerkracht, klas, school, helpen, begeleiden, lezen, rekenen,
    # lesmateriaal, toezicht, buitenspelen, lunch, assistent
    _e("onderwijs", "act", "kinderen verwelkomen", V, "Kinderen verwelkomen"),
    _e("onderwijs", "act", "kleuters bezighouden"),
    _e("onderwijs", "act", "met huiswerk meekijken", V, "Toezicht houden tijdens huiswerk"),
    _e("onderwijs", "act", "knutselen met kinderen"),
    _e("onderwijs", "act", "de gymzaal inrichten"),
    _e("onderwijs", "act", "de juf bijstaan"),
    _e("onderwijs", "act", "overblijfmoeder zijn"),
    _e("onderwijs", "act", "spelletjes doen met kleuters"),
    _e("onderwijs", "act", "kinderen naar de bus brengen"),
    _e("onderwijs", "wish", "met kinderen werken", V, "Werken met kinderen"),
    _e("onderwijs", "wish", "met jeugd bezig zijn"),
    _e("onderwijs", "wish", "in de kinderopvang werken"),
    _e("onderwijs", "wish", "kinderen iets bijbrengen"),
    _e("onderwijs", "place", "een kinderdagverblijf"),
    _e("onderwijs", "place", "een kinderopvang"),
    _e("onderwijs", "place", "een speeltuinvereniging"),
    _e("onderwijs", "place", "een peuterspeelzaal"),
    _e("onderwijs", "place", "een jeugdclub"),
    _e("onderwijs", "noun", "werk met kinderen", V, "Werken met kinderen"),
    # techniek: package words onderhoud, storingen, lekkages, installaties, verlichting, sloten,
    # gebouwen, fietsen, reparaties, meubilair, gereedschap, inspecties, elektrische
    _e("techniek", "act", "banden plakken"),
    _e("techniek", "act", "kranen ontkalken"),
    _e("techniek", "act", "defecte apparaten herstellen", V, "Defecte producten herstellen"),
    _e("techniek", "act", "schilderwerk doen"),
    _e("techniek", "act", "kasten in elkaar zetten"),
    _e("techniek", "act", "radiatoren ontluchten", V, "Sanitaire en verwarmingsinstallaties onderhouden"),
    _e("techniek", "act", "stopcontacten aanleggen"),
    _e("techniek", "act", "solderen"),
    _e("techniek", "act", "timmeren"),
    _e("techniek", "act", "deuren afstellen"),
    _e("techniek", "act", "machines nakijken", V, "Machines controleren"),
    _e("techniek", "wish", "kapotte spullen weer heel maken"),
    _e("techniek", "wish", "timmeren en klussen"),
    _e("techniek", "wish", "met mijn handen iets maken"),
    _e("techniek", "wish", "een klusjesman zijn", OCC, "klusjesman"),
    _e("techniek", "place", "een klussenbedrijf"),
    _e("techniek", "place", "een garage"),
    _e("techniek", "place", "een timmerwerkplaats"),
    _e("techniek", "place", "een loodgietersbedrijf"),
    _e("techniek", "place", "een woningcorporatie"),
    _e("techniek", "noun", "klussenwerk"),
    # beeld: package words camerabeelden, beelden, geluidsopnames, opnames, gegevens, verhoren,
    # gesprekken, uitwerken, bekijken, routes, verslag, markeren
    _e("beeld", "act", "monitorbewaking doen", V, "Monitorbewaking"),
    _e("beeld", "act", "video's nakijken"),
    _e("beeld", "act", "interviews uittypen"),
    _e("beeld", "act", "transcripties maken", S, "transcriptie van een opname"),
    _e("beeld", "act", "ondertitels maken"),
    _e("beeld", "act", "spreadsheets nalopen"),
    _e("beeld", "act", "foto's ordenen"),
    _e("beeld", "act", "details noteren"),
    _e("beeld", "act", "schermen in de gaten houden"),
    _e("beeld", "wish", "nauwkeurig achter een scherm zitten"),
    _e("beeld", "wish", "puzzelen met details"),
    _e("beeld", "wish", "iets doen waar je goed moet opletten"),
    _e("beeld", "wish", "monitorbewaking doen", V, "Monitorbewaking"),
    _e("beeld", "place", "een beveiligingsbedrijf"),
    _e("beeld", "place", "een transcriptiebureau"),
    _e("beeld", "place", "de meldkamer"),
    _e("beeld", "place", "een marktonderzoeksbureau"),
    _e("beeld", "place", "een mediabedrijf"),
    _e("beeld", "noun", "schermwerk"),
    # kenniswerk: package words schrijven, teksten, website, juridische, beleid, onderzoek, presentaties,
    # artikelen, campagnes, analyseren, opstellen, voorbereiden, verslagen
    _e("kenniswerk", "act", "nota's maken"),
    _e("kenniswerk", "act", "cijfers doorrekenen"),
    _e("kenniswerk", "act", "persberichten maken"),
    _e("kenniswerk", "act", "enquêtes afnemen"),
    _e("kenniswerk", "act", "vergaderingen notuleren"),
    _e("kenniswerk", "act", "statistiek bedrijven"),
    _e("kenniswerk", "act", "meedenken over plannen"),
    _e("kenniswerk", "act", "een scriptie maken"),
    _e("kenniswerk", "wish", "werk op mijn niveau doen"),
    _e("kenniswerk", "wish", "mijn studie gebruiken"),
    _e("kenniswerk", "wish", "denkwerk doen"),
    _e("kenniswerk", "wish", "iets met communicatie doen"),
    _e("kenniswerk", "place", "een provinciehuis"),
    _e("kenniswerk", "place", "een advocatenkantoor"),
    _e("kenniswerk", "place", "een vakbond"),
    _e("kenniswerk", "place", "een ministerie"),
    _e("kenniswerk", "place", "een denktank"),
    _e("kenniswerk", "noun", "denkwerk"),
)


def char_4grams(text: str) -> set[str]:
    """The character 4-grams inside the words of ``text`` (lower case; function words left out)."""
    grams: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word not in STOPWORDS:
            grams.update(word[i : i + 4] for i in range(len(word) - 3))
    return grams


def package_wording(kind_code: str) -> tuple[str, ...]:
    """What packages of a kind say about their work: the catalogue titles and tasks of the function
    profiles of that kind, the kind's own ``tasks`` and the task synonyms of
    :func:`~evaluation.world.text_nl.paraphrase_task` (which any package may use)."""
    from evaluation.world.kinds import KINDS
    from evaluation.world.text_nl import _TASK_SYNONYMS, _WORD_SYNONYMS
    from evaluation.world.workplaces import default_profiles, profile_kind

    codes = [k.code for k in KINDS]
    k = codes.index(kind_code)
    texts = [t for p in default_profiles() if profile_kind(p) == k for t in (p.title, *p.tasks)]
    texts += KINDS[k].tasks
    texts += [w for phrase, options in _TASK_SYNONYMS for w in (phrase, *options)]
    texts += [w for word, options in _WORD_SYNONYMS.items() for w in (word, *options)]
    return tuple(texts)


def _words() -> Mapping[str, CandidateWords]:
    out: dict[str, CandidateWords] = {}
    for code in dict.fromkeys(e.kind for e in ENTRIES):
        rows = [e for e in ENTRIES if e.kind == code]

        def field(name: str, rows: list[Entry] = rows) -> tuple[str, ...]:
            return tuple(dict.fromkeys(e.text for e in rows if e.field == name))

        (noun,) = field("noun")
        out[code] = CandidateWords(code, noun, field("place"), field("act"), field("wish"))
    return MappingProxyType(out)


#: Kind code -> the ``realistic`` candidate wording of that kind.
REALISTIC_WORDS: Mapping[str, CandidateWords] = _words()
