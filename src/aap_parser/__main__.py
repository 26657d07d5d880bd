"""The ``aap-parse`` command's entry point (also ``python -m aap_parser``): a cheap start.

The command line's modules (the models, the PDF readers, the pipeline) create some hundred
thousand objects that live as long as the run. Python's cycle collector would walk them
again and again while they are imported, for nothing: it is paused while they load, and
what they created is then set aside (``gc.freeze``) so that later collections, which still
run while files are parsed, only walk what parsing creates. This is a process-wide setting,
so it is made here, in the command's own process, never on ``import aap_parser``.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Import the command line with the cycle collector paused, then run it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from aap_parser.cli import main as command
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    command(prog_name="aap-parse")


if __name__ == "__main__":
    main()
