"""Carrier tracking numbers: is this a number the carrier could have issued?

Pure functions, no I/O: the fulfilment check uses them to catch a mistyped, truncated or
pasted-from-the-wrong-order tracking number before the customer clicks a dead link. Each
carrier's format and check digit follow the published algorithms (as collected by the
tracking_number_data project) and are tested on their published example numbers:

- UPS `1Z` + 6 shipper + 2 service + 7 package characters + a check digit. Over the 15
  characters after `1Z`, letters count as `(ord(c) - 63) % 10` (A=2 ... Z=7), characters at
  even 0-based positions weigh 1 and odd ones 2; the check digit tops the sum up to a multiple
  of 10.
- USPS IMpb (20, 22, 26 digits, optionally behind a `420` + ZIP routing prefix): mod 10 with
  weights 3, 1, 3, ... from the digit next to the check digit leftwards. A 20-digit number is
  also accepted in its short form, checked with the `91` application identifier in front.
  USPS international items use the UPU S10 format (`RB123456785US`): 2 letters, 8 digits, a
  mod-11 check digit (weights 8, 6, 4, 2, 3, 5, 9, 7), 2 letters.
- FedEx Express, 12 digits: the first 11 weighted 3, 1, 7, 3, ... from the left (equivalently
  1, 3, 7 from the right), sum mod 11 mod 10. (Weights 1, 7, 3 from the right do *not*
  validate FedEx's published examples.) FedEx Ground, 15 digits, and the last 15 digits of a
  Ground 96 number (22 digits starting `96`): mod 10 with weights 1, 3, 1, ... from the left.
  The 34-digit barcode string: its last 14 digits, weights 1, 7, 3 from the left over the
  13-digit serial, mod 11 mod 10.
- DHL Express waybills, 10 (or 11) digits: the number before the check digit, mod 7.

Carriers without a rule here are judged on plausibility only (5 to 40 letters and digits):
storeops cannot know every regional carrier's format, and a false alarm costs trust.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_UPS = re.compile(r"1Z[0-9A-Z]{15}[0-9]")
_S10 = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
_PLAUSIBLE = re.compile(r"[0-9A-Z]{5,40}")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_FEDEX_EXPRESS_WEIGHTS = (3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1)
_FEDEX_SERIAL_WEIGHTS = (1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1)
_USPS_LENGTHS = (20, 22, 26)
# UPS counts a letter as (ord(c) - 63) % 10: A=2, B=3 ... J=1 ... Z=7.
_UPS_LETTERS = str.maketrans({chr(c): str((c - 63) % 10) for c in range(ord("A"), ord("Z") + 1)})


def clean(number: str) -> str:
    """Upper-case, without the spaces and dashes people and labels put into numbers."""
    if number.isalnum() and (number.isdigit() or number.isupper()):
        return number  # the common case, kept cheap: a check validates thousands at a time
    return "".join(number.split()).replace("-", "").upper()


def _is_digits(text: str) -> bool:
    """True for ASCII digits only: `str.isdigit` also accepts ², ٣ and fullwidth digits."""
    return text.isascii() and text.isdigit()


def _digit_sum(digits: str) -> int:
    # ASCII digits (callers check): the bytes' sum less '0' for each, in C rather than a
    # Python int() per digit; a check judges thousands of numbers at a time.
    return sum(digits.encode("ascii")) - 48 * len(digits)


def _mod10_from_right(digits: str) -> bool:
    """The last digit tops the sum (weights 3, 1, 3, ... leftwards) up to a multiple of 10."""
    body = digits[:-1]
    total = 3 * _digit_sum(body[::-2]) + _digit_sum(body[-2::-2])
    return (10 - total % 10) % 10 == int(digits[-1])


def _mod10_from_left(digits: str) -> bool:
    """The last digit tops the sum (weights 1, 3, 1, ... rightwards) up to a multiple of 10."""
    body = digits[:-1]
    total = _digit_sum(body[::2]) + 3 * _digit_sum(body[1::2])
    return (10 - total % 10) % 10 == int(digits[-1])


def _weighted_mod11(digits: str, weights: tuple[int, ...]) -> bool:
    """The last digit is the weighted sum of the others mod 11 mod 10."""
    total = sum(int(d) * w for d, w in zip(digits[:-1], weights, strict=True))
    return total % 11 % 10 == int(digits[-1])


def ups_check_digit_ok(number: str) -> bool:
    """True for a UPS `1Z` tracking number whose check digit is right."""
    text = clean(number)
    if not _UPS.fullmatch(text):
        return False
    body = text[2:17].translate(_UPS_LETTERS)
    total = _digit_sum(body[::2]) + 2 * _digit_sum(body[1::2])
    return (10 - total % 10) % 10 == int(text[17])


def s10_check_digit_ok(number: str) -> bool:
    """True for a UPU S10 international item number (`RB123456785US`) with a right check digit."""
    text = clean(number)
    if not _S10.fullmatch(text):
        return False
    remainder = sum(int(d) * w for d, w in zip(text[2:10], _S10_WEIGHTS, strict=True)) % 11
    check = {0: 5, 1: 0}.get(remainder, 11 - remainder)
    return check == int(text[10])


def usps_check_digit_ok(number: str) -> bool:
    """True for a USPS IMpb number (20/22/26 digits, optional 420+ZIP prefix) or S10 number."""
    text = clean(number)
    if not _is_digits(text):
        return s10_check_digit_ok(text)
    candidates = [text]
    if text.startswith("420"):
        # A routing prefix: 420 + a 5-digit ZIP or a ZIP+4.
        candidates += [text[8:], text[12:]]
    return any(_impb_ok(candidate) for candidate in candidates)


def _impb_ok(digits: str) -> bool:
    if len(digits) not in _USPS_LENGTHS:
        return False
    if _mod10_from_right(digits):
        return True
    return len(digits) == 20 and _mod10_from_right("91" + digits)


def fedex_ok(number: str) -> bool:
    """True for a FedEx Express (12), Ground (15), Ground 96 (22) or 34-digit barcode number."""
    text = clean(number)
    if not _is_digits(text):
        return False
    if len(text) == 12:
        return _weighted_mod11(text, _FEDEX_EXPRESS_WEIGHTS)
    if len(text) == 15:
        return _mod10_from_left(text)
    if len(text) == 22:
        # 96 + service codes, then a 14-digit serial and its check digit: the same rule as
        # the 15-digit Ground number, over the last 15 digits.
        return text.startswith("96") and _mod10_from_left(text[-15:])
    if len(text) == 34:
        return _weighted_mod11(text[-14:], _FEDEX_SERIAL_WEIGHTS)
    return False


def dhl_check_digit_ok(number: str) -> bool:
    """True for a DHL Express waybill number, 10 or 11 digits with a mod-7 check digit."""
    text = clean(number)
    if len(text) not in (10, 11) or not _is_digits(text):
        return False
    return int(text[:-1]) % 7 == int(text[-1])


_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "ups": ups_check_digit_ok,
    "usps": usps_check_digit_ok,
    "fedex": fedex_ok,
    "dhl": dhl_check_digit_ok,
}
_ALIASES = {
    "united parcel service": "ups",
    "us postal service": "usps",
    "united states postal service": "usps",
    "fed ex": "fedex",
    "federal express": "fedex",
    "fedex express": "fedex",
    "fedex ground": "fedex",
    "dhl express": "dhl",
    "dhl_express": "dhl",
}


@lru_cache(maxsize=256)
def carrier_key(carrier: str | None) -> str | None:
    """The validator key for a carrier name as stores write it (`UPS`, `FedEx Ground`...)."""
    if carrier is None:
        return None
    name = " ".join(carrier.replace("-", " ").split()).lower()
    name = _ALIASES.get(name, name)
    return name if name in _VALIDATORS else None


def has_rule(carrier: str | None) -> bool:
    """True when storeops knows the carrier's number format and check digit."""
    return carrier_key(carrier) is not None


def is_valid_tracking(carrier: str | None, number: str) -> bool:
    """Whether `number` could be a real tracking number of `carrier`.

    Known carriers (UPS, USPS, FedEx, DHL) must match their format and check digit. With no
    carrier, or one without a rule, a `1Z` number is still held to the UPS check digit and a
    S10 number to its own; anything else only has to be plausible.
    """
    text = clean(number)
    key = carrier_key(carrier)
    if key is not None:
        return _VALIDATORS[key](text)
    if text.startswith("1Z"):
        return ups_check_digit_ok(text)
    if _S10.fullmatch(text):
        return s10_check_digit_ok(text)
    return _PLAUSIBLE.fullmatch(text) is not None
