import pytest

from heavy import primes


def test_sieve_counts_primes_below_six_million():
    assert len(primes.sieve(6_000_000)) == 412_849


def test_trial_division_agrees_with_the_sieve():
    assert primes.count_primes_by_trial(600_000) == len(primes.sieve(600_000))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (100_000_000_000_031, True),
        (1_000_000_000_000_037, True),
        (2_000_000_000_000_021, True),
        pytest.param(9_999_991 * 10_000_019, False, id="semiprime"),
    ],
)
def test_is_prime_on_large_numbers(number, expected):
    assert primes.is_prime(number) is expected


def test_factorize_semiprime():
    assert primes.factorize(9_999_991 * 10_000_019) == [9_999_991, 10_000_019]


def test_factorize_many_numbers():
    for number in range(2, 200_000):
        product = 1
        for factor in primes.factorize(number):
            product *= factor
        assert product == number


def test_twin_primes_below_five_million():
    twins = primes.twin_primes(5_000_000)
    assert len(twins) == 32_463
    assert twins[:3] == [(3, 5), (5, 7), (11, 13)]


def test_goldbach_holds_below_two_hundred_thousand():
    checksum = 0
    for even in range(4, 200_000, 2):
        first, second = primes.goldbach(even)
        assert first + second == even
        checksum += first
    assert checksum == 1_640_367
