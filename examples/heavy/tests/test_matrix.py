from fractions import Fraction

import pytest

from heavy import matrix


def test_multiply_large():
    product = matrix.multiply(matrix.lcg_matrix(200, 1), matrix.lcg_matrix(200, 2))
    assert matrix.trace(product) == -197_037


def test_multiplication_is_associative():
    a, b, c = (matrix.lcg_matrix(120, seed) for seed in (3, 4, 5))
    assert matrix.multiply(matrix.multiply(a, b), c) == matrix.multiply(a, matrix.multiply(b, c))


def test_trace_of_product_commutes():
    a, b = matrix.lcg_matrix(170, 6), matrix.lcg_matrix(170, 7)
    assert matrix.trace(matrix.multiply(a, b)) == matrix.trace(matrix.multiply(b, a))


def test_identity_is_neutral():
    a = matrix.lcg_matrix(190, 8)
    assert matrix.multiply(a, matrix.identity(190)) == a


def test_determinant_large():
    assert matrix.determinant(matrix.lcg_matrix(50, 3)) == Fraction(
        -1726566741576325512899506620598413670811741041960233222036015547509753695470990311449469001197062251873672
    )


def test_determinant_is_multiplicative():
    a, b = matrix.lcg_matrix(44, 9), matrix.lcg_matrix(44, 10)
    assert matrix.determinant(matrix.multiply(a, b)) == matrix.determinant(a) * matrix.determinant(b)


def test_power_matches_repeated_multiplication():
    a = matrix.lcg_matrix(75, 11, modulus=5)
    slow = matrix.identity(75)
    for _ in range(9):
        slow = matrix.multiply(slow, a)
    assert matrix.power(a, 9) == slow


@pytest.mark.parametrize(("n", "expected"), [(1_500_000, 527_291_673), (2_000_000, 815_776_844)])
def test_fibonacci_by_matrix_power(n, expected):
    assert matrix.fibonacci(n) % 1_000_000_007 == expected


def test_fibonacci_matches_the_recurrence():
    previous, current = 0, 1
    for n in range(1, 4_000):
        assert matrix.fibonacci(n) == current
        previous, current = current, previous + current
