"""Customer service: which tickets wait on the store, and how fast the store answers.

Definitions (checks, the morning header and reports all use these), over the status
vocabulary of `models.service.TICKET_STATUSES`, which importers map onto:

- A ticket is resolved when its status is solved or closed; every other status is unresolved.
- A ticket waits on the store when it is open or pending (waiting_customer waits on the
  customer). An unanswered ticket waits on the store and has no first response yet.
- First-response time of a ticket = first_response_at - opened_at, in hours. The first-response
  time of a period is the median over the tickets opened in it that have a reply; tickets
  still unanswered are counted apart (they cannot have a time yet), so a report shows both.
- Resolution time of a ticket = resolved_at - opened_at, in hours; for a period, the median over
  the tickets resolved in it.
- Duplicate customer accounts share a normalised email (lower-cased, trimmed), or a first
  name, last name (both ignoring case) and phone. A name-and-phone set counts only when its
  accounts' emails differ, so a pair already caught by email is not counted twice.

Medians are taken in Python over the period's (opened, answered) pairs, fetched as two columns:
a median is not portable SQL, and subtracting timestamps is spelled differently on every
database. A week is a few thousand rows even for a busy store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, and_, func, select

from storeops.metrics.plain.operations import ChannelResponse as ChannelResponse
from storeops.metrics.plain.operations import ResponseTimes as ResponseTimes
from storeops.metrics.plain.operations import hours as hours
from storeops.metrics.plain.operations import median as median
from storeops.tables import Customer, Ticket
from storeops.vocabulary import RESOLVED as RESOLVED
from storeops.vocabulary import TICKET_STATUSES, UNRESOLVED

if TYPE_CHECKING:
    from storeops.db import Executor

WAITING_ON_STORE = ("open", "pending")
URGENT = ("urgent", "high")
# Most urgent first, for ordering detail rows; unknown priorities sort with "normal".
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def unresolved() -> ColumnElement[bool]:
    """Tickets not solved or closed."""
    return Ticket.status.in_(UNRESOLVED)


def resolved() -> ColumnElement[bool]:
    """Tickets solved or closed."""
    # Resolved tickets are most of the table: excluding the others scans it once, which beats
    # walking the (status, opened_at) index over nearly every row.
    return Ticket.status.not_in(UNRESOLVED)


def waiting_on_store() -> ColumnElement[bool]:
    """Tickets whose next move is the store's: open or pending."""
    return Ticket.status.in_(WAITING_ON_STORE)


def unanswered() -> ColumnElement[bool]:
    """Tickets waiting on the store that have no first response yet."""
    return and_(waiting_on_store(), Ticket.first_response_at.is_(None))


def opened_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Tickets opened in [start, end)."""
    # Naming every status lets the (status, opened_at) index serve the date range.
    return and_(
        Ticket.status.in_(TICKET_STATUSES),
        Ticket.opened_at >= start,
        Ticket.opened_at < end,
    )


def resolved_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Tickets solved or closed, resolved in [start, end)."""
    resolved_at = Ticket.resolved_at
    # A resolved ticket's coalesce(resolved_at, opened_at) is its resolved_at: the same
    # range on it changes no result, and lets the ix_tickets_closed_at index serve it
    # instead of a scan of every ticket.
    closed_at = func.coalesce(resolved_at, Ticket.opened_at)
    return and_(
        resolved(),
        resolved_at >= start,
        resolved_at < end,
        closed_at >= start,
        closed_at < end,
    )


def first_response_times(
    session: Executor, start: datetime, end: datetime
) -> list[tuple[str, float | None]]:
    """(channel, first-response hours or None) of every ticket opened in [start, end)."""
    query = select(Ticket.channel, Ticket.opened_at, Ticket.first_response_at).where(
        opened_between(start, end)
    )
    return [
        (channel, hours(opened, first) if first is not None else None)
        for channel, opened, first in session.execute(query)
    ]


def resolution_times(session: Executor, start: datetime, end: datetime) -> list[float]:
    """Resolution time in hours of each ticket resolved in [start, end)."""
    query = select(Ticket.opened_at, Ticket.resolved_at).where(resolved_between(start, end))
    return [
        hours(opened, closed)
        for opened, closed in session.execute(query)
        if closed is not None  # never, once resolved: the type does not know the filter
    ]


def _channel(channel: str, times: list[float | None]) -> ChannelResponse:
    answered = [value for value in times if value is not None]
    return ChannelResponse(channel, len(times), len(answered), median(answered))


def response_times(session: Executor, start: datetime, end: datetime) -> ResponseTimes:
    """First-response times of tickets opened in [start, end), resolution of those resolved."""
    times = first_response_times(session, start, end)
    answered = [value for _, value in times if value is not None]
    resolutions = resolution_times(session, start, end)
    channels: dict[str, list[float | None]] = {}
    for channel, value in times:
        channels.setdefault(channel, []).append(value)
    by_channel = sorted(
        (_channel(channel, values) for channel, values in channels.items()),
        key=lambda row: (-(row.first_response_hours or 0.0), row.channel),
    )
    return ResponseTimes(
        opened=len(times),
        answered=len(answered),
        first_response_hours=median(answered),
        resolved=len(resolutions),
        resolution_hours=median(resolutions),
        by_channel=tuple(by_channel),
    )


def response_medians(session: Executor, start: datetime, end: datetime) -> ResponseTimes:
    """`response_times` without the per-channel figures, its medians picked by the database.

    A month of a busy store is tens of thousands of tickets: sending them all to Python
    costs far more than the queries. The database counts the tickets and sorts the waits,
    and only the one or two middle tickets come back; their hours are computed as
    `response_times` computes every ticket's, so the medians are the same.
    """
    opened_at, replied = Ticket.opened_at, Ticket.first_response_at
    opened, answered = session.execute(
        select(func.count(), func.count(replied)).where(opened_between(start, end))
    ).one()
    first = _middle_hours(
        session, opened_at, replied, int(answered), opened_between(start, end), replied.is_not(None)
    )
    closed_in = resolved_between(start, end)
    closed = int(session.scalar(select(func.count()).where(closed_in)) or 0)
    resolution = _middle_hours(session, opened_at, Ticket.resolved_at, closed, closed_in)
    return ResponseTimes(
        opened=int(opened),
        answered=int(answered),
        first_response_hours=first,
        resolved=closed,
        resolution_hours=resolution,
    )


def _middle_hours(
    session: Executor, earlier: Any, later: Any, count: int, *where: ColumnElement[bool]
) -> float | None:
    """The median of `later - earlier` in hours over the `count` tickets matching `where`."""
    from storeops.metrics.fulfillment import hours_between

    if count == 0:
        return None
    rows = session.execute(
        select(earlier, later)
        .where(*where)
        .order_by(hours_between(session, later, earlier))
        .limit(2 - count % 2)
        .offset((count - 1) // 2)
    ).all()
    return median(hours(low, high) for low, high in rows)


def contact_reasons(session: Executor, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """(category, tickets) for the tickets opened in [start, end), most common first."""
    count = func.count()
    query = (
        select(Ticket.category, count)
        .where(opened_between(start, end))
        .group_by(Ticket.category)
        .order_by(count.desc(), Ticket.category)
    )
    return [(str(category), int(tickets)) for category, tickets in session.execute(query)]


def ticket_row(ticket: Row[Any], now: datetime) -> dict[str, Any]:
    """A detail row for a ticket: id, subject, channel, category, priority, status, age."""
    return {
        "ticket": ticket.id,
        "subject": ticket.subject,
        "channel": ticket.channel,
        "category": ticket.category,
        "priority": ticket.priority,
        "status": ticket.status,
        "opened": ticket.opened_at.isoformat(),
        "age_hours": round(hours(ticket.opened_at, now), 1),
    }


@dataclass(frozen=True)
class DuplicateGroup:
    """Customer accounts that look like one person: how they match, and their id range."""

    match: str  # "email" | "name and phone"
    accounts: int
    first_id: int
    last_id: int


@dataclass(frozen=True)
class Duplicates:
    """Every set of duplicate customer accounts, newest account first."""

    groups: list[DuplicateGroup]
    by_email: int
    by_name_and_phone: int


def duplicate_customers(session: Executor) -> Duplicates:
    """Sets of customer accounts sharing a normalised email, or a name and phone."""
    email = func.lower(func.trim(Customer.email))
    phone = Customer.phone
    # Two passes over the normalised-email index (ix_customers_email_key), which holds the
    # raw email too: the keys shared by more than one account, then their accounts. A
    # missing email normalises to NULL, which `!= ""` drops along with blank ones.
    shared_emails = select(email).where(email != "").group_by(email).having(func.count() > 1)
    by_email = _duplicates([email], email.in_(shared_emails))
    # Only phones on more than one account can start a name-and-phone set: grouping the raw
    # phone first keeps the three-key grouping to the few accounts that share one.
    shared_phones = (
        select(phone)
        .where(phone.is_not(None), phone != "")
        .group_by(phone)
        .having(func.count() > 1)
    )
    by_name = _duplicates(
        [func.lower(Customer.first_name), func.lower(Customer.last_name), phone],
        phone.in_(shared_phones),
    ).having(func.count(func.distinct(func.coalesce(email, ""))) > 1)
    groups: list[DuplicateGroup] = []
    counts = []
    for match, query in (("email", by_email), ("name and phone", by_name)):
        rows = session.execute(query)
        found = [DuplicateGroup(match, int(n), int(low), int(high)) for low, high, n in rows]
        counts.append(len(found))
        groups += found
    groups.sort(key=lambda group: (-group.last_id, group.match))
    return Duplicates(groups, counts[0], counts[1])


def _duplicates(keys: list[Any], *where: ColumnElement[bool]) -> Any:
    """Customers grouped by `keys`, where more than one account shares them."""
    accounts = func.count()
    return (
        select(func.min(Customer.id), func.max(Customer.id), accounts)
        .where(*where)
        .group_by(*keys)
        .having(accounts > 1)
    )


def backlog(session: Executor, at: datetime) -> int:
    """Tickets opened before `at` and not resolved: the queue the store still owes answers."""
    return int(session.scalar(select(func.count()).where(unresolved(), Ticket.opened_at < at)) or 0)
