"""``pos campaigns``: start a targeted offer's or coupon offer's campaign with a control
group, and read the campaigns' results (``app.campaigns``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.config import resolve_database_url


def add_campaigns_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    campaigns = commands.add_parser(
        "campaigns", help="targeted offers' and coupons' campaigns: control groups and results"
    )
    actions = campaigns.add_subparsers(dest="campaigns_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[database], help="every campaign with its figures")
    show = actions.add_parser(
        "show",
        parents=[database],
        help="one campaign's figures, or (given an offer code) its coupons given by hand",
    )
    show.add_argument("campaign", metavar="ID|OFFER_CODE")
    show.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    start = actions.add_parser(
        "start",
        parents=[database],
        help="start an offer's campaign for its audience (the tiers and segments it names); "
        "a coupon offer issues a coupon to every member not held back",
    )
    start.add_argument("offer", help="the offer's code")
    start.add_argument(
        "--hold-back",
        type=float,
        default=0.0,
        metavar="PERCENT",
        help="share of the audience held back as a control group, 0 to 50 (default 0)",
    )
    start.add_argument("--seed", type=int, help="the random draw's seed (default: a new one)")
    start.add_argument(
        "--coupon-days", type=int, default=30, metavar="N", help="a coupon's validity (days)"
    )


def run_campaigns(args: argparse.Namespace) -> int:
    from app.campaigns.desk import CampaignRefused, open_desk
    from app.campaigns.report import campaign_json, campaign_line
    from app.clock import SystemClock

    url = resolve_database_url(args.command_db or args.db)
    try:
        with open_desk(url, SystemClock()) as desk:
            if args.campaigns_command == "start":
                started = desk.start(
                    args.offer,
                    round(args.hold_back * 100),
                    seed=args.seed,
                    coupon_days=args.coupon_days,
                )
                print(
                    f"campaign {started.campaign_id} started for {started.offer_code}:"
                    f" {started.targeted} members, {started.held_back} held back"
                    f" (seed {started.seed}), {started.coupons_issued} coupons issued"
                )
                return 0
            if args.campaigns_command == "list":
                results = desk.campaigns()
                for result in results:
                    print(campaign_line(result))
                if not results:
                    print("no campaign yet: pos campaigns start OFFER_CODE --hold-back 10")
                return 0
            if args.campaign.isdigit():
                result = desk.campaign(int(args.campaign))
            else:
                result = desk.coupons_by_hand(args.campaign)
            print(campaign_line(result))
            if args.json is not None:
                text = json.dumps(campaign_json(result), ensure_ascii=False, indent=2)
                args.json.write_text(text + "\n", encoding="utf-8")
                print(f"written to {args.json}")
            return 0
    except CampaignRefused as refused:
        print(f"pos: {refused}", file=sys.stderr)
        return 1
