"""Pages about to be read by OCR, announced to whoever bounds the time of a parse.

A batch gives a file more time for each page OCR reads (see ``aap_parser.batch``); it listens
with :func:`on_ocr_page` around the parse, and the OCR reader calls :func:`page_starting`.
A context variable holds the listeners, so parses in other threads do not hear each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PAGE_LISTENERS: ContextVar[tuple[Callable[[], None], ...]] = ContextVar(
    "ocr_page_listeners", default=()
)


@contextmanager
def on_ocr_page(listener: Callable[[], None]) -> Iterator[None]:
    """Call ``listener`` before each page is read by OCR, within the block (a batch uses it
    to give a file more time for each page OCR reads)."""
    token = _PAGE_LISTENERS.set((*_PAGE_LISTENERS.get(), listener))
    try:
        yield
    finally:
        _PAGE_LISTENERS.reset(token)


def page_starting() -> None:
    """Tell the listeners (see :func:`on_ocr_page`) that a page is about to be read by OCR."""
    for listener in _PAGE_LISTENERS.get():
        listener()
