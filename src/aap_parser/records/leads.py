"""Split a lead cell into the French local authorities leading a project together.

Separators are looked for outside parentheses only, and each needs both sides to read as
whole authority names:

- « , » and « ; »: the right side starts with a capital (an authority word or a place name:
  « Grenoble-Alpes Métropole, Ville de Grenoble »).
- « et »: the right side starts with an authority word (« ... de l'Ardèche et Communauté de
  communes du Val de Ligne ») or ends with one (« ... et Rennes Métropole »), or both sides
  are short bare names with no authority word (« Metz et Nancy », warned). Otherwise « et »
  is part of one name: « Syndicat des eaux et de l'assainissement ... », « Communauté de
  communes Vienne et Gartempe ».
- « / » and a spaced dash « - »: only before an authority word (« Région Occitanie /
  Pyrénées-Méditerranée » is one official name).
- a printed line break: only before an authority word, after a line that can end a name
  (« Grenoble-Alpes » / « Métropole, Ville de Grenoble » breaks after « Métropole ») and that
  names an authority on its own (a type word, or an official name of the enrichment tables).
  A line of type words only (« Communauté », « Communauté de communes ») completes the line
  above: « Lannion-Trégor » / « Communauté » is one authority.
- a bulleted cell: each marker starts a lead.
"""

from __future__ import annotations

from aap_parser.enrich import classify_lead
from aap_parser.grid import ParseWarning, WarningCode, collapse_spaces, join_lines, warn
from aap_parser.records.brackets import bracket_depths
from aap_parser.wording import (
    GROUPING_FILLER,
    LEAD_AUTHORITY_WORDS,
    LINKING_WORDS,
    TRAILING_AUTHORITY_WORDS,
    SepKind,
    fold,
    list_items,
    separators,
    stops_mid_phrase,
)

_SPLIT_BEFORE_AUTHORITY = frozenset({SepKind.SLASH, SepKind.DASH, SepKind.LINE})
_TRIM = " \t.,;:"


def split_leads(
    text: str, lines: tuple[str, ...] = ()
) -> tuple[list[str], list[ParseWarning]]:
    """Split a lead cell into lead names; return (names, warnings)."""
    kept = [collapse_spaces(line) for line in lines if line.strip()]
    items = list_items(kept) if join_lines(kept) == collapse_spaces(text) else None
    names: list[str] = []
    warnings: list[ParseWarning] = []
    if items is not None:  # a bulleted list: each marker starts a lead
        for item in items:
            more, notes = split_leads(join_lines(item), tuple(item))
            names += more
            warnings += notes
        return names, warnings
    marked = _mark_line_breaks(text, lines)
    current = ""
    depth_at = bracket_depths(marked)
    start = 0
    for found in separators(marked):
        if depth_at[found.start]:
            continue
        piece = marked[start : found.start]
        right = _next_piece(marked, found.end)
        kind = found.kind
        current += piece
        left = collapse_spaces(current).strip(_TRIM)
        if left and _splits(kind, left, right, warnings):
            names.append(left)
            current = ""
        else:
            current += " " if kind is SepKind.LINE else found.text
        start = found.end
    current += marked[start:]
    last = collapse_spaces(current).strip(_TRIM)
    if last:
        names.append(last)
    return names, warnings


def _splits(kind: SepKind, left: str, right: str, warnings: list[ParseWarning]) -> bool:
    """Whether a separator of ``kind`` between ``left`` and ``right`` parts two leads."""
    if not right:
        return False
    if kind in (SepKind.COMMA, SepKind.SEMICOLON):
        if right[0].isupper():
            return True
        warnings.append(warn(
            WarningCode.LEAD_COMMA_KEPT, f"lead {left!r}, {right!r}: comma kept inside one name"
        ))
        return False
    if kind in _SPLIT_BEFORE_AUTHORITY:
        return _starts_with_authority(right)
    if _starts_with_authority(right) or _ends_with_authority(right):
        return True
    if _bare_name(left) and _bare_name(right):
        warnings.append(warn(
            WarningCode.LEAD_SPLIT_GUESSED,
            f"lead {left!r} et {right!r}: read as two leads, a guess",
        ))
        return True
    return False


def _next_piece(text: str, start: int) -> str:
    """The text after a separator up to the next separator or the end."""
    found = next(separators(text[start:]), None)
    end = start + found.start if found else len(text)
    return collapse_spaces(text[start:end]).strip(_TRIM)


def _starts_with_authority(text: str) -> bool:
    """True when ``text`` begins with a capitalised authority word (« Conseil », « Ville »...)."""
    if not text or not text[0].isupper():
        return False
    return fold(text).split(" ")[0] in LEAD_AUTHORITY_WORDS


def _ends_with_authority(text: str) -> bool:
    """True when ``text`` ends with a type word printed after the place (« Rennes Métropole »)."""
    words = fold(text).split(" ")
    return text[0].isupper() and len(words) > 1 and words[-1] in TRAILING_AUTHORITY_WORDS


def _bare_name(text: str) -> bool:
    """A short capitalised place name with no authority word (« Metz », « Savoie Déchets »)."""
    words = fold(text).split(" ")
    return (
        text[0].isupper()
        and len(words) <= 3
        and not any(word in LEAD_AUTHORITY_WORDS for word in words)
        and "(" not in text
    )


def _mark_line_breaks(text: str, lines: tuple[str, ...]) -> str:
    """The cell text with ``\\n`` at each printed line break that may separate two leads."""
    flat = collapse_spaces(text)
    kept = [collapse_spaces(line) for line in lines if line.strip()]
    if len(kept) < 2 or join_lines(kept) != flat:
        return flat
    runs: list[list[str]] = [[kept[0]]]
    for line in kept[1:]:
        before = join_lines(runs[-1])
        if (
            not _ends_openly(before)
            and _starts_lead(line)
            and not bracket_depths(before)[-1]
            and _names_authority(before)
        ):
            runs.append([line])
        else:
            runs[-1].append(line)
    return "\n".join(join_lines(run) for run in runs)


def _starts_lead(line: str) -> bool:
    """True when a printed line begins a new lead, not the end of « Grenoble-Alpes Métropole »."""
    if not _starts_with_authority(line) or _only_type_words(line):
        return False
    words = fold(line).split(" ")
    if words[0] in TRAILING_AUTHORITY_WORDS:
        # « Métropole de Lyon », « Communauté urbaine de Dunkerque »
        return len(words) > 1 and (words[1] in LINKING_WORDS or words[1] in GROUPING_FILLER)
    return True


def _only_type_words(text: str) -> bool:
    """True when ``text`` is authority type words only (« Communauté de communes »)."""
    return all(w in LEAD_AUTHORITY_WORDS or w in GROUPING_FILLER for w in fold(text).split(" "))


def _names_authority(text: str) -> bool:
    """True when ``text`` names an authority on its own: it holds a type word, or it is an
    official name or reads as one (« Metz », « Lannion-Trégor Communauté », « Savoie
    Déchets »; not « Lannion-Trégor »)."""
    if any(w in LEAD_AUTHORITY_WORDS for w in fold(text).split(" ")):
        return True
    match = classify_lead(text)
    return match.code is not None or match.kind not in (None, "other")


def _ends_openly(line: str) -> bool:
    """True when a line cannot end a name: it stops mid-phrase or is only an authority word."""
    words = fold(line).split(" ")
    return stops_mid_phrase(line) or (len(words) == 1 and words[0] in LEAD_AUTHORITY_WORDS)
