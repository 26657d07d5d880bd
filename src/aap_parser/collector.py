"""Python's cycle collector paused while a block builds many objects that form no cycle.

The collector walks every tracked container it finds alive, again and again while a block
creates them: the geographic index's tens of thousands of lists as it loads, a page's
thousands of glyphs while it is read and assembled. Pausing it for such a block changes no
result; what the block leaves behind is collected as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while the block runs, if it was running (never turned on
    here when the program had turned it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
