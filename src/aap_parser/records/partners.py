"""Split a partners cell into foreign partner authorities, each with its country.

The rule, in order:

1. Separators are looked for outside parentheses only: « , » « ; » « et » « / » « - », and a
   printed line break when the line before ends with a country in parentheses (or every line
   starts with an authority word such as « Commune de »), i.e. when each line is a whole
   partner. « et », « / » and « - » separate only two items that each end with a country in
   parentheses (« et » also two items that both start with a capitalised authority word);
   otherwise they belong to a name (« Commune de Saint-Pierre et Miquelon »).
2. An item's country is its last parenthesised group when that group names a country
   (« Commune de Kaolack (région de Kaolack) (Sénégal) »); other groups — an acronym
   « (SDEA) », a province « (Oblast de Lviv) » — stay in the name. A group that looks like a
   country (capitalised words, last in the item) but is unknown is kept as the country, with
   no code and an « unknown country » warning.
3. Items are grouped up to the next item carrying a country; the group shares that country.
   Inside a group, an item starting with an authority word (Commune, Ville, Cercle, Province,
   Région ...) or following « ; » or a line break starts a new partner: « Commune de Sokodé,
   Commune de Bafilo (Togo) » gives two. A bare item otherwise completes the partner before
   it (« Manizales, Caldas (Colombie) »: a locality and its province, one partner); that is
   a guess, and warned, unless ISO 3166-2 knows the bare item as a subdivision of the
   country. Bare items that are all subdivisions (« Dakar, Thiès (Sénégal) »), or three and
   more bare items, are separate partners (the latter warned).
4. A group without a parenthesised country may end with a bare country name (« Ville de
   Bamako, Mali », unless the row has its own country column) or a dashed one (« Commune de
   Kita - Mali »), or follow a country heading (« Mali : Commune de Kita, Commune de
   Kayes »). Partners still without a country take ``default_country`` (the country of a
   bilateral call, ``country_from="call"``); printed countries have ``country_from="cell"``.
   With a country column or a default country, unknown names in parentheses stay in names.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from aap_parser.grid import ParseWarning, WarningCode, collapse_spaces, join_lines, warn
from aap_parser.models import Partner
from aap_parser.records.brackets import bracket_depths
from aap_parser.values.countries import country_code, is_subdivision
from aap_parser.wording import (
    LINKING_WORDS,
    PARTNER_AUTHORITY_WORDS,
    SepKind,
    fold,
    list_items,
    separators,
    split_at,
    stops_mid_phrase,
    strip_marker,
)

_FOOTNOTE = regex.compile(r"\s*(?:\*+|\(\s*\d{1,2}\s*\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
# The same mark searched from the text's end (``(?r)``): the same match, without trying every
# start along the text.
_LAST_FOOTNOTE = regex.compile("(?r)" + _FOOTNOTE.pattern)
_DASH_COUNTRY = regex.compile(r"^(?P<name>.*\S)\s+[-–—]\s+(?P<country>[^-–—()]+)$")
_PREFIX_COUNTRY = regex.compile(r"^(?P<country>[^:()]{2,40}?)\s*:\s*(?P<rest>\S.*)$")
_TRIM = " \t.,;:"
_WEAK = frozenset({SepKind.AND, SepKind.SLASH, SepKind.DASH})
_STRONG = frozenset({SepKind.SEMICOLON, SepKind.LINE})
_COUNTRY_LIST = frozenset({SepKind.COMMA, SepKind.SEMICOLON, SepKind.SLASH, SepKind.LINE})
_QUALIFIER = frozenset({SepKind.COMMA, SepKind.DASH})


@dataclass(frozen=True, slots=True)
class PartnerSplit:
    """A partners cell split: the partners in printed order and what had to be guessed."""

    partners: list[Partner] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


class _Tail(NamedTuple):
    """A country printed at the end of an item, and the item's name without it (a named
    tuple: made for most items, and quicker to make than a frozen dataclass)."""

    name: str
    country: str
    code: str | None
    dropped: str | None = None


@dataclass(slots=True)
class _Item:
    """One separated item: its text and the separator kind printed before it."""

    text: str
    sep: SepKind | None
    sep_text: str = ""


def split_partners(
    text: str,
    lines: tuple[str, ...] = (),
    *,
    default_country: tuple[str, str] | None = None,
    country_column: bool = False,
) -> PartnerSplit:
    """Split a partners cell into partners with countries (see the module docstring).

    ``country_column`` says the row has its own country cell: then only known countries in
    parentheses are read from this cell, and a bare trailing name is a partner.
    """
    warnings: list[ParseWarning] = []
    marked = _mark_line_breaks(text, lines)
    if not marked.strip():
        return PartnerSplit([], [])
    known_only = default_country is not None or country_column
    items = _merge_weak(_items(marked))
    partners: list[Partner] = []
    # With a country column, pairing checks the count of partners: no guess is warned here.
    guesses = [] if country_column else warnings
    for group in _groups(items, known_only=known_only):
        partners += _group_partners(group, default_country, warnings, guesses)
    return PartnerSplit(partners, warnings)


def pair_countries(
    partners: list[Partner], country_cell: str
) -> tuple[list[Partner], list[ParseWarning]]:
    """Give partners the countries of a separate country column, in order or one for all."""
    countries = _column_countries(country_cell)
    warnings = [
        warn(WarningCode.COUNTRY_UNKNOWN, f"unknown country {name!r} in the country column")
        for name, c in countries
        if not c
    ]
    if not countries:
        return list(partners), warnings
    if not partners:
        message = f"country column {country_cell!r} beside no partner"
        return [], [*warnings, warn(WarningCode.COUNTRY_COLUMN_UNPAIRED, message)]
    expanded = _split_commas(partners)
    if len(countries) > len(partners) and len(expanded) == len(countries):
        # « Région Diana, Île Maurice » beside « Madagascar, Maurice »: two partners.
        partners = expanded
    if len(countries) == len(partners):
        pairs = list(zip(partners, countries, strict=True))
    elif len(countries) == 1 or len({c or n for n, c in countries}) == 1:
        pairs = [(partner, countries[0]) for partner in partners]
    else:
        message = (
            f"country column {country_cell!r} names {len(countries)} countries "
            f"for {len(partners)} partners: not paired"
        )
        return list(partners), [*warnings, warn(WarningCode.COUNTRY_COLUMN_UNPAIRED, message)]
    out: list[Partner] = []
    for partner, (name, code) in pairs:
        if partner.country_from == "cell" and partner.country_code is None and code:
            # The cell's « country » was unknown: it was a qualifier of the name after all.
            update = {
                "name": f"{partner.name} ({partner.country})",
                "country": name,
                "country_code": code,
                "country_from": "column",
            }
            out.append(partner.model_copy(update=update))
            continue
        if partner.country_from == "cell" and partner.country is not None:
            if code != partner.country_code:
                warnings.append(warn(
                    WarningCode.COUNTRY_CONFLICT,
                    f"partner {partner.name!r}: country column says {name!r}, "
                    f"cell says {partner.country!r}; the cell is kept",
                ))
            out.append(partner)
            continue
        out.append(
            partner.model_copy(
                update={"country": name, "country_code": code, "country_from": "column"}
            )
        )
    return out, warnings


def _split_commas(partners: list[Partner]) -> list[Partner]:
    """Partners whose names join places with commas, split at those commas."""
    out: list[Partner] = []
    for partner in partners:
        depth = bracket_depths(partner.name)
        cuts = [m.start() for m in regex.finditer(", ", partner.name) if not depth[m.start()]]
        bounds = [0, *cuts, len(partner.name)]
        for begin, end in itertools.pairwise(bounds):
            name = partner.name[begin:end].strip(_TRIM)
            out.append(partner.model_copy(update={"name": name}))
    return out


def _column_countries(cell: str) -> list[tuple[str, str | None]]:
    """The countries of a country-column cell, split on , ; / and « et »."""
    out: list[tuple[str, str | None]] = []
    for chunk in split_at(cell, _COUNTRY_LIST):
        name = _FOOTNOTE.sub("", collapse_spaces(chunk)).strip(_TRIM)
        if not name:
            continue
        code = country_code(name)
        sides = [s.strip() for s in split_at(name, frozenset({SepKind.AND}))]
        if code is None and len(sides) > 1:
            codes = [country_code(s) for s in sides]
            if all(codes):
                out += [(s, c) for s, c in zip(sides, codes, strict=True)]
                continue
        out.append((name, code))
    return out


# --- line breaks -----------------------------------------------------------------------


def _mark_line_breaks(text: str, lines: tuple[str, ...]) -> str:
    """The cell text with ``\\n`` at each printed line break that separates whole partners."""
    flat = collapse_spaces(text)
    kept = [collapse_spaces(line) for line in lines if line.strip()]
    if len(kept) < 2 or join_lines(kept) != flat:
        return flat
    items = list_items(kept)
    if items is not None and len(items) > 1:  # a bulleted list: each marker starts a partner
        return "\n".join(join_lines(item) for item in items)
    every_line_authority = all(
        _starts_with_authority(line, capital=True) and not stops_mid_phrase(line) for line in kept
    )
    runs: list[list[str]] = [[kept[0]]]
    for line in kept[1:]:
        before = join_lines(runs[-1])
        if _depth(before) == 0 and (
            every_line_authority or (_ends_with_country(before) and _starts_capital(line))
        ):
            runs.append([line])
        else:
            runs[-1].append(line)
    return "\n".join(join_lines(run) for run in runs)


def _starts_capital(line: str) -> bool:
    """True when a line begins (after a bullet) with an upper-case letter."""
    bare = strip_marker(line)
    return bool(bare) and bare[0].isupper()


def _ends_with_country(text: str) -> bool:
    """True when ``text`` ends with a parenthesised known country."""
    tail = _tail(text, known_only=True)
    return tail is not None and tail.code is not None


# --- items -----------------------------------------------------------------------------


def _depth(text: str) -> int:
    """The parenthesis depth at the end of ``text``."""
    depths = bracket_depths(text)
    return depths[-1] if depths else 0


def _items(text: str) -> list[_Item]:
    """Cut the text at every separator outside parentheses."""
    depth_at: list[int] | None = None  # read at the first separator: most cells have none
    items: list[_Item] = []
    start, sep, sep_text = 0, None, ""
    for found in separators(text):
        if depth_at is None:
            depth_at = bracket_depths(text)
        if depth_at[found.start] or (found.start and depth_at[found.start - 1]):
            continue
        items.append(_Item(text[start : found.start], sep, sep_text))
        start, sep, sep_text = found.end, found.kind, found.text
    items.append(_Item(text[start:], sep, sep_text))
    for item in items:
        item.text = strip_marker(item.text.strip()).strip()
    return items


def _merge_weak(items: list[_Item]) -> list[_Item]:
    """Glue back « et », « / », « - » that do not stand between two whole partners."""
    merged: list[_Item] = []
    for index, item in enumerate(items):
        if merged and item.sep in _WEAK and not _weak_splits(merged[-1], items, index):
            last = merged[-1]
            last.text = last.text + item.sep_text + item.text
            continue
        merged.append(item)
    return [item for item in merged if item.text.strip(_TRIM)]


def _weak_splits(left: _Item, items: list[_Item], index: int) -> bool:
    """Whether a weak separator before ``items[index]`` separates two partners."""
    right = items[index]
    if (
        right.sep is SepKind.AND
        and _starts_with_authority(left.text, capital=True)
        and (_starts_with_authority(right.text, capital=True))
    ):
        return True
    if not _ends_with_country(left.text):
        return False
    return any(_ends_with_country(item.text) for item in items[index:])


def _starts_with_authority(text: str, *, capital: bool = False) -> bool:
    """True when ``text`` begins with an authority word (« Commune », « Ville de » ...)."""
    bare = strip_marker(text.strip())
    if not bare or (capital and not bare[0].isupper()):
        return False
    token = fold(bare.split(" ")[0])  # a compound such as « Sous-préfecture »
    return token in PARTNER_AUTHORITY_WORDS or token.split(" ")[0] in PARTNER_AUTHORITY_WORDS


# --- countries -------------------------------------------------------------------------


def _closing_group(text: str) -> tuple[str, str] | None:
    """Split ``text`` ending with ``)`` into (before, content of its last balanced group)."""
    if not text.endswith(")"):
        return None
    opening = text.rfind("(")
    if opening >= 0 and ")" not in text[opening + 1 : -1]:
        # The common group, nothing nested in it: its opening is the last one.
        return text[:opening].rstrip(), text[opening + 1 : -1].strip()
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        ch = text[pos]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                return text[:pos].rstrip(), text[pos + 1 : -1].strip()
    return None


def _tail(text: str, *, known_only: bool) -> _Tail | None:
    """The country printed in parentheses at the end of an item, if any.

    With ``known_only`` an unknown name in parentheses stays in the partner's name.
    """
    body = text.strip().rstrip(_TRIM)
    dropped = None
    footnote = _LAST_FOOTNOTE.search(body)
    if footnote and footnote.start() > 0 and body[: footnote.start()].rstrip().endswith(")"):
        dropped = footnote.group(0).strip()
        body = body[: footnote.start()].rstrip()
    split = _closing_group(body)
    if split is None:
        dashed = _DASH_COUNTRY.match(body)
        if dashed and country_code(dashed.group("country")):
            country = dashed.group("country").strip()
            return _Tail(dashed.group("name"), country, country_code(country), dropped)
        return None
    name, content = split
    content = collapse_spaces(content)
    if not name:
        return None
    code = country_code(content)
    if code is not None:
        return _Tail(name, content, code, dropped)
    inner = _closing_group(content)
    if inner is not None and inner[0] and country_code(inner[1]):
        return _Tail(f"{name} ({inner[0]})", inner[1], country_code(inner[1]), dropped)
    last = split_at(content, _QUALIFIER)
    if len(last) > 1 and country_code(last[-1]):
        rest = content[: content.rfind(last[-1])].rstrip(" ,-–")
        return _Tail(f"{name} ({rest})", last[-1], country_code(last[-1]), dropped)
    if not known_only and _looks_like_country(content, name):
        return _Tail(name, content, None, dropped)
    return None


def _looks_like_country(content: str, name: str) -> bool:
    """Capitalised words, no acronym, no admin word, not repeating the name: a country."""
    words = content.replace("’", "'").split()
    if not words or len(words) > 4 or regex.search(r"\d", content):
        return False
    first = words[0]
    if not first[0].isupper() or (len(first) > 1 and first.isupper()):
        return False
    name_words = set(fold(name).split(" "))
    if fold(first) in PARTNER_AUTHORITY_WORDS or any(
        len(word) > 3 and word in name_words for word in fold(content).split(" ")
    ):
        return False
    for word in words[1:]:
        if not word[0].isupper() and fold(word).split(" ")[0] not in LINKING_WORDS:
            return False
    return True


# --- groups ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """Items sharing one country: the last item's printed country, if any."""

    items: list[_Item]
    tail: _Tail | None


def _groups(items: list[_Item], *, known_only: bool) -> list[_Group]:
    """Group items up to each item that ends with a country (a known one with ``known_only``)."""
    groups: list[_Group] = []
    pending: list[_Item] = []
    prefix: _Tail | None = None
    for item in items:
        prefixed = _PREFIX_COUNTRY.match(item.text)
        if prefixed and country_code(prefixed.group("country")):
            # « Mali : Commune de Kita, ... »: a country heading the partners after it.
            if pending:
                bare = None if known_only else _bare_country(pending)
                groups.append(_Group(pending, bare or prefix))
                pending = []
            country = prefixed.group("country").strip()
            prefix = _Tail("", country, country_code(country))
            item.text = prefixed.group("rest")
        pending.append(item)
        tail = _tail(item.text, known_only=known_only)
        if tail is not None:
            groups.append(_Group(pending, tail))
            pending = []
    if pending:
        bare = None if known_only else _bare_country(pending)
        groups.append(_Group(pending, bare or prefix))
    return groups


def _bare_country(items: list[_Item]) -> _Tail | None:
    """A final bare country name after a comma (« Ville de Bamako, Mali »), as a tail."""
    if len(items) < 2 or items[-1].sep not in _QUALIFIER:
        return None
    last = items[-1].text.strip(_TRIM)
    if _starts_with_authority(last) or country_code(last) is None:
        return None
    items.pop()
    return _Tail("", last, country_code(last))


def _group_partners(
    group: _Group,
    default_country: tuple[str, str] | None,
    warnings: list[ParseWarning],
    guesses: list[ParseWarning],
) -> list[Partner]:
    """The partners of one group, sharing its country."""
    tail = group.tail
    names = [item.text.strip(_TRIM) for item in group.items]
    if tail is not None and tail.name:
        names[-1] = tail.name.strip(_TRIM)
    names = [collapse_spaces(n) for n in names]
    code = tail.code if tail is not None else (default_country[1] if default_country else None)
    starts = _partner_starts(group.items, names, code, guesses)
    partners: list[Partner] = []
    for begin, end in zip(starts, [*starts[1:], len(names)], strict=True):
        name = ", ".join(n for n in names[begin:end] if n)
        if not name:
            continue
        partners.append(_partner(name, tail, default_country))
    if tail is not None and tail.code is None:
        warnings.append(warn(
            WarningCode.COUNTRY_UNKNOWN,
            f"unknown country {tail.country!r} for partner(s) {names[-1]!r}",
        ))
    if tail is not None and tail.dropped:
        warnings.append(warn(
            WarningCode.PARTNER_NOTE_DROPPED,
            f"footnote mark {tail.dropped!r} after partner {names[-1]!r} dropped",
        ))
    return partners


def _partner_starts(
    items: list[_Item], names: list[str], code: str | None, warnings: list[ParseWarning]
) -> list[int]:
    """Indexes of the items that start a partner within a group."""
    count = len(items)
    starts = [0] + [
        i
        for i in range(1, count)
        if items[i].sep in _STRONG or items[i].sep in _WEAK or _starts_with_authority(names[i])
    ]
    if count == 1:
        return starts
    subdivisions = [bool(code) and is_subdivision(n, code or "") for n in names]
    if len(starts) == 1 and all(subdivisions):
        return list(range(count))
    if len(starts) == 1 and count >= 3:
        warnings.append(warn(
            WarningCode.PARTNER_SPLIT_GUESSED,
            f"partners {', '.join(names)!r}: {count} bare names read as separate partners",
        ))
        return list(range(count))
    for i in range(1, count):
        if i not in starts and not (subdivisions[i] and not subdivisions[i - 1]):
            warnings.append(warn(
                WarningCode.PARTNER_JOIN_GUESSED,
                f"partner {names[i - 1]!r}, {names[i]!r}: read as one partner "
                "(a place and its province), a guess",
            ))
    return starts


def _partner(name: str, tail: _Tail | None, default: tuple[str, str] | None) -> Partner:
    """Build one partner with its printed, or else the call's, country."""
    if tail is not None:
        return Partner(name=name, country=tail.country, country_code=tail.code, country_from="cell")
    if default is not None:
        return Partner(name=name, country=default[0], country_code=default[1], country_from="call")
    return Partner(name=name, country=None, country_code=None, country_from=None)
