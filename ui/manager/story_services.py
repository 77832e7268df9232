"""What a member's story tab works with, handed from the workspace to every tab it opens."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.clock import Clock
from app.domain.money import Currency
from app.services.member_story import MemberStoryService
from ui.cashier.approval_dialog import Approvers
from ui.jobs import InlineJobs, Jobs


@dataclass(frozen=True)
class StoryServices:
    """The story service reads and writes the member's story; the clock dates no-shows;
    the currency shows stored value and compensation; the approvers list who received a
    complaint and approve an erasure. Every story tab and its profile actions need all
    four, so the workspace builds them once. ``jobs`` runs a form's database work (the
    erasure's approval) off the GUI thread, telling the counter's status bar how the
    server answered."""

    story: MemberStoryService
    approvers: Approvers
    clock: Clock
    currency: Currency
    jobs: Jobs = field(default_factory=InlineJobs)
