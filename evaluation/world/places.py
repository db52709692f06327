"""Where people live and where public employers are, for the synthetic world.

Home municipalities are drawn in proportion to (approximate, rounded) population: the largest
municipalities have their own figure below, every other municipality counts as
:data:`DEFAULT_POPULATION_K` thousand inhabitants (about the average of the remaining ones). These are
round public figures (CBS, 2023-2024, in thousands) used only as sampling weights.

Employers are organisations, never persons: a fixed list per sector with the municipalities of their
sites, plus generated names for the many local employers (``Gemeente <name>``, school boards).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.contract import load_contract

__all__ = [
    "DEFAULT_POPULATION_K",
    "EMPLOYERS",
    "LABOUR_MARKET_REGIONS",
    "POPULATION_K",
    "Employer",
    "display_name",
    "municipality_names",
    "population_weights",
]

#: Approximate population in thousands of the largest municipalities (CBS names).
POPULATION_K: dict[str, int] = {
    "Amsterdam": 918, "Rotterdam": 655, "'s-Gravenhage": 553, "Utrecht": 361, "Eindhoven": 238,
    "Groningen": 234, "Tilburg": 224, "Almere": 218, "Breda": 184, "Nijmegen": 179, "Apeldoorn": 165,
    "Arnhem": 164, "Haarlem": 162, "Enschede": 160, "Haarlemmermeer": 159, "Amersfoort": 158,
    "Zaanstad": 157, "'s-Hertogenbosch": 157, "Zwolle": 130, "Zoetermeer": 126, "Leiden": 125,
    "Leeuwarden": 125, "Maastricht": 121, "Dordrecht": 120, "Ede": 119, "Alphen aan den Rijn": 113,
    "Westland": 112, "Alkmaar": 111, "Emmen": 108, "Delft": 104, "Venlo": 102, "Deventer": 101,
    "Oss": 94, "Helmond": 93, "Purmerend": 93, "Amstelveen": 92, "Hilversum": 92, "Súdwest-Fryslân": 91,
    "Sittard-Geleen": 91, "Heerlen": 87, "Nissewaard": 85, "Hengelo": 82, "Schiedam": 80, "Lelystad": 80,
    "Roosendaal": 78, "Leidschendam-Voorburg": 77, "Vlaardingen": 75, "Gouda": 74, "Hoorn": 74,
    "Almelo": 73, "Velsen": 69, "Assen": 69, "Veenendaal": 68, "Capelle aan den IJssel": 67,
    "Katwijk": 67, "Zeist": 66, "Nieuwegein": 64,
}  # fmt: skip

DEFAULT_POPULATION_K = 34

#: Arbeidsmarktregio's (the labour-market regions of the WSPs) by name: their municipalities (CBS names)
#: with approximate population in thousands (round CBS figures, 2023-2024, as above; used as sampling
#: weights inside the region, where the national default of 34 would make a village as large as a
#: town). Only the regions a bundled data set uses are listed. Midden-Utrecht: the 15 municipalities
#: of the Werkgeversservicepunt Midden-Utrecht (Vijfheerenlanden belongs to the region Gorinchem), as
#: the WSP describes its area; not checked against SZW's current regional indeling.
LABOUR_MARKET_REGIONS: dict[str, dict[str, int]] = {
    "Midden-Utrecht": {
        "Utrecht": 361, "Stichtse Vecht": 66, "Zeist": 66, "Nieuwegein": 64, "Woerden": 53, "Houten": 51,
        "Utrechtse Heuvelrug": 50, "De Ronde Venen": 45, "De Bilt": 44, "IJsselstein": 35,
        "Wijk bij Duurstede": 24, "Bunnik": 15, "Lopik": 15, "Montfoort": 14, "Oudewater": 10,
    },
}  # fmt: skip


def municipality_names() -> tuple[str, ...]:
    """All contract municipalities in file order (the index order used throughout the world)."""
    return tuple(load_contract().municipalities)


def population_weights() -> np.ndarray:
    """Sampling weight per municipality (``municipality_names()`` order), summing to 1."""
    weights = np.array(
        [POPULATION_K.get(name, DEFAULT_POPULATION_K) for name in municipality_names()], dtype=np.float64
    )
    return weights / weights.sum()


_DISPLAY = {"'s-Gravenhage": "Den Haag"}


def display_name(municipality: str) -> str:
    """How a municipality is named in an employer name ("Gemeente Den Haag")."""
    return _DISPLAY.get(municipality, municipality)


@dataclass(frozen=True)
class Employer:
    """A named public employer and the municipalities where it has sites."""

    name: str
    sites: tuple[str, ...]


def _e(name: str, *sites: str) -> Employer:
    return Employer(name, sites)


#: Named employers per sector. Sectors ``gemeenten``, ``po`` and ``vo`` also get generated local names.
EMPLOYERS: dict[str, tuple[Employer, ...]] = {
    "rijk": (
        _e("Belastingdienst", "Apeldoorn", "Utrecht", "Groningen", "Rotterdam", "Heerlen", "Enschede"),
        _e("Rijkswaterstaat", "Utrecht", "Rotterdam", "Lelystad", "'s-Hertogenbosch", "Arnhem"),
        _e("Dienst Uitvoering Onderwijs", "Groningen"),
        _e("Binnenwerk", "'s-Gravenhage", "Utrecht"),
        _e("Nationaal Archief", "'s-Gravenhage"),
        _e("Rijksdienst voor Ondernemend Nederland", "Assen", "Zwolle", "'s-Gravenhage", "Roermond"),
        _e("Dienst Justitiële Inrichtingen", "'s-Gravenhage", "Zwolle", "Vught", "Dijk en Waard"),
        _e("Centraal Bureau voor de Statistiek", "Heerlen", "'s-Gravenhage"),
        _e("Ministerie van Financiën", "'s-Gravenhage"),
        _e("Immigratie- en Naturalisatiedienst", "Rijswijk", "Zwolle", "'s-Hertogenbosch"),
    ),
    "provincies": (
        _e("Provincie Groningen", "Groningen"),
        _e("Provincie Fryslân", "Leeuwarden"),
        _e("Provincie Drenthe", "Assen"),
        _e("Provincie Overijssel", "Zwolle"),
        _e("Provincie Flevoland", "Lelystad"),
        _e("Provincie Gelderland", "Arnhem"),
        _e("Provincie Utrecht", "Utrecht"),
        _e("Provincie Noord-Holland", "Haarlem"),
        _e("Provincie Zuid-Holland", "'s-Gravenhage"),
        _e("Provincie Zeeland", "Middelburg"),
        _e("Provincie Noord-Brabant", "'s-Hertogenbosch"),
        _e("Provincie Limburg", "Maastricht"),
    ),
    "waterschappen": (
        _e("Waterschap Aa en Maas", "'s-Hertogenbosch"),
        _e("Hoogheemraadschap van Rijnland", "Leiden"),
        _e("Waterschap Rijn en IJssel", "Doetinchem"),
        _e("Wetterskip Fryslân", "Leeuwarden"),
        _e("Waterschap Vallei en Veluwe", "Apeldoorn"),
        _e("Waterschap Limburg", "Roermond"),
        _e("Waterschap Brabantse Delta", "Breda"),
        _e("Waterschap De Dommel", "Boxtel"),
        _e("Waterschap Hunze en Aa's", "Veendam"),
        _e("Waterschap Noorderzijlvest", "Groningen"),
        _e("Waterschap Drents Overijsselse Delta", "Zwolle"),
        _e("Waterschap Vechtstromen", "Almelo"),
        _e("Hoogheemraadschap De Stichtse Rijnlanden", "Houten"),
        _e("Waterschap Rivierenland", "Tiel"),
        _e("Waterschap Scheldestromen", "Middelburg"),
        _e("Hoogheemraadschap van Delfland", "Delft"),
        _e("Waterschap Hollandse Delta", "Ridderkerk"),
        _e("Waterschap Zuiderzeeland", "Lelystad"),
        _e("Waterschap Amstel, Gooi en Vecht", "Amsterdam"),
    ),
    "defensie": (
        _e("Ministerie van Defensie", "Den Helder", "Amersfoort", "Ede", "Oirschot", "Assen", "Utrecht",
           "Leeuwarden", "Woensdrecht", "Barneveld"),
    ),
    "politie": (
        _e("Politie Eenheid Amsterdam", "Amsterdam"),
        _e("Politie Eenheid Rotterdam", "Rotterdam", "Dordrecht"),
        _e("Politie Eenheid Den Haag", "'s-Gravenhage", "Leiden"),
        _e("Politie Eenheid Midden-Nederland", "Utrecht", "Amersfoort", "Lelystad"),
        _e("Politie Eenheid Noord-Nederland", "Groningen", "Leeuwarden", "Assen"),
        _e("Politie Eenheid Oost-Nederland", "Apeldoorn", "Arnhem", "Enschede", "Zwolle"),
        _e("Politie Eenheid Oost-Brabant", "'s-Hertogenbosch", "Eindhoven"),
        _e("Politie Eenheid Zeeland-West-Brabant", "Breda", "Tilburg", "Middelburg"),
        _e("Politie Eenheid Limburg", "Maastricht", "Venlo"),
        _e("Politie Eenheid Noord-Holland", "Haarlem", "Alkmaar"),
    ),
    "rechtspraak": (
        _e("Rechtbank Amsterdam", "Amsterdam"),
        _e("Rechtbank Den Haag", "'s-Gravenhage"),
        _e("Rechtbank Gelderland", "Arnhem", "Zutphen"),
        _e("Rechtbank Noord-Nederland", "Groningen", "Leeuwarden", "Assen"),
        _e("Rechtbank Oost-Brabant", "'s-Hertogenbosch"),
        _e("Rechtbank Limburg", "Maastricht", "Roermond"),
        _e("Rechtbank Midden-Nederland", "Utrecht", "Lelystad"),
        _e("Rechtbank Overijssel", "Zwolle", "Almelo"),
        _e("Rechtbank Rotterdam", "Rotterdam"),
        _e("Rechtbank Noord-Holland", "Haarlem", "Alkmaar"),
        _e("Rechtbank Zeeland-West-Brabant", "Breda", "Middelburg"),
        _e("Raad van State", "'s-Gravenhage"),
    ),
    "mbo": (
        _e("ROC van Amsterdam", "Amsterdam"),
        _e("ROC Flevoland", "Almere"),
        _e("ROC Midden Nederland", "Utrecht", "Amersfoort"),
        _e("Albeda", "Rotterdam"),
        _e("Zadkine", "Rotterdam"),
        _e("ROC Mondriaan", "'s-Gravenhage", "Delft"),
        _e("Summa College", "Eindhoven"),
        _e("ROC Tilburg", "Tilburg"),
        _e("Noorderpoort", "Groningen"),
        _e("Alfa-college", "Groningen", "Hardenberg"),
        _e("Graafschap College", "Doetinchem"),
        _e("Deltion College", "Zwolle"),
        _e("ROC van Twente", "Hengelo", "Enschede"),
        _e("Da Vinci College", "Dordrecht"),
        _e("Nova College", "Haarlem"),
        _e("ROC Nijmegen", "Nijmegen"),
        _e("Rijn IJssel", "Arnhem"),
        _e("Curio", "Breda", "Roosendaal"),
        _e("Gilde Opleidingen", "Roermond", "Venlo"),
        _e("Friesland College", "Leeuwarden"),
        _e("Aventus", "Apeldoorn", "Deventer"),
        _e("Scalda", "Vlissingen", "Middelburg"),
        _e("Drenthe College", "Assen", "Emmen"),
    ),
    "hbo": (
        _e("Hogeschool Utrecht", "Utrecht"),
        _e("Hogeschool van Amsterdam", "Amsterdam"),
        _e("Hogeschool Rotterdam", "Rotterdam"),
        _e("De Haagse Hogeschool", "'s-Gravenhage", "Delft"),
        _e("Fontys Hogescholen", "Eindhoven", "Tilburg", "Venlo"),
        _e("Hanzehogeschool Groningen", "Groningen"),
        _e("Saxion", "Enschede", "Deventer"),
        _e("Hogeschool Windesheim", "Zwolle", "Almere"),
        _e("Hogeschool van Arnhem en Nijmegen", "Arnhem", "Nijmegen"),
        _e("Avans Hogeschool", "Breda", "'s-Hertogenbosch"),
        _e("Hogeschool Leiden", "Leiden"),
        _e("Hogeschool Inholland", "Haarlem", "Alkmaar", "Diemen"),
        _e("NHL Stenden Hogeschool", "Leeuwarden", "Emmen"),
        _e("Zuyd Hogeschool", "Heerlen", "Maastricht", "Sittard-Geleen"),
        _e("HZ University of Applied Sciences", "Vlissingen"),
    ),
    "wo": (
        _e("Universiteit van Amsterdam", "Amsterdam"),
        _e("Vrije Universiteit Amsterdam", "Amsterdam"),
        _e("Universiteit Utrecht", "Utrecht"),
        _e("Universiteit Leiden", "Leiden"),
        _e("Erasmus Universiteit Rotterdam", "Rotterdam"),
        _e("Rijksuniversiteit Groningen", "Groningen"),
        _e("Radboud Universiteit", "Nijmegen"),
        _e("Tilburg University", "Tilburg"),
        _e("Technische Universiteit Eindhoven", "Eindhoven"),
        _e("Technische Universiteit Delft", "Delft"),
        _e("Universiteit Twente", "Enschede"),
        _e("Wageningen University & Research", "Wageningen"),
        _e("Maastricht University", "Maastricht"),
        _e("Open Universiteit", "Heerlen"),
    ),
    "umc": (
        _e("UMCG", "Groningen"),
        _e("Amsterdam UMC", "Amsterdam"),
        _e("UMC Utrecht", "Utrecht"),
        _e("LUMC", "Leiden"),
        _e("Erasmus MC", "Rotterdam"),
        _e("Radboudumc", "Nijmegen"),
        _e("Maastricht UMC+", "Maastricht"),
    ),
    "onderzoeksinstellingen": (
        _e("CWI", "Amsterdam"),
        _e("KNMI", "De Bilt"),
        _e("RIVM", "De Bilt"),
        _e("NWO-I", "Utrecht"),
        _e("Nikhef", "Amsterdam"),
        _e("NIOZ", "Texel"),
        _e("Naturalis", "Leiden"),
        _e("KNAW", "Amsterdam"),
        _e("TNO", "'s-Gravenhage", "Delft", "Soest"),
    ),
    "overig_publiek": (
        _e("UWV", "Amsterdam", "Utrecht", "Groningen", "Zwolle", "Eindhoven", "Rotterdam"),
        _e("Sociale Verzekeringsbank", "Amstelveen", "Roermond", "Leiden"),
        _e("Kadaster", "Apeldoorn", "Zwolle", "Rotterdam"),
        _e("Staatsbosbeheer", "Amersfoort", "Ede", "Emmen"),
        _e("Pantar", "Amsterdam"),
        _e("Werkom", "Zaanstad"),
        _e("GGD Hollands Midden", "Leiden"),
        _e("Veiligheidsregio Utrecht", "Utrecht"),
    ),
}  # fmt: skip
