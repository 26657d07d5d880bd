"""Closed-list correction of text read by OCR: regions, French authorities, countries, headers.

Applied only to documents read by OCR, only to cells whose column role holds names from a
closed list; titles and other free text keep what OCR read.

1. A region cell that is no known region spelling takes the one known spelling (official,
   former, interim or short) closest to it, when that is at least ``REGION_RATIO`` alike.
2. In lead cells, a word that is no word of the official names (regions, départements,
   communes, groupings) nor of the authority type words, accents aside, takes the one
   official word it matches after folding OCR's usual confusions (``rn``/``m``,
   ``cl``/``d``, ``l``/``I``/``1``, ``0``/``o``, lost accents), or, for a word of
   ``MIN_EDIT_WORD`` letters or more, the one official word one edit away; « Dorléans »,
   a d or l joined to an official word whose apostrophe OCR lost, is « d'Orléans ».
3. In partner cells, a country in brackets that is no country name takes the one French
   country name closest to it (at least ``COUNTRY_RATIO`` alike).
4. A name matching two candidates equally is left alone. Each correction is an
   ``ocr-name-corrected`` warning (info) on the row, naming the read and the corrected text.
5. In a table's first ``HEADER_ROWS`` rows, words are snapped to the header vocabulary
   (``layout.roles.HEADER_WORDS``) as in rule 2, or failing that to the one word at least
   ``HEADER_RATIO`` alike; the row takes the corrections only when it
   then reads as a laureates header with more columns known than before.
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
from aap_parser.grid import (
    Block,
    ParseWarning,
    RawCell,
    RawTable,
    SourceDocument,
    WarningCode,
    warn,
)
from aap_parser.layout import LaidOutRow, LaidOutTable
from aap_parser.layout.roles import HEADER_WORDS, header_roles
from aap_parser.values.countries import country_code, country_name_fr
from aap_parser.wording import fold, strip_accents

REGION_RATIO = 0.8
COUNTRY_RATIO = 0.8
MIN_EDIT_WORD = 6
HEADER_RATIO = 0.7
"""How alike (difflib ratio) a header word must be to a vocabulary word further than one
edit away; loose, since a row takes its corrections only if it then reads as a header."""
HEADER_ROWS = 3
"""A table's first rows looked at for a header misread by OCR."""

_CONFUSIONS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("1", "l"), ("i", "l"), ("|", "l"),
               ("0", "o"))
"""Shapes OCR mistakes for one another, folded to one form."""
_ELIDED = ("d", "D", "l", "L")
"""Letters OCR joins to the next word when it loses the apostrophe (« Dorléans », d'Orléans)."""
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


class WordIndex:
    """A closed list of words, to find the one an OCR-read word stands for (rule 2)."""

    def __init__(
        self, words: Iterable[str], known: Iterable[str] = (), *, loose: float | None = None
    ) -> None:
        self._loose = loose
        """When set, a word no edit away from the list takes the one listed word at least
        this alike (difflib ratio), for short lists whose use is checked afterwards."""
        self._known = frozenset(fold(w) for w in words) | frozenset(known)
        self._folded: dict[str, list[str]] = {}
        self._deletions: dict[str, list[str]] = {}
        for word in words:
            key = ocr_fold(word)
            self._folded.setdefault(key, []).append(word)
            if len(key) >= MIN_EDIT_WORD - 1:
                for i in range(len(key)):
                    self._deletions.setdefault(key[:i] + key[i + 1 :], []).append(word)

    def snap(self, word: str) -> str | None:
        """The listed word ``word`` stands for, or None (known already, or unsure)."""
        if len(word) < 3 or fold(word) in self._known:
            return None
        key = ocr_fold(word)
        if key in self._folded:
            return _most_common(self._folded[key])
        if len(word) >= 5 and word[:1] in _ELIDED and ocr_fold(word[1:]) in self._folded:
            return f"{word[0].lower()}'{_most_common(self._folded[ocr_fold(word[1:])])}"
        if len(key) < MIN_EDIT_WORD:
            return None
        near = list(self._deletions.get(key, []))  # one letter too many in the OCR word
        for i in range(len(key)):  # one letter lost, or one changed
            shorter = key[:i] + key[i + 1 :]
            near += self._folded.get(shorter, [])
            near += [w for w in self._deletions.get(shorter, []) if len(ocr_fold(w)) == len(key)]
        found = _unique(w.casefold() for w in near) and _most_common(near)
        if not found and not near and self._loose is not None:
            close = difflib.get_close_matches(key, self._folded, n=2, cutoff=self._loose)
            ratios = [difflib.SequenceMatcher(None, key, c).ratio() for c in close]
            if len(close) == 1 or (close and ratios[0] > ratios[1]):
                found = _most_common(self._folded[close[0]])
        if not found:
            return None
        return found[0].upper() + found[1:] if word[:1].isupper() else found

    def snap_words(self, text: str) -> str:
        """``text`` with each word snapped where the list gives one."""
        return _WORD.sub(lambda m: self.snap(m.group(0)) or m.group(0), text)


@cache
def _official_words() -> WordIndex:
    """Words of official names (regions, départements, communes, groupings)."""
    index = geo_index()
    names = [
        *index.region_names.values(),
        *index.departement_names.values(),
        *index.commune_names.values(),
        *(g.name for groups in index.groupings.values() for g in groups),
    ]
    words = {w for name in names for w in re.split(r"[\s\-'’()]+", name) if len(w) >= 3}
    return WordIndex(sorted(words), _vocabulary())


def _most_common(words: list[str]) -> str:
    """The spelling most names use (``Île`` over ``île``)."""
    return max(sorted(set(words)), key=words.count)


def _snap_words(text: str) -> str:
    return _official_words().snap_words(text)


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


@cache
def _header_words() -> WordIndex:
    return WordIndex(HEADER_WORDS, wording.LINKING_WORDS, loose=HEADER_RATIO)


def snap_headers(document: SourceDocument) -> SourceDocument:
    """The document with header rows misread by OCR put right (rule 5), each a warning."""
    blocks: list[Block] = []
    warnings: list[ParseWarning] = []
    for block in document.blocks:
        if isinstance(block, RawTable):
            rows = list(block.rows)
            for index, row in enumerate(rows[:HEADER_ROWS]):
                cells = tuple(
                    replace(c, lines=tuple(_header_words().snap_words(ln) for ln in c.lines))
                    for c in row.cells
                )
                before, after = [c.text for c in row.cells], [c.text for c in cells]
                if after != before and _better_header(before, after):
                    rows[index] = replace(row, cells=cells)
                    warnings += [
                        warn(
                            WarningCode.OCR_NAME_CORRECTED,
                            f"header {old!r} read as {new!r} (header vocabulary)",
                            page=row.page,
                        )
                        for old, new in zip(before, after, strict=True)
                        if old != new
                    ]
            block = replace(block, rows=tuple(rows))
        blocks.append(block)
    if not warnings:
        return document
    return replace(document, blocks=tuple(blocks), warnings=(*document.warnings, *warnings))


def _better_header(before: list[str], after: list[str]) -> bool:
    """Whether the corrected row reads as a laureates header with more columns known."""
    new = header_roles(after)
    if new is None:
        return False
    old = header_roles(before)
    return old is None or new.count("extra") < old.count("extra")


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
