"""Print how long this machine takes for a fixed piece of pure Python, in milliseconds.

The machines are virtual: when their host is busy, the same code runs up to twice as slowly,
and neither the load average nor the steal time shows it. The load test records this figure
before and after its run, so a slow run can be told from a slow host (about 100 ms here on a
quiet host with the distribution's Python). The fastest of five tries.
"""

import time


def reference_work() -> int:
    found = {}
    for number in range(700_000):
        found[number % 1000] = str(number) + "x"
    return len(found)


def machine_speed_ms(tries: int = 5) -> float:
    fastest = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        reference_work()
        fastest = min(fastest, time.perf_counter() - started)
    return round(fastest * 1000, 1)


if __name__ == "__main__":
    print(machine_speed_ms())
