"""Time for the demo generator: whole seconds on one axis, formatted without datetime objects.

Every instant in the demo store is an integer number of seconds since `origin`, a UTC midnight
well before the oldest row. Storing text is then two list look-ups and a concatenation
(`day_prefix[s // DAY] + time_of_day[s % DAY]`), which is what lets the large store write
tens of millions of timestamps in seconds. The text is exactly what SQLAlchemy's SQLite
dialect writes for a DATETIME (`models.types.SQLITE_DATETIME_FORMAT`), so the ORM reads the
rows back as if it had written them.

"Today" is the UTC calendar day of `now`: the demo store keeps its books in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

DAY = 86_400
HOUR = 3_600
MINUTE = 60

# Products and customers predate the order history; promises, due dates and scheduled
# campaigns reach past today. The axis covers both with room to spare.
PAST_MARGIN_DAYS = 1_200
FUTURE_DAYS = 400


class Timeline:
    """The demo's time axis: `now`, day indices, and storage-format text for any second."""

    def __init__(self, now: datetime, days: int) -> None:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        now = now.astimezone(UTC)
        self.now = now
        self.days = days
        self.today = days + PAST_MARGIN_DAYS  # day index of now's UTC date
        origin_date = now.date() - timedelta(days=self.today)
        self.origin = datetime(origin_date.year, origin_date.month, origin_date.day, tzinfo=UTC)
        self.now_s = int((now - self.origin).total_seconds())
        self.start_day = self.today - days  # first day with orders
        self.dates = [origin_date + timedelta(days=d) for d in range(self.today + FUTURE_DAYS)]
        self.iso = [d.isoformat() for d in self.dates]
        self.day_prefix = [f"{text} " for text in self.iso]
        self.time_of_day = [
            f"{h:02d}:{m:02d}:{s:02d}.000000"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]

    def ts(self, second: int) -> str:
        """Storage text of the instant `second` seconds after the origin."""
        return self.day_prefix[second // DAY] + self.time_of_day[second % DAY]

    def opt_ts(self, second: int | None) -> str | None:
        """Storage text of an optional instant."""
        if second is None:
            return None
        return self.day_prefix[second // DAY] + self.time_of_day[second % DAY]

    def day(self, index: int) -> str:
        """ISO text of the day with this index."""
        return self.iso[index]

    def calendar_day(self, index: int) -> date:
        """The calendar date of a day index."""
        return self.dates[index]

    def weekday(self, index: int) -> int:
        """Monday 0 ... Sunday 6."""
        return self.dates[index].weekday()

    def month_start(self, index: int) -> int:
        """The day index of the first of the month containing `index`."""
        return index - self.dates[index].day + 1
