#!/usr/bin/env python3
"""Builds the shared file fixtures and checks what `piiscan scan` makes of
them: values straddling chunk borders found once at their true offsets,
binaries skipped, encodings decoded with exact byte offsets, a 20 MB line
scanned quickly, pathological separator runs yielding nothing.

    run_fixtures.py --shared DIR --bin PIISCAN --work DIR
Prints one line per check and 'N passed, M failed'.
"""
import argparse
import json
import os
import subprocess
import sys
import time

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def scan(binary, path, *extra):
    t0 = time.monotonic()
    proc = subprocess.run([binary, "scan", "--format", "json", "-q", *extra, path],
                          capture_output=True, text=True, timeout=120)
    took = time.monotonic() - t0
    if proc.returncode not in (0, 1):
        return None, took, proc.stderr
    return json.loads(proc.stdout), took, proc.stderr


def findings(report, entity=None):
    out = []
    for f in report["files"]:
        for x in f.get("findings", []):
            if entity is None or x["entity_type"] == entity:
                out.append((f["file"], x))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    fx = os.path.join(args.work, "fixtures")
    subprocess.run([sys.executable, f"{args.shared}/cases/make_fixtures.py", fx],
                   check=True, capture_output=True)

    email_len = len("m.haddad@example.org")
    for boundary in (4096, 8192, 10240, 65536, 1048576):
        rep, _, err = scan(args.bin, f"{fx}/chunk_{boundary}.txt", "--chunk-bytes", "4096")
        emails = findings(rep, "EMAIL_ADDRESS") if rep else []
        # The email ends 10 bytes past the border; letters glued before it
        # may legitimately join its local part, so the end is what is exact.
        ends = [x["byte_end"] for _, x in emails]
        check(f"chunk_{boundary}: email once, true offset",
              ends == [boundary - 10 + email_len], f"{ends} {err}")

    rep, _, err = scan(args.bin, f"{fx}/mixed_dir")
    states = {os.path.basename(f["file"]): f["status"] for f in rep["files"]} if rep else {}
    check("mixed_dir: two findings", rep is not None and len(findings(rep)) == 2, err)
    check("mixed_dir: binaries skipped",
          states.get("pronounce.wav") == "skipped" and states.get("font.woff2") == "skipped",
          str(states))

    rep, _, err = scan(args.bin, f"{fx}/latin1.txt")
    emails = findings(rep, "EMAIL_ADDRESS") if rep else []
    check("latin1: email at source bytes 22..45",
          [(x["byte_start"], x["byte_end"]) for _, x in emails] == [(22, 45)], str(emails))
    rep, _, err = scan(args.bin, f"{fx}/cjk_utf8.xml")
    check("cjk_utf8: email found", rep is not None and len(findings(rep, "EMAIL_ADDRESS")) == 1)

    rep, took, err = scan(args.bin, f"{fx}/perf_long_line.js")
    emails = findings(rep, "EMAIL_ADDRESS") if rep else []
    check("20 MB line: email at byte 10,000,003",
          [x["byte_start"] for _, x in emails] == [10_000_003], str(emails))
    check("20 MB line: under 10 s", took < 10, f"{took:.1f} s")

    for name in ("perf_dots.txt", "perf_ssn.txt", "perf_email.txt"):
        rep, took, err = scan(args.bin, f"{fx}/{name}")
        bad = [x["entity_type"] for _, x in findings(rep)
               if x["entity_type"] in ("IP_ADDRESS", "US_SSN", "EMAIL_ADDRESS")] if rep else ["?"]
        check(f"{name}: no IP/SSN/email, under 5 s", not bad and took < 5, f"{bad} {took:.1f}s")

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
