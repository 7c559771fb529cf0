"""Customer service checks on hand-built data, boundaries included."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store, open_store
from storeops.metrics import service
from storeops.models import Customer, Product, Review, Ticket

M = timedelta(minutes=1)
H = timedelta(hours=1)
D = timedelta(days=1)


def _home_with_rules(**rules: Any) -> Path:
    """The test's STOREOPS_HOME with a config.yaml setting these business rules."""
    home = Path(os.environ["STOREOPS_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    lines = ["rules:"] + [f"  {key}: {value}" for key, value in rules.items()]
    (home / "config.yaml").write_text("\n".join(lines) + "\n")
    return home


# --- service.first_response_overdue -------------------------------------------------------


def test_first_response_overdue_counts_unanswered_tickets_past_the_target(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, subject="Where is my order?", opened_at=NOW - 31 * H, channel="chat")
        make(s, Ticket, status="pending", opened_at=NOW - 25 * H, priority="urgent")
        make(s, Ticket, opened_at=NOW - 24 * H - M)  # just past the 24h target
        make(s, Ticket, opened_at=NOW - 24 * H + M)  # not yet
        make(s, Ticket, opened_at=NOW - 30 * H, first_response_at=NOW - 29 * H)  # answered
        make(s, Ticket, opened_at=NOW - 30 * H, status="waiting_customer")
        make(s, Ticket, opened_at=NOW - 30 * H, status="solved")
    outcome = run_one(store, "service.first_response_overdue")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 tickets past the 24h first-response target, oldest 31h: reply to these first"
    )
    assert [row["age_hours"] for row in outcome.details] == [31.0, 25.0, 24.0]  # oldest first
    assert outcome.details[0] == {
        "ticket": outcome.details[0]["ticket"],
        "subject": "Where is my order?",
        "channel": "chat",
        "category": "question",
        "priority": "normal",
        "status": "open",
        "opened": (NOW - 31 * H).isoformat(),
        "age_hours": 31.0,
    }


def test_first_response_overdue_follows_the_configured_target(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, opened_at=NOW - 13 * H)
        make(s, Ticket, opened_at=NOW - 11 * H)
    outcome = run_one(
        store, "service.first_response_overdue", home=_home_with_rules(first_response_hours=12)
    )
    assert outcome.value == 1
    assert outcome.summary.startswith("1 ticket past the 12h first-response target, oldest 13h")


def test_first_response_overdue_crit_at_ten(store: Store) -> None:
    with store.writing() as s:
        for _ in range(9):
            make(s, Ticket, opened_at=NOW - 2 * D)
    assert run_one(store, "service.first_response_overdue").level is Level.WARN
    with store.writing() as s:
        make(s, Ticket, opened_at=NOW - 2 * D)
    assert run_one(store, "service.first_response_overdue").level is Level.CRIT


def test_first_response_overdue_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.first_response_overdue")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every ticket older than 24h has a first reply",
    )


# --- service.open_backlog -------------------------------------------------------------------


def test_open_backlog_counts_open_and_pending_urgent_first(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, subject="old", opened_at=NOW - 50 * H)
        make(s, Ticket, subject="high", status="pending", priority="high", opened_at=NOW - H)
        make(s, Ticket, subject="urgent", priority="urgent", opened_at=NOW - M)
        make(s, Ticket, status="waiting_customer", opened_at=NOW - 5 * D)
        make(s, Ticket, status="closed", priority="urgent")
    outcome = run_one(store, "service.open_backlog")
    assert (outcome.value, outcome.level) == (3, Level.OK)  # below the default warn of 30
    assert outcome.summary == "3 tickets open or pending, oldest 2d, 2 urgent or high priority"
    assert [row["subject"] for row in outcome.details] == ["urgent", "high", "old"]
    assert run_one(store, "service.open_backlog", warn=3).level is Level.WARN


def test_open_backlog_default_thresholds(store: Store) -> None:
    with store.writing() as s:
        for _ in range(29):
            make(s, Ticket)
    assert run_one(store, "service.open_backlog").level is Level.OK
    with store.writing() as s:
        make(s, Ticket)
    assert run_one(store, "service.open_backlog").level is Level.WARN
    with store.writing() as s:
        for _ in range(45):
            make(s, Ticket)
    assert run_one(store, "service.open_backlog").level is Level.CRIT


def test_open_backlog_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.open_backlog")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "the support queue is empty",
    )


# --- service.complaints_open ----------------------------------------------------------------


def test_complaints_open_past_48h(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, category="complaint", opened_at=NOW - 3 * D)
        make(s, Ticket, category="complaint", opened_at=NOW - 48 * H - M)
        make(s, Ticket, category="complaint", opened_at=NOW - 48 * H + M)  # not yet
        make(s, Ticket, category="complaint", opened_at=NOW - 4 * D, status="waiting_customer")
        make(s, Ticket, category="complaint", opened_at=NOW - 4 * D, status="solved")
        make(s, Ticket, category="question", opened_at=NOW - 4 * D)
    outcome = run_one(store, "service.complaints_open")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 complaints open for more than 2d, oldest 4d: send each a concrete fix"
    )
    assert [row["age_hours"] for row in outcome.details] == [96.0, 72.0, 48.0]
    assert run_one(store, "service.complaints_open", params={"older_than": "24h"}).value == 4


def test_complaints_open_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.complaints_open")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no complaint open for more than 2d",
    )


# --- service.refund_requests_overdue ---------------------------------------------------------


def test_refund_requests_overdue_past_3_days(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, category="refund_request", opened_at=NOW - 3 * D - M, status="pending")
        make(s, Ticket, category="refund_request", opened_at=NOW - 3 * D + M)  # not yet
        make(s, Ticket, category="refund_request", opened_at=NOW - 9 * D, status="closed")
        make(s, Ticket, category="complaint", opened_at=NOW - 9 * D)
    outcome = run_one(store, "service.refund_requests_overdue")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "1 refund request open for more than 3d, oldest 3d: settle them as the policy says"
    )
    assert outcome.details[0]["status"] == "pending"
    assert run_one(store, "service.refund_requests_overdue", params={"older_than": "2d"}).value == 2


def test_refund_requests_overdue_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.refund_requests_overdue")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no refund request open for more than 3d",
    )


# --- service.reviews_unanswered --------------------------------------------------------------


def test_reviews_unanswered_low_ratings_of_the_last_30_days(store: Store) -> None:
    with store.writing() as s:
        mug = make(s, Product, title="Blue Mug")
        tee = make(s, Product, title="Cotton Tee")
        make(s, Review, product_id=mug.id, rating=3, created_at=NOW - 30 * D + H)
        make(s, Review, product_id=tee.id, rating=1, created_at=NOW - 2 * D, title="Broke")
        make(s, Review, product_id=mug.id, rating=2, created_at=NOW - 30 * D - H)  # too old
        make(s, Review, product_id=mug.id, rating=4, created_at=NOW - D)
        make(s, Review, product_id=mug.id, rating=2, created_at=NOW - D, responded_at=NOW)
        make(s, Review, product_id=mug.id, rating=1, created_at=NOW - D, published=False)
    outcome = run_one(store, "service.reviews_unanswered")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 reviews of 3 stars or less without a reply, oldest 29d:"
        " answer publicly and offer to put it right"
    )
    assert [(row["product"], row["rating"]) for row in outcome.details] == [
        ("Cotton Tee", 1),
        ("Blue Mug", 3),
    ]  # worst rating first
    assert outcome.details[0]["title"] == "Broke"
    assert outcome.details[0]["age_hours"] == 48.0
    one_star = run_one(store, "service.reviews_unanswered", params={"max_rating": 1})
    assert one_star.value == 1
    assert one_star.summary.startswith("1 review of 1 star or less without a reply")
    assert run_one(store, "service.reviews_unanswered", params={"max_rating": 6}).level is (
        Level.UNKNOWN
    )


def test_reviews_unanswered_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.reviews_unanswered")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every review of 3 stars or less has a reply",
    )


# --- service.duplicate_customers -------------------------------------------------------------


def test_duplicate_customers_by_email_and_by_name_and_phone(store: Store) -> None:
    with store.writing() as s:
        ann = make(s, Customer, email="Ann@Example.com")
        ann2 = make(s, Customer, email=" ann@example.com ")
        bob = make(s, Customer, first_name="Bob", last_name="Lee", phone="555-0101")
        bob2 = make(s, Customer, first_name="BOB", last_name="lee", phone="555-0101")
        bob3 = make(s, Customer, first_name="bob", last_name="Lee", phone="555-0101", email=None)
        # Same email and same name and phone: one set, counted by email only.
        make(s, Customer, email="cy@example.com", first_name="Cy", phone="555-0202")
        make(s, Customer, email="CY@example.com", first_name="Cy", phone="555-0202")
        # Not duplicates: no phone, blank or missing emails, a different phone.
        make(s, Customer, first_name="Dee", last_name="Ray", phone=None)
        make(s, Customer, first_name="Dee", last_name="Ray", phone=None)
        make(s, Customer, email="")
        make(s, Customer, email="")
        make(s, Customer, email=None)
        make(s, Customer, email=None)
        make(s, Customer, first_name="Bob", last_name="Lee", phone="555-0999")
    outcome = run_one(store, "service.duplicate_customers")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 sets of duplicate customer accounts (2 by email, 1 by name and phone): merge them"
    )
    by_match = {(row["match"], row["customer_ids"]) for row in outcome.details}
    assert ("email", f"{ann.id}, {ann2.id}") in by_match
    assert ("name and phone", f"{bob.id}, {bob3.id} and 1 more") in by_match
    assert bob2.id is not None
    assert all("@" not in str(value) for row in outcome.details for value in row.values())


EMAILS = st.sampled_from(
    ["a@x.io", "A@x.io", " a@x.io", "a@x.io ", "b@x.io", "B@X.IO", "c@x.io", "", " ", None]
)


@settings(max_examples=60, deadline=None)
@given(emails=st.lists(EMAILS, max_size=12))
def test_duplicate_emails_match_a_plain_grouping(emails: list[str | None]) -> None:
    """The pre-filtered query finds exactly the sets a full grouping by normalised email finds."""
    memory = open_store("sqlite://")
    try:
        with memory.writing() as s:
            ids = [make(s, Customer, email=email).id for email in emails]
        expected: dict[str, list[int]] = {}
        for customer_id, email in zip(ids, emails, strict=True):
            if email is not None and email.strip().lower():
                expected.setdefault(email.strip().lower(), []).append(int(customer_id or 0))
        wanted = sorted((min(g), max(g), len(g)) for g in expected.values() if len(g) > 1)
        with memory.reading() as session:
            found = service.duplicate_customers(session)
        got = sorted(
            (g.first_id, g.last_id, g.accounts) for g in found.groups if g.match == "email"
        )
        assert got == wanted
    finally:
        memory.close()


def test_duplicate_customers_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.duplicate_customers")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no duplicate customer accounts",
    )


# --- service.follow_ups_due ------------------------------------------------------------------


def test_follow_ups_due(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, status="pending", follow_up_at=NOW - 2 * D)
        make(s, Ticket, follow_up_at=NOW - M)
        make(s, Ticket, status="waiting_customer", follow_up_at=NOW - H)
        make(s, Ticket, follow_up_at=NOW + M)  # not due yet
        make(s, Ticket, status="solved", follow_up_at=NOW - 3 * D)
        make(s, Ticket)  # no follow-up planned
    outcome = run_one(store, "service.follow_ups_due")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 follow-ups due, oldest overdue by 2d: chase them and update the customers"
    )
    assert [row["follow_up_at"] for row in outcome.details] == [
        (NOW - 2 * D).isoformat(),
        (NOW - H).isoformat(),
        (NOW - M).isoformat(),
    ]


def test_follow_ups_due_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.follow_ups_due")
    assert (outcome.level, outcome.value, outcome.summary) == (Level.OK, 0, "no follow-up is due")


# --- service.resolution_missing --------------------------------------------------------------


def test_resolution_missing_on_recently_closed_tickets(store: Store) -> None:
    old = NOW - 60 * D
    with store.writing() as s:
        make(s, Ticket, subject="a", status="closed", opened_at=old, resolved_at=NOW - D)
        make(s, Ticket, subject="b", status="solved", resolved_at=NOW - H, resolution="  ")
        make(s, Ticket, subject="c", status="solved", opened_at=old, resolved_at=NOW - 30 * D + H)
        make(s, Ticket, subject="d", status="closed", opened_at=NOW - 2 * D)  # no resolved_at
        make(s, Ticket, status="closed", opened_at=old, resolved_at=NOW - 30 * D - H)  # too old
        make(s, Ticket, status="solved", resolved_at=NOW - H, resolution="Sent a replacement")
        make(s, Ticket, status="open")
    outcome = run_one(store, "service.resolution_missing")
    assert (outcome.value, outcome.level) == (4, Level.WARN)
    assert outcome.summary == (
        "4 tickets closed in the last 30d without a resolution note: add one line to each"
    )
    assert [row["subject"] for row in outcome.details] == ["b", "a", "d", "c"]  # newest first
    assert outcome.details[2]["resolved_at"] is None


def test_resolution_missing_empty_store(store: Store) -> None:
    outcome = run_one(store, "service.resolution_missing")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every ticket closed in the last 30d has a resolution note",
    )


# --- service.response_times ------------------------------------------------------------------


def _answered(s: Any, after: timedelta, opened_ago: timedelta = D, **fields: Any) -> None:
    opened = NOW - opened_ago
    make(s, Ticket, opened_at=opened, first_response_at=opened + after, **fields)


def test_response_times_median_against_the_target(store: Store) -> None:
    with store.writing() as s:
        _answered(s, 2 * H, category="shipping", channel="chat")
        _answered(s, 4 * H, category="shipping")
        _answered(s, 30 * H, opened_ago=3 * D, category="complaint")
        _answered(s, 90 * H, opened_ago=7 * D + H)  # opened before the week
        make(s, Ticket, opened_at=NOW - 7 * D + H, category="shipping")  # unanswered
        make(
            s,
            Ticket,
            status="solved",
            opened_at=NOW - 20 * D,
            first_response_at=NOW - 19 * D,
            resolved_at=NOW - 2 * D,
        )
    outcome = run_one(store, "service.response_times")
    assert (outcome.value, outcome.level) == (4.0, Level.OK)
    assert outcome.summary == (
        "median first reply 4h over 3 tickets of the last 7d (target 24h),"
        " median resolution 18d, 1 still unanswered, top reason shipping (75%)"
    )
    assert outcome.details == [
        {"channel": "email", "tickets": 3, "answered": 2, "median_first_response_hours": 17.0},
        {"channel": "chat", "tickets": 1, "answered": 1, "median_first_response_hours": 2.0},
    ]


def test_response_times_levels_around_the_target(store: Store) -> None:
    cases = [(24 * H, Level.OK), (24 * H + 30 * M, Level.WARN), (48 * H, Level.WARN)]
    cases += [(48 * H + 30 * M, Level.CRIT), (5 * H, Level.OK)]
    for after, level in cases:
        with store.writing() as s:
            s.execute(delete(Ticket))
            _answered(s, after, opened_ago=3 * D)
        outcome = run_one(store, "service.response_times")
        assert (outcome.value, outcome.level) == (round(after / H, 1), level)
    # A checklist's warn/crit do not apply: the configured target does.
    assert run_one(store, "service.response_times", warn=1, crit=2).level is Level.OK
    home = _home_with_rules(first_response_hours=4)
    assert run_one(store, "service.response_times", home=home).level is Level.WARN


def test_response_times_without_replies_or_tickets(store: Store) -> None:
    outcome = run_one(store, "service.response_times")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no tickets in the last 7d",
    )
    with store.writing() as s:
        make(s, Ticket, opened_at=NOW - H)
        make(s, Ticket, opened_at=NOW - 2 * H)
    outcome = run_one(store, "service.response_times")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "none of the 2 tickets of the last 7d has a reply yet: nothing to measure",
    )


def test_response_times_metric_definitions(store: Store) -> None:
    with store.writing() as s:
        _answered(s, 1 * H)
        _answered(s, 3 * H)
        make(s, Ticket, opened_at=NOW - 9 * H, resolved_at=NOW - H, status="closed")
    with store.reading() as s:
        times = service.response_times(s, NOW - 7 * D, NOW)
    assert (times.opened, times.answered, times.unanswered) == (3, 2, 1)
    assert times.first_response_hours == 2.0  # the median of 1h and 3h
    assert (times.resolved, times.resolution_hours) == (1, 8.0)


# A ticket: (opened minutes before NOW, first reply after minutes or None, resolved after
# minutes or None, status). Whole minutes make ties, which the medians must handle.
TICKETS = st.tuples(
    st.integers(0, 3 * 24 * 60),
    st.none() | st.integers(0, 48 * 60),
    st.none() | st.integers(0, 48 * 60),
    st.sampled_from(service.RESOLVED + service.WAITING_ON_STORE),
)


@settings(max_examples=60, deadline=None)
@given(tickets=st.lists(TICKETS, max_size=9))
def test_response_medians_match_response_times(
    tickets: list[tuple[int, int | None, int | None, str]],
) -> None:
    """The medians the database picks are the medians of every ticket's hours in Python."""
    memory = open_store("sqlite://")
    try:
        with memory.writing() as s:
            for ago, reply, resolve, status in tickets:
                opened = NOW - ago * M
                make(
                    s,
                    Ticket,
                    opened_at=opened,
                    first_response_at=None if reply is None else opened + reply * M,
                    resolved_at=None if resolve is None else opened + resolve * M,
                    status=status,
                )
        with memory.reading() as session:
            start, end = NOW - 2 * D, NOW - 5 * H  # cuts tickets on both sides
            every = service.response_times(session, start, end)
            picked = service.response_medians(session, start, end)
        assert picked == service.ResponseTimes(
            every.opened,
            every.answered,
            every.first_response_hours,
            every.resolved,
            every.resolution_hours,
        )
    finally:
        memory.close()
