#!/usr/bin/env python3
"""POST /scan (streamed uploads), jobs (SQLite state across a restart,
bounded queue, cancel), SIGHUP catalogue reload, and injected faults
(model load failures retried, a full temp folder, slow engines), against
the real `piiscan serve`.

    jobs_scan_test.py --bin PIISCAN
"""
import argparse
import os
import re
import signal
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Service  # noqa: E402

BIN = None
EMAIL = "ana.pereira@example.pt"
CARD = "4111 1111 1111 1111"
FAST_RETRY = ["--set", "retry_min_delay_ms=10", "--set", "retry_max_delay_ms=40"]


def metric(page, name):
    m = re.search("^" + re.escape(name) + r" (\S+)$", page, re.M)
    return float(m.group(1)) if m else 0.0


def wait_job(svc, job_id, states=("done", "failed", "cancelled"), timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        status, _, job = svc.get("/jobs/" + job_id)
        if status == 200 and job["state"] in states:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {states}")


class ScanTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.svc = Service(BIN, "--set", "temp_dir=" + cls.tmp.name, "--set", "chunk_bytes=65536",
                          "--set", "max_scan_bytes=8000000")

    @classmethod
    def tearDownClass(cls):
        cls.svc.stop()
        cls.tmp.cleanup()

    def scan(self, data, query=""):
        return self.svc.post("/scan" + query, data,
                             headers={"Content-Type": "application/octet-stream"})

    def test_findings_have_lines_columns_and_byte_offsets(self):
        lines = [b"lorem ipsum dolor sit amet\n"] * 40000  # ~1 MB, many chunks
        lines[10] = f"mail {EMAIL} now\n".encode()
        lines[30000] = f"card {CARD} paid\n".encode()
        data = b"".join(lines)
        status, _, body = self.scan(data)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["bytes"], len(data))
        self.assertEqual(body["encoding"], "UTF-8")
        got = {(f["entity_type"], f["line"], f["column"]) for f in body["findings"]}
        self.assertEqual(got, {("EMAIL_ADDRESS", 11, 6), ("CREDIT_CARD", 30001, 6)})
        for f in body["findings"]:
            value = data[f["byte_start"]:f["byte_end"]].decode()
            self.assertIn(value, (EMAIL, CARD))
            self.assertNotIn("value", f)
        self.assertEqual(os.listdir(self.tmp.name), [], "temporary file left behind")

    def test_other_encodings_keep_offsets_into_the_original_bytes(self):
        text = "Adresse: café Müller, courriel " + EMAIL + " merci\n"
        data = text.encode("latin-1") * 3
        status, _, body = self.scan(data, "?entities=EMAIL_ADDRESS")
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["findings"]), 3)
        for f in body["findings"]:
            self.assertEqual(data[f["byte_start"]:f["byte_end"]].decode("latin-1"), EMAIL)

    def test_entities_filter_and_bad_query(self):
        data = f"{EMAIL} and card {CARD}\n".encode()
        _, _, body = self.scan(data, "?entities=CREDIT_CARD")
        self.assertEqual([f["entity_type"] for f in body["findings"]], ["CREDIT_CARD"])
        status, _, body = self.scan(data, "?entities=NOPE")
        self.assertEqual((status, body["error"]), (400, "unknown_entity"))
        status, _, body = self.scan(data, "?score_threshold=2")
        self.assertEqual(status, 400)

    def test_upload_over_the_limit_is_413_and_leaves_no_file(self):
        head = (b"POST /scan HTTP/1.1\r\nHost: x\r\nContent-Length: 8100000\r\n\r\n")
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=20) as s:
            s.sendall(head + b"x" * 1000)
            reply = s.recv(65536)
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:200])
        # Without a declared length the limit holds while streaming.
        piece = b"y" * 65536
        chunk = b"%x\r\n%s\r\n" % (len(piece), piece)
        reply = b""
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=20) as s:
            try:
                s.sendall(b"POST /scan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                for _ in range(130):
                    s.sendall(chunk)
            except OSError:
                pass
            try:
                while not reply.endswith(b"}"):
                    got = s.recv(65536)
                    if not got:
                        break
                    reply += got
            except OSError:
                pass
        self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 413"), reply[:200])
        time.sleep(0.2)
        self.assertEqual(os.listdir(self.tmp.name), [])

    def test_binary_upload_is_reported_not_scanned(self):
        status, _, body = self.scan(bytes(range(256)) * 100)
        self.assertEqual(status, 200)
        self.assertTrue(body["binary"])
        self.assertEqual(body["findings"], [])


class JobsTest(unittest.TestCase):
    def test_job_runs_and_matches_analyze_and_survives_a_restart(self):
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "jobs.sqlite")
        svc = Service(BIN, "--set", "jobs_db=" + db)
        request = {"text": [f"mail {EMAIL}", "nothing", f"card {CARD}"], "language": "en"}
        status, _, accepted = svc.post("/jobs", request)
        self.assertEqual(status, 202, accepted)
        job = wait_job(svc, accepted["id"])
        self.assertEqual(job["state"], "done")
        self.assertEqual(job["progress"], 1.0)
        self.assertFalse(job["partial"])
        self.assertEqual(job["results"], svc.post("/analyze", request)[2])
        self.assertEqual(svc.stop(), 0)

        again = Service(BIN, "--set", "jobs_db=" + db)
        status, _, after = again.get("/jobs/" + accepted["id"])
        self.assertEqual(status, 200)
        self.assertEqual(after["results"], job["results"])
        self.assertEqual(again.get("/jobs/ffff")[0], 404)
        status, _, bad = again.post("/jobs", {"text": 3})
        self.assertEqual((status, bad["error"]), (400, "invalid_argument"))
        again.stop()
        tmp.cleanup()

    def test_queue_is_bounded_cancel_works_and_queue_length_is_a_metric(self):
        svc = Service(BIN, "--set", "faults.slow_engine_ms=300", "--set", "jobs_queue=2")
        request = {"text": ["a b c"] * 20}
        codes, ids = [], []
        for _ in range(6):
            status, headers, body = svc.post("/jobs", request)
            codes.append(status)
            if status == 202:
                ids.append(body["id"])
            else:
                self.assertEqual(body["error"], "queue_full")
                self.assertIn("Retry-After", headers)
        self.assertIn(429, codes)
        self.assertGreaterEqual(codes.count(202), 2)
        page = svc.get("/metrics")[2]
        self.assertGreaterEqual(metric(page, "pii_scanner_queue_length"), 1)
        for job_id in ids:
            self.assertEqual(svc.request("DELETE", "/jobs/" + job_id)[0], 200)
        for job_id in ids:
            self.assertEqual(wait_job(svc, job_id)["state"], "cancelled")
        self.assertEqual(svc.stop(), 0)


class ReloadAndFaultsTest(unittest.TestCase):
    def test_sighup_reloads_the_catalogue_without_dropping_requests(self):
        tmp = tempfile.TemporaryDirectory()
        cat = os.path.join(tmp.name, "extra.yaml")

        def write(entity):
            with open(cat, "w") as fh:
                fh.write(f"""version: 1
recognizers:
  - name: employee_id
    entity: {entity}
    boundary: word
    patterns:
      - name: emp
        regex: 'EMP-\\d{{6}}'
        score: 0.9
        max_length: 10
""")

        write("EMPLOYEE_ID")
        svc = Service(BIN, "--recognizers", cat)
        self.assertIn("EMPLOYEE_ID", svc.get("/supportedentities")[2])
        write("STAFF_ID")
        svc.proc.send_signal(signal.SIGHUP)
        end = time.time() + 30
        while time.time() < end and "STAFF_ID" not in svc.get("/supportedentities")[2]:
            self.assertEqual(svc.post("/analyze", {"text": "EMP-123456"})[0], 200)
        entities = svc.get("/supportedentities")[2]
        self.assertIn("STAFF_ID", entities)
        self.assertNotIn("EMPLOYEE_ID", entities)
        # A broken catalogue keeps the old one serving.
        with open(cat, "w") as fh:
            fh.write("recognizers: [")
        svc.proc.send_signal(signal.SIGHUP)
        time.sleep(1)
        self.assertTrue(any('"reload_failed"' in line for line in svc.logs))
        _, _, found = svc.post("/analyze", {"text": "id EMP-123456"})
        self.assertEqual([f["entity_type"] for f in found], ["STAFF_ID"])
        self.assertEqual(svc.stop(), 0)
        tmp.cleanup()

    def test_model_load_failures_are_retried_then_served(self):
        svc = Service(BIN, "--set", "faults.model_load_failures=2", *FAST_RETRY)
        status, _, body = svc.post("/analyze", {"text": EMAIL})
        self.assertEqual(status, 200, body)
        page = svc.get("/metrics")[2]
        self.assertEqual(metric(page, "pii_scanner_retries_total"), 2)
        self.assertEqual(svc.stop(), 0)

    def test_model_that_never_loads_is_503_and_the_process_lives(self):
        svc = Service(BIN, "--set", "faults.model_load_failures=1000", *FAST_RETRY)
        status, headers, body = svc.post("/analyze", {"text": EMAIL})
        self.assertEqual((status, body["error"]), (503, "model_unavailable"))
        self.assertIn("Retry-After", headers)
        self.assertEqual(svc.get("/ready")[0], 503)
        self.assertEqual(svc.get("/health")[0], 200)
        self.assertEqual(svc.stop(), 0)

    def test_full_temp_folder_is_retried_then_503(self):
        svc = Service(BIN, "--set", "faults.temp_dir_full=true", *FAST_RETRY)
        status, headers, body = svc.post("/scan", f"{EMAIL}\n".encode(),
                                         headers={"Content-Type": "text/plain"})
        self.assertEqual((status, body["error"]), (503, "temp_unavailable"))
        self.assertIn("Retry-After", headers)
        self.assertEqual(metric(svc.get("/metrics")[2], "pii_scanner_retries_total"), 2)
        self.assertEqual(svc.post("/analyze", {"text": EMAIL})[0], 200)
        self.assertEqual(svc.stop(), 0)

    def test_engine_errors_in_a_job_are_retried_then_error_records(self):
        # Three injected failures: the first text fails all three attempts
        # (an error record, the job is partial), the second is done.
        svc = Service(BIN, "--set", "faults.engine_failures=3", *FAST_RETRY)
        status, _, accepted = svc.post("/jobs", {"text": [EMAIL, EMAIL]})
        self.assertEqual(status, 202)
        job = wait_job(svc, accepted["id"])
        self.assertEqual(job["state"], "done")
        self.assertTrue(job["partial"])
        self.assertIn("injected fault", job["results"][0]["error"])
        self.assertEqual(job["results"][0]["index"], 0)
        self.assertEqual([r["entity_type"] for r in job["results"][1]], ["EMAIL_ADDRESS"])
        self.assertEqual(metric(svc.get("/metrics")[2], "pii_scanner_retries_total"), 2)
        # The synchronous route answers 503 + Retry-After for an engine error.
        svc2 = Service(BIN, "--set", "faults.engine_failures=1")
        status, headers, body = svc2.post("/analyze", {"text": EMAIL})
        self.assertEqual(status, 503, body)
        self.assertIn("Retry-After", headers)
        self.assertEqual(svc2.post("/analyze", {"text": EMAIL})[0], 200)
        self.assertEqual(svc.stop(), 0)
        self.assertEqual(svc2.stop(), 0)

    def test_slow_engine_job_reports_progress_and_sigterm_requeues_it(self):
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "jobs.sqlite")
        svc = Service(BIN, "--set", "faults.slow_engine_ms=100", "--set", "jobs_db=" + db,
                      "--set", "drain_timeout_ms=500")
        status, _, accepted = svc.post("/jobs", {"text": ["a"] * 60})
        self.assertEqual(status, 202)
        time.sleep(2.5)
        _, _, running = svc.get("/jobs/" + accepted["id"])
        self.assertEqual(running["state"], "running")
        self.assertGreater(running["progress"], 0.0)
        self.assertLess(running["progress"], 1.0)
        self.assertEqual(svc.stop(), 0)
        again = Service(BIN, "--set", "jobs_db=" + db)
        self.assertEqual(wait_job(again, accepted["id"])["state"], "done")
        again.stop()
        tmp.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
