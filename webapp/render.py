"""Streamlit rendering of explanations, cards and problem lists: plain text only.

Profile and upload text reaches the page only through :func:`escape` (markdown escaped, automatic
links and shortcodes broken, never ``unsafe_allow_html``) or through widgets that show plain text
(``st.code``, ``st.dataframe``, select-box options). Every markdown-capable element (``st.markdown``,
``st.caption``, ``st.toast``, ``st.warning``, headers, widget and expander labels) that shows a value
from records or uploads gets it through :func:`escape`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import streamlit as st

from matcher import texts_nl
from matcher.io import Problem

if TYPE_CHECKING:
    from webapp.dataset import Dataset

__all__ = [
    "WORD_JOINER",
    "bullets",
    "card_heading",
    "data_notice",
    "escape",
    "explanation",
    "problems",
    "summary_line",
]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
#: Where a word joiner (U+2060, invisible, no width) goes: between ``www`` and its dot, and after every
#: ``:`` and ``@`` that is followed by more than a space. Streamlit's markdown turns ``www.x.nl``,
#: ``http://...``, ``mailto:``, ``a@b.nl`` into links and ``:smile:``/``:red[...]`` into emoji and
#: colour *after* backslash escapes are resolved, so escaping alone does not stop them; the joiner
#: breaks each pattern where it starts. A colon before a space ("Reistijd: 20 min") stays as it is,
#: so the text can still be searched as written.
_LINK_STARTS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=[:@])(?=\S)")
WORD_JOINER = "\u2060"


def escape(text: object) -> str:
    """``text`` as literal markdown: every markdown, LaTeX and HTML character backslash-escaped, line
    breaks flattened, and the starts of automatic links, e-mail links, emoji shortcodes and colour
    directives broken by an invisible word joiner, so profile text can never format, link, load
    images or inject HTML. What the adviser reads is the text itself."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", _LINK_STARTS.sub(WORD_JOINER, flat))


def bullets(lines: Iterable[str]) -> str:
    """A markdown bullet list of escaped lines."""
    return "\n".join(f"- {escape(line)}" for line in lines)


def explanation(sections: Mapping[str, Sequence[str]]) -> None:
    """Render :func:`matcher.explain.render_nl` sections, a bold heading and a bullet list each, as one
    markdown element (a page shows many explanations; fewer elements render faster)."""
    st.markdown(
        "\n\n".join(f"**{escape(heading)}**\n\n{bullets(lines)}" for heading, lines in sections.items())
    )


def card_heading(title: str, facts: Iterable[str]) -> None:
    """A card's bold title with its short facts on a grey line below, as one markdown element."""
    st.markdown(f"**{escape(title)}**  \n:small[:gray[{summary_line(facts)}]]")


def summary_line(parts: Iterable[str]) -> str:
    """Short facts joined with a middle dot, escaped (for ``st.caption``/``st.markdown``)."""
    return " · ".join(escape(p) for p in parts if p)


def problems(found: Sequence[Problem], *, limit: int = 200) -> None:
    """Validation problems exactly as ``banenmatch validate`` prints them, in a plain-text block."""
    if not found:
        return
    shown = [str(p) for p in found[:limit]]
    if len(found) > limit:
        shown.append(texts_nl.APP_TEXTS["common"]["more_problems"].format(n=len(found) - limit))
    st.code("\n".join(shown), language=None, wrap_lines=True)


def data_notice(data: Dataset, source: str) -> None:
    """On a page that ranks: which data set is in use (always, so an adviser never works on other data
    than they think), and how many records were set aside."""
    common = texts_nl.APP_TEXTS["common"]
    st.caption(
        escape(
            common["data_source"].format(
                source=source, candidates=len(data.candidates), packages=len(data.packages)
            )
        )
    )
    if data.set_aside:
        st.warning(texts_nl.count_nl(common, "data_problems", data.set_aside))
