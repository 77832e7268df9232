"""The set-up wizard's own pages: the membership programme, the first manager, the devices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.pin_policy import MAX_PIN_LENGTH, PinPolicy
from app.receipt_text import Language
from app.setup.templates import TEMPLATES
from ui.pin_text import pin_refusal_text
from ui.printer_picker import PrinterPicker


def template_description(key: str) -> str:
    translate = QCoreApplication.translate
    return {
        "paid-tiers": translate(
            "Templates",
            "Silver (5% off) for everyone who joins; Gold (10% off) and Platinum (15% off) "
            "for a yearly fee; points, renewal offers and top-up bonuses.",
        ),
        "free-tiers": translate(
            "Templates",
            "Free membership: members move up to Silver (5% off) and Gold (10% off) as they spend.",
        ),
        "stored-value": translate(
            "Templates",
            "One free tier without a discount: members top up a balance and get a bonus "
            "on larger top-ups.",
        ),
    }.get(key, "")


class TemplatePage(QWidget):
    def __init__(self, chosen: str, language: Language) -> None:
        super().__init__(objectName="templatePage")
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for key, template in TEMPLATES.items():
            title = template.title_zh if language == "zh" else template.title_en
            button = QRadioButton(title, objectName=f"template-{key}")
            button.setProperty("templateKey", key)
            button.setChecked(key == chosen)
            self.group.addButton(button)
            about = QLabel(template_description(key))
            about.setWordWrap(True)
            about.setIndent(24)
            layout.addWidget(button)
            layout.addWidget(about)
            layout.addSpacing(8)
        later = QLabel(
            self.tr(
                "Tiers, fees, discounts and offers can all be changed later in the rules "
                "editor (the till's “Loyalty rules…” button)."
            ),
            objectName="templateLater",
        )
        later.setWordWrap(True)
        layout.addWidget(later)
        layout.addStretch(1)

    def chosen(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("templateKey")) if button is not None else ""


class ManagerPage(QWidget):
    def __init__(self, name: str, pin: str, again: str) -> None:
        super().__init__(objectName="managerPage")
        self.name_edit = QLineEdit(name, objectName="managerNameEdit")
        self.pin_edit = self._pin_edit("managerPinEdit", pin)
        self.again_edit = self._pin_edit("managerPinAgainEdit", again)
        explain = QLabel(
            self.tr(
                "The first manager picks this name at sign-in and types this PIN, then adds "
                "the other staff in the back office. A PIN is 4 to 8 digits; 0000, 1234 "
                "and the like are refused."
            )
        )
        explain.setWordWrap(True)
        explain.setMinimumWidth(500)
        self.name_edit.setMinimumWidth(300)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Manager's name"), self.name_edit)
        form.addRow(self.tr("PIN"), self.pin_edit)
        form.addRow(self.tr("PIN again"), self.again_edit)
        form.addRow("", explain)

    @staticmethod
    def _pin_edit(name: str, text: str) -> QLineEdit:
        edit: QLineEdit = QLineEdit(text, objectName=name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(MAX_PIN_LENGTH + 4)  # the policy says when it is too long
        edit.setMaximumWidth(200)
        return edit

    def refusal(self) -> str | None:
        """Why the page cannot be left, in the interface language; ``None`` when it can."""
        if not self.name_edit.text().strip():
            return self.tr("Enter the manager's name.")
        pin = self.pin_edit.text()
        policy = PinPolicy()
        problems = policy.problems(pin)
        if problems:
            return pin_refusal_text(policy, problems)
        if pin != self.again_edit.text():
            return self.tr("The two PINs differ; type the same PIN twice.")
        return None


class DevicesPage(QWidget):
    """Signals:
    check_requested(str): check the printer at this URL.
    test_print_requested(str): print a test slip at this URL.
    """

    check_requested = Signal(str)
    test_print_requested = Signal(str)

    def __init__(self, printer_url: str, reader_url: str) -> None:
        super().__init__(objectName="devicesPage")
        self.printer = PrinterPicker(printer_url)
        self.reader_edit = QLineEdit(reader_url, objectName="cardReaderUrlEdit")
        self.reader_edit.setToolTip("serial:///dev/ttyACM0?baudrate=9600 · wedge:// · sim://")
        self.result = QLabel(objectName="deviceResult")
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        for name, text, signal in (
            ("checkPrinterButton", self.tr("Check printer"), self.check_requested),
            ("testPrintButton", self.tr("Test print"), self.test_print_requested),
        ):
            button = QPushButton(text, objectName=name)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, s=signal: s.emit(self.printer.url()))
            buttons.addWidget(button)
        simulator = QPushButton(self.tr("Use the simulator"), objectName="useSimulatorButton")
        simulator.setMinimumHeight(40)
        simulator.clicked.connect(self.use_simulator)
        buttons.addWidget(simulator)
        box = QGroupBox(self.tr("Receipt printer"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.printer)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.result)
        skip = QLabel(
            self.tr(
                "No devices yet? Keep the simulator: receipts show on screen, and a manager "
                "can set the devices later in Settings."
            )
        )
        skip.setWordWrap(True)
        reader = QFormLayout()
        reader.addRow(self.tr("Card reader"), self.reader_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(reader)
        layout.addWidget(skip)
        layout.addStretch(1)

    def use_simulator(self) -> None:
        self.printer.url_edit.setText("sim://")
        self.printer.url_edit.editingFinished.emit()
        self.reader_edit.setText("sim://")
        self.result.setText("")
