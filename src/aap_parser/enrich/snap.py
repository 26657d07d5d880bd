"""Closed-list correction of names read by OCR: regions, French authorities, countries.

Applied only to documents read by OCR, only to cells whose column role holds names from a
closed list; titles and other free text keep what OCR read.

1. A region cell that is no known region spelling takes the one known spelling (official,
   former, interim or short) closest to it, when that is at least ``REGION_RATIO`` alike.
2. In lead cells, a word that is no word of the official names (regions, départements,
   communes, groupings) nor of the authority type words, accents aside, takes the one
   official word it matches after folding OCR's usual confusions (``rn``/``m``,
   ``cl``/``d``, ``l``/``I``/``1``, ``0``/``o``, lost accents), or, for a word of
   ``MIN_EDIT_WORD`` letters or more, the one official word one edit away.
3. In partner cells, a country in brackets that is no country name takes the one French
   country name closest to it (at least ``COUNTRY_RATIO`` alike).
4. A name matching two candidates equally is left alone. Each correction is an
   ``ocr-name-corrected`` warning (info) on the row, naming the read and the corrected text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import pycountry

from aap_parser import wording
from aap_parser.enrich.geodata import geo_index
from aap_parser.enrich.regions import printed_region_names
from aap_parser.grid import RawCell, WarningCode, warn
from aap_parser.layout import LaidOutRow, LaidOutTable
from aap_parser.records.countries import country_code, country_name_fr
from aap_parser.wording import fold, strip_accents

REGION_RATIO = 0.8
COUNTRY_RATIO = 0.8
MIN_EDIT_WORD = 6

_CONFUSIONS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("1", "l"), ("i", "l"), ("|", "l"),
               ("0", "o"))
"""Shapes OCR mistakes for one another, folded to one form."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")
_BRACKETED = re.compile(r"\(([^()]+)\)")


def ocr_fold(text: str) -> str:
    """A word folded so that OCR's usual confusions compare equal."""
    out = strip_accents(text).casefold()
    for shape, same in _CONFUSIONS:
        out = out.replace(shape, same)
    return out


def _unique(options: Iterable[str]) -> str | None:
    found = set(options)
    return next(iter(found)) if len(found) == 1 else None


@cache
def _vocabulary() -> frozenset[str]:
    """Folded words a lead's name may hold besides place names: types, kinds, linking words."""
    phrases = [
        *wording.REGION_PREFIXES, *wording.DEPARTEMENT_PREFIXES, *wording.COMMUNE_PREFIXES,
        *(long for long, _ in wording.GROUPING_LONG_FORMS), *wording.GROUPING_WORDS,
        *wording.SYNDICAT_WORDS, *wording.SYNDICAT_PHRASES, *wording.LEAD_AUTHORITY_WORDS,
        *wording.CONTINUING_WORDS,
    ]
    return frozenset(word for phrase in phrases for word in phrase.split())


@cache
def _official_words() -> tuple[frozenset[str], dict[str, list[str]], dict[str, list[str]]]:
    """Words of official names: the set as printed, by OCR fold, and by fold minus a letter."""
    index = geo_index()
    names = [
        *index.region_names.values(),
        *index.departement_names.values(),
        *index.commune_names.values(),
        *(g.name for groups in index.groupings.values() for g in groups),
    ]
    words = {w for name in names for w in re.split(r"[\s\-'’()]+", name) if len(w) >= 3}
    folded: dict[str, list[str]] = {}
    deletions: dict[str, list[str]] = {}
    for word in words:
        key = ocr_fold(word)
        folded.setdefault(key, []).append(word)
        if len(key) >= MIN_EDIT_WORD - 1:
            for i in range(len(key)):
                deletions.setdefault(key[:i] + key[i + 1 :], []).append(word)
    return frozenset(fold(w) for w in words) | _vocabulary(), folded, deletions


def _snap_word(word: str) -> str | None:
    """The official word an OCR-read word stands for, or None (known already, or unsure)."""
    known, folded, deletions = _official_words()
    if len(word) < 3 or fold(word) in known:
        return None
    key = ocr_fold(word)
    if key in folded:
        return _most_common(folded[key])
    if len(key) < MIN_EDIT_WORD:
        return None
    near = list(deletions.get(key, []))  # one letter too many in the OCR word
    near += folded.get(key, [])
    for i in range(len(key)):  # one letter lost, or one changed
        shorter = key[:i] + key[i + 1 :]
        near += folded.get(shorter, [])
        near += [w for w in deletions.get(shorter, []) if len(ocr_fold(w)) == len(key)]
    return _unique(w.casefold() for w in near) and _most_common(near)


def _most_common(words: list[str]) -> str:
    """The spelling most names use (``Île`` over ``île``)."""
    return max(sorted(set(words)), key=words.count)


def _snap_words(text: str) -> str:
    return _WORD.sub(lambda m: _snap_word(m.group(0)) or m.group(0), text)


@cache
def _region_folds() -> frozenset[str]:
    return frozenset(fold(name) for name in printed_region_names())


@cache
def _regions() -> dict[str, str]:
    return {ocr_fold(name): name for name in printed_region_names()}


def _snap_region(text: str) -> str | None:
    regions = _regions()
    printed = " ".join(text.split())
    if not printed or fold(printed) in _region_folds():
        return None
    key = ocr_fold(printed)
    if key in regions:
        return regions[key]
    near = difflib.get_close_matches(key, regions, n=2, cutoff=REGION_RATIO)
    if not near:
        return None
    if len(near) == 2 and difflib.SequenceMatcher(None, key, near[1]).ratio() == (
        difflib.SequenceMatcher(None, key, near[0]).ratio()
    ):
        return None
    return regions[near[0]]


@cache
def _countries() -> dict[str, str]:
    names = (country_name_fr(c.alpha_2) for c in pycountry.countries)
    return {ocr_fold(n): n for n in names if n}


def _snap_countries(text: str) -> str:
    def fix(found: re.Match[str]) -> str:
        inside = found.group(1).strip()
        if country_code(inside) is not None:
            return found.group(0)
        near = difflib.get_close_matches(ocr_fold(inside), _countries(), n=1, cutoff=COUNTRY_RATIO)
        return f"({_countries()[near[0]]})" if near else found.group(0)

    return _BRACKETED.sub(fix, text)


def _snap_cell(cell: RawCell, role: str) -> RawCell:
    if role == "region":
        region = _snap_region(cell.text)
        return replace(cell, lines=(region,)) if region else cell
    if role == "lead":
        lines = tuple(_snap_words(line) for line in cell.lines)
    elif role == "partners":
        lines = tuple(_snap_countries(line) for line in cell.lines)
    else:
        return cell
    return replace(cell, lines=lines) if lines != cell.lines else cell


def snap_names(tables: tuple[LaidOutTable, ...]) -> tuple[LaidOutTable, ...]:
    """The tables with closed-list names corrected, each correction a warning on its row."""
    out: list[LaidOutTable] = []
    for table in tables:
        rows: list[LaidOutRow] = []
        for row in table.rows:
            cells = tuple(
                _snap_cell(cell, role)
                for cell, role in zip(row.cells, table.roles, strict=False)
            )
            cells += row.cells[len(cells) :]
            found = tuple(
                warn(
                    WarningCode.OCR_NAME_CORRECTED,
                    f"{before.text!r} read as {after.text!r} (closest official name)",
                )
                for ci, (before, after) in enumerate(zip(row.cells, cells, strict=True))
                if before is not after and ci not in row.carried
            )
            if cells != row.cells:
                row = replace(row, cells=cells, warnings=row.warnings + found)
            rows.append(row)
        out.append(replace(table, rows=tuple(rows)))
    return tuple(out)
