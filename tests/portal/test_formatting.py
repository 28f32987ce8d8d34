from decimal import Decimal

import pytest

from portal.money import gbp


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (45000, "£45,000"),
        (Decimal("1499.00"), "£1,499"),
        (Decimal("12.50"), "£12.50"),
        (0, "£0"),
        (None, ""),
        ("x", ""),
    ],
)
def test_gbp_shows_pounds_with_thousands_separators(value, shown):
    assert gbp(value) == shown
