"""Money as readers see it: pounds with thousands separators, pence only when there are any."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def gbp(value: object) -> str:
    """£45,000; £9.99; an empty string for no value or one that is not a number."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"
