"""The 35 arbeidsmarktregio's (labour-market regions; each has its own Werkgeversservicepunt) and the
central municipality used as the work location when counting who could fill a function there.

Region names are proper names (like municipality names), not interface text.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REGIONS", "Region"]


@dataclass(frozen=True)
class Region:
    name: str
    municipality: str  # CBS name, as in data/municipalities.csv


REGIONS: tuple[Region, ...] = tuple(
    Region(name, municipality)
    for name, municipality in (
        ("Groningen", "Groningen"),
        ("Friesland", "Leeuwarden"),
        ("Drenthe", "Assen"),
        ("Regio Zwolle", "Zwolle"),
        ("Twente", "Enschede"),
        ("Stedendriehoek en Noordwest Veluwe", "Apeldoorn"),
        ("Achterhoek", "Doetinchem"),
        ("Midden-Gelderland", "Arnhem"),
        ("Rijk van Nijmegen", "Nijmegen"),
        ("FoodValley", "Ede"),
        ("Rivierenland", "Tiel"),
        ("Flevoland", "Almere"),
        ("Midden-Utrecht", "Utrecht"),
        ("Amersfoort", "Amersfoort"),
        ("Gooi en Vechtstreek", "Hilversum"),
        ("Groot Amsterdam", "Amsterdam"),
        ("Zaanstreek/Waterland", "Zaanstad"),
        ("Noord-Holland Noord", "Alkmaar"),
        ("Zuid-Kennemerland en IJmond", "Haarlem"),
        ("Holland Rijnland", "Leiden"),
        ("Midden-Holland", "Gouda"),
        ("Haaglanden", "'s-Gravenhage"),
        ("Zuid-Holland Centraal", "Zoetermeer"),
        ("Rijnmond", "Rotterdam"),
        ("Drechtsteden", "Dordrecht"),
        ("Gorinchem", "Gorinchem"),
        ("Zeeland", "Middelburg"),
        ("West-Brabant", "Breda"),
        ("Midden-Brabant", "Tilburg"),
        ("Noordoost-Brabant", "'s-Hertogenbosch"),
        ("Zuidoost-Brabant", "Eindhoven"),
        ("Helmond-De Peel", "Helmond"),
        ("Noord-Limburg", "Venlo"),
        ("Midden-Limburg", "Roermond"),
        ("Zuid-Limburg", "Maastricht"),
    )
)
