"""Column roles from what the cells hold, weighed with the header's wording.

The rule:

1. Each cell is profiled once: is it a French region name (of any era), a French authority
   (type words, names in the official lists), a foreign partner (a country in brackets, a foreign
   authority word before a name the French lists do not know), country names, an amount, a row
   number, a programme or call name (a year, « franco-X », « AAP »), free text (a title).
2. A column's content score for a role is the mean fit of its non-empty cells (a sample of
   them), with column-wide evidence: numbers that count up are row numbers; the column of
   longest free text is the best title.
3. A header cell in the vocabulary (:mod:`aap_parser.layout.roles`) adds a fixed weight to the
   role it names, so the wording wins while the cells are neutral and the cells win when they
   clearly say otherwise; one or two cells (a list of a row or two) say it in proportion only.
4. Roles are assigned by the best total over the table, each role at most once (``extra`` any
   number of times), an assignment naming the lead, partners and title columns every list has
   being preferred: an exhaustive search over columns and the set of roles already used.
5. A row printed short is realigned by the same fits: the missing cells are those whose
   absence reads best (a carried-over region or lead rather than a title in the amount column).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from aap_parser.enrich import classify_lead, is_region_name
from aap_parser.grid import WarningCode
from aap_parser.layout.roles import header_role
from aap_parser.models import Role
from aap_parser.values.amounts import parse_amount
from aap_parser.values.calls import bilateral_country
from aap_parser.values.countries import country_code
from aap_parser.wording import (
    DEPARTEMENT_PREFIXES,
    GROUPING_WORDS,
    PARTNER_AUTHORITY_WORDS,
    REGION_PREFIXES,
    SYNDICAT_WORDS,
    SepKind,
    fold,
    split_at,
)

ROLES: tuple[Role, ...] = (
    "region", "lead", "partners", "country", "title", "amount", "number", "programme", "theme",
)
HEADER_WEIGHT = 0.6
"""What a header in the vocabulary adds to the role it names."""
EXTRA_SCORE = 0.3
"""The score of keeping a column as ``extra``; content must beat it to claim a role."""
NAMED_EXTRA_BONUS = 0.2
"""Added to ``extra`` when the column has a printed header outside the vocabulary."""
_SAMPLE = 24
_MAX_NAME_WORDS = 8
# Every laureates table has leads, partners and titles: an assignment that gives them is preferred.
_EXPECTED: tuple[Role, ...] = ("lead", "partners", "title")
_EXPECTED_BONUS = 0.5
_MIN_EVIDENCE = 0.5
"""What the cells must say for a table read without a header to have leads and partners."""
_MIN_PARTNERS = 0.4
_MIN_HINT = 0.25
"""What the cells must say for a column to be preferred as one of the expected roles."""
_MIN_CHARS = 2
"""A cell of one character names nothing (« x », a stray mark)."""
_TITLE_BONUS = 0.2
_FULL_EVIDENCE = 3
"""Cells a column needs for what they say to weigh fully against its header's wording."""
# A region is carried over more often than a lead (a lead only inside its region's group).
_CARRY_BONUS: dict[Role, float] = {"region": 0.5, "lead": 0.4}
_KEY_MISSING = -0.5
# What placing a cell its column cannot hold costs: never a title in the amount column.
_MISFITS: dict[Role, float] = {"amount": -2.0, "number": -2.0, "region": -1.0}

_BRACKET_TAIL = regex.compile(r"\(([^()]+)\)\s*[*¹²³]*\s*$")
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_ROW_NUMBER = regex.compile(r"^(?:n\s*°\s*)?(\d{1,4})\s*[.)°]?$", regex.IGNORECASE)
_CALL_WORDS = regex.compile(
    r"\b(?:aap|appels?\s+[àa]\s+projets?|programmes?|fonds|dispositif|franco\s*[-‐‑–])",
    regex.IGNORECASE,
)
_DIGIT = regex.compile(r"\d")
# Words only French bodies are named with (the two-letter EPCI abbreviations aside).
_FRENCH_TYPE_WORDS = (GROUPING_WORDS | SYNDICAT_WORDS | {"collectivite"}) - {"cc", "ca", "cu"}
# A region name after one of these words is a lead authority (« Région Bretagne »).
_REGION_PREFIX_WORDS = frozenset(
    prefix.split()[0] for prefix in (*REGION_PREFIXES, *DEPARTEMENT_PREFIXES, "collectivite")
)
_ITEM_SEPARATORS = frozenset({SepKind.COMMA, SepKind.SEMICOLON, SepKind.AND, SepKind.SLASH,
                              SepKind.LINE})


@dataclass(frozen=True, slots=True)
class Profile:
    """What one cell's text could be, each fit between 0 and 1."""

    fits: dict[Role, float]
    words: int


@dataclass(frozen=True, slots=True)
class Assignment:
    """Roles for a table's columns, and the columns whose role the cells decided."""

    roles: tuple[Role, ...]
    from_content: tuple[int, ...]
    evidence: tuple[float, ...]
    """What each column's cells alone say for the role it was given."""


def _words(text: str) -> list[str]:
    return fold(text).split()


def _bracket_country(text: str) -> bool:
    found = _BRACKET_TAIL.search(text)
    return found is not None and country_code(found.group(1)) not in (None, "FR")


def _is_french(name: str) -> float:
    """1 for a French authority an official list knows, 0.7 for French type words alone."""
    words = _words(name)
    if not words:
        return 0.0
    match = classify_lead(name, approximate=False)
    if match.code is not None:
        return 1.0
    if _FRENCH_TYPE_WORDS & set(words):
        return 0.7
    return 0.0


def _partner_fit(item: str, french: float) -> float:
    if _bracket_country(item):
        return 1.0
    words = _words(item)
    if not words or french or _DIGIT.search(item):
        return 0.0
    if words[0] in PARTNER_AUTHORITY_WORDS:
        return 0.8
    return 0.4 if len(words) <= 6 and item[:1].isupper() else 0.0


@lru_cache(maxsize=8192)
def profile(text: str) -> Profile:
    """The fits of one cell's text for every role (see the module docstring, rule 1)."""
    words = _words(text)
    fits: dict[Role, float] = dict.fromkeys(ROLES, 0.0)
    n = len(words)
    if not n:
        return Profile(fits, 0)
    items = [item for item in split_at(text, _ITEM_SEPARATORS) if item.strip()]
    bracketed = _bracket_country(text)
    if _ROW_NUMBER.match(text.strip()):
        fits["number"] = 1.0
        return Profile(fits, n)
    if _DIGIT.search(text) and n <= 5:
        amount = parse_amount(text)
        if amount.value is not None:
            fits["amount"] = 1.0
            return Profile(fits, n)
    if len(text.strip()) < _MIN_CHARS:
        return Profile(fits, n)
    region = not bracketed and words[0] not in _REGION_PREFIX_WORDS and is_region_name(text)
    if not region and items and all(country_code(item) not in (None, "FR") for item in items):
        fits["country"] = 1.0
        fits["partners"] = 0.3
        return Profile(fits, n)
    if region:
        fits["region"] = 1.0
    short = [item for item in items[:4] if len(item.split()) <= _MAX_NAME_WORDS]
    # How French each short item reads, asked only where a fit needs it (the official
    # lists' lookup is the costliest test): the lead fit needs all of them, the partner
    # fit none for an item naming its country, and no more items once one fits fully.
    french: dict[str, float] = {}
    if not bracketed:
        french = {item: _is_french(item) for item in short}
        fits["lead"] = max(french.values(), default=0.0)
    if not fits["region"]:
        for item in items:
            if _bracket_country(item):
                fits["partners"] = 1.0  # the highest partner fit: no other item can add
                break
            if item in short and item not in french:
                french[item] = _is_french(item)
            fit = _partner_fit(item, french.get(item, 0.0))
            if fit > fits["partners"]:
                fits["partners"] = fit
    if bilateral_country(text) is not None or (
        n <= 6 and (_YEAR.search(text) or _CALL_WORDS.search(text))
    ):
        fits["programme"] = 1.0 if n <= 6 else 0.6
    if not bracketed and not fits["region"] and fits["lead"] < 1.0:
        named = words[0] in PARTNER_AUTHORITY_WORDS and n <= _MAX_NAME_WORDS
        fits["title"] = 0.3 if named or n < 4 else 1.0 if n >= 6 else 0.8
        quiet = not fits["programme"] and fits["partners"] < 0.8 and not fits["lead"]
        if n <= 4 and not _DIGIT.search(text) and quiet:
            fits["theme"] = 0.5
    return Profile(fits, n)


def column_scores(texts: Sequence[str]) -> dict[Role, float]:
    """A column's content score per role: the mean fit of a sample of its non-empty cells."""
    filled = [text for text in texts if text.strip()]
    if not filled:
        return dict.fromkeys(ROLES, 0.0)
    step = max(1, len(filled) // _SAMPLE)
    sample = filled[::step][:_SAMPLE]
    profiles = [profile(text) for text in sample]
    scores = {role: sum(p.fits[role] for p in profiles) / len(profiles) for role in ROLES}
    numbers = [_ROW_NUMBER.match(text.strip()) for text in filled]
    if scores["number"] and not _counts_up([m.group(1) for m in numbers if m]):
        scores["amount"] = max(scores["amount"], scores["number"] * 0.5)
        scores["number"] *= 0.5
    return scores


def _counts_up(values: list[str]) -> bool:
    """Row numbers: increasing integers under 1000."""
    numbers = [int(v) for v in values]
    return all(b > a for a, b in itertools.pairwise(numbers)) and max(numbers, default=0) < 1000


def _mean_words(texts: Sequence[str]) -> float:
    filled = [len(text.split()) for text in texts if text.strip()]
    return sum(filled) / len(filled) if filled else 0.0


def score_table(
    headers: Sequence[str],
    body: Sequence[Sequence[str]],
    cells_say: Sequence[dict[Role, float]] | None = None,
) -> list[dict[Role | None, float]]:
    """Each column's score per role (``None`` standing for ``extra``): content plus wording.

    ``cells_say`` are the columns' :func:`column_scores` when the caller has them already."""
    width = len(headers)
    columns = _columns(body, width)
    if cells_say is None:
        cells_say = [column_scores(column) for column in columns]
    content = [dict(scores) for scores in cells_say]
    lengths = [_mean_words(column) for column in columns]
    longest = max(range(width), key=lambda i: lengths[i]) if width else 0
    if width and content[longest]["title"] >= 0.5:
        content[longest]["title"] += _TITLE_BONUS
    out: list[dict[Role | None, float]] = []
    for i, header in enumerate(headers):
        named = header_role(header) if header.strip() else None
        # Against a header in the vocabulary, a cell or two (a list of a row or two) are
        # weak evidence: what they say for other roles counts in proportion.
        filled = sum(1 for text in columns[i] if text.strip())
        weight = 1.0 if named is None else min(1.0, filled / _FULL_EVIDENCE)
        scores: dict[Role | None, float] = {
            role: content[i][role] * (1.0 if role == named else weight) for role in ROLES
        }
        if named in scores:
            scores[named] += HEADER_WEIGHT
        for role in _EXPECTED:
            if content[i][role] >= _MIN_HINT:
                scores[role] += _EXPECTED_BONUS * (1.0 if role == named else weight)
        scores[None] = EXTRA_SCORE + (NAMED_EXTRA_BONUS if header.strip() and named is None else 0)
        if not any(text.strip() for text in columns[i]):
            scores = {role: (value if role == named else 0.0) for role, value in scores.items()}
            scores[None] = EXTRA_SCORE
        out.append(scores)
    return out


def _columns(body: Sequence[Sequence[str]], width: int) -> list[list[str]]:
    return [[row[i] if i < len(row) else "" for row in body] for i in range(width)]


def assign_roles(headers: Sequence[str], body: Sequence[Sequence[str]]) -> Assignment:
    """The best consistent roles for the table's columns (rules 3 and 4)."""
    content = [column_scores(column) for column in _columns(body, len(headers))]
    scores = score_table(headers, body, content)
    chosen = _best_roles(scores)
    roles = tuple("extra" if role is None else role for role in chosen)
    evidence = tuple(
        0.0 if role == "extra" else content[i][role] for i, role in enumerate(roles)
    )
    from_content = tuple(
        i for i, (header, role) in enumerate(zip(headers, roles, strict=True))
        if role != "extra" and (header_role(header) if header.strip() else None) != role
    )
    return Assignment(roles, from_content, evidence)


_BIT: dict[Role | None, int] = {None: 0} | {role: 1 << i for i, role in enumerate(ROLES)}
# A role scoring this much below ``extra`` in a column is on no best assignment, rounding aside.
_BELOW_EXTRA = 1e-9


def _best_roles(scores: Sequence[dict[Role | None, float]]) -> list[Role | None]:
    """Each column's role (None: extra) in the assignment of best total, each role given once
    at most: a search over the columns and the set of roles used so far (a bit mask), keeping
    the best total of each set and how it was reached. Ties go to what a search trying every
    role in every column meets first (:func:`_search_order`).

    A role scoring below ``extra`` in a column is not tried there: ``extra`` instead would
    score more and leave more roles free, so no best assignment gives it that column."""
    order = _search_order(tuple(tuple(column) for column in scores))
    best: dict[int, float] = {0: 0.0}
    steps: list[dict[int, tuple[int, Role | None]]] = []
    for k, column in enumerate(scores):
        extra = column.get(None)
        floor = None if extra is None else extra - _BELOW_EXTRA
        options = [
            (o, role, value, _BIT[role])
            for o, (role, value) in enumerate(column.items())
            if role is None or floor is None or value >= floor
        ]
        before, count = order[k], len(column)
        nxt: dict[int, float] = {}
        met: dict[int, int] = {}  # where the full search meets each set's best
        back: dict[int, tuple[int, Role | None]] = {}
        for used, total in best.items():
            start = before[used] * count
            for o, role, value, bit in options:
                if used & bit:
                    continue
                key = used | bit
                score = total + value
                held = nxt.get(key)
                if held is None or score > held or (score == held and start + o < met[key]):
                    nxt[key] = score
                    met[key] = start + o
                    back[key] = (used, role)
        best = nxt
        steps.append(back)
    final = order[len(scores)]
    key = max(best, key=lambda used: (best[used], -final[used]))
    chosen: list[Role | None] = []
    for back in reversed(steps):
        key, role = back[key]
        chosen.append(role)
    return chosen[::-1]


@cache
def _search_order(columns: tuple[tuple[Role | None, ...], ...]) -> tuple[dict[int, int], ...]:
    """For each column, the order in which a search trying every role (``columns``: each
    column's roles in the order tried) first meets each set of roles used so far: it depends
    on the table's width alone, not on its cells."""
    orders: list[dict[int, int]] = [{0: 0}]
    for roles in columns:
        bits = [_BIT[role] for role in roles]
        met: dict[int, int] = {}
        for used in orders[-1]:
            for bit in bits:
                if not used & bit:
                    met.setdefault(used | bit, len(met))
        orders.append(met)
    return tuple(orders)


def is_laureates_table(assignment: Assignment) -> bool:
    """A laureates table has columns whose cells read as leads and as partners."""
    said = dict(zip(assignment.roles, assignment.evidence, strict=True))
    # Partners printed as bare foreign place names (« Ségou », « Tyr ») say less than leads.
    return said.get("lead", 0.0) >= _MIN_EVIDENCE and said.get("partners", 0.0) >= _MIN_PARTNERS


def fits_as_row(texts: Sequence[str], roles: Sequence[Role]) -> float:
    """How well a row's cells fit the columns' roles: the share of the cells in columns with a
    content test (all but extra and theme) that pass it."""
    checked = [
        profile(text).fits[role] >= 0.5
        for text, role in zip(texts, roles, strict=False)
        if text.strip() and role not in ("extra", "theme")
    ]
    return sum(checked) / len(checked) if checked else 0.0


def realign(texts: Sequence[str], roles: Sequence[Role], *, has_above: bool) -> tuple[int, ...]:
    """The columns a short row's cells belong to, in order (rule 5).

    Every way of leaving ``len(roles) - len(texts)`` columns out is scored: each cell's fit for
    its column (a cell an amount, row-number or region column cannot hold is a misfit), plus a
    bonus for a left-out region or lead when there is a row above to carry it from, minus one for
    a left-out partners or title. Ties go to the left-to-right reading.
    """
    width, count = len(roles), len(texts)
    if count >= width:
        return tuple(range(width))
    best: tuple[float, tuple[int, ...]] | None = None
    for kept in itertools.combinations(range(width), count):
        total = 0.0
        for text, column in zip(texts, kept, strict=True):
            role = roles[column]
            fit = profile(text).fits[role] if role != "extra" else 0.3
            if role in _MISFITS and text.strip() and fit < 0.5:
                fit = _MISFITS[role]
            total += fit
        for column in set(range(width)) - set(kept):
            role = roles[column]
            if role in _CARRY_BONUS and has_above:
                total += _CARRY_BONUS[role]
            elif role in ("partners", "title"):
                total += _KEY_MISSING
        if best is None or total > best[0] + 1e-9:
            best = (total, kept)
    assert best is not None
    return best[1]


@dataclass(frozen=True, slots=True)
class ContentHead:
    """A table's head read from its cells: the header row (None: the table has none), the
    printed columns (blank without a header row), their roles, and what to warn."""

    index: int | None
    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    notes: tuple[tuple[WarningCode, str], ...]


_MAX_HEADER_WORDS = 8
_MAX_HEADER_ROWS = 3


def settle_roles(
    columns: Sequence[str], body: Sequence[Sequence[str]]
) -> tuple[tuple[Role, ...], tuple[tuple[WarningCode, str], ...]]:
    """The roles of a table whose header was found, its cells weighed in, with a note for every
    column whose role the cells decided (header outside the vocabulary or contradicted)."""
    assignment = assign_roles(columns, _full_rows(body, len(columns)))
    return assignment.roles, _role_notes(columns, assignment)


def head_from_content(rows: Sequence[Sequence[str]]) -> ContentHead | None:
    """The head of a table no header row of the vocabulary opens, read from its cells.

    The first rows are a header printed in other words (the last of them; those above are
    left-overs such as a generic « Colonne1 » row) while their cells are short and do not fit
    the roles the rows below give their columns; otherwise the table has no header row and the
    first row is data. None when the cells do not make a laureates table (no leads, no partners).
    """
    numbered, texts, width = _printed_rows(rows)
    if not numbered:
        return None
    blank = ("",) * width
    if _worded_as_header(texts[0]) and not any(len(row) >= width for row in texts[1:]):
        return None  # a header (its cells in the vocabulary) over no rows it can be read with
    heads = _header_rows(texts, width)
    if heads:
        columns = tuple((texts[heads - 1] + [""] * width)[:width])
        assignment = assign_roles(columns, _full_rows(texts[heads:], width))
        if not is_laureates_table(assignment):
            return None
        index = numbered[heads - 1]
        return ContentHead(index, columns, assignment.roles, _role_notes(columns, assignment))
    assignment = assign_roles(blank, _full_rows(texts, width))
    if not is_laureates_table(assignment):
        return None
    named = ", ".join(f"{i + 1}: {role}" for i, role in enumerate(assignment.roles))
    note = (
        WarningCode.HEADER_ROW_MISSING,
        f"table without a header row; column roles read from the cells ({named})",
    )
    return ContentHead(None, blank, assignment.roles, (note,))


def content_header_row(
    rows: Sequence[Sequence[str]], above: Sequence[Role] = ()
) -> tuple[int | None, int]:
    """The row :func:`head_from_content` takes for the header row (None: no row), and the
    table's printed width: the first step of its reading, without the role search over the
    rows under that header (a caller deciding whether a part goes on with the table above
    needs no more). ``above``: the roles of the table the part may go on; a first row that
    is no header under them is a body row, and the part's own roles are not sought."""
    numbered, texts, width = _printed_rows(rows)
    if numbered and len(above) == width and not _header_like(texts[0], above):
        return None, width
    heads = _header_rows(texts, width) if numbered else 0
    return (numbered[heads - 1] if heads else None), width


# A printed header cell opens with a capital (« Localisation », « N° », « # »): not with a
# digit (a row number, an amount), lowercase nor a bracket (text going on a cell above).
_HEADER_CELL = regex.compile(r"\s*(?:\p{Lu}|[#°№])")


def heads_rows(cells: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """True when a row of short cells reads as the header of the rows below: these make a
    laureates table (leads, partners) and the row's cells do not fit the roles they give their
    columns, or are mostly header vocabulary. The layout-text reader asks it of a table's top
    lines, the rows below being its next lines, cell fragments as printed."""
    width = len(cells)
    body = _full_rows(below, width)
    if not body or not all(_HEADER_CELL.match(text) for text in cells if text.strip()):
        return False
    assignment = assign_roles(("",) * width, body)
    return is_laureates_table(assignment) and _header_like(cells, assignment.roles)


def _printed_rows(
    rows: Sequence[Sequence[str]],
) -> tuple[list[int], list[list[str]], int]:
    """The indexes and cells of the rows that print something, and their widest printed
    width."""
    numbered = [i for i, row in enumerate(rows) if "".join(row).strip()]
    texts = [list(rows[i]) for i in numbered]
    return numbered, texts, max((_printed_width(row) for row in texts), default=0)


def _header_rows(texts: list[list[str]], width: int) -> int:
    """How many of the first rows read as a header printed in other words: short cells that
    do not fit the roles the rows below give their columns."""
    heads = 0
    if any(len(row) >= width for row in texts[1:]):
        limit = min(len(texts) - 1, _MAX_HEADER_ROWS)
        # The roles below are sought only for a first row of short cells (a body row's
        # long title already tells it is no header): the costliest step of the reading.
        if limit and _short_cells(texts[0]):
            below = assign_roles(("",) * width, _full_rows(texts[1:], width)).roles
            while heads < limit and _header_like(texts[heads], below):
                heads += 1
    return heads


def _short_cells(row: Sequence[str]) -> bool:
    """At least two filled cells, none longer than a header's."""
    words = [len(text.split()) for text in row if text.strip()]
    return len(words) >= 2 and max(words) <= _MAX_HEADER_WORDS


def _header_like(row: Sequence[str], roles: Sequence[Role]) -> bool:
    """Short cells, at least two, that mostly do not fit their columns' roles, or that are
    mostly header vocabulary."""
    if not _short_cells(row):
        return False
    return fits_as_row(row, roles) < 0.5 or _worded_as_header(row)


def _worded_as_header(row: Sequence[str]) -> bool:
    """Most of the row's cells are header vocabulary (a header the wording test refused, e.g.
    one cell cut in two by a scan: « Intitulé du » | « projet »)."""
    filled = [text for text in row if text.strip()]
    named = sum(1 for text in filled if header_role(text) is not None)
    return len(filled) >= 2 and named * 2 > len(filled)


def _printed_width(row: Sequence[str]) -> int:
    width = len(row)
    while width and not row[width - 1].strip():
        width -= 1
    return width


def _full_rows(rows: Sequence[Sequence[str]], width: int) -> list[Sequence[str]]:
    """The rows printed at full width (all rows when none is): short rows would misplace cells."""
    full = [row for row in rows if len(row) >= width]
    return full or list(rows)


def _role_notes(
    columns: Sequence[str], assignment: Assignment
) -> tuple[tuple[WarningCode, str], ...]:
    return tuple(
        (WarningCode.COLUMN_ROLE_FROM_CELLS,
         f"column {i + 1} {columns[i]!r} read as {assignment.roles[i]} from its cells")
        for i in assignment.from_content
        if columns[i].strip()
    )
