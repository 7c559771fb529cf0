"""The demo store's customers: names, reserved-domain emails, 555 phone numbers, addresses.

Customers are created in time order (their id order), some before the order history begins and
the rest during it, so an order can pick any customer who existed by its day. Two planted
duplicate records sit at the end: one whose email differs only in case and whitespace from
another customer's, one sharing another customer's name and phone.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from storeops.demo import columns as col
from storeops.demo import names
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR

PRE_WINDOW_SHARE = 0.4  # customers who signed up before the order history starts


@dataclass
class Customers:
    """Customers by index (id = index + 1)."""

    created_s: list[int] = field(default_factory=list)
    email: list[str | None] = field(default_factory=list)
    first: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)
    phone: list[str | None] = field(default_factory=list)
    address: list[tuple[str, str, str, str]] = field(default_factory=list)
    tax_bp: list[int] = field(default_factory=list)
    regular: int = 0  # customers [0, regular) are in created order and may be picked by orders
    _phone_serial: dict[str, int] = field(default_factory=dict)

    def existing_before(self, second: int) -> int:
        """How many regular customers had signed up before `second`."""
        return bisect.bisect_left(self.created_s, second, 0, self.regular)


def build_customers(demo: Demo) -> Customers:
    """Write the customers and keep what orders need to address them."""
    tl, rnd = demo.tl, demo.rng.random
    people = Customers()
    demo.customers = people
    count = demo.spec.customers
    pre = int(count * PRE_WINDOW_SHARE)
    window_start = tl.start_day * DAY
    span = max(1, tl.now_s - window_start)
    times = [window_start - 1 - int(rnd() * 730 * DAY) for _ in range(pre)]
    times += [window_start + int(rnd() * span) for _ in range(count - pre)]
    times.sort()
    seen: set[str] = set()
    firsts, lasts = names.FIRST_NAMES, names.LAST_NAMES
    for created in times:
        first, last = firsts[int(rnd() * len(firsts))], lasts[int(rnd() * len(lasts))]
        email = _unique_email(demo, seen, first, last)
        add_customer(demo, first, last, email, created, phone=rnd() < 0.7)
    people.regular = len(people.created_s)
    _duplicates(demo, people)
    return people


def add_customer(
    demo: Demo,
    first: str,
    last: str,
    email: str | None,
    created: int,
    *,
    phone: bool | str = True,
) -> int:
    """Append one customer (row and arrays); returns its id."""
    tl, people, rnd = demo.tl, demo.customers, demo.rng.random
    assert people is not None
    town, state, zip_prefix, tax_bp, area = names.CITIES[int(rnd() * len(names.CITIES))]
    if isinstance(phone, str):
        number: str | None = phone
    elif phone:
        serial = people._phone_serial.get(area, 1000 + int(rnd() * 2000)) + 1
        people._phone_serial[area] = serial
        number = f"+1{area}555{serial:04d}"
    else:
        number = None
    streets, kinds = names.STREETS, names.STREET_KINDS
    street_name = streets[int(rnd() * len(streets))]
    street = f"{10 + int(rnd() * 9990)} {street_name} {kinds[int(rnd() * len(kinds))]}"
    zip_code = f"{zip_prefix}{int(rnd() * 100):02d}"
    tags = "vip" if rnd() < 0.02 else ""
    updated = min(tl.now_s, created + HOUR + int(rnd() * 30 * DAY))
    customer_id = demo.next_id("customers")
    demo.out.rows("customers", col.CUSTOMERS).append(
        (
            customer_id,
            "demo",
            None,
            email,
            first,
            last,
            number,
            street,
            town,
            state,
            zip_code,
            "US",
            int(rnd() < 0.55),
            "",
            tags,
            tl.ts(created),
            tl.ts(updated),
        )
    )
    people.created_s.append(created)
    people.email.append(email)
    people.first.append(first)
    people.last.append(last)
    people.phone.append(number)
    people.address.append((street, town, state, zip_code))
    people.tax_bp.append(tax_bp)
    return customer_id


def _unique_email(demo: Demo, seen: set[str], first: str, last: str) -> str:
    rnd = demo.rng.random
    local_first = first.lower().replace("'", "")
    local_last = last.lower().replace("'", "").replace("ü", "u")
    domain = names.EMAIL_DOMAINS[int(rnd() * len(names.EMAIL_DOMAINS))]
    patterns = (
        f"{local_first}.{local_last}",
        f"{local_first}{local_last}",
        f"{local_first[0]}{local_last}",
        f"{local_first}.{local_last}{1 + int(rnd() * 99)}",
    )
    for local in patterns[int(rnd() * 2) :]:
        email = f"{local}@{domain}"
        if email not in seen:
            seen.add(email)
            return email
    while True:
        email = f"{local_first}.{local_last}{100 + int(rnd() * 99_900)}@{domain}"
        if email not in seen:
            seen.add(email)
            return email


def _duplicates(demo: Demo, people: Customers) -> None:
    """Two customers entered twice: by a differently typed email, and under a new email."""
    tl = demo.tl
    recent = people.existing_before(tl.now_s)
    original = recent - 3
    email = people.email[original]
    assert email is not None
    local, domain = email.split("@")
    typed = f" {local.title()}@{domain.upper()} "
    add_customer(demo, people.first[original], people.last[original], typed, tl.now_s - 2 * DAY)
    twin = next(i for i in range(recent - 10, 0, -1) if people.phone[i] is not None)
    work_email = f"{people.first[twin].lower()}.work{twin}@example.net"
    add_customer(
        demo,
        people.first[twin],
        people.last[twin],
        work_email,
        tl.now_s - 5 * DAY,
        phone=people.phone[twin] or True,
    )
    demo.plant(
        "customer service",
        f"2 duplicate customer records: {email!r} again as {typed!r}, and "
        f"{people.first[twin]} {people.last[twin]} ({people.phone[twin]}) again as {work_email}",
    )
