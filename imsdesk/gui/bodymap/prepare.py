"""The map's drawing made ready before any visit is opened, a short step at a time.

Reading a view's artwork, turning its tens of thousands of points into paths and finding
where each muscle's badge goes is most of what the first map of a session costs; done
while the user is still at the patient list, the first visit's map opens as fast as the
next one's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from functools import partial

from imsdesk.domain.anatomy import View, load_atlas
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.gui.bodymap.items import painter_path
from imsdesk.gui.bodymap.panel import FIRST_VIEW

# The map opens on the front view; the back is the other drawing of the whole body.
OTHER_MAIN_VIEW = View.POSTERIOR
# Work done per turn of the event loop, at most about this long (seconds): a key pressed
# meanwhile waits no longer than that.
STEP_S = 0.01


def drawing_steps(view: View = FIRST_VIEW) -> Iterator[None]:
    """Read the atlas and ``view``'s artwork, build its paths and find its muscles'
    badge places, yielding between short steps. All of it is kept for the session: the
    map built afterwards finds it ready."""
    load_atlas()
    yield
    try:
        art = load_view(view)
    except (FileNotFoundError, ValueError):
        return  # the map says what is wrong with the drawing when it is opened
    yield
    jobs: list[Callable[[], object]] = [
        *(partial(painter_path, shape.path) for shape in (art.outline, *art.decorations)),
        *(partial(painter_path, region.path) for region in art.regions),
        *(partial(interior_point, region) for region in art.regions),
    ]
    deadline = time.perf_counter() + STEP_S
    for job in jobs:
        job()
        if time.perf_counter() > deadline:
            yield
            deadline = time.perf_counter() + STEP_S
