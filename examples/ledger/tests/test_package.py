import ledger
from ledger import AccountKind, Posting
from ledger.io import dump_json


def test_public_names():
    assert sorted(ledger.__all__) == ["AccountKind", "Entry", "Posting", "__version__"]


def test_reexports_work_together(journal):
    assert '"account": "1100"' in dump_json(journal)
    assert Posting("1000", 1).currency == "EUR" and AccountKind("asset") is AccountKind.ASSET
