#!/usr/bin/env python3
"""End-to-end tests of `piiscan redact` and `piiscan deanonymize`: real files
in a temporary folder, the real binary, its exit status, stdout and stderr.

    redact_test.py --bin PIISCAN
"""
import argparse
import csv
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import time
import unittest

BIN = None
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")

CARD = "4111 1111 1111 1111"
EMAIL = "ana.pereira@example.pt"
EMAIL2 = "rui@example.org"
SSN = "536-81-2049"
IBAN = "DE89 3704 0044 0532 0130 00"
URL = "https://portal.example.com/u/4411"
KEY = "k3y-that-must-never-show-up"
RECORD = {"note": f"see {URL} for details", "owner": "Ines Duarte", "tags": ["a", "b"]}
VALUES = (CARD, EMAIL, EMAIL2, SSN, IBAN, URL, "Ines Duarte")

OPERATORS = """operators:
  DEFAULT: {type: replace}
  CREDIT_CARD: {type: mask, masking_char: "*", chars_to_mask: 12, from_end: false}
  EMAIL_ADDRESS: {type: pseudonym}
  US_SSN: {type: hash, hash_type: sha256}
  IBAN_CODE: {type: encrypt, deterministic: true, key_env: PIISCAN_TEST_KEY}
"""


def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_jsonl(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run(*args, stdin=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("PIISCAN_TEST_KEY", None)
    full_env.update(env or {})
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=120,
                          env=full_env)


def scan_findings(path):
    proc = run("scan", "--format", "jsonl", path)
    assert proc.returncode in (0, 1), proc.stderr
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


class RedactTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.root, name)

    def write(self, name, data):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode())
        return path

    def read(self, name):
        with open(self.path(name) if not os.path.isabs(name) else name, "rb") as fh:
            return fh.read()

    def snapshot(self, folder):
        """Bytes and modification times of every file under folder."""
        out = {}
        for base, _, files in os.walk(folder):
            for f in files:
                p = os.path.join(base, f)
                out[os.path.relpath(p, folder)] = (self.read(p), os.stat(p).st_mtime_ns)
        return out

    def assertNoValues(self, data, what):
        for value in VALUES:
            self.assertNotIn(value.encode(), data, f"{value} in {what}")

    # --- text -------------------------------------------------------------

    def test_text_to_stdout_and_exit_statuses(self):
        src = self.write("a.txt", f"Olá 😀 mail {EMAIL}, card {CARD}\nnothing\n")
        proc = run("redact", src)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(proc.stdout.decode(),
                         "Olá 😀 mail <EMAIL_ADDRESS>, card <CREDIT_CARD>\nnothing\n")
        self.assertEqual(proc.stderr, b"")
        clean = self.write("clean.txt", "nothing personal\n")
        proc = run("redact", clean)
        self.assertEqual((proc.returncode, proc.stdout), (0, b"nothing personal\n"))
        missing = run("redact", self.path("nope.txt"))
        self.assertEqual(missing.returncode, 2)
        self.assertIn(b"nope.txt", missing.stderr)

    def test_text_outside_values_is_byte_identical(self):
        data = (b"\xef\xbb\xbfid\r\n\tcaf\xc3\xa9 \xff odd byte\r\n  "
                + EMAIL.encode() + b"  \r\n\r\nend without newline")
        src = self.write("b.txt", data)
        out = self.path("b.out")
        proc = run("redact", src, "-o", out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(self.read(out), data.replace(EMAIL.encode(), b"<EMAIL_ADDRESS>"))
        self.assertEqual(proc.stdout, b"")

    def test_stdin(self):
        proc = run("redact", "-", stdin=f"x {EMAIL}\n".encode())
        self.assertEqual((proc.returncode, proc.stdout), (1, b"x <EMAIL_ADDRESS>\n"))
        proc = run("redact", "-", "--format", "csv", stdin=f"a,{EMAIL}\n".encode())
        self.assertEqual(proc.stdout, b"a,<EMAIL_ADDRESS>\n")

    def test_analyzer_flags_apply(self):
        src = self.write("c.txt", f"{EMAIL} card {CARD}\n")
        proc = run("redact", src, "--entities", "CREDIT_CARD")
        self.assertEqual(proc.stdout.decode(), f"{EMAIL} card <CREDIT_CARD>\n")
        proc = run("redact", src, "--allow", EMAIL, "--deny", "PROJECT=card")
        self.assertEqual(proc.stdout.decode(), f"{EMAIL} <PROJECT> <CREDIT_CARD>\n")

    def test_list_options_leave_paths_alone(self):
        src = self.write("c.txt", f"{EMAIL}\n")
        proc = run("redact", "--operator", "DEFAULT=redact", "--exclude", "*.log", src)
        self.assertEqual((proc.returncode, proc.stdout), (1, b"\n"), proc.stderr)

    # --- structured -------------------------------------------------------

    def test_csv_keeps_columns_and_quoting(self):
        data = ("name,email,card,note\r\n"
                f"Ana,{EMAIL},{CARD},\"plain, quoted\"\r\n"
                f"\"Rui, Jr\",\"{EMAIL2}\",none,\"say \"\"hi\"\"\"\r\n")
        src = self.write("t.csv", data)
        proc = run("redact", src)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        out = proc.stdout.decode()
        self.assertEqual(out, ("name,email,card,note\r\n"
                               "Ana,<EMAIL_ADDRESS>,<CREDIT_CARD>,\"plain, quoted\"\r\n"
                               "\"Rui, Jr\",\"<EMAIL_ADDRESS>\",none,\"say \"\"hi\"\"\"\r\n"))
        before = list(csv.reader(io.StringIO(data, newline="")))
        after = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual([len(r) for r in after], [len(r) for r in before])
        self.assertEqual(after[2][3], 'say "hi"')

    def test_redact_csv_cells_use_their_column_header(self):
        # Bare numbers are found by `scan` through the header line before
        # them; each cell must get its header as context words too.
        src = self.write("ctx.csv", "name,ssn,nhs_number,routing\n"
                                    "Bob,536228726,943 476 5919,011000015\n")
        found = {f["entity_type"] for f in scan_findings(src)}
        self.assertTrue({"US_SSN", "UK_NHS", "ABA_ROUTING_NUMBER"} <= found, found)
        out = run("redact", src).stdout.decode()
        self.assertEqual(out, "name,ssn,nhs_number,routing\n"
                              "Bob,<US_SSN>,<UK_NHS>,<ABA_ROUTING_NUMBER>\n")

    def test_redact_json_values_use_their_key(self):
        src = self.write("k.jsonl", '{"nhs_number": "943 476 5919", "p": {"ssn": 536228726}}\n'
                                    '{"nhsNumber": ["943 476 5919"]}\n')
        out = run("redact", src).stdout.decode().splitlines()
        self.assertEqual([json.loads(line) for line in out],
                         [{"nhs_number": "<UK_NHS>", "p": {"ssn": "<US_SSN>"}},
                          {"nhsNumber": ["<UK_NHS>"]}])

    def test_redacted_examples_hold_nothing_scan_finds(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith((".csv", ".tsv", ".json", ".jsonl")):
                continue
            with self.subTest(name=name):
                proc = run("redact", os.path.join(EXAMPLES, name))
                self.assertEqual(proc.returncode, 1, proc.stderr)
                copy = self.write("redacted/" + name, proc.stdout)
                left = [(f["entity_type"], f.get("line")) for f in scan_findings(copy)]
                self.assertEqual(left, [], name)

    def test_tsv(self):
        src = self.write("t.tsv", f"a\tb\nAna, Jr\t{EMAIL}\n")
        self.assertEqual(run("redact", src).stdout.decode(), "a\tb\nAna, Jr\t<EMAIL_ADDRESS>\n")

    def test_json_stays_valid_and_only_pii_leaves_change(self):
        text = json.dumps(RECORD)
        src = self.write("record.json", text)
        proc = run("redact", src)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        out = json.loads(proc.stdout)
        self.assertEqual(list(out), list(RECORD))
        self.assertEqual(out["note"], "see <URL> for details")
        self.assertEqual(out["owner"], RECORD["owner"])
        self.assertEqual(out["tags"], RECORD["tags"])
        # Everything but the changed leaf is byte for byte as it was.
        self.assertEqual(proc.stdout.decode(), text.replace(URL, "<URL>"))
        # A name the analyzer is told about changes too; nothing else does.
        named = json.loads(run("redact", src, "--deny", "PERSON=Ines Duarte").stdout)
        self.assertEqual(named, {**RECORD, "note": "see <URL> for details", "owner": "<PERSON>"})

    def test_json_number_that_is_pii(self):
        src = self.write("n.json", '{"card": 4111111111111111, "qty": 3}')
        out = json.loads(run("redact", src).stdout)
        self.assertEqual(out, {"card": "<CREDIT_CARD>", "qty": 3})
        kept = json.loads(run("redact", src, "--operator", "CREDIT_CARD=keep").stdout)
        self.assertEqual(kept, {"card": 4111111111111111, "qty": 3})

    def test_invalid_json_is_an_error_for_that_file(self):
        src = self.write("bad.json", '{"a": "' + EMAIL + '",\n "b": ' + EMAIL + '}')
        proc = run("redact", src, "-o", self.path("bad.out.json"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"bad.json: not valid JSON (line 2", proc.stderr)
        self.assertNotIn(EMAIL.encode(), proc.stderr)
        self.assertFalse(os.path.exists(self.path("bad.out.json")))

    def test_jsonl_bad_line_is_redacted_as_text_reported_and_the_rest_goes_on(self):
        data = (f'{{"id": 1, "mail": "{EMAIL}"}}\n'
                f"not json {EMAIL2}\n"
                f'{{"id": 3, "card": "{CARD}"}}\n')
        src = self.write("l.jsonl", data)
        report = self.path("items.jsonl")
        proc = run("redact", src, "--report", report)
        self.assertEqual(proc.returncode, 2)
        lines = proc.stdout.decode().splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(json.loads(lines[0]), {"id": 1, "mail": "<EMAIL_ADDRESS>"})
        self.assertEqual(lines[1], "not json <EMAIL_ADDRESS>")
        self.assertEqual(json.loads(lines[2]), {"id": 3, "card": "<CREDIT_CARD>"})
        self.assertIn(b"l.jsonl: line 2: not valid JSON", proc.stderr)
        self.assertNotIn(EMAIL2.encode(), proc.stderr)
        rows = load_jsonl(report)
        self.assertTrue(any("error" in r and "line 2" in r["error"] for r in rows), rows)
        self.assertEqual(sorted(r["line"] for r in rows if "operator" in r), [1, 3])

    # --- folders ----------------------------------------------------------

    def make_tree(self):
        self.write("in/notes.txt", f"mail {EMAIL}\n")
        self.write("in/people.csv", f"name,email\nAna,{EMAIL}\n")
        self.write("in/sub/record.json", json.dumps(RECORD))
        self.write("in/sub/deeper/clean.txt", "nothing here\n")
        self.write("in/blob.bin", b"\x00\x01\x02" * 50 + EMAIL.encode())
        return self.path("in")

    def test_out_dir_mirrors_folders_and_leaves_originals_alone(self):
        src = self.make_tree()
        before = self.snapshot(src)
        out = self.path("out")
        proc = run("redact", src, "--out-dir", out)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(self.snapshot(src), before)
        written = sorted(self.snapshot(out))
        self.assertEqual(written, ["notes.txt", "people.csv", "sub/deeper/clean.txt",
                                   "sub/record.json"])
        self.assertEqual(self.read(os.path.join(out, "notes.txt")), b"mail <EMAIL_ADDRESS>\n")
        self.assertEqual(self.read(os.path.join(out, "sub/deeper/clean.txt")), b"nothing here\n")
        self.assertEqual(json.loads(self.read(os.path.join(out, "sub/record.json")))["note"],
                         "see <URL> for details")
        self.assertIn(b"blob.bin: skipped: binary file", proc.stderr)
        self.assertIn(b"replaced 3 value(s) in 4 file(s); 1 skipped, 0 error(s)", proc.stderr)

    def test_out_dir_inside_the_input_is_not_redacted_again(self):
        src = self.make_tree()
        out = os.path.join(src, "redacted")
        self.assertEqual(run("redact", src, "--out-dir", out).returncode, 1)
        second = run("redact", src, "--out-dir", out)
        self.assertEqual(second.returncode, 1, second.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "redacted")))

    def test_an_error_in_one_file_does_not_stop_the_others(self):
        src = self.make_tree()
        self.write("in/broken.json", "{")
        out = self.path("out")
        proc = run("redact", src, "--out-dir", out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"broken.json: not valid JSON", proc.stderr)
        self.assertTrue(os.path.exists(os.path.join(out, "notes.txt")))
        self.assertFalse(os.path.exists(os.path.join(out, "broken.json")))

    def test_in_place_rewrites_only_what_changes(self):
        src = self.make_tree()
        notes = os.path.join(src, "notes.txt")
        os.chmod(notes, 0o640)
        before = self.snapshot(src)
        time.sleep(0.05)
        proc = run("redact", src, "--in-place")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        after = self.snapshot(src)
        self.assertEqual(after["notes.txt"][0], b"mail <EMAIL_ADDRESS>\n")
        self.assertEqual(stat.S_IMODE(os.stat(notes).st_mode), 0o640)
        for unchanged in ("sub/deeper/clean.txt", "blob.bin"):
            self.assertEqual(after[unchanged], before[unchanged], unchanged)
        self.assertEqual(sorted(after), sorted(before), "no temporary files left")

    def test_in_place_follows_links_and_spares_the_runs_own_files(self):
        src = self.make_tree()
        target = self.write("elsewhere/target.txt", f"{EMAIL}\n")
        os.symlink(target, os.path.join(src, "link.txt"))
        mapping = os.path.join(src, "map.json")
        proc = run("redact", src, "--in-place", "--operator", "DEFAULT=pseudonym",
                   "--mapping", mapping, "--report", os.path.join(src, "items.jsonl"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertTrue(os.path.islink(os.path.join(src, "link.txt")))
        self.assertEqual(self.read(target), b"<EMAIL_ADDRESS_1>\n")
        self.assertEqual(load_json(mapping), {"<EMAIL_ADDRESS_1>": EMAIL,
                                              "<URL_1>": URL})
        # A second run leaves the mapping and the report alone too.
        proc = run("redact", src, "--in-place", "--operator", "DEFAULT=pseudonym",
                   "--mapping", mapping, "--report", os.path.join(src, "items.jsonl"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(load_json(mapping)["<EMAIL_ADDRESS_1>"], EMAIL)
        self.assertFalse([f for f in os.listdir(src) if ".piiscan-" in f])

    def test_out_dir_that_is_an_input_is_refused(self):
        src = self.make_tree()
        proc = run("redact", src, "--out-dir", src)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"is an input; use --in-place", proc.stderr)

    def test_modes_that_would_touch_originals_are_refused(self):
        src = self.write("a.txt", f"{EMAIL}\n")
        proc = run("redact", src, "-o", src)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"--in-place", proc.stderr)
        self.assertEqual(self.read(src), f"{EMAIL}\n".encode())
        self.assertEqual(run("redact", self.path("")).returncode, 2)
        self.assertEqual(run("redact", src, src).returncode, 2)

    # --- reversible operators ---------------------------------------------

    def test_pseudonym_mapping_round_trip_across_documents(self):
        src = self.make_tree()
        out = self.path("out")
        mapping = self.path("map.json")
        report = self.path("items.jsonl")
        proc = run("redact", src, "--out-dir", out, "--operator", "DEFAULT=pseudonym",
                   "--mapping", mapping, "--report", report)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(mapping).st_mode), 0o600)
        tokens = load_json(mapping)
        self.assertEqual(tokens["<EMAIL_ADDRESS_1>"], EMAIL)
        self.assertEqual(self.read(os.path.join(out, "notes.txt")), b"mail <EMAIL_ADDRESS_1>\n")
        self.assertIn(b"<EMAIL_ADDRESS_1>", self.read(os.path.join(out, "people.csv")))
        self.assertNoValues(self.read(report), "the report")

        for name in ("notes.txt", "people.csv", "sub/record.json"):
            proc = run("deanonymize", os.path.join(out, name), "--report", report,
                       "--mapping", mapping)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(proc.stdout, self.read(os.path.join(src, name)), name)

        # A later run with the same mapping keeps the tokens and goes on.
        later = self.write("later.txt", f"{EMAIL2} and {EMAIL}\n")
        proc = run("redact", later, "--operator", "DEFAULT=pseudonym", "--mapping", mapping)
        self.assertEqual(proc.stdout, b"<EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>\n")
        self.assertEqual(load_json(mapping)["<EMAIL_ADDRESS_2>"], EMAIL2)

    def test_deanonymize_needs_the_mapping_for_pseudonyms(self):
        src = self.write("a.txt", f"{EMAIL}\n")
        report = self.path("items.jsonl")
        out = self.path("a.out")
        run("redact", src, "--operator", "DEFAULT=pseudonym", "--report", report, "-o", out)
        proc = run("deanonymize", out, "--report", report)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"--mapping", proc.stderr)

    def write_operators(self):
        return self.write("ops.yaml", OPERATORS)

    def test_encrypt_round_trip_with_key_from_environment(self):
        text = (f"iban {IBAN}, card {CARD}, ssn {SSN}, mail {EMAIL}\n"
                f"again {IBAN} 😀\n")
        src = self.write("bank.txt", text)
        ops = self.write_operators()
        out = self.path("bank.out")
        report = self.path("items.jsonl")
        mapping = self.path("map.json")
        env = {"PIISCAN_TEST_KEY": KEY}
        proc = run("redact", src, "--config", ops, "-o", out, "--report", report,
                   "--mapping", mapping, env=env)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        redacted = self.read(out).decode()
        self.assertNotIn(IBAN, redacted)
        self.assertIn("**** **** **** 1111", redacted)
        self.assertNotIn(SSN, redacted)
        tokens = [r for r in load_jsonl(report) if r["operator"] == "encrypt"]
        self.assertEqual(len(tokens), 2)
        first, second = (redacted.splitlines()[i].split()[1].rstrip(",") for i in (0, 1))
        self.assertEqual(first, second, "deterministic: the same value, the same token")

        proc = run("deanonymize", out, "--report", report, "--mapping", mapping,
                   "--key-env", "PIISCAN_TEST_KEY", env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        restored = proc.stdout.decode()
        self.assertIn(f"iban {IBAN},", restored)
        self.assertIn(f"mail {EMAIL}", restored)
        self.assertEqual(restored.replace("**** **** **** 1111", CARD).split("ssn ")[0],
                         text.split("ssn ")[0])

    def test_encrypt_round_trip_is_exact(self):
        text = f"Olá {IBAN}\r\n\tend {EMAIL} 中文\n"
        src = self.write("exact.txt", text)
        out, report = self.path("exact.out"), self.path("items.jsonl")
        env = {"PIISCAN_TEST_KEY": KEY}
        proc = run("redact", src, "--operator", "DEFAULT=encrypt", "--key-env",
                   "PIISCAN_TEST_KEY", "-o", out, "--report", report, env=env)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        proc = run("deanonymize", out, "--report", report, "--key-env", "PIISCAN_TEST_KEY",
                   env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, text.encode())

    def test_wrong_key_is_exit_2_with_a_clear_error(self):
        src = self.write("bank.txt", f"iban {IBAN}\n")
        ops = self.write_operators()
        out, report = self.path("bank.out"), self.path("items.jsonl")
        run("redact", src, "--config", ops, "-o", out, "--report", report,
            env={"PIISCAN_TEST_KEY": KEY})
        wrong = "not-the-key"
        proc = run("deanonymize", out, "--report", report, "--key-env", "PIISCAN_TEST_KEY",
                   env={"PIISCAN_TEST_KEY": wrong})
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"bank.out: item 0 (IBAN_CODE): cannot decrypt: wrong key", proc.stderr)
        self.assertEqual(proc.stdout, b"")
        for secret in (KEY, wrong, IBAN):
            self.assertNotIn(secret.encode(), proc.stderr)
        unset = run("deanonymize", out, "--report", report, "--key-env", "PIISCAN_TEST_KEY")
        self.assertEqual(unset.returncode, 2)
        self.assertIn(b"PIISCAN_TEST_KEY", unset.stderr)

    def test_keys_are_never_printed_or_written(self):
        src = self.write("bank.txt", f"iban {IBAN} ssn {SSN}\n")
        ops = self.write_operators()
        out, report, mapping = self.path("o.txt"), self.path("r.jsonl"), self.path("m.json")
        env = {"PIISCAN_TEST_KEY": KEY}
        procs = [
            run("redact", src, "--config", ops, "-o", out, "--report", report,
                "--mapping", mapping, "--key-env", "PIISCAN_TEST_KEY", env=env),
            run("redact", src, "--config", ops, env=env),
            run("redact", src, "--config", ops, "--operator", "X=nope", env=env),
            run("deanonymize", out, "--report", report, "--key-env", "PIISCAN_TEST_KEY",
                env=env),
        ]
        for proc in procs:
            self.assertNotIn(KEY.encode(), proc.stdout + proc.stderr)
        for path in (out, report, mapping):
            self.assertNotIn(KEY.encode(), self.read(path), path)

    def test_encrypt_without_a_key_is_refused(self):
        src = self.write("bank.txt", f"iban {IBAN}\n")
        ops = self.write_operators()
        proc = run("redact", src, "--config", ops)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"ops.yaml:6: operators.IBAN_CODE.key_env: environment variable "
                      b"PIISCAN_TEST_KEY (the key) is not set", proc.stderr)
        self.assertEqual(proc.stdout, b"")
        proc = run("redact", src, "--operator", "IBAN_CODE=encrypt")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"IBAN_CODE: encrypt needs a key", proc.stderr)

    def test_config_errors_name_file_and_entity(self):
        src = self.write("a.txt", f"{EMAIL}\n")
        cases = {
            "operators:\n  CREDIT_CARD: {type: mask, chars_to_mak: 3}\n":
                b"bad.yaml:2: operators.CREDIT_CARD: unknown key 'chars_to_mak' for mask",
            "operators:\n  PERSON: {type: pseudo}\n":
                b"bad.yaml:2: operators.PERSON: unknown operator 'pseudo'",
            "operators:\n  IBAN_CODE: {type: encrypt, key: x}\n":
                b"bad.yaml:2: operators.IBAN_CODE.key: keys are never written in the file",
            "operators:\n  US_SSN: {type: hash, hash_type: md5}\n":
                b"operators.US_SSN.hash_type: 'md5': expected sha256 or sha512",
            "operators:\n  US_SSN: {type: replace, masking_char: x}\n":
                b"operators.US_SSN: unknown key 'masking_char' for replace",
            "operator:\n  US_SSN: {type: replace}\n": b"bad.yaml:1: operator: unknown key",
        }
        for text, message in cases.items():
            bad = self.write("bad.yaml", text)
            proc = run("redact", src, "--config", bad)
            self.assertEqual(proc.returncode, 2, text)
            self.assertIn(message, proc.stderr, text)
        proc = run("redact", src, "--operator", "EMAIL_ADDRESS=scramble")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"EMAIL_ADDRESS=scramble", proc.stderr)

    def test_json_config_in_the_service_shape(self):
        src = self.write("a.txt", f"{EMAIL} {CARD}\n")
        cfg = self.write("ops.json", json.dumps({"operators": {
            "DEFAULT": {"type": "redact"},
            "EMAIL_ADDRESS": {"type": "mask", "keep_domain": True, "keep_format": False}}}))
        proc = run("redact", src, "--config", cfg)
        self.assertEqual(proc.stdout.decode(), "***********@example.pt \n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args, rest = ap.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
