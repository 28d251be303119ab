"""Opening an episode of care or correcting one: condition, start, referral and goals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from imsdesk.domain.episodes import Episode, EpisodeDetails, episode_problems
from imsdesk.domain.patients import parse_iso_date
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_episode_dialog import Ui_EpisodeDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.errors import ValidationError

SaveCall = Callable[[EpisodeDetails], Episode]
EPISODE_FORM_FIELDS = ("condition", "started_on", "referral_source", "referral_date", "goals")
_DATE_LABELS = {"started_on": "Start date", "referral_date": "Referral date"}


class EpisodeDialog(QDialog):
    """Collects an episode's details; ``save`` (EpisodeService.open or .update) keeps them.

    For a new episode pass ``lambda d: episodes.open(patient_id, d)``; to edit one pass
    ``lambda d: episodes.update(episode.id, d)`` and ``episode``. After Save, ``saved``
    holds the stored episode; it stays None when the dialog is cancelled.
    """

    def __init__(
        self,
        save: SaveCall,
        parent: QWidget | None = None,
        episode: Episode | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EpisodeDialog")
        self.ui = Ui_EpisodeDialog()
        self.ui.setupUi(self)
        self._save = save
        self._today = today or date.today()
        self.saved: Episode | None = None
        self.setWindowTitle("Edit episode of care" if episode else "New episode of care")
        self.ui.started_on.textChanged.connect(
            lambda text: self._show_when(text, self.ui.started_on_hint)
        )
        self.ui.referral_date.textChanged.connect(
            lambda text: self._show_when(text, self.ui.referral_date_hint)
        )
        if episode is not None:
            self._load(episode)
        else:
            self.ui.started_on.setText(self._today.isoformat())
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Save the episode (Enter)"
        )
        restore_geometry(self)
        self.ui.condition.setFocus()

    def fields(self) -> dict[str, str]:
        """What is typed in the form, exactly as typed."""
        return {
            "condition": self.ui.condition.text(),
            "started_on": self.ui.started_on.text(),
            "referral_source": self.ui.referral_source.text(),
            "referral_date": self.ui.referral_date.text(),
            "goals": self.ui.goals.toPlainText(),
        }

    def _load(self, episode: Episode) -> None:
        self.ui.condition.setText(episode.condition)
        self.ui.started_on.setText(episode.started_on.isoformat())
        self.ui.referral_source.setText(episode.referral_source)
        referred = episode.referral_date
        self.ui.referral_date.setText(referred.isoformat() if referred else "")
        self.ui.goals.setPlainText(episode.goals)

    def _show_when(self, text: str, hint: QLabel) -> None:
        try:
            days = (self._today - parse_iso_date(text)).days
        except ValueError:
            hint.setText("")
            return
        if days == 0:
            hint.setText("today")
        elif days > 0:
            hint.setText(f"{days} day{'s' if days != 1 else ''} ago")
        else:
            hint.setText("in the future")

    def _details(self) -> tuple[EpisodeDetails | None, dict[str, str]]:
        """The typed text as details, or what is wrong with it, field by field."""
        typed = self.fields()
        problems: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name, label in _DATE_LABELS.items():
            text = typed[name].strip()
            dates[name] = None
            if not text:
                continue
            try:
                dates[name] = parse_iso_date(text)
            except ValueError as error:
                problems[name] = f"{label}: {error}"
        started = dates["started_on"]
        if started is None and "started_on" not in problems:
            problems["started_on"] = "Give the date the episode started (YYYY-MM-DD)."
        details = EpisodeDetails(
            condition=typed["condition"],
            started_on=started or self._today,
            referral_source=typed["referral_source"],
            referral_date=dates["referral_date"],
            goals=typed["goals"],
        )
        # The domain's rules for the rest, so every problem shows at once.
        for name, message in episode_problems(details, self._today).items():
            problems.setdefault(name, message)
        return (None, problems) if problems else (details, {})

    def _try_save(self) -> None:
        details, problems = self._details()
        if details is not None:
            try:
                self.saved = self._save(details)
            except ValidationError as error:
                problems = error.problems
        show_field_errors(self.ui, EPISODE_FORM_FIELDS, problems)
        if self.saved is not None:
            self.accept()

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)
