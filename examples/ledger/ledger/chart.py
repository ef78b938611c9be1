"""The chart of accounts, and the standard chart every journal starts from."""

import csv
import io
from collections.abc import Iterable, Iterator
from functools import cached_property, partial

from .accounts import (
    CLASSES,
    Account,
    AssetAccount,
    ContraAssetAccount,
    EquityAccount,
    ExpenseAccount,
    IncomeAccount,
    LiabilityAccount,
)
from .models import AccountKind

STANDARD = [
    ("1000", "Cash", AssetAccount),
    ("1100", "Bank", AssetAccount),
    ("1500", "Equipment", AssetAccount),
    ("1590", "Accumulated depreciation", ContraAssetAccount),
    ("2000", "Payables", LiabilityAccount),
    ("2100", "VAT payable", LiabilityAccount),
    ("3000", "Owner's equity", EquityAccount),
    ("4000", "Sales", IncomeAccount),
    ("6000", "Rent", ExpenseAccount),
    ("6100", "Meals", partial(ExpenseAccount, deductible=False)),
    ("6200", "Depreciation", ExpenseAccount),
]


class UnknownAccount(KeyError):
    pass


class ChartOfAccounts:
    def __init__(self, accounts: Iterable[Account]) -> None:
        self._accounts = list(accounts)

    @classmethod
    def standard(cls) -> "ChartOfAccounts":
        return cls(factory(code, name) for code, name, factory in STANDARD)

    @classmethod
    def from_csv(cls, text: str) -> "ChartOfAccounts":
        """Rows of code,name,kind where kind is an AccountKind value."""
        rows = csv.DictReader(io.StringIO(text))
        return cls(CLASSES[AccountKind(row["kind"])](row["code"], row["name"]) for row in rows)

    @cached_property
    def by_code(self) -> dict[str, Account]:
        """Lookups are hot and the chart never changes after it is built."""
        return {account.code: account for account in self._accounts}

    def get(self, code: str) -> Account:
        try:
            return self.by_code[code]
        except KeyError:
            raise UnknownAccount(code) from None

    def of_kind(self, kind: AccountKind) -> list[Account]:
        return [a for a in self._accounts if a.kind is kind]

    def __iter__(self) -> Iterator[Account]:
        return iter(self._accounts)

    def __len__(self) -> int:
        return len(self._accounts)


DEFAULT_CHART = ChartOfAccounts.standard()
