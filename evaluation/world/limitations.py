"""Limitation types of the synthetic population and how each lowers FML-lite capacities.

A limitation type is a *latent, audit-only* label (it goes to ``audit.jsonl``, never into a contract
record: the contract stores functional capacities, never a diagnosis). Each type has a profile of
FML-lite items it tends to lower, following ``docs/domain.md`` sections 4-5 (prikkelgevoeligheid:
PF09, PF07, OM01, PF08, often PF02 and SF01; NAH: hours, pace, divided attention; physical: lifting,
walking, standing, bending; LVB: structure, reading and writing, memory; ...), the support words
people of that type often need, and a relative instability that feeds the durability model (seed
003: more job endings for psychiatric and developmental conditions than for physical ones).

Shares, probabilities and drop sizes are scenario parameters chosen to give plausible variety; no
public source gives their joint distribution.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["LIMITATIONS", "LIMITATION_CODES", "LimitationType"]


@dataclass(frozen=True)
class LimitationType:
    """One latent limitation type.

    Attributes
    ----------
    code : str
        Audit label (``autisme``, ``nah``, ...).
    share : float
        Relative share as a person's main limitation type.
    items : Mapping[str, tuple[float, float]]
        FML-lite item -> (probability that the item is lowered, mean number of steps when it is).
    needs : Mapping[str, float]
        Support word -> probability that a person of this type needs it.
    hours : tuple[float, float]
        Mean and spread of the maximum hours per week a person of this type can work.
    instability : float
        Multiplier on the job-ending hazard (1 = average).
    avoid_rush_hour : float
        Probability of avoiding the rush hour when travelling.
    conditions : tuple[str, ...]
        Dutch phrases a person uses about the conditions they need ("niet te veel mensen om me heen").
    """

    code: str
    share: float
    items: Mapping[str, tuple[float, float]]
    needs: Mapping[str, float]
    hours: tuple[float, float]
    instability: float
    avoid_rush_hour: float
    conditions: tuple[str, ...]


LIMITATIONS: tuple[LimitationType, ...] = (
    LimitationType(
        code="lvb",
        share=0.27,
        items={"PF04": (0.85, 1.4), "SF07": (0.8, 1.3), "PF03": (0.8, 1.2), "PF02": (0.6, 1.0),
               "PF06": (0.5, 1.0), "SF06": (0.8, 1.6), "MO01": (0.35, 1.2), "PF10": (0.3, 1.0),
               "SF03": (0.3, 1.0), "PF05": (0.3, 1.0)},
        needs={"schriftelijke_instructies": 0.55, "vaste_begeleider": 0.55, "jobcoach": 0.45,
               "vaste_werktijden": 0.2},
        hours=(28.0, 7.0),
        instability=1.15,
        avoid_rush_hour=0.1,
        conditions=("met duidelijke uitleg", "met vaste taken", "met iemand die me helpt als ik iets niet snap",
                    "met een vaste begeleider", "waar ik elke dag weet wat ik moet doen",
                    "niet te veel lezen en schrijven"),
    ),
    LimitationType(
        code="autisme",
        share=0.2,
        items={"PF09": (0.85, 1.5), "PF07": (0.8, 1.3), "OM01": (0.8, 1.3), "PF08": (0.8, 1.3),
               "SF01": (0.6, 1.2), "PF02": (0.5, 1.0), "SF03": (0.5, 1.0), "SF04": (0.3, 1.0),
               "WT04": (0.3, 1.0)},
        needs={"prikkelarme_werkplek": 0.5, "vaste_begeleider": 0.5, "vaste_werkplek": 0.4,
               "schriftelijke_instructies": 0.3, "jobcoach": 0.4, "vaste_werktijden": 0.3},
        hours=(26.0, 7.0),
        instability=1.15,
        avoid_rush_hour=0.4,
        conditions=("niet te veel mensen om me heen", "op een rustige plek", "geen open kantoor",
                    "niet te veel lawaai", "met vaste taken en vaste tijden", "zonder veel klanten",
                    "waar ik niet steeds gestoord word", "met een eigen plek"),
    ),
    LimitationType(
        code="psychisch",
        share=0.18,
        items={"PF06": (0.8, 1.3), "SF03": (0.75, 1.3), "WT04": (0.7, 1.2), "SF02": (0.6, 1.2),
               "PF05": (0.5, 1.0), "PF07": (0.4, 1.0), "SF01": (0.3, 1.0), "WT03": (0.4, 1.2),
               "WT01": (0.4, 1.0), "WT02": (0.4, 1.0)},
        needs={"vaste_begeleider": 0.4, "jobcoach": 0.4, "vaste_werktijden": 0.35, "extra_pauzes": 0.2},
        hours=(24.0, 7.0),
        instability=1.25,
        avoid_rush_hour=0.2,
        conditions=("zonder veel stress", "zonder deadlines", "met een vaste collega",
                    "in een klein team", "waar ik in mijn eigen tempo kan werken", "niet te veel druk"),
    ),
    LimitationType(
        code="lichamelijk",
        share=0.13,
        items={"DH01": (0.85, 2.0), "DH03": (0.75, 1.5), "SH01": (0.75, 1.5), "DH04": (0.8, 1.6),
               "DH02": (0.2, 1.0), "OM02": (0.3, 1.0), "MO01": (0.3, 1.0), "PF10": (0.3, 1.0),
               "SH02": (0.2, 1.0)},
        needs={"aangepaste_werkplek": 0.5, "rolstoeltoegankelijk": 0.2, "extra_pauzes": 0.2},
        hours=(28.0, 7.0),
        instability=0.8,
        avoid_rush_hour=0.15,
        conditions=("niet te zwaar tillen", "waarbij ik af en toe kan zitten", "zonder veel lopen",
                    "met een aangepaste stoel", "zonder trappen", "niet buiten in de kou"),
    ),
    LimitationType(
        code="nah",
        share=0.08,
        items={"WT01": (0.8, 1.5), "WT02": (0.8, 1.5), "PF05": (0.7, 1.2), "PF02": (0.7, 1.2),
               "PF01": (0.4, 1.0), "PF03": (0.5, 1.0), "OM01": (0.5, 1.0), "PF06": (0.5, 1.0),
               "WT04": (0.5, 1.0), "MO01": (0.3, 1.0)},
        needs={"extra_pauzes": 0.6, "prikkelarme_werkplek": 0.3, "vaste_werktijden": 0.3, "jobcoach": 0.3},
        hours=(18.0, 6.0),
        instability=1.0,
        avoid_rush_hour=0.3,
        conditions=("korte werkdagen", "niet te veel tegelijk", "met pauzes tussendoor",
                    "in mijn eigen tempo", "niet te veel prikkels", "alleen in de ochtend"),
    ),
    LimitationType(
        code="chronisch",
        share=0.06,
        items={"WT01": (0.7, 1.3), "WT02": (0.7, 1.3), "WT04": (0.6, 1.0), "DH01": (0.4, 1.0),
               "SH01": (0.4, 1.0), "OM02": (0.4, 1.0), "OM03": (0.4, 1.0)},
        needs={"extra_pauzes": 0.5, "thuiswerken": 0.2, "vaste_werktijden": 0.2},
        hours=(22.0, 7.0),
        instability=1.0,
        avoid_rush_hour=0.15,
        conditions=("met pauzes tussendoor", "niet te lange dagen", "soms thuis werken",
                    "binnen werken", "niet in stof of sterke geuren"),
    ),
    LimitationType(
        code="visueel",
        share=0.04,
        items={"DH02": (0.85, 1.8), "MO01": (0.85, 1.5), "SF07": (0.5, 1.0), "PF10": (0.5, 1.0),
               "DH03": (0.2, 1.0)},
        needs={"aangepaste_werkplek": 0.8, "vaste_werkplek": 0.4},
        hours=(32.0, 6.0),
        instability=0.85,
        avoid_rush_hour=0.2,
        conditions=("met een groot scherm", "dicht bij huis of goed met het OV te bereiken",
                    "niet de hele dag achter een scherm", "met een vaste werkplek"),
    ),
    LimitationType(
        code="auditief",
        share=0.04,
        items={"SF01": (0.6, 1.0), "PF02": (0.4, 1.0), "OM01": (0.4, 1.0), "SF04": (0.4, 1.0),
               "PF10": (0.4, 1.0)},
        needs={"schriftelijke_instructies": 0.4, "vaste_begeleider": 0.2},
        hours=(32.0, 6.0),
        instability=0.9,
        avoid_rush_hour=0.05,
        conditions=("waar collega's een beetje gebaren kennen", "met instructies op papier",
                    "zonder veel telefoneren", "niet te veel achtergrondlawaai"),
    ),
)  # fmt: skip

LIMITATION_CODES: tuple[str, ...] = tuple(t.code for t in LIMITATIONS)
