"""One place that turns service and device errors into messages in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.devices import (
    DeviceOffline,
    DeviceTimeout,
    DeviceUrlError,
    Fault,
    HardwareError,
    PrinterFault,
    print_job_error,
)
from app.domain.storage import StorageBusy, StorageRefused, StorageUnavailable, WriteConflict
from app.errors import (
    BadgeProblem,
    BadgeRefused,
    CheckoutRefused,
    LoginRefusal,
    LoginRefused,
    PermissionDenied,
    StaffProblem,
    StaffRefused,
    TillError,
)
from app.once.keys import RequestKeyReused
from app.pdf_limits import TooLargeForPdf
from app.services.spooler import JobState
from ui.permission_text import permission_label


def _headline(error: Exception) -> str:
    # Most specific first: DeviceUrlError, DeviceTimeout and DeviceOffline are HardwareErrors.
    translate = QCoreApplication.translate
    if isinstance(error, PermissionDenied) and error.permission is not None:
        lacking = permission_label(error.permission)
        return translate("Errors", "Your role may not %1.").replace("%1", lacking)
    if isinstance(error, PermissionDenied):
        return translate("Errors", "Not allowed for your role.")
    if isinstance(error, LoginRefused):
        return _login_headline(error.reason)
    if isinstance(error, BadgeRefused):
        return _badge_headline(error.problem)
    if isinstance(error, StaffRefused):
        return _staff_headline(error.problem)
    if isinstance(error, RequestKeyReused):
        return translate(
            "Errors",
            "This was already done (%1) before the connection dropped, and it has been changed"
            " since: nothing was charged again. Start a new one for the change.",
        ).replace("%1", error.reference)
    if isinstance(error, CheckoutRefused):
        return translate("Errors", "The order could not be paid.")
    if isinstance(error, DeviceUrlError):
        return translate("Errors", "The device address in settings is not valid.")
    if isinstance(error, DeviceTimeout):
        return translate("Errors", "The printer did not answer in time.")
    if isinstance(error, DeviceOffline):
        return translate("Errors", "The printer is offline.")
    if isinstance(error, PrinterFault) and error.fault is Fault.PAPER_OUT:
        return translate("Errors", "The printer is out of paper.")
    if isinstance(error, PrinterFault) and error.fault is Fault.COVER_OPEN:
        return translate("Errors", "The printer cover is open.")
    if isinstance(error, HardwareError):
        return translate("Errors", "The printer reported a problem.")
    if isinstance(error, TooLargeForPdf):
        return translate(
            "Errors", "This report has %1 rows, too many for a PDF: export it as CSV instead."
        ).replace("%1", f"{error.rows:,}")
    if isinstance(error, TillError):
        return translate("Errors", "The till refused this action.")
    if isinstance(error, StorageBusy):
        return translate(
            "Errors", "The database is busy (another till may hold this member): try again."
        )
    if isinstance(error, StorageUnavailable):
        return translate(
            "Errors", "The database cannot be reached: nothing was saved. Try again in a moment."
        )
    if isinstance(error, StorageRefused):
        return translate("Errors", "The database refused a value (too long?): nothing was saved.")
    if isinstance(error, WriteConflict):
        return translate(
            "Errors", "Another till saved the same thing a moment ago: nothing was saved."
        )
    return translate("Errors", "Something went wrong.")


def _login_headline(reason: LoginRefusal) -> str:
    translate = QCoreApplication.translate
    if reason is LoginRefusal.UNREADABLE_BADGE:
        return translate("Errors", "The card was not read: swipe it again.")
    if reason is LoginRefusal.UNKNOWN_BADGE:
        return translate("Errors", "This card is not a registered staff badge.")
    if reason is LoginRefusal.INACTIVE:
        return translate("Errors", "This staff member is no longer active.")
    if reason is LoginRefusal.TRAINING_ONLY:
        return translate("Errors", "A trainee approves nothing and signs in only in training.")
    if reason is LoginRefusal.NEW_PIN_REQUIRED:
        return translate("Errors", "This PIN was reset: sign in to choose a new one.")
    if reason is LoginRefusal.SAME_PIN:
        return translate("Errors", "Choose a PIN other than the one you were given.")
    if reason in (LoginRefusal.LOCKED, LoginRefusal.LOCKED_NOW):
        return translate("Errors", "The account is locked for a few minutes after wrong PINs.")
    return translate("Errors", "Sign-in refused.")


def _staff_headline(problem: StaffProblem) -> str:
    translate = QCoreApplication.translate
    if problem is StaffProblem.LAST_MANAGER:
        return translate(
            "Errors", "The last active manager cannot be disabled or given another role."
        )
    if problem is StaffProblem.USERNAME_TAKEN:
        return translate("Errors", "Someone already signs in with that name.")
    if problem is StaffProblem.BAD_USERNAME:
        return translate(
            "Errors", "A sign-in name has 2 to 32 letters, digits, dots, dashes or underscores."
        )
    if problem is StaffProblem.BAD_NAME:
        return translate("Errors", "A name has 1 to 64 characters.")
    return translate("Errors", "There is no such staff member.")


def _badge_headline(problem: BadgeProblem) -> str:
    translate = QCoreApplication.translate
    if problem is BadgeProblem.UNREADABLE:
        return translate("Errors", "The card was not read: swipe it again.")
    if problem is BadgeProblem.TAKEN:
        return translate("Errors", "This badge is registered to another staff member.")
    if problem is BadgeProblem.MEMBER_CARD:
        return translate("Errors", "This is a member's card: it cannot be a staff badge.")
    return translate("Errors", "You have no badge registered.")


def headline(error: Exception) -> str:
    """The error in one sentence in the UI language, without the technical detail."""
    return _headline(error)


def describe_error(error: Exception) -> str:
    """A headline in the UI language, followed by the technical detail."""
    if isinstance(error, PermissionDenied) and error.permission is not None:
        return _headline(error)  # the detail would name the right in code words
    return f"{_headline(error)} ({error})"


def fault_error(job: JobState) -> HardwareError:
    """The error family of a failed print job, rebuilt from its stored fault."""
    return print_job_error(job.fault, job.error)
