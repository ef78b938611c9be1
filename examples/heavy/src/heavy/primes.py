"""Prime numbers the slow, honest way: no numpy, no tables."""

from __future__ import annotations

import math


def sieve(limit: int) -> list[int]:
    """All primes below `limit` (sieve of Eratosthenes)."""
    if limit < 3:
        return []
    marks = bytearray([1]) * limit
    marks[0] = marks[1] = 0
    for number in range(2, math.isqrt(limit - 1) + 1):
        if marks[number]:
            for multiple in range(number * number, limit, number):
                marks[multiple] = 0
    return [number for number, flag in enumerate(marks) if flag]


def is_prime(number: int) -> bool:
    """Trial division by 6k±1; slow on purpose, exact for any size."""
    if number < 2:
        return False
    if number < 4:
        return True
    if number % 2 == 0 or number % 3 == 0:
        return False
    divisor = 5
    while divisor * divisor <= number:
        if number % divisor == 0 or number % (divisor + 2) == 0:
            return False
        divisor += 6
    return True


def count_primes_by_trial(limit: int) -> int:
    """Count primes below `limit` one trial division at a time."""
    return sum(1 for number in range(limit) if is_prime(number))


def factorize(number: int) -> list[int]:
    """Prime factors with multiplicity, smallest first."""
    if number < 2:
        raise ValueError("only integers >= 2 have a factorization")
    factors = []
    divisor = 2
    while divisor * divisor <= number:
        while number % divisor == 0:
            factors.append(divisor)
            number //= divisor
        divisor += 1 if divisor == 2 else 2
    if number > 1:
        factors.append(number)
    return factors


def twin_primes(limit: int) -> list[tuple[int, int]]:
    """Pairs (p, p + 2) of primes below `limit`."""
    primes = sieve(limit)
    present = set(primes)
    return [(prime, prime + 2) for prime in primes if prime + 2 in present]


def goldbach(even: int) -> tuple[int, int]:
    """The pair of primes with the smallest first member summing to `even`."""
    if even < 4 or even % 2:
        raise ValueError("Goldbach pairs exist for even numbers >= 4")
    for first in range(2, even // 2 + 1):
        if is_prime(first) and is_prime(even - first):
            return first, even - first
    raise ArithmeticError(f"no Goldbach pair for {even}")
