#!/usr/bin/env python3
"""Load on `piiscan serve` with wrk (Debian package `wrk`).

  throughput: POST /analyze with ~1 KB texts (varied, some personal data)
              at 64 connections; prints requests/s and latency percentiles.
  soak:       a fixed number of requests mixing valid, invalid and huge
              bodies; prints RSS after warm-up and at the end (growth %),
              peak RSS, and the status counts the service itself recorded.

    bench/service_bench.py [--bin PIISCAN] [--mode throughput|soak|both]
                           [--seconds 20] [--connections 64] [--requests 100000]

The server runs with its access log off (one JSON line per request costs a
write(2); pass --access-log to keep it).
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "service"))
from harness import Service  # noqa: E402

WORDS = ("the report was sent to our office after the meeting on monday and the team "
         "reviewed each line of the contract before anyone signed it").split()
PII = ["ana.pereira@example.pt", "4111 1111 1111 1111", "+44 20 7946 0958",
       "GB82 WEST 1234 5698 7654 32", "192.168.10.77", "(415) 555-0147", "078-05-1120"]

LUA = r"""
local bodies = {}
local paths = {}
local n = 0
init = function(args)
  for line in io.lines(args[1]) do
    local tab = line:find("\t")
    paths[#paths + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
  n = math.random(#bodies)
end
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", paths[n], {["Content-Type"] = "application/json"}, bodies[n])
end
"""


def text_of(size, rng):
    words, total = [], 0
    while total < size:
        w = rng.choice(PII) if rng.random() < 0.03 else rng.choice(WORDS)
        words.append(w)
        total += len(w) + 1
    return " ".join(words)[:size]


def write_bodies(path, rows):
    with open(path, "w") as fh:
        for route, body in rows:
            fh.write(route + "\t" + body + "\n")


def run_wrk(base, script, bodies, connections, seconds):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, base,
           "--", bodies]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120).stdout


def run_wrk_until(svc, script, bodies, connections, total):
    """Runs wrk until the service has counted `total` requests."""
    cmd = ["wrk", "-t2", f"-c{connections}", "-d3600s", "--timeout", "30s", "-s", script,
           svc.base, "--", bodies]
    wrk = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while sum(status_counts(svc).values()) < total and wrk.poll() is None:
            time.sleep(0.5)
    finally:
        wrk.terminate()
        wrk.wait(30)


def percentile(out, p):
    m = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M)
    return m.group(1) if m else "?"


def status_counts(svc):
    page = svc.get("/metrics")[2]
    counts = {}
    for route, status, value in re.findall(
            r'^pii_scanner_requests_total\{route="([^"]+)",status="(\d+)"\} (\S+)$', page, re.M):
        counts[f"{route} {status}"] = int(float(value))
    return counts


def throughput(args, work, rng):
    bodies = os.path.join(work, "bodies.tsv")
    write_bodies(bodies, [("/analyze", json.dumps({"text": text_of(1024, rng), "language": "en"}))
                          for _ in range(500)])
    svc = Service(args.bin, *args.serve_args)
    svc.wait_ready()
    idle = svc.rss_bytes()
    run_wrk(svc.base, args.script, bodies, args.connections, 3)  # warm-up
    out = run_wrk(svc.base, args.script, bodies, args.connections, args.seconds)
    rps = re.search(r"Requests/sec:\s+(\S+)", out)
    print(f"throughput: POST /analyze, 1 KB texts, {args.connections} connections, "
          f"{args.seconds} s, wrk -t2")
    print(f"  requests/s {rps.group(1) if rps else '?'}  p50 {percentile(out, 50)}  "
          f"p90 {percentile(out, 90)}  p99 {percentile(out, 99)}")
    print(f"  RSS idle (models loaded) {idle / 1e6:.1f} MB, "
          f"after load {svc.rss_bytes() / 1e6:.1f} MB")
    print(f"  statuses: {status_counts(svc)}")
    for line in out.splitlines():
        if "Non-2xx" in line or "Socket errors" in line:
            print("  wrk: " + line.strip())
    svc.stop()


def soak(args, work, rng):
    rows = []
    for i in range(1000):
        kind = i % 100
        if kind < 90:
            rows.append(("/analyze", json.dumps({"text": text_of(rng.randint(50, 4000), rng)})))
        elif kind < 97:
            bad = ['{"text": 5}', '{not json', '{"text": "x", "entities": ["NOPE"]}', '[]',
                   '{"text": "x", "language": "xx"}', '{}', '{"text": ["a", 1]}']
            rows.append(("/analyze", bad[kind - 90]))
        elif kind < 99:
            rows.append(("/anonymize", json.dumps({"text": "call 4111 1111 1111 1111",
                                                   "analyzer_results": [{"entity_type": "CARD",
                                                                         "start": 5, "end": 24,
                                                                         "score": 1}]})))
        else:
            rows.append(("/analyze", json.dumps({"text": text_of(1_500_000, rng)})))  # huge
    bodies = os.path.join(work, "soak.tsv")
    write_bodies(bodies, rows)
    svc = Service(args.bin, *args.serve_args)
    svc.wait_ready()
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], svc.rss_bytes())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    # RSS at rest (no request in flight) at checkpoints: growth that levels
    # off is the allocator settling; growth that keeps on is a leak.
    checkpoints = []
    started = time.time()
    for share in (0.1, 0.4, 0.7, 1.0):
        run_wrk_until(svc, args.script, bodies, 16, int(args.requests * share))
        time.sleep(1.0)
        checkpoints.append((share, svc.rss_bytes()))
    elapsed = time.time() - started
    after_warmup = checkpoints[0][1]
    end = checkpoints[-1][1]
    done.set()
    sampler.join()
    counts = status_counts(svc)
    total = sum(counts.values())
    print(f"soak: {total} requests (90% valid 50 B-4 KB, 7% invalid, 2% /anonymize, "
          f"1% 1.5 MB texts), 16 connections, {elapsed:.0f} s")
    print("  RSS at rest: " + ", ".join(f"{int(share * 100)}% {rss / 1e6:.1f} MB"
                                        for share, rss in checkpoints))
    growth = 100.0 * (end - after_warmup) / after_warmup
    print(f"  growth after warm-up (10%) to end: {growth:+.1f}%, peak {peak[0] / 1e6:.1f} MB")
    print(f"  statuses: {counts}")
    print(f"  alive: {svc.proc.poll() is None}")
    svc.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.environ.get("PIISCAN_BIN",
                                                        "build/release/src/cli/piiscan"))
    parser.add_argument("--mode", choices=["throughput", "soak", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--set", dest="extra_sets", action="append", default=[],
                        help="KEY=VALUE passed to piiscan serve --set")
    args = parser.parse_args()
    args.extra = [a for kv in args.extra_sets for a in ("--set", kv)]
    if shutil.which("wrk") is None:
        sys.exit("service_bench: wrk not found (apt-get install wrk; scripts/bootstrap.sh has it)")
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"service_bench: no piiscan binary at {args.bin} (build it, or pass --bin)")
    args.bin = os.path.abspath(args.bin)
    args.serve_args = ["--set", f"access_log={'true' if args.access_log else 'false'}"] + args.extra
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        args.script = os.path.join(work, "post.lua")
        with open(args.script, "w") as fh:
            fh.write(LUA)
        if args.mode in ("throughput", "both"):
            throughput(args, work, rng)
        if args.mode in ("soak", "both"):
            soak(args, work, rng)


if __name__ == "__main__":
    main()
