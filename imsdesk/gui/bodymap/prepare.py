"""The map's drawing made ready before any visit is opened, a short step at a time.

Reading a view's artwork and turning its tens of thousands of points into paths is most
of what the first map of a session costs; done while the user is still at the patient
list, the first visit's map opens as fast as the next one's.
"""

from __future__ import annotations

from collections.abc import Iterator

from imsdesk.domain.anatomy import View, load_atlas
from imsdesk.domain.artwork import load_view
from imsdesk.gui.bodymap.items import painter_path
from imsdesk.gui.bodymap.panel import FIRST_VIEW

# Outlines turned into paths per step: a few milliseconds each.
PATHS_PER_STEP = 20


def drawing_steps(view: View = FIRST_VIEW) -> Iterator[None]:
    """Read the atlas and ``view``'s artwork and build its paths, yielding between steps
    (each kept for the session: the map built afterwards finds them ready)."""
    load_atlas()
    yield
    try:
        art = load_view(view)
    except (FileNotFoundError, ValueError):
        return  # the map says what is wrong with the drawing when it is opened
    yield
    shapes = [art.outline, *art.decorations, *art.regions]
    for start in range(0, len(shapes), PATHS_PER_STEP):
        for shape in shapes[start : start + PATHS_PER_STEP]:
            painter_path(shape.path)
        yield
