"""What needs the server says so plainly while the server cannot be reached.

Refunds of orders the till has not got, merges, erasure, loyalty rule changes and the
manager's workspace (reports, exports) work on the server only. While the cashier
window's ``ServerLink`` knows the server is unreachable, trying one says so in one
sentence at once instead of failing or waiting for a timeout; once the server answers
(``reachable_changed``) they work again by themselves, since the check is made at each
try. The actions stay enabled: a till's touch screen shows no tooltips, and a tap that
explains beats a greyed button that does not. Their tooltips say it too, for a mouse.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.cashier.server_link import ServerLink


class NeedsServerText(QObject):
    """The words, in a ``QObject`` so ``tr`` finds them in the catalogue."""

    def sentence(self) -> str:
        return self.tr(
            "This needs the server, which cannot be reached now: it works again by itself "
            "once the server answers."
        )


def workspace_title() -> str:
    return QCoreApplication.translate("ManagerWorkspace", "Members and reports")


def link_of(widget: QWidget | None) -> ServerLink | None:
    """The server link of the cashier window ``widget`` is in (dialogs and the workspace
    are its children); ``None`` outside one (tools, tests of a lone dialog)."""
    while widget is not None:
        link = getattr(widget, "server", None)
        if isinstance(link, ServerLink):
            return link
        widget = widget.parentWidget()
    return None


def refused_offline(widget: QWidget, title: str) -> bool:
    """``True``, once the cashier was told in one line, when the server is known to be
    unreachable; ``False``: go ahead."""
    link = link_of(widget)
    if link is None or link.reachable:
        return False
    box = QMessageBox(
        QMessageBox.Icon.Information, title, NeedsServerText().sentence(), parent=widget.window()
    )
    box.setObjectName("needsServer")
    box.exec()
    return True


def mark_needing_server(link: ServerLink, buttons: Iterable[QWidget]) -> None:
    """Their tooltips say they need the server while it cannot be reached."""
    kept = [(button, button.toolTip()) for button in buttons]

    def show(reachable: bool) -> None:
        for button, tooltip in kept:
            button.setToolTip(tooltip if reachable else NeedsServerText().sentence())

    link.reachable_changed.connect(show)
    show(link.reachable)
