"""Dense matrices as lists of lists of Fractions or ints."""

from __future__ import annotations

from fractions import Fraction

Matrix = list[list]


def identity(size: int) -> Matrix:
    return [[1 if row == col else 0 for col in range(size)] for row in range(size)]


def multiply(left: Matrix, right: Matrix) -> Matrix:
    """Schoolbook product; transposes `right` once so rows are read in order."""
    if len(left[0]) != len(right):
        raise ValueError("inner dimensions differ")
    columns = list(zip(*right))
    return [[sum(a * b for a, b in zip(row, column)) for column in columns] for row in left]


def power(matrix: Matrix, exponent: int) -> Matrix:
    """matrix ** exponent by repeated squaring."""
    result = identity(len(matrix))
    base = matrix
    while exponent:
        if exponent & 1:
            result = multiply(result, base)
        base = multiply(base, base)
        exponent >>= 1
    return result


def determinant(matrix: Matrix) -> Fraction:
    """Exact determinant by Gaussian elimination over the rationals."""
    rows = [[Fraction(value) for value in row] for row in matrix]
    size = len(rows)
    det = Fraction(1)
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != col:
            rows[col], rows[pivot] = rows[pivot], rows[col]
            det = -det
        det *= rows[col][col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            if factor:
                for c in range(col, size):
                    rows[r][c] -= factor * rows[col][c]
    return det


def lcg_matrix(size: int, seed: int = 7, modulus: int = 97) -> Matrix:
    """A reproducible pseudo-random integer matrix (no `random` state)."""
    values = []
    state = seed
    for _ in range(size * size):
        state = (1103515245 * state + 12345) % 2**31
        values.append(state % modulus - modulus // 2)
    return [values[row * size : (row + 1) * size] for row in range(size)]


def trace(matrix: Matrix) -> int:
    return sum(matrix[i][i] for i in range(len(matrix)))


def fibonacci(n: int) -> int:
    """The n-th Fibonacci number from [[1, 1], [1, 0]] ** n."""
    return power([[1, 1], [1, 0]], n)[0][1]
