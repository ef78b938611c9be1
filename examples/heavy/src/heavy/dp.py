"""Classic dynamic programming, table by table."""

from __future__ import annotations

from bisect import bisect_left


def edit_distance(source: str, target: str) -> int:
    """Levenshtein distance with a rolling row."""
    previous = list(range(len(target) + 1))
    for i, left in enumerate(source, start=1):
        current = [i]
        for j, right in enumerate(target, start=1):
            cost = 0 if left == right else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1]


def longest_common_subsequence(left: str, right: str) -> int:
    table = [[0] * (len(right) + 1) for _ in range(len(left) + 1)]
    for i, a in enumerate(left, start=1):
        for j, b in enumerate(right, start=1):
            if a == b:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


def knapsack(capacity: int, items: list[tuple[int, int]]) -> int:
    """Best total value of (weight, value) items within `capacity`."""
    best = [0] * (capacity + 1)
    for weight, value in items:
        for room in range(capacity, weight - 1, -1):
            candidate = best[room - weight] + value
            if candidate > best[room]:
                best[room] = candidate
    return best[capacity]


def coin_change_ways(amount: int, coins: list[int]) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]


def longest_increasing_subsequence(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        index = bisect_left(tails, value)
        if index == len(tails):
            tails.append(value)
        else:
            tails[index] = value
    return len(tails)


def collatz_longest(limit: int) -> tuple[int, int]:
    """(start, steps) of the longest Collatz chain starting below `limit`."""
    cache = {1: 0}
    best = (1, 0)
    for start in range(1, limit):
        path = []
        number = start
        while number not in cache:
            path.append(number)
            number = number // 2 if number % 2 == 0 else 3 * number + 1
        steps = cache[number]
        for value in reversed(path):
            steps += 1
            cache[value] = steps
        if cache[start] > best[1]:
            best = (start, cache[start])
    return best


def pseudo_random_sequence(length: int, seed: int = 11) -> list[int]:
    state, values = seed, []
    for _ in range(length):
        state = (state * 48271) % 2147483647
        values.append(state % 10_000)
    return values
