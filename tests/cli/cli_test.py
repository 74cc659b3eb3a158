#!/usr/bin/env python3
"""End-to-end tests of the piiscan command: real files in a temporary
folder, the real binary, its exit status, stdout and stderr.

    cli_test.py --bin PIISCAN
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

BIN = None

CARD = "4111 1111 1111 1111"
EMAIL = "ana.pereira@example.pt"


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=120)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode())
        return path

    def jsonl(self, proc):
        return [json.loads(line) for line in proc.stdout.decode().splitlines() if line]

    def test_exit_status_clean_findings_error(self):
        clean = self.write("clean.txt", "nothing personal here\n")
        dirty = self.write("dirty.txt", f"card {CARD}\n")
        self.assertEqual(run("scan", "--format", "jsonl", clean).returncode, 0)
        self.assertEqual(run("scan", "--format", "jsonl", dirty).returncode, 1)
        missing = run("scan", "--format", "jsonl", os.path.join(self.root, "nope.txt"))
        self.assertEqual(missing.returncode, 2)
        self.assertIn(b"nope.txt", missing.stderr)

    def test_unreadable_input_is_an_error_record_and_the_scan_goes_on(self):
        self.write("a/ok.txt", f"{EMAIL}\n")
        dangling = os.path.join(self.root, "gone.txt")
        os.symlink(os.path.join(self.root, "missing-target"), dangling)
        proc = run("scan", "--format", "jsonl", dangling, os.path.join(self.root, "a"))
        rows = self.jsonl(proc)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"gone.txt", proc.stderr)
        self.assertTrue(any(r.get("status") == "error" and r["file"] == dangling
                            for r in rows), rows)
        self.assertTrue(any(r.get("entity_type") == "EMAIL_ADDRESS" for r in rows), rows)

    def test_named_fifo_and_dev_stdin_are_read_not_skipped(self):
        fifo = os.path.join(self.root, "pipe")
        os.mkfifo(fifo)
        writer = subprocess.Popen(["sh", "-c", f'printf "mail {EMAIL}\\n" > "{fifo}"'])
        proc = run("scan", "--format", "jsonl", fifo)
        writer.wait(timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual([r["entity_type"] for r in self.jsonl(proc)], ["EMAIL_ADDRESS"])
        proc = run("scan", "--format", "jsonl", "/dev/stdin", stdin=f"mail {EMAIL}\n".encode())
        self.assertEqual(proc.returncode, 1, proc.stderr)
        # A pipe met while walking a folder is still skipped, with a note.
        os.makedirs(os.path.join(self.root, "d"))
        os.mkfifo(os.path.join(self.root, "d", "p"))
        proc = run("scan", "--format", "jsonl", os.path.join(self.root, "d"))
        self.assertIn("not a regular file", proc.stdout.decode() + proc.stderr.decode())

    def test_utf32_with_bom_is_decoded(self):
        text = f"mail {EMAIL} card {CARD}\n"
        for codec, bom in (("utf-32-le", b"\xff\xfe\0\0"), ("utf-32-be", b"\0\0\xfe\xff")):
            path = self.write(f"{codec}.txt", bom + text.encode(codec))
            proc = run("scan", "--format", "jsonl", path)
            rows = self.jsonl(proc)
            self.assertEqual(sorted(r["entity_type"] for r in rows),
                             ["CREDIT_CARD", "EMAIL_ADDRESS"], codec)
            self.assertEqual(rows[0]["column"], 6, rows)
            redacted = run("redact", path).stdout
            self.assertTrue(redacted.startswith(bom), codec)
            self.assertEqual(redacted[len(bom):].decode(codec),
                             "mail <EMAIL_ADDRESS> card <CREDIT_CARD>\n")

    def test_korean_cp949_is_decoded_not_refused(self):
        text = "\ud55c\uad6d\uc5b4 \uace0\uac1d \uc5f0\ub77d\ucc98 " * 10 + f"{EMAIL}\n"
        path = self.write("ko.txt", text.encode("cp949"))
        proc = run("scan", "--format", "jsonl", path)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual([r["entity_type"] for r in self.jsonl(proc)], ["EMAIL_ADDRESS"])

    def test_values_are_masked_unless_asked(self):
        path = self.write("v.txt", f"mail {EMAIL} now\n")
        masked = run("scan", "--format", "jsonl", path)
        self.assertNotIn(EMAIL.encode(), masked.stdout)
        shown = run("scan", "--format", "jsonl", "--show-values", path)
        self.assertEqual(self.jsonl(shown)[0]["value"], EMAIL)

    def test_line_column_and_offsets(self):
        path = self.write("o.txt", "héllo 😀\n  x " + EMAIL + "\n")
        row = self.jsonl(run("scan", "--format", "jsonl", path))[0]
        self.assertEqual((row["line"], row["column"]), (2, 5))
        self.assertEqual((row["start"], row["end"]), (12, 12 + len(EMAIL)))
        data = open(path, "rb").read()
        self.assertEqual(data[row["byte_start"]:row["byte_end"]], EMAIL.encode())

    def test_json_and_sarif_are_valid_documents(self):
        path = self.write("d.txt", f"card {CARD}\n")
        doc = json.loads(run("scan", "--format", "json", path).stdout)
        self.assertEqual(doc["summary"]["findings"], 1)
        self.assertEqual(doc["files"][0]["findings"][0]["entity_type"], "CREDIT_CARD")
        sarif = json.loads(run("scan", "--format", "sarif", path).stdout)
        self.assertEqual(sarif["version"], "2.1.0")
        result = sarif["runs"][0]["results"][0]
        self.assertEqual(result["ruleId"], "CREDIT_CARD")
        self.assertEqual(result["locations"][0]["physicalLocation"]["region"]["startLine"], 1)

    def test_table_names_file_line_and_type(self):
        path = self.write("t.txt", f"\n\ncard {CARD}\n")
        out = run("scan", "--format", "table", path).stdout.decode()
        self.assertIn(f"{path}:3:6  CREDIT_CARD", out)
        self.assertIn("1 finding(s) in 1 file(s)", out)

    def test_stdin(self):
        proc = run("scan", "--format", "jsonl", "-", stdin=f"x {EMAIL}\n".encode())
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(self.jsonl(proc)[0]["file"], "-")

    def test_excludes_and_binary_files(self):
        self.write("f/keep.txt", f"{EMAIL}\n")
        self.write("f/skip.log", f"{EMAIL}\n")
        self.write("f/node_modules/x.txt", f"{EMAIL}\n")
        self.write("f/blob.bin", b"\x00\x01\x02" * 100 + EMAIL.encode())
        proc = run("scan", "--format", "jsonl", "--exclude", "*.log", "--exclude",
                   "node_modules", os.path.join(self.root, "f"))
        rows = self.jsonl(proc)
        files = sorted(os.path.basename(r["file"]) for r in rows if "entity_type" in r)
        self.assertEqual(files, ["keep.txt"])
        self.assertTrue(any(r.get("status") == "skipped" and r["file"].endswith("blob.bin")
                            for r in rows), rows)

    def test_analyze_presidio_shape_and_explanation(self):
        proc = run("analyze", "--explain", "--text", f"My SSN: 536-81-2049")
        results = json.loads(proc.stdout)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(results[0]["entity_type"], "US_SSN")
        self.assertEqual((results[0]["start"], results[0]["end"]), (8, 19))
        why = results[0]["analysis_explanation"]
        self.assertEqual(why["supportive_context_word"], "ssn")
        self.assertGreater(why["score"], why["original_score"])

    def test_analyze_jsonl_bad_line_gets_error_and_others_are_answered(self):
        lines = b'{"id": 1, "text": "' + EMAIL.encode() + b'"}\nnot json\n{"id": 3, "text": "x"}\n'
        proc = run("analyze", "--format", "jsonl", stdin=lines)
        rows = self.jsonl(proc)
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0]["anonymized"], "<EMAIL_ADDRESS>")
        self.assertIn("line 2", rows[1]["error"])
        self.assertEqual(rows[2]["findings"], [])
        self.assertEqual(proc.returncode, 2)

    def test_user_catalogue_allow_and_deny(self):
        cat = self.write("mine.yaml", """version: 1
recognizers:
  - name: employee_id
    entity: EMPLOYEE_ID
    patterns:
      - name: emp
        regex: 'EMP-\\d{6}'
        score: 0.8
        max_length: 10
""")
        text = "EMP-123456 wrote to ana.pereira@example.pt about Bluebird"
        out = json.loads(run("analyze", "--recognizers", cat, "--allow", EMAIL,
                             "--deny", "PROJECT=bluebird", "--text", text).stdout)
        self.assertEqual([r["entity_type"] for r in out], ["EMPLOYEE_ID", "PROJECT"])

    def test_bad_catalogue_and_bad_flags_say_what_and_where(self):
        cat = self.write("bad.yaml", "recognizers:\n  - name: x\n    entity: X\n    patterns:\n"
                                     "      - regex: '(unclosed'\n")
        proc = run("analyze", "--recognizers", cat, "--text", "x")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"bad.yaml", proc.stderr)
        self.assertIn(b"recognizer", proc.stderr)
        self.assertEqual(run("scan", "--format", "xml", self.root).returncode, 2)
        self.assertEqual(run("analyze", "--threshold", "7", "--text", "x").returncode, 2)

    def test_eval_writes_one_line_per_sample(self):
        gold = self.write("gold.json", json.dumps([
            {"full_text": f"mail {EMAIL}", "spans": []},
            {"full_text": "nothing", "spans": []}]))
        out = os.path.join(self.root, "pred.jsonl")
        proc = run("eval", gold, "--out", out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = [json.loads(line) for line in open(out)]
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0]["spans"][0]["entity_type"], "EMAIL_ADDRESS")

    def test_recognizers_lists_every_first_wave_type(self):
        listed = {r["entity_type"] for r in json.loads(run("recognizers", "--json").stdout)}
        for t in ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
                  "IP_ADDRESS", "URL", "MAC_ADDRESS", "DATE_TIME", "CRYPTO", "UK_NHS",
                  "ABA_ROUTING_NUMBER", "US_BANK_NUMBER", "AWS_ACCESS_KEY", "GITHUB_TOKEN",
                  "SLACK_TOKEN", "PRIVATE_KEY", "JWT"):
            self.assertIn(t, listed)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args, rest = ap.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
