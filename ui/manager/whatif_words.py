"""How "Apply draft" names each change it would make, in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.loyalty_admin import TopUpRuleSpec
from app.domain.money import format_money
from app.whatif.changes import EditKind, RuleEdit

translate = QCoreApplication.translate


def edit_text(edit: RuleEdit) -> str:
    subject = edit.subject
    if edit.kind in (EditKind.SAVE_TOP_UP, EditKind.DEACTIVATE_TOP_UP):
        minimum = edit.spec.minimum if isinstance(edit.spec, TopUpRuleSpec) else int(subject)
        subject = format_money(minimum)
    words = {
        EditKind.SAVE_TIER: translate("WhatIf", "Add tier %1")
        if edit.new
        else translate("WhatIf", "Change tier %1"),
        EditKind.DELETE_TIER: translate("WhatIf", "Delete tier %1"),
        EditKind.SAVE_RENEWAL_OFFER: (
            translate("WhatIf", "Add renewal offer %1")
            if edit.new
            else translate("WhatIf", "Change renewal offer %1")
        ),
        EditKind.DEACTIVATE_RENEWAL_OFFER: translate("WhatIf", "Deactivate renewal offer %1"),
        EditKind.SAVE_TOP_UP: (
            translate("WhatIf", "Add top-up bonus from %1")
            if edit.new
            else translate("WhatIf", "Change top-up bonus from %1")
        ),
        EditKind.DEACTIVATE_TOP_UP: translate("WhatIf", "Deactivate top-up bonus from %1"),
        EditKind.SAVE_TARGETED_OFFER: (
            translate("WhatIf", "Add targeted offer %1")
            if edit.new
            else translate("WhatIf", "Change targeted offer %1")
        ),
        EditKind.DEACTIVATE_TARGETED_OFFER: translate("WhatIf", "Deactivate targeted offer %1"),
        EditKind.SAVE_STACKING: translate("WhatIf", "Change how offers stack"),
    }
    return words[edit.kind].replace("%1", subject)
