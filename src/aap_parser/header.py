"""The announcement's heading: ministry, direction, delegation, place and date, title, call.

Fields are found by their wording, never by line number: a paragraph starting "Ministère"
is the ministry, "Direction" the direction, "Délégation" the delegation; a "Paris, le 23 juin
2020" line gives place and date; the title is the first paragraph that speaks of laureates,
selected projects or a call for projects. Wrapped lines are joined back into their field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from aap_parser.grid import TextLine, collapse_spaces, join_lines
from aap_parser.models import Call, Header
from aap_parser.values.calls import bilateral_country
from aap_parser.wording import ARTICLES, PREPOSITIONS, words_pattern

MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}

_FIELD_START = {
    "ministry": regex.compile(r"^(?:le\s+)?minist[eè]re\b", regex.IGNORECASE),
    "direction": regex.compile(r"^(?:la\s+)?direction\b", regex.IGNORECASE),
    "delegation": regex.compile(r"^(?:la\s+)?d[ée]l[ée]gation\b", regex.IGNORECASE),
}
_DATE_LINE = regex.compile(
    r"^(?:fait\s+[àa]\s+)?(?:(?P<place>[\p{Lu}][\p{L}' \-]{1,40}?)(?:\s*,\s*|\s+(?=le\s)))?"
    r"(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?:(?P<day>1\s?(?:er|ᵉʳ)|\d{1,2})\s+(?P<month>\p{L}+)\s+(?P<year>(?:19|20)\d{2})"
    r"|(?P<dd>\d{1,2})[/.](?P<mm>\d{1,2})[/.](?P<yyyy>(?:19|20)\d{2}))\s*\.?$",
    regex.IGNORECASE,
)
_TITLE_WORDS = regex.compile(
    r"laur[ée]at|projets?\s+(?:retenu|s[ée]lectionn)|appels?\s+[àa]\s+projets?|\bAAP\b|"
    r"r[ée]sultats?\b|s[ée]lection\s+des|liste\s+des",
    regex.IGNORECASE,
)
_LETTERHEAD = regex.compile(
    r"^(?:r[ée]publique\s+fran[çc]aise|libert[ée]\s*[,.]?\s*[ée]galit[ée]|fraternit[ée]$|"
    r"page\s+\d{1,4}(?:\s*(?:/|sur|de)\s*\d{1,4})?$|[-–—]?\s*\d{1,3}\s*[-–—]?$|"
    r"\d{1,3}\s*(?:/|sur)\s*\d{1,3}$)",
    regex.IGNORECASE,
)
_QUOTED = regex.compile(r"[«“\"]\s*(?P<q>[^»”\"]+?)\s*[»”\"]")
_YEARS = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–/]\s*((?:19|20)\d{2}|\d{2}))?(?!\d)")
_PERIODICITY = regex.compile(r"\b(annuel|biennal|triennal)(?:le)?s?\b", regex.IGNORECASE)
_CALL_INTRO = regex.compile(
    r"(?:appels?\s+[àa]\s+projets?|\bAAP\b)\s*(?P<rest>.*)$", regex.IGNORECASE
)
_CALL_FILLER = regex.compile(
    r"\b(?:(?:en|de)\s+)?(?:soutien|faveur|appui)\s+(?:[àa]u?x?\s+|de\s+)?|"
    r"\b(?:pour|de)\s+(?=l[’']action|la\s+coop)|"
    r"\b(?:la\s+)?coop[ée]ration\s+d[ée]centralis[ée]e\b|"
    r"\bl[’']action\s+ext[ée]rieure\s+des\s+collectivit[ée]s(?:\s+territoriales|\s+locales)?\b|"
    r"\b(?:annuel|biennal|triennal)(?:le)?s?\b|\b(?:du|de\s+l[’']|de\s+la|le|la|l[’'])\s*$",
    regex.IGNORECASE,
)
_CALL_STOP = regex.compile(
    r"\s*(?::|\(|\s[-–]\s|\bliste\b|\blaur[ée]ats?\b|\bprojets?\s+retenus\b)",
    regex.IGNORECASE,
)
_LEADING_WORDS = regex.compile(
    rf"^(?:(?:{words_pattern(ARTICLES | PREPOSITIONS)}|intitul[ée]e?)\s*)+", regex.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive heading lines that belong together (one wrapped field)."""

    lines: tuple[TextLine, ...]

    @property
    def text(self) -> str:
        """The paragraph's lines joined like a wrapped cell."""
        return join_lines([line.text for line in self.lines])


def paragraphs(lines: Sequence[TextLine]) -> list[Paragraph]:
    """Group heading lines into paragraphs.

    A new paragraph starts after a blank line (text) or a vertical gap (PDF), on a change
    of page or of emphasis, and at any line whose wording starts a heading field. A date
    line or a letterhead line stands alone and does not interrupt the paragraph around it
    (a date printed right-aligned on the direction's first line).
    """
    groups: list[list[TextLine]] = []
    open_group: list[TextLine] | None = None
    for line in lines:
        if _DATE_LINE.match(line.text) or _LETTERHEAD.match(line.text):
            groups.append([line])
        elif open_group is not None and not _starts_paragraph(open_group[-1], line):
            open_group.append(line)
        else:
            open_group = [line]
            groups.append(open_group)
    return [Paragraph(tuple(group)) for group in groups]


def _starts_paragraph(previous: TextLine, line: TextLine) -> bool:
    if _field_of(line.text) is not None or _DATE_LINE.match(line.text) or _LETTERHEAD.match(
        line.text
    ):
        return True
    if previous.page != line.page or (previous.bold, previous.italic) != (line.bold, line.italic):
        return True
    if line.stands_alone:
        return True
    if previous.line is not None and line.line is not None:
        return line.line - previous.line > 1
    if previous.bbox is not None and line.bbox is not None:
        height = max(previous.bbox.bottom - previous.bbox.top, 1.0)
        gap = line.bbox.top - previous.bbox.bottom
        if gap > 0.8 * height:
            return True
        if previous.size and line.size and abs(previous.size - line.size) > 0.5:
            return True
    return False


def _field_of(text: str) -> str | None:
    for field, pattern in _FIELD_START.items():
        if pattern.match(text):
            return field
    return None


def parse_date(text: str) -> tuple[str | None, dt.date | None]:
    """Place and date of a line such as "Paris, le 1er juillet 2019", "Paris le 1 er juillet
    2019" (a superscript « er » printed apart) or "Paris, 23/06/2020"."""
    match = _DATE_LINE.match(collapse_spaces(text))
    if match is None:
        return None, None
    place = match.group("place")
    place = place.strip() if place else None
    try:
        if match.group("year"):
            month = MONTHS.get(match.group("month").lower())
            if month is None:
                return None, None
            printed_day = match.group("day").lower().replace(" ", "")
            day = 1 if printed_day in ("1er", "1ᵉʳ") else int(printed_day)
            return place, dt.date(int(match.group("year")), month, day)
        day, month = int(match.group("dd")), int(match.group("mm"))
        return place, dt.date(int(match.group("yyyy")), month, day)
    except ValueError:
        return place, None


def is_date_line(text: str) -> bool:
    """True for a place-and-date line (the month must be a French month name)."""
    return parse_date(text)[1] is not None


def is_title(text: str) -> bool:
    """True when a paragraph reads like the announcement's title."""
    return bool(_TITLE_WORDS.search(text))


def is_page_furniture(text: str) -> bool:
    """Page numbers and letterhead lines that are never content."""
    return bool(_LETTERHEAD.match(collapse_spaces(text)))


def parse_call(title: str) -> Call:
    """The call's name, periodicity and years, read from the title's wording."""
    periodicity_match = _PERIODICITY.search(title)
    periodicity = periodicity_match.group(1).lower() if periodicity_match else None
    quoted = _QUOTED.search(title)
    name: str | None = None
    years_source = title
    if quoted:
        inner = quoted.group("q")
        name = _strip_years(inner)
        if _YEARS.search(inner):
            years_source = inner
    else:
        name = _unquoted_call_name(title)
    start_year, end_year = _years(years_source)
    return Call(
        name=name or None,
        periodicity=periodicity,
        start_year=start_year,
        end_year=end_year,
    )


def _strip_years(text: str) -> str:
    stripped = _YEARS.sub("", text)
    return collapse_spaces(stripped.strip(" -–/,:;()"))


def _years(text: str) -> tuple[int | None, int | None]:
    match = _YEARS.search(text)
    if match is None:
        return None, None
    start = int(match.group(1))
    end_text = match.group(2)
    if end_text is None:
        return start, start
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    return start, end if end >= start else None


def _unquoted_call_name(title: str) -> str | None:
    intro = _CALL_INTRO.search(title)
    if intro is None:
        return None
    rest = intro.group("rest")
    previous = None
    while previous != rest:
        previous = rest
        rest = collapse_spaces(_CALL_FILLER.sub(" ", rest))
        rest = _LEADING_WORDS.sub("", rest)
    stop = _CALL_STOP.search(rest)
    if stop is not None:
        rest = rest[: stop.start()]
    rest = _strip_years(rest)
    return rest or None


def read_header(lines: Sequence[TextLine]) -> tuple[Header, list[TextLine]]:
    """Read the heading fields from the lines above the first table.

    Returns the header and the lines that were not part of it (e.g. a section heading
    announcing the first table), in order. A title naming a « franco-X » call gives the
    call's bilateral country.
    """
    header = Header()
    leftovers: list[TextLine] = []
    for paragraph in paragraphs(lines):
        text = paragraph.text
        field = _field_of(text)
        if field == "ministry" and header.ministry is None:
            header.ministry = text
        elif field == "direction" and header.direction is None:
            header.direction = text
        elif field == "delegation" and header.delegation is None:
            header.delegation = text
        elif header.date is None and is_date_line(text):
            header.place, header.date = parse_date(text)
        elif header.title is None and is_title(text) and not is_page_furniture(text):
            header.title = text
            header.call = parse_call(text)
        elif not is_page_furniture(text):
            leftovers.extend(paragraph.lines)
    implied = bilateral_country(header.title or "") or bilateral_country(header.call.name or "")
    if implied is not None:
        header.call.bilateral_country, header.call.bilateral_country_code = implied
    return header, leftovers
