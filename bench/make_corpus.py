#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus of prose-like text with sparse synthetic PII.

The output is plain UTF-8 text, one record per line. The lines are a mix of:

  prose      sentences built from an embedded word list (procedural, not copied text)
  log        service-log lines with uptime/epoch timestamps, request ids, durations
  csv        order-table rows (ids, SKUs, quantities, prices)
  lookalike  lines dense in numbers that resemble PII but are not PII: order numbers,
             16-digit references that fail Luhn, epoch timestamps, version strings,
             decimals, hex ids

Roughly 1 line in 8 (any kind) gets exactly one planted value: an email, phone (several
formats), credit card, IBAN, SSN, IPv4, IPv6, URL, date or MAC address. All values are
synthetic: emails are at example.com/.org/.net, phones are in fiction-reserved ranges
(US 555-01xx, UK Ofcom drama ranges, AU ACMA ranges, FR 01 99 00), cards and IBANs have
valid checksums with random account parts, SSNs have a valid structure.

Unplanted lines contain no IP, email, URL, calendar date, MAC, SSN, IBAN, or card-prefixed
number that passes Luhn. Timestamps in log lines are uptime or epoch numbers (look-alikes).

Speed: to stay well above 20 MB/s in pure Python, unplanted lines are assembled from
pre-generated fragment pools (a prose line is two pool entries; a log line is a random
head + a random tail; a look-alike line is three random clauses), so lines repeat as
combinations, not verbatim. Planted values are generated fresh for every planted line.

The output is deterministic for a given (--mb, --seed) and the same script version.
The file is at most --mb MiB (N * 2^20 bytes) and ends on a line boundary, within one
line of the target.

Usage:
  make_corpus.py --out bench/corpus/corpus.txt [--mb 100] [--seed 1] [--truth truth.json]
  make_corpus.py --self-test      # check the value generators' checksums, then exit
"""
import argparse
import bisect
import itertools
import json
import math
import os
import random
import sys
import time

VERSION = "1"  # bump when the output for a given seed changes

# --------------------------------------------------------------------------- words
# A small hand-made vocabulary: common English words by part of speech, plus a few
# loanwords so the text is not pure ASCII.
DET = ["the", "a", "every", "this", "that", "one", "each", "another", "some", "no"]
ADJ = ("quiet bright early late small large heavy light narrow wide green blue red grey "
       "old new young ancient modern careful quick slow simple complex rough smooth warm "
       "cold dry wet busy empty full hidden open certain strange familiar distant local "
       "northern southern gentle sudden steady bitter sweet patient curious silent loud "
       "naïve").split()
NOUN = ("river valley harbour engine garden window market station letter report bridge "
        "village forest orchard ledger machine kitchen studio hallway meadow council "
        "teacher farmer driver clerk painter baker sailor miner weaver student neighbour "
        "committee lantern basket wagon kettle ladder bucket blanket journal notebook "
        "cabinet mirror signal winter summer morning evening season harvest storm cloud "
        "shadow pattern answer question problem method system procedure network archive "
        "record folder budget schedule project customer supplier warehouse shipment "
        "invoice account permit contract meeting agenda proposal café façade").split()
# ASCII-only subsets, used inside planted values (emails, URLs) so that they stay ASCII
NOUN_ASCII = [w for w in NOUN if w.isascii()]
ADJ_ASCII = [w for w in ADJ if w.isascii()]
VERB = ("watched opened closed carried followed crossed reached repaired counted measured "
        "painted described noticed gathered lifted moved placed left found built kept "
        "checked reviewed approved delayed ignored explained finished started prepared "
        "signed filed sorted shipped packed loaded mended cleaned covered entered").split()
VERB_BASE = ("watch open close carry follow cross reach repair count measure paint describe "
             "notice gather move place find build keep check review approve delay explain "
             "finish start prepare sign file sort ship pack load mend clean cover enter").split()
ADV = ("slowly quickly quietly carefully rarely often gladly barely nearly briskly calmly "
       "eagerly firmly gently plainly warmly").split()
PREP = ("near beside behind under over across through along against beyond within "
        "without toward around after before").split()
CONJ = ["and", "but", "while", "because", "although", "so", "until", "once"]
SVC = ["api", "auth", "billing", "search", "worker", "cache", "gateway", "indexer", "mailer", "sched"]
STATUS = ["shipped", "pending", "returned", "cancelled", "paid", "refunded", "on_hold"]

FIRST = ("alice bruno chen dara elif farah gideon hana ivo jonas kai lena mateo nadia "
         "omar pia quinn rosa sami tomas uma vera wren xavi yusuf zora").split()
LAST = ("abbot baird calder dunmore ellery fenwick garrow holt ives jarvis keane lowry "
        "marsh nolan orme pryor quarry rourke stroud thorne upton vance wilde yarrow").split()
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "corp.example.org"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]

# Area codes checked with libphonenumber 8.12: NXX-555-01XX is valid for each.
US_AREAS = ("201 202 203 206 212 213 214 215 303 305 310 312 404 410 415 503 512 602 612 "
            "617 619 646 650 702 713 718 720 773 808 917 919").split()
UK_DRAMA = [("20", "7946 0"), ("113", "496 0"), ("117", "496 0"), ("121", "496 0"),
            ("131", "496 0"), ("161", "496 0"), ("191", "498 0")]

PII_TYPES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
             "IPV4", "IPV6", "URL", "DATE_TIME", "MAC_ADDRESS"]
PII_WEIGHTS = [16, 16, 10, 8, 8, 10, 6, 10, 10, 6]

PII_CUM = list(itertools.accumulate(PII_WEIGHTS))

LINE_KINDS = ["prose", "log", "csv", "lookalike"]
LINE_WEIGHTS = [72, 12, 10, 6]
LINE_CUM = list(itertools.accumulate(LINE_WEIGHTS))
LEVELS = ("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR")
METHODS = ("GET", "GET", "POST", "PUT", "DELETE")
CODES = (200, 200, 200, 201, 204, 304, 400, 404, 500)

CONTEXT = {
    "EMAIL_ADDRESS": ["email", "contact", "reply to", "cc", "sent to", "from"],
    "PHONE_NUMBER": ["phone", "call", "tel", "mobile", "contact number", "fax"],
    "CREDIT_CARD": ["card", "card number", "paid with", "visa", "charged to", "pan"],
    "IBAN_CODE": ["iban", "account", "pay to", "bank account", "refund to", "sepa"],
    "US_SSN": ["ssn", "social security number", "ssn#", "tax id", "social"],
    "IPV4": ["ip", "from host", "client", "address", "peer", "remote"],
    "IPV6": ["ip", "from host", "client", "address", "peer", "remote"],
    "URL": ["see", "link", "visit", "at", "source", "docs"],
    "DATE_TIME": ["born", "dob", "dated", "on", "since", "date of birth"],
    "MAC_ADDRESS": ["mac", "device", "hw addr", "station", "adapter", "ether"],
}
LOG_KEYS = {
    "EMAIL_ADDRESS": "user", "PHONE_NUMBER": "phone", "CREDIT_CARD": "card",
    "IBAN_CODE": "iban", "US_SSN": "ssn", "IPV4": "client", "IPV6": "client",
    "URL": "referer", "DATE_TIME": "dob", "MAC_ADDRESS": "mac",
}


_DBL = str.maketrans("0123456789", "0246813579")  # Luhn: digit -> digit sum of 2*digit
_B36 = str.maketrans({chr(c): str(c - 55) for c in range(65, 91)})  # IBAN: A->10 ... Z->35


def luhn_digit(partial: str) -> int:
    """Check digit that makes partial + digit pass Luhn."""
    rev = partial[::-1]
    doubled, kept = rev[0::2].translate(_DBL), rev[1::2]
    total = sum(doubled.encode()) + sum(kept.encode()) - 48 * len(rev)
    return -total % 10


def luhn_ok(number: str) -> bool:
    d = "".join(c for c in number if c.isdigit())
    return luhn_digit(d[:-1]) == int(d[-1])


def iban_check(country: str, bban: str) -> str:
    """The two ISO 13616 check digits for country + bban."""
    n = int((bban + country + "00").translate(_B36))
    return f"{98 - n % 97:02d}"


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    return int((s[4:] + s[:4]).translate(_B36)) % 97 == 1


# Look-alike clauses: (decoy kind, template maker index). See Gen._clause().
CLAUSE_KINDS = ["order_number", "non_luhn_16_digits", "decimal_amount", "version_string",
                "version_4part", "epoch_timestamp", "hex_id", "decimal", "epoch_ms_timestamp",
                "nine_digit_number", "invoice_number", "account_number_10_digits",
                "section_number", "scientific_number", "percentage"]
POOL = 2048  # entries per fragment pool


class Gen:
    """Line and value factory. All randomness comes from one seeded random.Random.

    Hot paths use random() arithmetic instead of randint()/choice(), which are several
    times slower in CPython; the corpus is still fully determined by the seed.
    """

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.rnd = self.r.random
        self.planted = {t: 0 for t in PII_TYPES}
        self.decoys = {}
        self.kinds = {k: 0 for k in LINE_KINDS}
        # prose: about 1/3 of entries are two sentences, so a line of two entries
        # has 2-4 sentences
        sents = [self._sentence() for _ in range(4 * POOL)]
        self.prose_pool = sents + [f"{self.ch(sents)} {self.ch(sents)}" for _ in range(2 * POOL)]
        self.log_heads = ([self._log_head(True) for _ in range(POOL)],
                          [self._log_head(False) for _ in range(POOL)])
        self.log_tails = [self._log_tail() for _ in range(POOL)]
        self.csv_heads = [self._csv_head() for _ in range(POOL)]
        self.csv_tails = [self._csv_tail() for _ in range(POOL)]
        self.clauses = [[self._clause(k) for _ in range(POOL // 4)] for k in range(len(CLAUSE_KINDS))]
        self.pii_makers = {
            "EMAIL_ADDRESS": self.email, "PHONE_NUMBER": self.phone,
            "CREDIT_CARD": self.card, "IBAN_CODE": self.iban, "US_SSN": self.ssn,
            "IPV4": self.ipv4, "IPV6": self.ipv6, "URL": self.url,
            "DATE_TIME": self.date, "MAC_ADDRESS": self.mac,
        }
        self.line_makers = {"prose": self.prose, "log": self.log, "csv": self.csv,
                            "lookalike": self.lookalike}

    # fast helpers
    def ri(self, a: int, b: int) -> int:
        """Uniform integer in [a, b]."""
        return a + int(self.rnd() * (b - a + 1))

    def ch(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def state(self):
        return self.r.getstate(), dict(self.decoys)

    def restore(self, st):
        self.r.setstate(st[0])
        self.decoys = dict(st[1])

    def _decoy(self, kind: str, n: int = 1):
        self.decoys[kind] = self.decoys.get(kind, 0) + n

    # ------------------------------------------------------------------ fragment pools
    def _sentence(self) -> str:
        c = self.ch
        t = int(self.rnd() * 6)
        if t == 0:
            s = f"{c(DET)} {c(ADJ)} {c(NOUN)} {c(VERB)} {c(DET)} {c(NOUN)} {c(PREP)} the {c(ADJ)} {c(NOUN)}"
        elif t == 1:
            s = f"{c(PREP)} the {c(NOUN)}, {c(DET)} {c(NOUN)} {c(ADV)} {c(VERB)} {c(DET)} {c(ADJ)} {c(NOUN)}"
        elif t == 2:
            s = f"we {c(VERB_BASE)} the {c(NOUN)}s {c(CONJ)} the {c(NOUN)} {c(VERB)} {c(ADV)}"
        elif t == 3:
            s = f"{c(DET)} {c(NOUN)} was {c(ADJ)}, {c(CONJ)} {c(DET)} {c(NOUN)} {c(VERB)} it {c(PREP)} {c(DET)} {c(NOUN)}"
        elif t == 4:
            s = f"nobody {c(VERB)} the {c(ADJ)} {c(NOUN)} {c(PREP)} the {c(NOUN)} {c(CONJ)} the {c(NOUN)} {c(VERB)}"
        else:
            s = f"{c(ADV)}, {c(DET)} {c(ADJ)} {c(NOUN)} {c(VERB)} {c(DET)} {c(NOUN)}"
        return s[0].upper() + s[1:] + c((".", ".", ".", "!", "?", ";"))

    def _log_head(self, uptime: bool) -> str:
        ri, c = self.ri, self.ch
        ts = f"[{self.rnd() * 900000:13.6f}]" if uptime else f"ts={ri(1_600_000_000_000, 1_760_000_000_000)}"
        return f"{ts} {c(LEVELS)} {c(SVC)}[{ri(100, 65000)}]: req={ri(0, 2**48 - 1):012x}"

    def _log_tail(self) -> str:
        ri = self.ri
        return (f" {self.ch(METHODS)} /api/v{ri(1, 3)}/{self.ch(NOUN)}s/{ri(1, 999999)} "
                f"status={self.ch(CODES)} dur={self.rnd() * 250:.1f}ms bytes={ri(0, 90000)}")

    def _csv_head(self) -> str:
        ri = self.ri
        return f"{ri(10_000, 9_999_999)},SKU-{ri(10, 99)}-{ri(1000, 9999)},{ri(1, 12)}"

    def _csv_tail(self) -> str:
        return f",{self.ri(1, 999)}.{self.ri(0, 99):02d},{self.ch(STATUS)},{self.ch(NOUN)}"

    def _non_luhn16(self) -> str:
        body = str(self.ri(4, 6)) + f"{self.ri(0, 10**14 - 1):014d}"
        return body + str((luhn_digit(body) + self.ri(1, 9)) % 10)

    def _clause(self, k: int) -> str:
        ri, rnd = self.ri, self.rnd
        kind = CLAUSE_KINDS[k]
        if kind == "order_number":
            return f"order ORD-{ri(10**7, 10**8 - 1)} shipped in {ri(1, 9)} boxes"
        if kind == "non_luhn_16_digits":
            return f"reference {self._non_luhn16()}"
        if kind == "decimal_amount":
            return f"total {ri(1, 99)},{ri(0, 999):03d}.{ri(0, 99):02d} USD"
        if kind == "version_string":
            return f"module {self.ch(NOUN)} v{ri(0, 12)}.{ri(0, 40)}.{ri(0, 99)}"
        if kind == "version_4part":
            # one part > 255, so it is never a valid IPv4 address
            return f"build {ri(1, 20)}.{ri(0, 9)}.{ri(1000, 29999)}.{ri(0, 4000)}"
        if kind == "epoch_timestamp":
            return f"released at ts={ri(1_600_000_000, 1_750_000_000)}"
        if kind == "hex_id":
            return f"checksum 0x{ri(0, 2**32 - 1):08x}"
        if kind == "decimal":
            return f"reading {rnd() * 1000 - 500:.4f}"
        if kind == "epoch_ms_timestamp":
            return f"sampled at t={ri(1_600_000_000_000, 1_760_000_000_000)}"
        if kind == "nine_digit_number":
            return f"batch {ri(10**8, 10**9 - 1)}"
        if kind == "invoice_number":
            return f"invoice INV-{ri(1990, 2030)}-{ri(0, 999999):06d}"
        if kind == "account_number_10_digits":
            return f"account {ri(0, 1)}{ri(0, 10**9 - 1):09d}"  # leading 0/1: never a NANP phone
        if kind == "section_number":
            return f"see section {ri(1, 30)}.{ri(1, 30)}.{ri(1, 30)}"
        if kind == "scientific_number":
            return f"tolerance {ri(1, 9)}.{ri(0, 9)}e-{ri(2, 9)}"
        return f"delta {rnd() * 18 - 9:.2f}%"

    # ------------------------------------------------------------------ unplanted lines
    def prose(self) -> str:
        pool, rnd = self.prose_pool, self.rnd
        return pool[int(rnd() * len(pool))] + " " + pool[int(rnd() * len(pool))]

    def log(self) -> str:
        rnd = self.rnd
        up = rnd() < 0.5
        self._decoy("uptime_timestamp" if up else "epoch_ms_timestamp")
        self._decoy("hex_request_id")
        heads = self.log_heads[0 if up else 1]
        return heads[int(rnd() * POOL)] + self.log_tails[int(rnd() * POOL)]

    def csv(self) -> str:
        rnd = self.rnd
        self._decoy("csv_row_id")
        return self.csv_heads[int(rnd() * POOL)] + self.csv_tails[int(rnd() * POOL)]

    def lookalike(self) -> str:
        rnd, cl = self.rnd, self.clauses
        n = len(cl)
        parts = []
        for _ in range(3):
            k = int(rnd() * n)
            self._decoy(CLAUSE_KINDS[k])
            pool = cl[k]
            parts.append(pool[int(rnd() * len(pool))])
        s = ", ".join(parts)
        return s[0].upper() + s[1:] + "."

    # ------------------------------------------------------------------ PII values
    def email(self) -> str:
        c, ri = self.ch, self.ri
        f, l = c(FIRST), c(LAST)
        t = int(self.rnd() * 5)
        local = (f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}{ri(1, 99)}", f"{l}.{f}", f"{f}+{c(NOUN_ASCII)}")[t]
        return f"{local}@{c(DOMAINS)}"

    def phone(self) -> str:
        c, ri = self.ch, self.ri
        t = int(self.rnd() * 10)
        if t < 6:
            a, x = c(US_AREAS), f"01{ri(0, 99):02d}"
            return (f"+1 {a} 555 {x}", f"({a}) 555-{x}", f"{a}-555-{x}", f"+1-{a}-555-{x}",
                    f"{a}.555.{x}", f"+1{a}555{x}")[t]
        if t < 8:
            area, pre = c(UK_DRAMA)
            tail = f"{ri(0, 999):03d}"
            return f"+44 {area} {pre}{tail}" if t == 6 else f"0{area} {pre}{tail}"
        if t == 8:
            return c(("+61 2 5550 ", "+61 3 7010 ")) + f"{ri(0, 9999):04d}"
        return f"+33 1 99 00 {ri(0, 99):02d} {ri(0, 99):02d}"

    def card(self) -> str:
        ri = self.ri
        t = int(self.rnd() * 4)
        if t == 0:
            body = "4" + f"{ri(0, 10**14 - 1):014d}"
        elif t == 1:
            body = str(ri(51, 55)) + f"{ri(0, 10**13 - 1):013d}"
        elif t == 2:
            body = self.ch(("34", "37")) + f"{ri(0, 10**12 - 1):012d}"
        else:
            body = "6011" + f"{ri(0, 10**11 - 1):011d}"
        n = body + str(luhn_digit(body))
        f = int(self.rnd() * 3)
        if f == 0:
            return n
        sep = " " if f == 1 else "-"
        if len(n) == 15:
            return f"{n[:4]}{sep}{n[4:10]}{sep}{n[10:]}"
        return sep.join((n[0:4], n[4:8], n[8:12], n[12:16]))

    def iban(self) -> str:
        ri, c = self.ri, self.ch
        t = int(self.rnd() * 5)
        if t == 0:
            cc, bban = "GB", c(("WEST", "NWBK", "BARC")) + f"{ri(0, 10**14 - 1):014d}"
        elif t == 1:
            cc, bban = "DE", f"{ri(0, 10**18 - 1):018d}"
        elif t == 2:
            cc, bban = "NL", c(("ABNA", "INGB", "RABO")) + f"{ri(0, 10**10 - 1):010d}"
        elif t == 3:
            cc, bban = "FR", f"{ri(0, 10**23 - 1):023d}"
        else:
            cc, bban = "AT", f"{ri(0, 10**16 - 1):016d}"
        s = cc + iban_check(cc, bban) + bban
        if self.rnd() < 0.5:
            return s
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

    def ssn(self) -> str:
        ri = self.ri
        a = ri(1, 898)
        if a >= 666:
            a += 1  # area 001-665, 667-899
        s = f"{a:03d}-{ri(1, 99):02d}-{ri(1, 9999):04d}"
        return "234-56-7890" if s == "123-45-6789" else s

    def ipv4(self) -> str:
        ri = self.ri
        a = ri(1, 221)
        if a >= 10:
            a += 1  # skip 10/8
        if a >= 127:
            a += 1  # skip 127/8
        return f"{a}.{ri(0, 255)}.{ri(0, 255)}.{ri(1, 254)}"

    def ipv6(self) -> str:
        rnd = self.rnd
        g = [f"{int(rnd() * 65536):x}" for _ in range(6)]
        t = int(rnd() * 3)
        if t == 0:
            return f"2001:db8:{':'.join(g)}"
        if t == 1:
            return f"2001:db8:{g[0]}::{g[1]}"
        return f"2a0{int(rnd() * 10)}:{g[0]}:{g[1]}:{g[2]}::{g[3]}"

    def url(self) -> str:
        c = self.ch
        host = c(("www.example.com", "example.org", "shop.example.net", "docs.example.com",
                  "api.example.org"))
        q = int(self.rnd() * 3)
        tail = "" if q == 0 else (f"?id={self.ri(1, 10**6)}" if q == 1 else f"#{c(ADJ_ASCII)}")
        return f"{c(('https', 'https', 'http'))}://{host}/{c(NOUN_ASCII)}/{c(NOUN_ASCII)}{tail}"

    def date(self) -> str:
        ri = self.ri
        y, m, d = ri(1940, 2030), ri(1, 12), ri(1, 28)
        t = int(self.rnd() * 6)
        if t == 0:
            return f"{y}-{m:02d}-{d:02d}"
        if t == 1:
            return f"{d:02d}/{m:02d}/{y}"
        if t == 2:
            return f"{m:02d}/{d:02d}/{y}"
        if t == 3:
            return f"{MONTHS[m - 1]} {d}, {y}"
        if t == 4:
            return f"{d} {MON3[m - 1]} {y}"
        return f"{y}-{m:02d}-{d:02d}T{ri(0, 23):02d}:{ri(0, 59):02d}:{ri(0, 59):02d}Z"

    def mac(self) -> str:
        b = f"{self.ri(0, 2**48 - 1):012x}"
        t = int(self.rnd() * 4)
        if t == 3:
            return f"{b[0:4]}.{b[4:8]}.{b[8:12]}"
        s = ("-" if t == 2 else ":").join((b[0:2], b[2:4], b[4:6], b[6:8], b[8:10], b[10:12]))
        return s if t == 0 else s.upper()

    # ------------------------------------------------------------------ planted lines
    def planted_line(self, kind: str, typ: str) -> str:
        v = self.pii_makers[typ]()
        c = self.ch
        if kind == "prose":
            ctx = c(CONTEXT[typ])
            s = c(self.prose_pool)
            form = int(self.rnd() * 4)
            if form == 0:
                return f"{s} {ctx.capitalize()}: {v}."
            if form == 1:
                return f"{ctx.capitalize()} {v} {s[0].lower()}{s[1:]}"
            if form == 2:
                return f"{s} The {c(NOUN)} ({ctx} {v}) {c(VERB)} {c(ADV)}."
            return f"{s} {v} {c(self.prose_pool)}"
        if kind == "log":
            if typ == "IPV6" and self.rnd() < 0.5:
                v = f"[{v}]:{self.ri(1024, 65535)}"
            return f"{self.log()} {LOG_KEYS[typ]}={v}"
        if kind == "csv":
            return f'{self.csv()},"{v}"' if "," in v else f"{self.csv()},{v}"
        return f"{self.lookalike()} {c(CONTEXT[typ]).capitalize()}: {v}"


def generate(out_path: str, target: int, seed: int, plant_rate: float):
    """Write the corpus; returns (generator, bytes written, lines written)."""
    g = Gen(seed)
    r, rnd = g.r, g.rnd
    makers = [g.line_makers[k] for k in LINE_KINDS]
    planted_line = g.planted_line
    pool = g.prose_pool
    pii_total = PII_CUM[-1]
    total = 0
    lines_out = 0
    batch = 8192
    tmp = out_path + ".tmp"

    log_keep = math.log(1.0 - plant_rate) if 0 < plant_rate < 1 else None

    def plant_positions():
        """Indices of the planted lines in a batch: geometric gaps, so each line is
        planted independently with probability plant_rate."""
        if plant_rate <= 0:
            return []
        if log_keep is None:
            return list(range(batch))
        pos, i = [], -1
        while True:
            i += 1 + int(math.log(1.0 - rnd()) / log_keep)
            if i >= batch:
                return pos
            pos.append(i)

    def run_batch(stop=None):
        """Make one batch of `batch` lines, or only its first `stop` lines. All per-batch
        draws happen first and per-line draws happen in line order, so a batch cut at
        `stop` is exactly the first `stop` lines of the full batch."""
        kinds = r.choices(range(4), cum_weights=LINE_CUM, k=batch)
        ppos = plant_positions()
        ppos.append(batch)  # sentinel
        left = r.choices(pool, k=batch)  # prose halves, drawn for every slot
        right = r.choices(pool, k=batch)
        if stop is not None:
            kinds = kinds[:stop]
        pi = 0
        nextp = ppos[0]
        lines, planted = [], []
        append = lines.append
        for i, k in enumerate(kinds):
            if i == nextp:
                typ = PII_TYPES[bisect.bisect(PII_CUM, rnd() * pii_total)]
                append(planted_line(LINE_KINDS[k], typ))
                planted.append(typ)
                pi += 1
                nextp = ppos[pi]
            elif k == 0:
                append(left[i] + " " + right[i])
            else:
                append(makers[k]())
        return lines, kinds, planted

    try:
        fh = open(tmp, "wb", buffering=1 << 20)
    except OSError as e:
        raise SystemExit(f"make_corpus: cannot write {tmp}: {e.strerror}")
    try:
        while True:
            snap = g.state()
            lines, kinds, planted = run_batch()
            data = ("\n".join(lines) + "\n").encode("utf-8")
            last = total + len(data) > target
            if last:
                # Keep only the whole lines that fit, then replay the batch from the
                # snapshot up to that line, so that every tally counts only what was
                # written and the file never exceeds the target.
                room, keep = target - total, 0
                for ln in lines:
                    room -= len(ln.encode("utf-8")) + 1
                    if room < 0:
                        break
                    keep += 1
                g.restore(snap)
                lines, kinds, planted = run_batch(keep)
                data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
            fh.write(data)
            total += len(data)
            lines_out += len(lines)
            for k in kinds:
                g.kinds[LINE_KINDS[k]] += 1
            for typ in planted:
                g.planted[typ] += 1
            if last:
                break
        fh.close()
        os.replace(tmp, out_path)
    except BaseException:  # incl. KeyboardInterrupt: leave no partial output behind
        fh.close()
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise
    return g, total, lines_out


def self_test(n: int = 20000) -> int:
    """Generate n values of each kind and check their checksums and structure."""
    import re
    g = Gen(12345)
    bad = []
    for _ in range(n):
        c = g.card()
        if not luhn_ok(c):
            bad.append(("card", c))
        i = g.iban()
        if not iban_ok(i):
            bad.append(("iban", i))
        s = g.ssn()
        a, grp, ser = s.split("-")
        if a in ("000", "666") or a[0] == "9" or grp == "00" or ser == "0000" or s == "123-45-6789":
            bad.append(("ssn", s))
        d = g._non_luhn16()
        if luhn_ok(d):
            bad.append(("decoy passes luhn", d))
        ip = g.ipv4().split(".")
        if not (len(ip) == 4 and all(0 <= int(x) <= 255 for x in ip) and ip[0] not in ("0", "10", "127")
                and int(ip[0]) < 224):
            bad.append(("ipv4", ".".join(ip)))
        e = g.email()
        if not re.fullmatch(r"[a-z0-9._+]+@(?:[a-z]+\.)?example\.(?:com|org|net)", e):
            bad.append(("email", e))
        u = g.url()
        if not u.isascii():
            bad.append(("url", u))
        p = re.sub(r"[^\d+]", "", g.phone())
        if not (re.fullmatch(r"(?:\+1)?\d{3}55501\d\d", p) or re.fullmatch(r"(?:\+44|0)(?:207946|1(?:13|17|21|31|61)496|191498)\d{4}", p)
                or re.fullmatch(r"\+61(?:25550|37010)\d{4}", p) or re.fullmatch(r"\+33199\d{6}", p)):
            bad.append(("phone", p))
    for kind, v in bad[:20]:
        print(f"self-test: bad {kind}: {v}", file=sys.stderr)
    print(f"self-test: {'FAILED' if bad else 'ok'} ({n} values of each kind, {len(bad)} bad)",
          file=sys.stderr)
    return 1 if bad else 0


def entity_counts(planted: dict) -> dict:
    out = {}
    for t, n in planted.items():
        k = "IP_ADDRESS" if t in ("IPV4", "IPV6") else t
        out[k] = out.get(k, 0) + n
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0,
                    help="target size in MiB (2^20 bytes); default 100")
    ap.add_argument("--out", help="output file path (required unless --self-test)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--truth", metavar="FILE",
                    help="also write planted-value counts per type (and line mix) as JSON")
    ap.add_argument("--plant-rate", type=float, default=1 / 8,
                    help="fraction of lines that get one planted value (default 0.125)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress summary on stderr")
    ap.add_argument("--self-test", action="store_true",
                    help="check the value generators (Luhn, mod-97, SSN rules, ranges) and exit")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if not a.out:
        ap.error("--out is required")
    if a.mb <= 0:
        ap.error("--mb must be > 0")
    if not 0 <= a.plant_rate <= 1:
        ap.error("--plant-rate must be in [0, 1]")
    target = int(a.mb * (1 << 20))
    try:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    except OSError as e:
        print(f"make_corpus: cannot create the directory for {a.out}: {e}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    try:
        g, size, nlines = generate(a.out, target, a.seed, a.plant_rate)
    except OSError as e:
        print(f"make_corpus: error writing {a.out}: {e}", file=sys.stderr)
        return 1
    dt = time.perf_counter() - t0

    if a.truth:
        truth = {
            "generator": f"make_corpus.py {VERSION}",
            "seed": a.seed,
            "target_mib": a.mb,
            "bytes": size,
            "lines": nlines,
            "line_mix": g.kinds,
            "planted_total": sum(g.planted.values()),
            "planted": g.planted,
            "planted_by_entity": entity_counts(g.planted),
            "plant_rate": a.plant_rate,
            "decoys": dict(sorted(g.decoys.items())),
            "notes": "planted: exact count of planted values, one per planted line. "
                     "planted_by_entity: the same with IPV4+IPV6 merged into IP_ADDRESS. "
                     "decoys: look-alike tokens that are not PII (order numbers, epoch "
                     "timestamps, versions, ...), by kind; a scanner should not report them.",
        }
        tmp = a.truth + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(truth, fh, indent=2)
            fh.write("\n")
        os.replace(tmp, a.truth)

    if not a.quiet:
        mib = size / (1 << 20)
        print(f"make_corpus: wrote {a.out}: {mib:.1f} MiB, {nlines} lines, "
              f"{sum(g.planted.values())} planted values, seed {a.seed}, "
              f"{dt:.2f}s ({mib / dt if dt else 0:.1f} MiB/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
