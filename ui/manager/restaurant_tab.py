"""The back office's Restaurant page: the restaurant's name, address, receipt text and
business day, with the same receipt preview as the set-up wizard. Saving goes through
``RestaurantProfileAdmin``, which checks the manager's stored role and audits the change."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain.staff import StaffMember
from app.errors import TillError
from app.receipt_text import Language
from app.restaurant_profile.profile import ProfileRefused, RestaurantProfile
from app.restaurant_profile.service import RestaurantProfileAdmin
from ui.cashier.server_work import failure_text
from ui.errors import headline
from ui.jobs import InlineJobs, Jobs
from ui.setup_wizard.profile_form import BusinessDayForm, ProfileDetailsForm, profile_problem_text
from ui.widgets import error_label


class RestaurantTab(QWidget):
    def __init__(
        self,
        admin: RestaurantProfileAdmin,
        manager: StaffMember,
        language: str,
        parent: QWidget | None = None,
        start: RestaurantProfile | Exception | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        """``start``: the profile read off the GUI thread as the workspace opened;
        ``jobs``: where saving runs (the counter's, off the GUI thread; else at once)."""
        super().__init__(parent)
        self.setObjectName("restaurantTab")
        self._admin, self._manager, self._jobs = admin, manager, jobs or InlineJobs()
        self._profile = start if isinstance(start, RestaurantProfile) else admin.current()
        receipts: Language = "zh" if language == "zh" else "en"
        self.details = ProfileDetailsForm(self._profile, receipts)
        self.business = BusinessDayForm(self._profile, currency_fixed=True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.details)
        inner_layout.addWidget(self.business)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.error = error_label("restaurantError")
        self.status = QLabel(objectName="restaurantStatus")
        self.save_button = QPushButton(self.tr("Save"), objectName="saveRestaurantButton")
        self.save_button.setMinimumHeight(44)
        self.save_button.setMinimumWidth(140)
        self.save_button.clicked.connect(self.save)
        self.details.changed.connect(lambda: self.status.setText(""))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def save(self) -> None:
        profile = self.business.profile(self.details.profile(self._profile))
        admin, manager = self._admin, self._manager
        self.save_button.setEnabled(False)
        self._jobs.run(self, lambda: admin.save(manager, profile), self._saved, self._refused)

    def _saved(self, profile: RestaurantProfile) -> None:
        self.save_button.setEnabled(True)
        self._profile = profile
        self.error.setText("")
        self.status.setText(self.tr("Saved: receipts printed from now on carry these details."))

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ProfileRefused):
            self.error.setText(profile_problem_text(error.problem))
        elif isinstance(error, TillError):
            self.error.setText(headline(error))
        else:  # the server did not answer: nothing was saved, the form is kept
            self.error.setText(failure_text(error))
