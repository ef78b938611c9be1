import datetime as dt
import unittest
from unittest import mock

from ledger.formats import format_date

NO_SYMBOL = AssertionError("a date needs no currency symbol")


@mock.patch("ledger.formats._symbol", side_effect=NO_SYMBOL)
def test_format_date_needs_no_symbol(patched):
    assert format_date(dt.date(2024, 3, 5)) == "05 Mar 2024"


class FormatDateTestCase(unittest.TestCase):
    @mock.patch("ledger.formats._symbol", side_effect=NO_SYMBOL)
    def test_no_symbol(self, patched):
        self.assertEqual(format_date(dt.date(2024, 12, 24)), "24 Dec 2024")
