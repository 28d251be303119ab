"""The objects that live as long as the app are kept out of the collector's full passes."""

from __future__ import annotations

import gc


def keep_long_lived() -> None:
    """Make every object alive now permanent for Python's garbage collector.

    The atlas, the parsed artwork and the windows are some 190,000 objects; a full
    collection walked them all (about 200 ms, a pause that could fall in the middle of a
    click). Frozen, a full collection looks only at what came since. Acyclic garbage is
    still freed as soon as it is dropped; nothing is collected first, so freezing costs
    nothing to do.
    """
    gc.freeze()
