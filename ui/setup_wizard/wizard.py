"""The first-run set-up wizard: a brand-new database becomes a restaurant a manager signs
in to. Five pages (restaurant, currency and business day, membership programme, first
manager, devices), Back/Next by keyboard, a language switch that keeps what was typed, and
a Finish that writes everything in one transaction off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.devices import DeviceUrlError, parse_printer_url, parse_reader_url
from app.restaurant_profile.profile import ProfileRefused, RestaurantProfile, check_profile
from app.setup.restaurant import SetupDone, SetupRefused, SetupRequest
from app.setup.templates import DEFAULT_TEMPLATE
from ui.background import BackgroundRunner
from ui.errors import headline
from ui.i18n import Language, LanguageSwitcher
from ui.setup_wizard.pages import DevicesPage, ManagerPage, TemplatePage
from ui.setup_wizard.profile_form import BusinessDayForm, ProfileDetailsForm, profile_problem_text
from ui.widgets import error_label


@dataclass(frozen=True)
class WizardDraft:
    """Everything typed so far: the wizard rebuilds itself from it when the language changes."""

    profile: RestaurantProfile = RestaurantProfile("")  # noqa: RUF009 (frozen: shared safely)
    template: str = DEFAULT_TEMPLATE
    manager_name: str = ""
    pin: str = ""
    pin_again: str = ""
    printer_url: str = "sim://"
    reader_url: str = "sim://"
    page: int = 0


@dataclass(frozen=True)
class SetupActions:
    """Blocking work the wizard runs off the GUI thread.

    ``finish`` sets the restaurant up and saves this till's devices (printer URL, card
    reader URL); the checks return a sentence in the interface language.
    """

    finish: Callable[[SetupRequest, str, str], SetupDone]
    check_printer: Callable[[str], str]
    test_print: Callable[[str], str]


class SetupWizard(QDialog):
    """Signals:
    completed(object): the restaurant is set up (a ``SetupDone``).
    """

    completed = Signal(object)

    def __init__(
        self,
        actions: SetupActions,
        languages: LanguageSwitcher,
        draft: WizardDraft | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("setupWizard")
        self._actions, self._languages = actions, languages
        self.runner = BackgroundRunner(self)
        self._body: QWidget | None = None
        self.resize(1000, 720)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build(draft or WizardDraft())

    # -- building -------------------------------------------------------------------

    def _build(self, draft: WizardDraft) -> None:
        language: Language = self._languages.language
        self.setWindowTitle(self.tr("Set up your restaurant"))
        body = QWidget(objectName="wizardBody")
        self.title = QLabel(objectName="wizardTitle")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.language_combo = QComboBox(objectName="wizardLanguageCombo")
        self.language_combo.addItem("简体中文", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(self.language_combo.findData(language))
        self.language_combo.activated.connect(self._language_chosen)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("Language")))
        top.addWidget(self.language_combo)

        self.details = ProfileDetailsForm(draft.profile, language)
        self.business = BusinessDayForm(draft.profile)
        self.programme = TemplatePage(draft.template, language)
        self.manager = ManagerPage(draft.manager_name, draft.pin, draft.pin_again)
        self.devices = DevicesPage(draft.printer_url, draft.reader_url)
        self.devices.check_requested.connect(
            lambda url: self._device(self._actions.check_printer, url)
        )
        self.devices.test_print_requested.connect(
            lambda url: self._device(self._actions.test_print, url)
        )
        self.pages = QStackedWidget(objectName="wizardPages")
        self._titles = (
            self.tr("The restaurant and its receipt"),
            self.tr("Currency and business day"),
            self.tr("Membership programme"),
            self.tr("The first manager"),
            self.tr("Printer and card reader"),
        )
        for page in (self.details, self.business, self.programme, self.manager, self.devices):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)

        self.error = error_label("wizardError")
        self.progress = QProgressBar(objectName="wizardProgress")
        self.progress.setRange(0, 0)  # busy: one transaction, no steps to count
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.back_button = QPushButton(self.tr("< &Back"), objectName="wizardBackButton")
        self.next_button = QPushButton(self.tr("&Next >"), objectName="wizardNextButton")
        self.finish_button = QPushButton(self.tr("&Finish"), objectName="wizardFinishButton")
        for button in (self.back_button, self.next_button, self.finish_button):
            button.setMinimumHeight(44)
            button.setMinimumWidth(120)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.finish_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        if self._body is not None:
            self._layout.removeWidget(self._body)
            self._body.hide()  # its buttons must not answer Enter until it is deleted
            self._body.setParent(None)
            self._body.deleteLater()
        self._body = body
        self._layout.addWidget(body)
        body.show()  # at once: the layout would show it only on the next event loop pass
        self._show_page(draft.page)

    def draft(self) -> WizardDraft:
        profile = self.business.profile(self.details.profile())
        return WizardDraft(
            profile=profile,
            template=self.programme.chosen() or DEFAULT_TEMPLATE,
            manager_name=self.manager.name_edit.text(),
            pin=self.manager.pin_edit.text(),
            pin_again=self.manager.again_edit.text(),
            printer_url=self.devices.printer.url(),
            reader_url=self.devices.reader_edit.text().strip(),
            page=self.pages.currentIndex(),
        )

    def _language_chosen(self) -> None:
        language = self.language_combo.currentData()
        if language == self._languages.language:
            return
        draft = self.draft()
        self._languages.apply(language)
        self._build(draft)

    # -- moving between pages ---------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.title.setText(
            self.tr("Step %1 of %2: %3")
            .replace("%1", str(index + 1))
            .replace("%2", str(self.pages.count()))
            .replace("%3", self._titles[index])
        )
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        (self.finish_button if last else self.next_button).setDefault(True)
        self.error.setText("")
        page = self.pages.currentWidget()
        inner = page.widget() if isinstance(page, QScrollArea) else None
        if inner is not None:
            inner.setFocus()
            inner.focusNextChild()  # the page's first field

    def next(self) -> None:
        refusal = self._refusal(self.pages.currentIndex())
        if refusal is not None:
            self.error.setText(refusal)
            return
        self._show_page(self.pages.currentIndex() + 1)

    def back(self) -> None:
        self._show_page(max(0, self.pages.currentIndex() - 1))

    def _refusal(self, index: int) -> str | None:
        if index == 0:
            try:
                check_profile(self.details.profile())
            except ProfileRefused as refused:
                return profile_problem_text(refused.problem)
        if index == 3:
            return self.manager.refusal()
        if index == 4:
            try:
                parse_printer_url(self.devices.printer.url())
                parse_reader_url(self.devices.reader_edit.text().strip())
            except DeviceUrlError as error:
                return self.tr("Device address not understood: %1").replace("%1", str(error))
        return None

    # -- devices and finishing --------------------------------------------------------

    def _device(self, action: Callable[[str], str], url: str) -> None:
        self.devices.result.setText(self.tr("Working…"))
        self.runner.submit(
            lambda: action(url),
            self.devices.result.setText,
            lambda error: self.devices.result.setText(headline(error)),
        )

    def finish(self) -> None:
        for index in range(self.pages.count()):
            refusal = self._refusal(index)
            if refusal is not None:
                self._show_page(index)
                self.error.setText(refusal)
                return
        draft = self.draft()
        request = SetupRequest(
            profile=draft.profile,
            manager_name=draft.manager_name,
            pin=draft.pin,
            template=draft.template,
            ran_from="set-up wizard",
        )
        self._busy(True)
        self.runner.submit(
            lambda: self._actions.finish(request, draft.printer_url, draft.reader_url),
            self._finished,
            self._failed,
        )

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.error.setText(self.tr("Setting up the restaurant…") if busy else "")
        self.error.setStyleSheet("" if busy else "color: #b00020;")
        for widget in (self.back_button, self.finish_button, self.pages, self.language_combo):
            widget.setEnabled(not busy)

    def _finished(self, done: SetupDone) -> None:
        self._busy(False)
        self.completed.emit(done)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, ProfileRefused):
            reason = profile_problem_text(error.problem)
        else:  # the set-up's own refusal is an English sentence; anything else a headline
            reason = str(error) if isinstance(error, SetupRefused) else headline(error)
        self.error.setText(self.tr("The restaurant was not set up: %1").replace("%1", reason))

    def done(self, result: int) -> None:
        self.runner.wait_for_done(30_000)  # a device check must not outlive the wizard
        super().done(result)
