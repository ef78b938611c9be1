import pytest

from heavy import dp


def text(length, seed, alphabet=4):
    return "".join(chr(97 + value % alphabet) for value in dp.pseudo_random_sequence(length, seed))


def test_edit_distance_long_strings():
    assert dp.edit_distance(text(1600, 1), text(1600, 2)) == 848


def test_edit_distance_is_symmetric():
    a, b = text(1100, 3), text(1000, 4)
    assert dp.edit_distance(a, b) == dp.edit_distance(b, a)


def test_longest_common_subsequence():
    assert dp.longest_common_subsequence(text(1600, 1)[:1500], text(1600, 2)[:1500]) == 961


def test_lcs_bounds_edit_distance():
    a, b = text(1000, 5), text(1000, 6)
    lcs = dp.longest_common_subsequence(a, b)
    assert len(a) - lcs <= dp.edit_distance(a, b) <= len(a) + len(b) - 2 * lcs


@pytest.mark.parametrize(("capacity", "expected"), [(20_000, 23_684), (12_000, 20_512)])
def test_knapsack(capacity, expected):
    items = [(value % 97 + 1, value % 113 + 1) for value in dp.pseudo_random_sequence(400, 3)]
    assert dp.knapsack(capacity, items) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(800_000, 20_840_418_674_496_347_588_341_808_001), (600_000, 2_783_433_841_453_166_643_156_356_001)],
)
def test_coin_change_ways(amount, expected):
    assert dp.coin_change_ways(amount, [1, 2, 5, 10, 20, 50, 100, 200]) == expected


def test_longest_increasing_subsequence():
    assert dp.longest_increasing_subsequence(dp.pseudo_random_sequence(1_200_000)) == 2048


def test_collatz_longest_chain():
    assert dp.collatz_longest(400_000) == (230_631, 442)
