"""Accounts: one class per kind, sharing the sign rules of the base class."""

from decimal import Decimal
from typing import ClassVar

from .models import AccountKind


class Account:
    kind: ClassVar[AccountKind]

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name

    def signed(self, debit_minus_credit: Decimal) -> Decimal:
        """The balance in the account's natural sign."""
        if self.kind.normal_side == "debit":
            return debit_minus_credit
        return -debit_minus_credit

    def describe(self) -> str:
        return f"{self.code} {self.name}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.name!r})"


class AssetAccount(Account):
    kind = AccountKind.ASSET


class ContraAssetAccount(AssetAccount):
    """Accumulated depreciation: filed under assets, but credit-normal."""

    def signed(self, debit_minus_credit: Decimal) -> Decimal:
        return -super().signed(debit_minus_credit)


class LiabilityAccount(Account):
    kind = AccountKind.LIABILITY


class EquityAccount(Account):
    kind = AccountKind.EQUITY


class IncomeAccount(Account):
    kind = AccountKind.INCOME


class ExpenseAccount(Account):
    kind = AccountKind.EXPENSE

    def __init__(self, code: str, name: str, deductible: bool = True) -> None:
        super().__init__(code, name)
        self.deductible = deductible

    def describe(self) -> str:
        note = "" if self.deductible else " [non-deductible]"
        return f"{self.code} {self.name}{note}"


CLASSES: dict[AccountKind, type[Account]] = {
    AccountKind.ASSET: AssetAccount,
    AccountKind.LIABILITY: LiabilityAccount,
    AccountKind.EQUITY: EquityAccount,
    AccountKind.INCOME: IncomeAccount,
    AccountKind.EXPENSE: ExpenseAccount,
}
