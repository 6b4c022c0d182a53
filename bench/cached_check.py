"""How much does a cached check cost in-process? (target: ≤ 1 ms)

Run: .venv/bin/python -m bench.cached_check [--n 5000]

Starts the tests' loopback RDAP stand-in, warms the cache with one real lookup,
then times N checks of URLs on the cached domain through Checker.check
(URL parsing, cache read, scoring, verdict building). Also times the cold
first lookup for comparison (stand-in on loopback, so this is a floor).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from crapdetect.checker import Checker
from tests.stand_ins.rdap_server import RdapStandIn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args()
    server = RdapStandIn(["com", "org"]).start()
    with tempfile.TemporaryDirectory() as tmp:
        bootstrap = Path(tmp) / "dns.json"
        bootstrap.write_text(json.dumps(server.bootstrap()))
        checker = Checker(
            {
                "CACHE_PATH": str(Path(tmp) / "cache.sqlite"),
                "RDAP_BOOTSTRAP_PATH": str(bootstrap),
                "RDAP_BUNDLED_OVERRIDES": False,
                "WHOIS_BUNDLED_SERVERS": False,
                "LISTS_PATH": str(Path(tmp) / "lists.sqlite"),
                "FETCH_PAGES": False,  # domain facts only: a page fetch is never a cache hit
            }
        )
        start = time.perf_counter()
        checker.check("https://www.example.com/")
        cold_ms = (time.perf_counter() - start) * 1000
        timings = []
        for i in range(args.n):
            start = time.perf_counter()
            checker.check(f"https://www.example.com/story/{i}?ref=bench")
            timings.append((time.perf_counter() - start) * 1000)
        checker.close()
    server.stop()
    timings.sort()
    print(f"cold check (loopback RDAP stand-in): {cold_ms:.2f} ms")
    print(
        f"cached check over {args.n} runs: median {statistics.median(timings):.3f} ms, "
        f"p99 {timings[int(len(timings) * 0.99)]:.3f} ms, "
        f"throughput {1000 / statistics.mean(timings):,.0f} checks/s (one thread)"
    )


if __name__ == "__main__":
    main()
