"""The one exception family aap-parser raises: every failure is an ``AapParseError``.

Messages are one line, name the input and, where known, the place in it
(``FILE: page 2, line 9: message``), so that the CLI can print them as they are and a batch
can log them.
"""

from __future__ import annotations


class AapParseError(Exception):
    """Base of every error aap-parser raises on bad or unusable input."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        page: int | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = message
        self.source = source
        self.page = page
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.line is not None:
            where.append(f"line {self.line}")
        text = " ".join(self.reason.split())
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.source:
            text = f"{self.source}: {text}"
        return text

    def with_source(self, source: str) -> AapParseError:
        """Return this error naming ``source`` (the file it came from), same type."""
        self.source = source
        return self

    def __str__(self) -> str:
        return self._render()


class InputError(AapParseError):
    """The input cannot be read: missing file, not a PDF or text, corrupt, truncated."""


class EncryptedPdfError(InputError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class NoTextLayerError(InputError):
    """The PDF has pages but no text layer (a scan): OCR must be run first."""


class TooLargeError(InputError):
    """The input exceeds a configured limit (pages, bytes, time)."""


class NoTableError(AapParseError):
    """No laureates table (no header row naming the expected columns) was found."""


class StrictModeError(AapParseError):
    """Parsing produced warnings and strict mode turns them into an error."""
