import unittest
from decimal import Decimal

from ledger import settings, tax
from ledger.chart import ChartOfAccounts


class VatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.chart = ChartOfAccounts.standard()
        cls.vat_account = cls.chart.get("2100")

    def setUp(self):
        self.net = Decimal("100.00")

    def test_rate_comes_from_settings(self):
        self.assertEqual(settings.VAT_RATE, Decimal("0.20"))

    def test_vat_of_net(self):
        self.assertEqual(tax.vat_of(self.net), Decimal("20.00"))

    def test_split_gross_adds_up(self):
        net, vat = tax.split_gross("119.99")
        self.assertEqual(net + vat, Decimal("119.99"))
        self.assertEqual(net, Decimal("99.99"))

    def test_vat_is_a_liability(self):
        self.assertEqual(self.vat_account.describe(), "2100 VAT payable")


class ReducedRateTest(unittest.TestCase):
    def setUp(self):
        self.rate = Decimal("0.05")

    def test_reduced_rate(self):
        self.assertEqual(tax.vat_of("10.00", self.rate), Decimal("0.50"))
