#!/usr/bin/env python3
"""Runs `piiscan train-ner` into a scratch file and checks that it is the
shipped model, byte for byte: the model is rebuilt from data alone, and
training is deterministic.

    check_training.py --bin PIISCAN --shared DIR --model MODEL --work DIR
"""
import argparse
import filecmp
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    for flag in ("--bin", "--shared", "--model", "--work"):
        ap.add_argument(flag, required=True)
    args = ap.parse_args()
    out = os.path.join(args.work, "retrained_ner.bin")
    proc = subprocess.run([args.bin, "train-ner", "--corpora", f"{args.shared}/data",
                           "--out", out], capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr)
        print("0 passed, 1 failed")
        return 1
    same = filecmp.cmp(out, args.model, shallow=False)
    print("train-ner output", "equals" if same else "DIFFERS FROM", "the shipped model")
    print(f"{int(same)} passed, {int(not same)} failed")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
