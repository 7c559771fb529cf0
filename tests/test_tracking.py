"""Tracking-number validation on the carriers' published example numbers, valid and not."""

from __future__ import annotations

import pytest

from storeops.tracking import (
    carrier_key,
    dhl_check_digit_ok,
    fedex_ok,
    has_rule,
    is_valid_tracking,
    s10_check_digit_ok,
    ups_check_digit_ok,
    usps_check_digit_ok,
)

# Example numbers published by the carriers and collected by the tracking_number_data project.
VALID = [
    ("ups", "1Z999AA10123456784"),
    ("ups", "1Z5R89390357567127"),
    ("ups", "1Z879E930346834440"),
    ("ups", "1Z410E7W0392751591"),
    ("ups", "1Z8V92A70367203024"),
    ("usps", "9400 1112 0108 0805 4830 16"),  # IMpb, 22 digits
    ("usps", "9361 2898 7870 0317 6337 95"),
    ("usps", "9405803699300124287899"),
    ("usps", "9505 5110 6960 5048 6006 24"),
    ("usps", "92748931507708513018050063"),  # 26 digits
    ("usps", "0307 1790 0005 2348 3741"),  # 20 digits
    ("usps", "7196 9010 7560 0307 7385"),  # 20 digits, checked with the 91 identifier
    ("usps", "420 22153 9101026837331000039521"),  # 420 + ZIP routing prefix
    ("usps", "4201002334249200190132607600833457"),  # 420 + ZIP+4 routing prefix
    ("usps", "RB123456785US"),  # S10 international
    ("fedex", "986578788855"),  # Express, 12 digits
    ("fedex", "477179081230"),
    ("fedex", "799531274483"),
    ("fedex", "790535312317"),
    ("fedex", "974367662710"),
    ("fedex", "0414 4176 0228 964"),  # Ground, 15 digits
    ("fedex", "5682 8361 0012 734"),
    ("fedex", "9611020987654312345672"),  # Ground 96, 22 digits
    ("fedex", "1001921334250001000300779017972697"),  # 34-digit barcode
    ("dhl", "3318810025"),
    ("dhl", "8487135506"),
    ("dhl", "1099255990"),
    ("dhl", "73891051146"),  # 11 digits
]

INVALID = [
    ("ups", "1Z999AA10123456785"),  # check digit off by one
    ("ups", "2Z5R89390357567127"),  # not 1Z
    ("ups", "1Z1111111111111111"),
    ("ups", "1Z999AA1012345678"),  # truncated
    ("usps", "0307 1790 0005 2348 3742"),
    ("usps", "4201028200009261290113185417468511"),
    ("usps", "9400111201080805483017"),
    ("usps", "RB123456786US"),  # S10 with a wrong check digit
    ("usps", "940011120108080548301"),  # 21 digits
    ("fedex", "996578788855"),
    ("fedex", "5682 8361 0012 732"),
    ("fedex", "9600000000000000000001"),
    ("fedex", "1001901781990001000300617767839438"),
    ("fedex", "98657878885"),  # 11 digits
    ("dhl", "3318810010"),
    ("dhl", "3318810034"),
    ("dhl", "331881002"),  # 9 digits
    ("dhl", "33188100AB"),
]


@pytest.mark.parametrize(("carrier", "number"), VALID)
def test_published_examples_are_valid(carrier: str, number: str) -> None:
    assert is_valid_tracking(carrier, number)


@pytest.mark.parametrize(("carrier", "number"), INVALID)
def test_wrong_check_digits_and_formats_are_invalid(carrier: str, number: str) -> None:
    assert not is_valid_tracking(carrier, number)


def test_each_carrier_function_on_its_own() -> None:
    assert ups_check_digit_ok("1z999aa1-0123456784")  # lower case and a dash, as typed
    assert not ups_check_digit_ok("986578788855")
    assert usps_check_digit_ok("9400111201080805483016")
    assert not usps_check_digit_ok("1Z999AA10123456784")
    assert fedex_ok("986578788855")
    assert not fedex_ok("1Z999AA10123456784")
    assert dhl_check_digit_ok("3318810025")
    assert s10_check_digit_ok("AA473124829GB")
    assert not s10_check_digit_ok("AA473124828GB")


def test_fedex_express_weights_run_3_1_7_from_the_left() -> None:
    # 1, 7, 3 from the right would reject FedEx's own examples; 3, 1, 7 from the left accepts.
    body = "98657878885"
    assert sum(int(d) * w for d, w in zip(body, (3, 1, 7) * 4, strict=False)) % 11 % 10 == 5
    assert fedex_ok(body + "5")


def test_carrier_names_as_stores_write_them() -> None:
    assert carrier_key("UPS") == "ups"
    assert carrier_key("FedEx Ground") == "fedex"
    assert carrier_key("DHL Express") == "dhl"
    assert carrier_key("United States Postal Service") == "usps"
    assert carrier_key("royal_mail") is None
    assert carrier_key(None) is None
    assert has_rule("Fed Ex") and not has_rule("Evri")


def test_unknown_carriers_are_held_to_plausibility_only() -> None:
    assert is_valid_tracking("royal_mail", "AB123456785GB")  # S10 with a right check digit
    assert not is_valid_tracking("royal_mail", "AB123456786GB")  # S10, wrong check digit
    assert is_valid_tracking("evri", "H01HYA0012345678")
    assert is_valid_tracking(None, "1Z999AA10123456784")
    assert not is_valid_tracking(None, "1Z999AA10123456785")  # a 1Z number is UPS whoever says
    assert not is_valid_tracking("evri", "n/a")
    assert not is_valid_tracking(None, "1234")
    assert not is_valid_tracking("evri", "")


def test_digits_outside_ascii_are_invalid_not_an_error() -> None:
    # str.isdigit accepts all of these; int() takes the first two and fails on the superscript.
    fullwidth = "".join(chr(ord(d) + 0xFEE0) for d in "9400111201080805483016")
    arabic_indic = "".join(chr(ord(d) - ord("0") + 0x0660) for d in "986578788855")
    assert is_valid_tracking("usps", "9400111201080805483016")  # the same numbers in ASCII
    assert is_valid_tracking("fedex", "986578788855")
    assert not is_valid_tracking("usps", fullwidth)
    assert not is_valid_tracking("fedex", arabic_indic)
    assert not is_valid_tracking("dhl", "331881002²")
