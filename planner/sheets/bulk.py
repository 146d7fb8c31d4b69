"""Pausing Python's cyclic garbage collector while a bulk import builds or writes objects.

An import of 100,000 tasks creates well over a million objects that all stay
alive until the import ends. The collector would rescan the growing heap again
and again and find nothing to free (the objects form no reference cycles),
which more than doubles the time of building and writing a large plan.

When the pause ends, those objects are handed to the oldest generation, as the
collector would do with any object that outlives a few collections: otherwise
the first young collection after the pause would walk all of them at once
(about 0.3 s for a 100,000-row plan) only to move them there. They stay
collectable; the next full collection looks at them as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # every tracked object into the permanent generation,
            gc.unfreeze()  # and back into the oldest one
            gc.enable()
