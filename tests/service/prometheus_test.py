#!/usr/bin/env python3
"""Operators' view: the alert rules pass `promtool check rules`, and a real
Prometheus server scrapes the real service and answers a query for
pii_scanner_memory_usage_bytes.

    prometheus_test.py --bin PIISCAN --rules deploy/prometheus/alerts.yml
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Service  # noqa: E402

BIN = None
RULES = None
MISSING = ("Prometheus is not installed (Debian package 'prometheus'; "
           "scripts/bootstrap.sh installs it)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


class PrometheusTest(unittest.TestCase):
    def test_alert_rules_pass_promtool(self):
        promtool = shutil.which("promtool")
        if promtool is None:
            self.skipTest(MISSING)
        check = subprocess.run([promtool, "check", "rules", RULES], capture_output=True,
                               timeout=60)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertIn(b"SUCCESS", check.stdout)

    def test_prometheus_scrapes_the_memory_gauge(self):
        prometheus = shutil.which("prometheus")
        if prometheus is None:
            self.skipTest(MISSING)
        svc = Service(BIN)
        work = tempfile.TemporaryDirectory()
        prom = None
        try:
            config = os.path.join(work.name, "prometheus.yml")
            with open(config, "w") as fh:
                fh.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["{os.path.abspath(RULES)}"]
scrape_configs:
  - job_name: piiscan
    static_configs:
      - targets: ["127.0.0.1:{svc.port}"]
""")
            port = free_port()
            prom = subprocess.Popen(
                [prometheus, f"--config.file={config}",
                 f"--storage.tsdb.path={os.path.join(work.name, 'data')}",
                 f"--web.listen-address=127.0.0.1:{port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            query = urllib.parse.quote("pii_scanner_memory_usage_bytes")
            url = f"http://127.0.0.1:{port}/api/v1/query?query={query}"
            value = None
            deadline = time.time() + 90
            while time.time() < deadline and value is None:
                time.sleep(1)
                try:
                    result = get_json(url)["data"]["result"]
                except OSError:
                    continue  # not listening yet
                if result:
                    value = float(result[0]["value"][1])
            self.assertIsNotNone(value, "Prometheus never returned the memory gauge")
            self.assertGreater(value, 1e6)  # a live process uses megabytes
            rules = get_json(f"http://127.0.0.1:{port}/api/v1/rules")["data"]["groups"]
            self.assertEqual(sum(len(g["rules"]) for g in rules), 7)
        finally:
            if prom is not None:
                prom.terminate()
                prom.wait(30)
            svc.stop()
            work.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rules", required=True)
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    RULES = os.path.abspath(args.rules)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
