"""Website checks that read the store's own data: product pages, promotions, backups.

Checks that load the live storefront (health, uptime, errors, checkout) belong with the
storefront probes; these need no HTTP and judge what the catalog and records say.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import age, plural
from storeops.tables import Backup, Product, Promotion, Variant

BACKUP_KINDS = ("site", "database")


def _blank(column: Any) -> Any:
    """A text column that is NULL or only whitespace."""
    return or_(column.is_(None), func.trim(column) == "")


@register
class ProductContent(Check[NoParams]):
    """Active products whose page is incomplete: no description, no image, or a variant at 0.

    A variant priced 0 that is offered for sale gives the product away, so those come first
    in the details.
    """

    type = "website.product_content"
    title = "Product pages missing content"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        no_description = _blank(Product.description)
        no_image = _blank(Product.image_url)
        free = exists().where(
            Variant.product_id == Product.id,
            Variant.price <= 0,
            Variant.available.is_(True),
        )
        condition = and_(Product.status == "active", or_(no_description, no_image, free))
        flags = (
            case((no_description, 1), else_=0),
            case((no_image, 1), else_=0),
            case((free, 1), else_=0),
        )
        count, descriptions, images, zero = ctx.session.execute(
            select(func.count(), *(func.sum(flag) for flag in flags)).where(condition)
        ).one()
        if not count:
            return Measurement(0, "every active product has a description, an image and a price")
        rows = ctx.session.execute(
            select(Product.handle, Product.title, *flags)
            .where(condition)
            .order_by(flags[2].desc(), flags[1].desc(), Product.title, Product.id)
            .limit(MAX_DETAILS)
        ).all()
        details = [
            {
                "handle": handle,
                "title": title,
                "missing": ", ".join(
                    name
                    for name, flag in zip(
                        ("price", "image", "description"),
                        (bad_price, bad_image, bad_text),
                        strict=True,
                    )
                    if flag
                ),
            }
            for handle, title, bad_text, bad_image, bad_price in rows
        ]
        gaps = [
            plural(int(n), what, what)
            for n, what in (
                (zero, "with a variant priced 0"),
                (images, "without an image"),
                (descriptions, "without a description"),
            )
            if n
        ]
        summary = (
            f"{plural(count, 'active product')} with gaps ({', '.join(gaps)}):"
            " fix these pages, prices first"
        )
        return Measurement(count, summary, details)


@register
class PromotionsStale(Check[NoParams]):
    """Promotions still switched on after their end date or after their usage limit ran out.

    Banners and codes for offers that are over frustrate customers at checkout.
    """

    type = "website.promotions_stale"
    title = "Promotions expired but still active"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        ended = and_(Promotion.ends_at.is_not(None), Promotion.ends_at <= ctx.now)
        used_up = and_(
            Promotion.usage_limit.is_not(None),
            Promotion.usage_count >= Promotion.usage_limit,
        )
        condition = and_(Promotion.active.is_(True), or_(ended, used_up))
        count, n_ended = ctx.session.execute(
            select(func.count(), func.sum(case((ended, 1), else_=0))).where(condition)
        ).one()
        if not count:
            return Measurement(0, "every active promotion is within its dates and usage limit")
        promotions = ctx.session.execute(
            select(Promotion.__table__)
            .where(condition)
            .order_by(Promotion.ends_at.is_(None), Promotion.ends_at, Promotion.id)
            .limit(MAX_DETAILS)
        )
        details = [
            {
                "code": promotion.code,
                "title": promotion.title,
                "ends_at": promotion.ends_at.isoformat() if promotion.ends_at else None,
                "usage": promotion.usage_count,
                "usage_limit": promotion.usage_limit,
                "problem": "ended"
                if promotion.ends_at is not None and promotion.ends_at <= ctx.now
                else "used up",
            }
            for promotion in promotions
        ]
        n_ended = int(n_ended or 0)
        reasons = [f"{n_ended} past the end date"] if n_ended else []
        if count - n_ended:
            reasons.append(f"{count - n_ended} used up")
        summary = (
            f"{plural(count, 'promotion')} still active ({', '.join(reasons)}):"
            f" switch {'it' if count == 1 else 'them'} off and take down the banners"
        )
        return Measurement(count, summary, details)


@register
class BackupAge(Check[NoParams]):
    """Hours since the newest backup of the site or the database.

    No backup recorded at all is CRIT: there is nothing to restore from.
    """

    type = "website.backup_age"
    title = "Age of the last backup"
    default_warn = 26
    default_crit = 72

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        newest = ctx.session.execute(
            select(Backup.__table__)
            .where(Backup.kind.in_(BACKUP_KINDS))
            .order_by(Backup.created_at.desc(), Backup.id.desc())
            .limit(1)
        ).first()
        if newest is None:
            return Measurement(
                None,
                "no backup recorded: back up the site and database, then record it in the"
                " backups table or import it (a backup command comes later)",
                level=Level.CRIT,
            )
        hours = round(max(0.0, (ctx.now - newest.created_at).total_seconds() / 3600), 1)
        per_kind = ctx.session.execute(
            select(Backup.kind, func.max(Backup.created_at), func.count())
            .where(Backup.kind.in_(BACKUP_KINDS))
            .group_by(Backup.kind)
            .order_by(Backup.kind)
        ).all()
        details = []
        for kind, last, total in per_kind:
            moment = datetime.fromisoformat(last) if isinstance(last, str) else last
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            details.append(
                {
                    "kind": kind,
                    "last_backup": moment.isoformat(),
                    "age_hours": round((ctx.now - moment).total_seconds() / 3600, 1),
                    "backups": int(total),
                }
            )
        verified = "verified" if newest.verified else "not verified"
        missing = [kind for kind in BACKUP_KINDS if kind not in {row["kind"] for row in details}]
        never = f"; no {' or '.join(missing)} backup ever recorded" if missing else ""
        summary = (
            f"last backup {age(timedelta(hours=hours))} ago ({newest.kind}, {verified}){never}"
        )
        return Measurement(hours, summary, details)
