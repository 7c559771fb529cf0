"""Customer service checks: first replies, the queue, complaints, requests, reviews, records.

Which tickets wait on the store and how response times are measured are defined once in
`storeops.metrics.service`; these checks count and list. Summaries never name a customer
(alerts send them); detail rows name tickets by id and subject.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import and_, case, func, or_, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.params import Duration, format_duration
from storeops.checks.queries import MAX_DETAILS, Tally, tally, tally_query
from storeops.checks.registry import register
from storeops.checks.text import age, plural
from storeops.metrics import service
from storeops.tables import Product, Review, Ticket

# Most ticket checks age and list tickets by when they were opened.
_OPENED = Ticket.opened_at


def _target(ctx: CheckContext) -> str:
    """The first-response target as an owner writes it: `24h`, `1.5h`."""
    return f"{ctx.settings.rules.first_response_hours:g}h"


def _priority() -> Any:
    ranks = service.PRIORITY_RANK
    return case(ranks, value=Ticket.priority, else_=ranks["normal"])


def _tallied_tickets(
    ctx: CheckContext,
    condition: Any,
    *order_by: Any,
    moment: Any = _OPENED,
    extra: str | None = None,
) -> tuple[Tally, list[dict[str, Any]]]:
    """`tally` of the tickets matching `condition` (oldest `moment`) and their detail rows in
    `order_by` order, plus the `extra` timestamp, in one statement (`tally_query`)."""
    query = (
        select(Ticket.__table__).where(condition).order_by(*order_by, Ticket.id).limit(MAX_DETAILS)
    )
    found, tickets = tally_query(ctx.session, query, moment=moment)
    rows = []
    for ticket in tickets:
        row = service.ticket_row(ticket, ctx.now)
        if extra is not None:
            when = getattr(ticket, extra)
            row[extra] = when.isoformat() if when is not None else None
        rows.append(row)
    return found, rows


def _oldest(ctx: CheckContext, found: Tally) -> str:
    return age(ctx.now - found.oldest) if found.oldest is not None else "?"


@register
class FirstResponseOverdue(Check[NoParams]):
    """Open or pending tickets still without a first reply past the first-response target.

    The target is `rules.first_response_hours` in config.yaml (24 by default).
    """

    type = "service.first_response_overdue"
    title = "Tickets past the first-response target"
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        target = ctx.hours_ago(ctx.settings.rules.first_response_hours)
        condition = and_(service.unanswered(), Ticket.opened_at < target)
        found, rows = _tallied_tickets(ctx, condition, _OPENED)
        if not found.count:
            return Measurement(0, f"every ticket older than {_target(ctx)} has a first reply")
        summary = (
            f"{plural(found.count, 'ticket')} past the {_target(ctx)} first-response target,"
            f" oldest {_oldest(ctx, found)}: reply to these first"
        )
        return Measurement(found.count, summary, rows)


@register
class OpenBacklog(Check[NoParams]):
    """The support queue: open and pending tickets, urgent and high priority first."""

    type = "service.open_backlog"
    title = "Support queue"
    default_warn = 30
    default_crit = 75

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = service.waiting_on_store()
        found, rows = _tallied_tickets(ctx, condition, _priority(), _OPENED)
        if not found.count:
            return Measurement(0, "the support queue is empty")
        urgent = (
            ctx.session.scalar(
                select(func.count()).where(condition, Ticket.priority.in_(service.URGENT))
            )
            or 0
        )
        summary = (
            f"{plural(found.count, 'ticket')} open or pending, oldest {_oldest(ctx, found)},"
            f" {urgent} urgent or high priority"
        )
        return Measurement(found.count, summary, rows)


class ComplaintParams(Params):
    """How long a complaint may stay unresolved before it is flagged."""

    older_than: Duration = timedelta(hours=48)


class RefundRequestParams(Params):
    """How long a refund request may stay unresolved before it is flagged."""

    older_than: Duration = timedelta(days=3)


def _unresolved_for(
    ctx: CheckContext, category: str, older_than: timedelta, action: str
) -> Measurement:
    """Tickets of `category` unresolved after `older_than`, oldest first."""
    condition = and_(
        service.unresolved(),
        Ticket.category == category,
        Ticket.opened_at < ctx.now - older_than,
    )
    found, rows = _tallied_tickets(ctx, condition, _OPENED)
    what = category.replace("_", " ")
    if not found.count:
        return Measurement(0, f"no {what} open for more than {format_duration(older_than)}")
    summary = (
        f"{plural(found.count, what)} open for more than {format_duration(older_than)},"
        f" oldest {_oldest(ctx, found)}: {action}"
    )
    return Measurement(found.count, summary, rows)


@register
class ComplaintsOpen(Check[ComplaintParams]):
    """Complaints not solved or closed after `older_than` (48h by default)."""

    type = "service.complaints_open"
    title = "Complaints still open"
    params = ComplaintParams
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: ComplaintParams) -> Measurement:
        return _unresolved_for(ctx, "complaint", params.older_than, "send each a concrete fix")


@register
class RefundRequestsOverdue(Check[RefundRequestParams]):
    """Refund requests not solved or closed after `older_than` (3 days by default)."""

    type = "service.refund_requests_overdue"
    title = "Refund requests waiting too long"
    params = RefundRequestParams
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: RefundRequestParams) -> Measurement:
        return _unresolved_for(
            ctx, "refund_request", params.older_than, "settle them as the policy says"
        )


class ReviewParams(Params):
    """Which reviews need a reply: at most `max_rating` stars, left within `window`."""

    max_rating: Annotated[int, Field(ge=1, le=5)] = 3
    window: Duration = timedelta(days=30)


@register
class ReviewsUnanswered(Check[ReviewParams]):
    """Published reviews of `max_rating` stars or less (3) from the last 30 days, unanswered."""

    type = "service.reviews_unanswered"
    title = "Low reviews without a reply"
    params = ReviewParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: ReviewParams) -> Measurement:
        condition = and_(
            Review.responded_at.is_(None),
            Review.created_at >= ctx.now - params.window,
            Review.rating <= params.max_rating,
            Review.published.is_(True),
        )
        found = tally(ctx.session, condition, moment=Review.created_at)
        stars = plural(params.max_rating, "star")
        if not found.count:
            return Measurement(0, f"every review of {stars} or less has a reply")
        query = (
            select(Review.__table__, Product.title.label("product_title"))
            .join(Product, Product.id == Review.product_id)
            .where(condition)
            .order_by(Review.rating, Review.created_at, Review.id)
            .limit(MAX_DETAILS)
        )
        rows = [
            {
                "review": review.id,
                "product": review.product_title,
                "rating": review.rating,
                "title": review.title,
                "created": review.created_at.isoformat(),
                "age_hours": round(service.hours(review.created_at, ctx.now), 1),
            }
            for review in ctx.session.execute(query)
        ]
        summary = (
            f"{plural(found.count, 'review')} of {stars} or less without a reply,"
            f" oldest {_oldest(ctx, found)}: answer publicly and offer to put it right"
        )
        return Measurement(found.count, summary, rows)


@register
class DuplicateCustomers(Check[NoParams]):
    """Customer accounts that look like one person: same email, or same name and phone.

    Emails match ignoring case and surrounding spaces. A name-and-phone match counts only when
    the accounts' emails differ, so a pair already caught by email is not counted twice.
    """

    type = "service.duplicate_customers"
    title = "Duplicate customer accounts"
    default_warn = 1
    default_crit = 25

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        found = service.duplicate_customers(ctx.session)
        if not found.groups:
            return Measurement(0, "no duplicate customer accounts")
        summary = (
            f"{plural(len(found.groups), 'set')} of duplicate customer accounts"
            f" ({found.by_email} by email, {found.by_name_and_phone} by name and phone):"
            " merge them"
        )
        rows = [
            {
                "match": group.match,
                "accounts": group.accounts,
                "customer_ids": _ids(group.first_id, group.last_id, group.accounts),
            }
            for group in found.groups[:MAX_DETAILS]
        ]
        return Measurement(len(found.groups), summary, rows)


def _ids(first: int, last: int, accounts: int) -> str:
    more = f" and {accounts - 2} more" if accounts > 2 else ""
    return f"{first}, {last}{more}"


@register
class FollowUpsDue(Check[NoParams]):
    """Unresolved tickets whose follow-up date has passed."""

    type = "service.follow_ups_due"
    title = "Follow-ups due"
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(
            service.unresolved(),
            Ticket.follow_up_at.is_not(None),
            Ticket.follow_up_at < ctx.now,
        )
        follow_up_at = Ticket.follow_up_at
        found, rows = _tallied_tickets(
            ctx, condition, follow_up_at, moment=follow_up_at, extra="follow_up_at"
        )
        if not found.count:
            return Measurement(0, "no follow-up is due")
        summary = (
            f"{plural(found.count, 'follow-up')} due, oldest overdue by {_oldest(ctx, found)}:"
            " chase them and update the customers"
        )
        return Measurement(found.count, summary, rows)


class ClosedWindowParams(Params):
    """How far back to look at closed tickets."""

    window: Duration = timedelta(days=30)


@register
class ResolutionMissing(Check[ClosedWindowParams]):
    """Tickets solved or closed in the last 30 days without a resolution note."""

    type = "service.resolution_missing"
    title = "Closed tickets without a resolution note"
    params = ClosedWindowParams
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: ClosedWindowParams) -> Measurement:
        # A ticket closed without a resolved_at time is dated by its opening.
        closed_at = func.coalesce(Ticket.resolved_at, Ticket.opened_at)
        resolution = Ticket.resolution
        condition = and_(
            service.resolved(),
            closed_at >= ctx.now - params.window,
            or_(resolution.is_(None), func.trim(resolution) == ""),
        )
        found, rows = _tallied_tickets(
            ctx, condition, closed_at.desc(), moment=None, extra="resolved_at"
        )
        count = found.count
        window = format_duration(params.window)
        if not count:
            return Measurement(0, f"every ticket closed in the last {window} has a resolution note")
        summary = (
            f"{plural(count, 'ticket')} closed in the last {window} without a resolution note:"
            " add one line to each"
        )
        return Measurement(count, summary, rows)


class ResponseTimeParams(Params):
    """The span of recent tickets to measure."""

    window: Duration = timedelta(days=7)


# The median may run this many times over the target before the check turns CRIT.
CRIT_FACTOR = 2


@register
class ServiceResponseTimes(Check[ResponseTimeParams]):
    """Median first-response time of the last 7 days' tickets against the target.

    The value is the median in hours. It is judged against `rules.first_response_hours`, not
    against warn/crit, so the target lives in one place: WARN when the median is over the
    target, CRIT when it is over twice the target.
    """

    type = "service.response_times"
    title = "Customer service response times"
    params = ResponseTimeParams
    default_warn = None
    default_crit = None

    def measure(self, ctx: CheckContext, params: ResponseTimeParams) -> Measurement:
        start = ctx.now - params.window
        times = service.response_times(ctx.session, start, ctx.now)
        window = format_duration(params.window)
        if times.first_response_hours is None:
            if not times.opened:
                return Measurement(None, f"no tickets in the last {window}", level=Level.OK)
            return Measurement(
                None,
                f"none of the {plural(times.opened, 'ticket')} of the last {window} has a reply"
                " yet: nothing to measure",
                level=Level.OK,
            )
        target = ctx.settings.rules.first_response_hours
        median = times.first_response_hours
        level = Level.OK
        if median > CRIT_FACTOR * target:
            level = Level.CRIT
        elif median > target:
            level = Level.WARN
        parts = [
            f"median first reply {_hours(median)} over {plural(times.answered, 'ticket')}"
            f" of the last {window} (target {_target(ctx)})"
        ]
        if times.resolution_hours is not None:
            parts.append(f"median resolution {_hours(times.resolution_hours)}")
        if times.unanswered:
            parts.append(f"{times.unanswered} still unanswered")
        reasons = service.contact_reasons(ctx.session, start, ctx.now)
        if reasons:
            category, tickets = reasons[0]
            share = round(100 * tickets / times.opened)
            parts.append(f"top reason {category.replace('_', ' ')} ({share}%)")
        rows = [
            {
                "channel": channel.channel,
                "tickets": channel.opened,
                "answered": channel.answered,
                "median_first_response_hours": _round(channel.first_response_hours),
            }
            for channel in times.by_channel
        ]
        return Measurement(round(median, 1), ", ".join(parts), rows, level=level)


def _hours(value: float) -> str:
    """`4h`, `4.5h` under ten hours; then `31h`, `3d` as ages are written."""
    if value < 10:
        return f"{value:.1f}".removesuffix(".0") + "h"
    return age(timedelta(hours=value))


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
