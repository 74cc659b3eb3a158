#!/usr/bin/env python3
"""The HTTP API against the real `piiscan serve` on a loopback port:
Presidio's request and response shapes, JSON errors for every bad input,
limits, metrics (checked by promtool), JSON access logs, SIGTERM.

    api_test.py --bin PIISCAN
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Service  # noqa: E402

BIN = None
EMAIL = "ana.pereira@example.pt"
CARD = "4111 1111 1111 1111"
TEXT = f"Write to {EMAIL} or pay with card {CARD} today."


def raw_exchange(port, data, read_timeout=10):
    """Sends raw bytes, returns whatever the server answers (b"" if it closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    break
                chunks.append(got)
        except (socket.timeout, ConnectionResetError):
            pass
        return b"".join(chunks)


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.svc = Service(BIN, "--set", "request_timeout_ms=3000", "--set", "chunk_bytes=65536",
                          "--set", "max_body_bytes=4000000")
        assert cls.svc.wait_ready(), "service never became ready"

    @classmethod
    def tearDownClass(cls):
        cls.svc.stop()

    def assertJsonError(self, status, headers, body, code):
        self.assertEqual(status, code, body)
        self.assertIsInstance(body, dict, body)
        self.assertEqual(set(body), {"error", "detail", "correlation_id"}, body)
        self.assertTrue(body["detail"])
        self.assertEqual(headers.get("X-Correlation-ID"), body["correlation_id"])

    # --- Presidio shapes -------------------------------------------------

    def test_analyze_returns_presidio_results_equal_to_the_cli(self):
        status, headers, body = self.svc.post("/analyze", {"text": TEXT, "language": "en"})
        self.assertEqual(status, 200, body)
        types = sorted(r["entity_type"] for r in body)
        self.assertEqual(types, ["CREDIT_CARD", "EMAIL_ADDRESS"])
        for r in body:
            self.assertEqual(set(r), {"entity_type", "start", "end", "score",
                                      "analysis_explanation", "recognition_metadata"})
            self.assertIn(TEXT[r["start"]:r["end"]], (EMAIL, CARD))
        cli = subprocess.run([BIN, "analyze", "--text", TEXT], capture_output=True, timeout=60)
        self.assertEqual(json.loads(cli.stdout), body)

    def test_list_of_texts_gives_a_list_of_result_lists(self):
        status, _, body = self.svc.post("/analyze", {"text": [TEXT, "nothing here", EMAIL],
                                                     "language": "en"})
        self.assertEqual(status, 200, body)
        self.assertEqual([len(x) for x in body], [2, 0, 1])

    def test_entities_threshold_allow_list_and_decision_process(self):
        _, _, only = self.svc.post("/analyze", {"text": TEXT, "language": "en",
                                                "entities": ["EMAIL_ADDRESS"]})
        self.assertEqual([r["entity_type"] for r in only], ["EMAIL_ADDRESS"])
        _, _, none = self.svc.post("/analyze", {"text": TEXT, "language": "en",
                                                "score_threshold": 1.0})
        self.assertTrue(all(r["score"] >= 1.0 for r in none))
        _, _, allowed = self.svc.post("/analyze", {"text": TEXT, "language": "en",
                                                   "allow_list": [EMAIL]})
        self.assertEqual([r["entity_type"] for r in allowed], ["CREDIT_CARD"])
        _, _, explained = self.svc.post("/analyze", {"text": TEXT, "language": "en",
                                                     "return_decision_process": True})
        self.assertTrue(all(r["analysis_explanation"] for r in explained))

    def test_context_words_count_as_if_they_were_in_the_text(self):
        # An unbroken SSN needs a context word; Presidio's context supplies it.
        text = "number 536221437 here"
        _, _, plain = self.svc.post("/analyze", {"text": text, "language": "en"})
        _, _, ctx = self.svc.post("/analyze", {"text": text, "language": "en",
                                               "context": ["ssn"]})
        self.assertNotIn("US_SSN", [r["entity_type"] for r in plain])
        self.assertIn("US_SSN", [r["entity_type"] for r in ctx])

    def test_a_replacement_character_is_no_name(self):
        _, _, results = self.svc.post("/analyze", {"text": "note \ufffd here", "language": "en"})
        self.assertEqual(results, [])

    def test_a_name_never_cuts_into_a_secret(self):
        token = ("TlRMTVNTUAADTDumFEIhCXTwwEOTdTsy/Nw+elhDCc9aQzqRwPhcssoUjVYmRMPru3+"
                 "OwTCwWNLqwaYexOCn/sQjESOv")
        _, _, results = self.svc.post("/analyze", {"text": "token " + token, "language": "en"})
        self.assertEqual([(r["entity_type"], r["start"], r["end"]) for r in results],
                         [("API_KEY", 6, 6 + len(token))])

    def test_correlation_id_from_body_or_header_is_echoed(self):
        _, headers, _ = self.svc.post("/analyze", {"text": "x", "correlation_id": "abc-123"})
        self.assertEqual(headers["X-Correlation-ID"], "abc-123")
        _, headers, _ = self.svc.post("/analyze", {"text": "x"},
                                      headers={"X-Correlation-ID": "req-7"})
        self.assertEqual(headers["X-Correlation-ID"], "req-7")

    def test_long_text_is_chunked_and_offsets_stay_exact(self):
        # chunk_bytes is 64 KiB: values sit inside and across chunk borders.
        filler = "lorem ipsum dolor sit amet " * 12000
        text = filler[:65536 * 2 - 10] + " " + EMAIL + " "  # across the second border
        text += filler[:65536 * 4 - 8 - len(text) - 1] + " " + CARD + " " + filler
        self.assertEqual(text.index(CARD), 65536 * 4 - 8)
        status, _, body = self.svc.post("/analyze", {"text": text, "language": "en"})
        self.assertEqual(status, 200, body)
        spans = sorted((r["start"], r["end"], r["entity_type"]) for r in body)
        self.assertEqual([text[s:e] for s, e, _ in spans], [EMAIL, CARD])

    def test_anonymize_with_presidio_operators(self):
        _, _, found = self.svc.post("/analyze", {"text": TEXT, "language": "en"})
        status, _, body = self.svc.post("/anonymize", {
            "text": TEXT,
            "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "<X>"},
                            "CREDIT_CARD": {"type": "mask", "masking_char": "#",
                                            "chars_to_mask": 4, "from_end": True}},
            "analyzer_results": found})
        self.assertEqual(status, 200, body)
        self.assertNotIn(EMAIL, body["text"])
        self.assertIn("<X>", body["text"])
        self.assertIn("card 4111 1111 1111 #### today", body["text"])
        ops = sorted((i["entity_type"], i["operator"]) for i in body["items"])
        self.assertEqual(ops, [("CREDIT_CARD", "mask"), ("EMAIL_ADDRESS", "replace")])
        for item in body["items"]:
            self.assertEqual(body["text"][item["start"]:item["end"]], item["text"])

    def test_anonymize_default_is_entity_type_and_overlaps_are_resolved(self):
        text = "id 123456789 end"
        results = [{"entity_type": "A", "start": 3, "end": 12, "score": 0.9},
                   {"entity_type": "B", "start": 5, "end": 9, "score": 0.5}]
        status, _, body = self.svc.post("/anonymize", {"text": text,
                                                       "analyzer_results": results})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["text"], "id <A> end")

    def test_encrypt_then_deanonymize_round_trips(self):
        key = "WmZq4t7w!z%C&F)J"
        _, _, found = self.svc.post("/analyze", {"text": TEXT, "language": "en"})
        _, _, enc = self.svc.post("/anonymize", {
            "text": TEXT, "anonymizers": {"DEFAULT": {"type": "encrypt", "key": key}},
            "analyzer_results": found})
        self.assertNotIn(EMAIL, enc["text"])
        status, _, dec = self.svc.post("/deanonymize", {
            "text": enc["text"], "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": key}},
            "anonymizer_results": enc["items"]})
        self.assertEqual(status, 200, dec)
        self.assertEqual(dec["text"], TEXT)
        self.assertTrue(all(i["operator"] == "decrypt" for i in dec["items"]))
        status, headers, bad = self.svc.post("/deanonymize", {
            "text": enc["text"],
            "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": "another key 1234"}},
            "anonymizer_results": enc["items"]})
        self.assertJsonError(status, headers, bad, 400)

    def test_recognizers_supported_entities_health_ready(self):
        status, _, names = self.svc.get("/recognizers?language=en")
        self.assertEqual(status, 200)
        self.assertTrue(names and all(isinstance(n, str) for n in names))
        status, _, entities = self.svc.get("/supportedentities?language=en")
        self.assertEqual(status, 200)
        self.assertIn("EMAIL_ADDRESS", entities)
        self.assertEqual(self.svc.get("/health")[0], 200)
        self.assertEqual(self.svc.get("/ready")[0], 200)
        status, headers, body = self.svc.get("/supportedentities?language=xx")
        self.assertJsonError(status, headers, body, 400)

    # --- bad input: a clear 4xx, never a 500 ------------------------------

    def test_bad_requests_get_json_errors(self):
        cases = [
            (b"", 400, "empty_body"),
            (b"{not json", 400, "malformed_json"),
            (b'{"text": "a", "score_threshold": 1e999}', 400, "malformed_json"),
            (b'{"text": "a", "unknown": 1e400}', 400, "malformed_json"),
            (b'{"text": "caf\xe9"}', 400, "invalid_utf8"),
            (b"[1, 2]", 400, "invalid_argument"),
            (b'{"language": "en"}', 400, "invalid_argument"),
            (b'{"text": 5}', 400, "invalid_argument"),
            (b'{"text": ["ok", 5]}', 400, "invalid_argument"),
            (b'{"text": "x", "entities": "EMAIL"}', 400, "invalid_argument"),
            (b'{"text": "x", "entities": ["NOPE"]}', 400, "unknown_entity"),
            (b'{"text": "x", "language": "tlh"}', 400, "unsupported_language"),
            (b'{"text": "x", "score_threshold": "high"}', 400, "invalid_argument"),
            (b'{"text": "x", "score_threshold": 2}', 400, "invalid_argument"),
            (b'{"text": "x", "return_decision_process": "yes"}', 400, "invalid_argument"),
        ]
        for body, code, error in cases:
            with self.subTest(body=body):
                status, headers, reply = self.svc.post("/analyze", body)
                self.assertJsonError(status, headers, reply, code)
                self.assertEqual(reply["error"], error)
        anon = [
            b'{"text": "abc"}',
            b'{"text": "abc", "analyzer_results": [{"entity_type": "X", "start": 0, "end": 9}]}',
            b'{"text": "abc", "analyzer_results": [{"entity_type": "X", "start": -1, "end": 2}]}',
            b'{"text": "abc", "analyzer_results": [], "anonymizers": {"X": {"type": "zap"}}}',
            b'{"text": "abc", "analyzer_results": [], "anonymizers": {"X": {"type": "encrypt"}}}',
        ]
        for body in anon:
            with self.subTest(body=body):
                status, headers, reply = self.svc.post("/anonymize", body)
                self.assertJsonError(status, headers, reply, 400)

    def test_details_never_echo_the_text(self):
        secret = "zq-" + EMAIL
        status, _, reply = self.svc.post("/analyze", ('{"text": "' + secret + '", ').encode())
        self.assertEqual(status, 400)
        self.assertNotIn(secret, json.dumps(reply))

    def test_every_route_in_the_openapi_file_is_served(self):
        spec = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                            "openapi.yaml")
        routes, path = [], None
        with open(spec) as fh:
            for line in fh:
                if line.startswith("  /") and line.rstrip().endswith(":"):
                    path = line.strip()[:-1]
                elif path and line.startswith("    ") and line.strip() in (
                        "get:", "post:", "delete:"):
                    routes.append((line.strip()[:-1].upper(), path.replace("{id}", "0")))
        self.assertGreaterEqual(len(routes), 12)
        for method, path in routes:
            with self.subTest(route=f"{method} {path}"):
                body = b"{}" if method == "POST" else None
                status, _, reply = self.svc.request(method, path, body)
                if isinstance(reply, dict):
                    self.assertFalse(reply.get("detail", "").startswith("no route"), reply)
                self.assertLess(status, 500, reply)

    def test_unknown_route_is_a_json_404(self):
        status, headers, body = self.svc.get("/nope")
        self.assertJsonError(status, headers, body, 404)

    def test_huge_body_is_refused_with_413_before_it_is_read(self):
        head = (b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 104857600\r\n\r\n")
        reply = raw_exchange(self.svc.port, head + b'{"text": "')
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:200])
        self.assertIn(b'"payload_too_large"', reply)

    def test_chunked_body_over_the_limit_is_413(self):
        # No Content-Length: the limit is enforced while reading.
        piece = b"a" * 65536
        chunk = b"%x\r\n%s\r\n" % (len(piece), piece)
        head = (b"POST /analyze HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                b'10\r\n{"text": "aaaaaa\r\n')
        reply = b""
        with socket.create_connection(("127.0.0.1", self.svc.port), timeout=20) as s:
            try:
                s.sendall(head)
                for _ in range(70):  # 4.5 MB, over max_body_bytes
                    s.sendall(chunk)
            except OSError:
                pass  # the server stopped reading: expected
            try:
                while not reply.endswith(b"}"):  # one JSON error reply is enough
                    got = s.recv(65536)
                    if not got:
                        break
                    reply += got
            except OSError:
                pass
        self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 413"), reply[:200])
        self.assertEqual(self.svc.get("/health")[0], 200)

    def test_slow_client_gets_408_or_is_dropped_and_disturbs_nothing(self):
        result = {}

        def trickle():
            body = b'{"text": "' + b"a" * 200 + b'"}'
            head = (b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                    str(len(body)).encode() + b"\r\n\r\n")
            try:
                with socket.create_connection(("127.0.0.1", self.svc.port), timeout=20) as s:
                    s.sendall(head)
                    for i in range(0, len(body), 10):
                        s.sendall(body[i:i + 10])
                        time.sleep(0.4)
                    result["reply"] = s.recv(65536)
            except OSError as err:
                result["reply"] = b"closed: " + str(err).encode()

        t = threading.Thread(target=trickle)
        t.start()
        time.sleep(0.5)
        started = time.time()
        status, _, _ = self.svc.post("/analyze", {"text": TEXT})
        self.assertEqual(status, 200)
        self.assertLess(time.time() - started, 2.0)
        t.join(30)
        reply = result.get("reply", b"")
        self.assertTrue(reply.startswith(b"HTTP/1.1 408") or reply.startswith(b"closed")
                        or reply == b"", reply[:200])

    # --- operations ---------------------------------------------------------

    def test_metrics_pass_promtool_and_name_the_essentials(self):
        self.svc.post("/analyze", {"text": TEXT})
        self.svc.post("/analyze", b"{bad")
        status, headers, page = self.svc.get("/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        for name in ["pii_scanner_memory_usage_bytes", "pii_scanner_scan_duration_seconds_bucket",
                     "pii_scanner_errors_total{kind=\"malformed_json\"}",
                     "pii_scanner_requests_total{route=\"/analyze\",status=\"200\"}",
                     "pii_scanner_requests_in_flight", "pii_scanner_breaker_state",
                     "pii_scanner_model_loads_total{model=\"analyzer\"}",
                     "pii_scanner_model_load_seconds_bucket", "pii_scanner_pool_waits_total",
                     "pii_scanner_retries_total", "pii_scanner_findings_total{entity_type=",
                     "pii_scanner_bytes_scanned_total", "pii_scanner_uptime_seconds",
                     "pii_scanner_breaker_trips_total"]:
            self.assertIn(name, page)
        promtool = shutil.which("promtool")
        if promtool is None:
            self.skipTest("promtool not installed (Debian package prometheus; "
                          "scripts/bootstrap.sh installs it)")
        check = subprocess.run([promtool, "check", "metrics"], input=page.encode(),
                               capture_output=True, timeout=60)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def test_access_log_is_json_one_line_per_request_without_text(self):
        self.svc.post("/analyze", {"text": TEXT, "correlation_id": "log-check-1"})
        time.sleep(0.2)
        lines = [e for e in self.svc.access_logs() if e["correlation_id"] == "log-check-1"]
        self.assertEqual(len(lines), 1)
        line = lines[0]
        for key in ["ts", "route", "status", "duration_ms", "bytes_in", "findings"]:
            self.assertIn(key, line)
        self.assertEqual(line["findings"], 2)
        for raw in self.svc.logs:
            json.loads(raw)  # every stderr line is JSON
            self.assertNotIn(EMAIL, raw)
            self.assertNotIn(CARD, raw)


class LifecycleTest(unittest.TestCase):
    def test_sigterm_drains_in_flight_work_and_exits_zero(self):
        svc = Service(BIN, "--set", "faults.slow_engine_ms=1500")
        self.assertTrue(svc.wait_ready())
        got = {}
        t = threading.Thread(target=lambda: got.update(r=svc.post("/analyze", {"text": TEXT})))
        t.start()
        time.sleep(0.5)
        svc.proc.send_signal(signal.SIGTERM)
        t.join(30)
        self.assertEqual(svc.proc.wait(30), 0)
        self.assertEqual(got["r"][0], 200)
        svc.stop()

    def test_bad_configuration_is_a_clear_error(self):
        proc = subprocess.run([BIN, "serve", "--set", "memory_high_water=lots"],
                              capture_output=True, timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"memory_high_water", proc.stderr)
        env = dict(os.environ, PIISCAN_SERVE_PORT="99999")
        proc = subprocess.run([BIN, "serve"], capture_output=True, timeout=30, env=env)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"PIISCAN_SERVE_PORT", proc.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
