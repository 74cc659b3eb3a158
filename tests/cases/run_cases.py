#!/usr/bin/env python3
"""Runs the shared field reports against piiscan.

Every case whose expected findings are all of entity types piiscan can
report is run through check_cases.py; cases that expect a type piiscan does
not have yet are listed as excluded, so nothing is dropped silently.

    run_cases.py --shared DIR --bin PIISCAN
"""
import argparse
import json
import subprocess
import sys


def supported_types(binary):
    out = subprocess.run([binary, "recognizers", "--json"], check=True,
                         capture_output=True, text=True).stdout
    return {r["entity_type"] for r in json.loads(out)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()

    cases_file = f"{args.shared}/cases/field-reports.jsonl"
    types = supported_types(args.bin)
    run, excluded = [], []
    with open(cases_file, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            case = json.loads(line)
            missing = {e["type"] for e in case.get("expect", [])} - types
            (excluded if missing else run).append((case["id"], sorted(missing)))
    for cid, missing in excluded:
        print(f"excluded {cid}: expects {', '.join(missing)}, not recognized yet")

    cmd = [sys.executable, f"{args.shared}/cases/check_cases.py", cases_file,
           "--only-ids", ",".join(cid for cid, _ in run), "--",
           args.bin, "analyze", "--format", "jsonl"]
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
