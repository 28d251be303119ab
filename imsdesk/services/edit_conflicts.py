"""What a save refuses when another workstation changed the same thing first.

Each carries both versions, so the screen can show them side by side and the person
decides; nothing of either is lost or silently overwritten.
"""

from __future__ import annotations

from imsdesk.domain.anatomy import Atlas, Side
from imsdesk.domain.edit_conflicts import SIGNED_LABELS, FieldConflict, saved_from
from imsdesk.domain.marks import MuscleFinding, NeedleSite
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.services.errors import ServiceError


class EditConflict(ServiceError):
    """A field was saved from another workstation while it was being edited here.

    ``conflict`` holds the value edited from, mine and theirs; ``current`` is the record
    as saved now (the version a resolution is saved on).
    """

    def __init__(self, conflict: FieldConflict, current: VisitRecord) -> None:
        self.conflict = conflict
        self.current = current
        super().__init__(
            f"{conflict.label} was also changed by {saved_from(current)} while you were "
            "editing it; choose which version to keep."
        )


class SigningStale(ServiceError):
    """The draft changed since it was last read here: signing it would sign unseen content.

    ``fields`` are the record's fields changed, ``marks`` and ``findings`` how the body
    map and the other findings (exam signs, areas of pain, scores) changed, in words.
    """

    def __init__(
        self,
        current: VisitRecord,
        fields: tuple[str, ...],
        marks: tuple[str, ...],
        findings: tuple[str, ...] = (),
    ) -> None:
        self.current = current
        self.fields = fields
        self.marks = marks
        self.findings = findings
        changes = [SIGNED_LABELS[f].lower() for f in fields]
        if marks:
            changes.append("body map: " + ", ".join(marks))
        changes += findings
        what = "; ".join(changes) or "the record"
        # A save of the record names who saved it; marks and findings are rows of their
        # own, so when only they changed the record's last saver may not be who did.
        only_rows = (marks or findings) and not fields
        by = "at another workstation" if only_rows else f"by {saved_from(current)}"
        super().__init__(
            f"This visit was changed {by} since you last read it "
            f"({what}). Nothing was signed: read the visit as it is now, then sign."
        )


class MarkConflict(ServiceError):
    """A body-map mark was changed, cleared or placed from another workstation meanwhile.

    The edit was not saved; ``saved`` is the mark as it is now (None: there is none).
    """

    def __init__(self, message: str, saved: MuscleFinding | NeedleSite | None = None) -> None:
        self.saved = saved
        super().__init__(message)

    @classmethod
    def on_finding(
        cls, atlas: Atlas, muscle_key: str, side: Side, saved: MuscleFinding | None
    ) -> MarkConflict:
        name = _muscle(atlas, muscle_key, side)
        if saved is None:
            what = f"{name} was cleared at another workstation meanwhile"
        else:
            note = f"; note: {saved.note}" if saved.note else ""
            what = (
                f"{name} was changed at another workstation meanwhile (now severity "
                f"{int(saved.severity)}, {saved.severity.label.lower()}{note})"
            )
        return cls(f"{what}. {SHOWN}", saved)

    @classmethod
    def on_needle(
        cls, atlas: Atlas, muscle_key: str, side: Side, saved: NeedleSite | None
    ) -> MarkConflict:
        done = "removed" if saved is None else "changed"
        return cls(
            f"A needle site in {_muscle(atlas, muscle_key, side)} was {done} at another "
            f"workstation meanwhile. {SHOWN}",
            saved,
        )

    @classmethod
    def on_map(cls, changes: tuple[str, ...]) -> MarkConflict:
        return cls(
            f"The body map was changed at another workstation meanwhile ({', '.join(changes)}); "
            f"nothing was replaced. {SHOWN}"
        )


SHOWN = "The map now shows what is saved."


def _muscle(atlas: Atlas, muscle_key: str, side: Side) -> str:
    muscle = atlas.get(muscle_key)
    name = muscle.name if muscle is not None else muscle_key
    return name if side is Side.MIDLINE else f"{name} ({side.label.lower()})"
