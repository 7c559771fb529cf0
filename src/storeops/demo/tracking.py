"""Carrier tracking numbers: check-digit validators and generators.

The validators are pure functions a fulfilment check can reuse to spot a mistyped or
truncated tracking number before the customer does. The algorithms are the carriers'
published ones (as collected in the tracking_number_data project):

- UPS `1Z` + 15 characters + a check digit: letters count as `(ord(c) - 3) % 10`, characters
  at odd positions (0-based) are doubled, the check digit brings the sum to a multiple of 10.
- USPS IMpb, 22 digits: the 21 digits before the check digit are weighted 3, 1, 3, ... from
  the left (so the digit next to the check digit weighs 3); mod 10 as above.
- FedEx Express, 12 digits: the first 11 weighted 3, 1, 7 repeating; sum mod 11 mod 10.
- DHL Express, 10 digits: the first 9 as a number, mod 7.

The generators take a `random.Random` so the demo store stays deterministic.
"""

from __future__ import annotations

import random
import re

_UPS_PATTERN = re.compile(r"1Z[0-9A-Z]{16}")
_DIGITS = "0123456789"
_UPS_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # as printed: no I, O or Q
_FEDEX_WEIGHTS = (3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1)


def _clean(number: str) -> str:
    """Upper-case and drop the spaces people and labels put into tracking numbers."""
    return "".join(number.split()).upper()


def _mod10_check(body: str, *, weight_even: int, weight_odd: int) -> int:
    """The check digit that makes the weighted sum of `body` a multiple of 10."""
    total = 0
    for index, char in enumerate(body):
        value = int(char) if char.isdigit() else (ord(char) - 3) % 10
        total += value * (weight_odd if index % 2 else weight_even)
    return (10 - total % 10) % 10


def ups_check_digit(body: str) -> int:
    """The check digit for the 15 characters after `1Z` of a UPS tracking number."""
    return _mod10_check(body, weight_even=1, weight_odd=2)


def ups_check_digit_ok(number: str) -> bool:
    """True when `number` is a well-formed UPS `1Z` tracking number with a correct check digit."""
    text = _clean(number)
    if not _UPS_PATTERN.fullmatch(text) or not text[-1].isdigit():
        return False
    return ups_check_digit(text[2:17]) == int(text[-1])


def usps_check_digit(body: str) -> int:
    """The check digit for the first 21 digits of a USPS IMpb tracking number."""
    return _mod10_check(body, weight_even=3, weight_odd=1)


def usps_check_digit_ok(number: str) -> bool:
    """True when `number` is a 22-digit USPS IMpb tracking number with a correct check digit."""
    text = _clean(number)
    if len(text) != 22 or not text.isdigit():
        return False
    return usps_check_digit(text[:21]) == int(text[21])


def fedex_check_digit(body: str) -> int:
    """The check digit for the first 11 digits of a 12-digit FedEx Express tracking number."""
    return sum(int(d) * w for d, w in zip(body, _FEDEX_WEIGHTS, strict=True)) % 11 % 10


def fedex_check_digit_ok(number: str) -> bool:
    """True when `number` is a 12-digit FedEx Express tracking number with a correct check digit."""
    text = _clean(number)
    if len(text) != 12 or not text.isdigit():
        return False
    return fedex_check_digit(text[:11]) == int(text[11])


def dhl_check_digit_ok(number: str) -> bool:
    """True when `number` is a 10-digit DHL Express waybill number with a correct check digit."""
    text = _clean(number)
    if len(text) != 10 or not text.isdigit():
        return False
    return int(text[:9]) % 7 == int(text[9])


def tracking_number_ok(carrier: str | None, number: str | None) -> bool | None:
    """Whether `number` is valid for `carrier`; None when the carrier has no known format."""
    if number is None:
        return False
    validators = {
        "ups": ups_check_digit_ok,
        "usps": usps_check_digit_ok,
        "fedex": fedex_check_digit_ok,
        "dhl": dhl_check_digit_ok,
    }
    validator = validators.get((carrier or "").lower())
    return None if validator is None else validator(number)


def _block_table(weights: tuple[int, ...]) -> list[int]:
    """Weighted digit sums of every number with len(weights) digits (leading zeros kept)."""
    size = len(weights)
    table = []
    for value in range(10**size):
        digits = f"{value:0{size}d}"
        table.append(sum(int(d) * w for d, w in zip(digits, weights, strict=True)))
    return table


class TrackingNumbers:
    """Valid tracking numbers for each carrier, issued in sequence like a real label printer.

    Package serials count up from a random start, so every number is unique; the check digit
    comes from precomputed block sums, because the large demo store prints half a million labels
    and computing check digits character by character would dominate its build time.
    """

    def __init__(self, rng: random.Random) -> None:
        self._ups_serial = rng.randrange(1_000_000, 2_000_000)
        self._usps_serial = rng.randrange(1_000_000, 2_000_000)
        self._fedex_serial = rng.randrange(70_000_000_000, 78_000_000_000)
        self._dhl_serial = rng.randrange(100_000_000, 900_000_000)
        self.ups_shipper = "".join(rng.choice(_UPS_ALPHABET) for _ in range(6))
        self.usps_prefix = "9400111" + "".join(rng.choice(_DIGITS) for _ in range(7))
        # Serial digits sit at body positions 8..14 (UPS) and 14..20 (USPS): same parity as k.
        self._ups_hi, self._ups_lo = _block_table((1, 2, 1)), _block_table((2, 1, 2, 1))
        self._usps_hi, self._usps_lo = _block_table((3, 1, 3)), _block_table((1, 3, 1, 3))
        self._fedex_3, self._fedex_2 = _block_table((3, 1, 7)), _block_table((3, 1))
        self._usps_base = sum(
            int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(self.usps_prefix)
        )
        self._ups_base: dict[str, int] = {}

    def ups(self, service: str = "03") -> str:
        """The next UPS `1Z` number for this store's shipper account and a service code."""
        self._ups_serial += 1
        serial = self._ups_serial % 10_000_000
        prefix = self.ups_shipper + service
        base = self._ups_base.get(prefix)
        if base is None:
            base = self._ups_base[prefix] = sum(
                (int(c) if c.isdigit() else (ord(c) - 3) % 10) * (2 if i % 2 else 1)
                for i, c in enumerate(prefix)
            )
        total = base + self._ups_hi[serial // 10_000] + self._ups_lo[serial % 10_000]
        return f"1Z{prefix}{serial:07d}{(10 - total % 10) % 10}"

    def usps(self) -> str:
        """The next 22-digit USPS IMpb number."""
        self._usps_serial += 1
        serial = self._usps_serial % 10_000_000
        total = self._usps_base + self._usps_hi[serial // 10_000] + self._usps_lo[serial % 10_000]
        return f"{self.usps_prefix}{serial:07d}{(10 - total % 10) % 10}"

    def fedex(self) -> str:
        """The next 12-digit FedEx Express number."""
        self._fedex_serial += 1
        body = self._fedex_serial
        t3 = self._fedex_3
        total = (
            t3[body // 100_000_000]
            + t3[body // 100_000 % 1000]
            + t3[body // 100 % 1000]
            + self._fedex_2[body % 100]
        )
        return f"{body:011d}{total % 11 % 10}"

    def dhl(self) -> str:
        """The next 10-digit DHL Express waybill number."""
        self._dhl_serial += 1
        return f"{self._dhl_serial}{self._dhl_serial % 7}"


def corrupt_check_digit(number: str) -> str:
    """The same number with its last digit changed, so its check digit no longer matches."""
    last = int(number[-1])
    return number[:-1] + str((last + 1 + last % 3) % 10)
