#!/usr/bin/env python3
"""Memory pressure: the real `piiscan serve` with a 200 MB limit, hit by
concurrent large inputs, answers 503/429 instead of being killed, keeps its
RSS under the limit (plus 0 MB margin with the default admission), and its
breaker, once tripped, closes again after the load stops.

    pressure_test.py --bin PIISCAN
"""
import argparse
import collections
import json
import os
import re
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Service  # noqa: E402

BIN = None
LIMIT = 200_000_000
LINE = "lorem ipsum dolor sit amet consectetur " * 25 + "mail ana.pereira@example.pt now "


def metric(page, name):
    m = re.search("^" + re.escape(name) + r" (\S+)$", page, re.M)
    return float(m.group(1)) if m else 0.0


def hammer(svc, body, threads, seconds):
    """Posts `body` from `threads` clients for `seconds`; returns (status
    counts, peak RSS). A closed connection counts as "closed"."""
    statuses = collections.Counter()
    peak = [svc.rss_bytes()]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], svc.rss_bytes())
            time.sleep(0.01)

    def client():
        end = time.time() + seconds
        while time.time() < end:
            try:
                status, headers, _ = svc.post("/analyze", body, timeout=120)
                if status in (429, 503):
                    assert "Retry-After" in headers, headers
                statuses[status] += 1
            except OSError:
                statuses["closed"] += 1

    sampler = threading.Thread(target=sample)
    sampler.start()
    clients = [threading.Thread(target=client) for _ in range(threads)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    done.set()
    sampler.join()
    return statuses, peak[0]


class PressureTest(unittest.TestCase):
    def start(self, *extra):
        svc = Service(BIN, "--memory-limit", str(LIMIT), "--set", "breaker_cooldown_ms=1000",
                      "--set", "workers=4", "--set", "max_body_bytes=33554432",
                      "--set", "access_log=false", *extra)
        self.assertTrue(svc.wait_ready())
        return svc

    def test_admission_keeps_rss_under_the_limit(self):
        svc = self.start()
        body = json.dumps({"text": LINE * 6000}).encode()  # 6 MB
        statuses, peak = hammer(svc, body, threads=10, seconds=6)
        self.assertIsNone(svc.proc.poll(), "the service died")
        self.assertLessEqual(set(statuses), {200, 429, 503}, statuses)
        self.assertGreater(statuses[200], 0, statuses)
        self.assertGreater(statuses[503] + statuses[429], 0, statuses)
        self.assertLess(peak, LIMIT, f"peak RSS {peak / 1e6:.0f} MB, {statuses}")
        self.assertEqual(svc.post("/analyze", {"text": LINE})[0], 200)
        self.assertEqual(svc.stop(), 0)

    def test_breaker_trips_on_real_memory_and_closes_after_the_load(self):
        # Admission told to under-estimate (1 byte per input byte) and inputs
        # dense with findings: real memory crosses the high-water mark.
        svc = self.start("--set", "reserve_factor=1")
        dense = "mail ana.pereira@example.pt card 4111 1111 1111 1111 ok " * 100_000
        body = json.dumps({"text": dense}).encode()  # 5.7 MB, 200,000 findings
        statuses, peak = hammer(svc, body, threads=10, seconds=6)
        self.assertIsNone(svc.proc.poll(), "the service died")
        self.assertLessEqual(set(statuses), {200, 429, 503, "closed"}, statuses)
        page = svc.get("/metrics")[2]
        self.assertGreaterEqual(metric(page, "pii_scanner_breaker_trips_total"), 1, statuses)
        # Margin stated for this deliberately mis-tuned admission: 150 MB.
        self.assertLess(peak, LIMIT + 150_000_000, f"peak RSS {peak / 1e6:.0f} MB")
        end = time.time() + 30
        while time.time() < end and svc.get("/ready")[0] != 200:
            time.sleep(0.2)
        page = svc.get("/metrics")[2]
        self.assertEqual(metric(page, "pii_scanner_breaker_state"), 0)
        self.assertEqual(svc.post("/analyze", {"text": LINE})[0], 200)
        # Each transition is logged; the reader thread may lag a little.
        end = time.time() + 10
        while True:
            transitions = [json.loads(line) for line in list(svc.logs)
                           if '"runtime.breaker"' in line]
            if transitions[-1]["to"] == "closed" or time.time() > end:
                break
            time.sleep(0.1)
        self.assertEqual(transitions[0]["to"], "open")
        self.assertEqual(transitions[-1]["to"], "closed")
        self.assertEqual(svc.stop(), 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
