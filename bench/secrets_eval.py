#!/usr/bin/env python3
"""Secrets recall and false alarms against CredSweeper's test samples.

Usage: bench/secrets_eval.py PIISCAN_BIN [--data DIR] [--min-recall 0.9]

DIR (default ../shared/data/secrets-credsweeper beside the repository) holds
samples/ and expected/depth_3_pedantic.json, CredSweeper's own findings on
those samples (archives and documents opened, pedantic). The script scans
samples/ with `piiscan scan --format jsonl --show-values --countries all`
and reports:

  * recall on the findings of the providers piiscan covers (COVERED below):
    an expected value counts as found when a piiscan finding of a secret
    type in the same file overlaps it (on the same line for values
    CredSweeper read from the raw file);
  * the same for the generic rules (passwords, URL credentials, PEM keys,
    JWTs), reported apart;
  * findings of secret types in the negative samples (names ending in _n or
    _FALSE, and false_positive): there must be none.

Values are read to compare them and never printed. Exit status 0 when the
covered recall over the files piiscan reads (placeholders, which piiscan
scores out on purpose, aside) reaches --min-recall and the negatives hold
no finding, 1 otherwise, 2 on usage errors.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

SECRET_TYPES = {"API_KEY", "PASSWORD", "SECRET", "GITHUB_TOKEN", "SLACK_TOKEN",
                "AWS_ACCESS_KEY", "PRIVATE_KEY", "JWT"}

# CredSweeper rules for provider credentials that piiscan recognizes by
# prefix and shape (one or more recognizers each).
COVERED = {
    "1Password Account Token", "AWS AppSync GraphQL API Key", "AWS Client ID", "AWS MWS Key",
    "AWS Multi", "Age Secret Key", "Akamai Credentials", "Alibaba Access Key ID",
    "Amazon Bedrock API Key", "Anthropic API Key", "Atlassian PAT token",
    "Azure Secret Value", "Bitbucket App Password", "Bitbucket HTTP Access Token",
    "Bitbucket Repository Access Token", "Brevo API Key", "Clojars Deploy Token",
    "CloudFlare API Token", "Databricks Access Token", "DeepSeek API Key",
    "Defined Networking API Key", "Digital Ocean Token", "Discord Bot Token",
    "Docker Access Token", "Docker Swarm Key", "Docker Swarm Token", "Doppler API Key",
    "Dropbox API secret (long term)", "Dropbox OAuth2 API Access Token", "Dynatrace API Token",
    "Facebook Access Token", "Figma Personal Access Token", "Github App Installation Token",
    "Github Classic Token", "Github Fine-granted Token", "Gitlab Prefix Token", "Google API Key",
    "Google Multi", "Google OAuth Access Token", "Google OAuth Refresh Token",
    "Google OAuth Secret", "Grafana Access Policy Token", "Grafana Provisioned API Key",
    "Grafana Service Account Token", "Groq API Key", "Hashicorp Terraform Token",
    "Hashicorp Vault Token", "Heroku Credentials", "Hugging Face User Access Token",
    "Instagram Access Token", "Jfrog Token", "LLAMA API Key", "Linear API Key",
    "MailChimp API Key", "MailGun API Key", "NKEY Seed", "NPM Token", "NTLM Token",
    "Netlify Token", "NewRelic Credentials", "Notion Integration Token", "NuGet API key",
    "OpenAI Token", "PayPal Braintree Access Token", "Perplexity API Key", "Picatic API Key",
    "PlanetScale Credentials", "PostHog Credentials", "Postman Credentials", "PyPi API Token",
    "RubyGems API Key", "SendGrid API Key", "Sentry Organization Auth Token",
    "Sentry User Auth Token", "Shopify Token", "Slack Token", "Slack Webhook",
    "SonarQube Credentials", "Square Access Token", "Square Credentials", "Stripe Credentials",
    "Supabase Credentials", "Tavily API Key", "Telegram Bot API Token", "Together AI API Key",
    "Twilio Credentials", "Vercel Token", "WunderGraph API Key", "X AI API Key",
    "X App-Only Authentication Bearer Token", "Discord Webhook", "Azure Access Token",
    "JSON Web Token", "Jira / Confluence PAT token", "Salesforce Credentials",
    "Tencent WeChat API App ID",
}

# Generic rules: reported apart, not part of the covered figure.
GENERIC = {"Password", "SQL Password", "URL Credentials", "PEM Private Key", "Secret", "Key",
           "Token", "API", "Auth", "Credential"}


# Values piiscan scores out on purpose, as its secret validators do:
# documentation placeholders (EXAMPLE, runs of zeros...) and strings made
# mostly of one character.
PLACEHOLDER_WORDS = ("example", "xxxx", "****", "0000000", "changeme", "your_", "<your",
                     "your-", "dummy", "placeholder", "redacted", "sample")


def is_placeholder(value):
    lower = value.lower()
    if any(word in lower for word in PLACEHOLDER_WORDS):
        return True
    return bool(value) and 2 * max(value.count(c) for c in set(value)) >= len(value)


def is_negative(name):
    return name.endswith("_n") or name.endswith("_FALSE") or name == "false_positive"


def scan(binary, samples):
    cmd = [binary, "scan", "--format", "jsonl", "--show-values", "--countries", "all",
           "--threads", "1", "-q", samples]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1, 2):
        sys.exit(f"secrets_eval: {binary} exited {run.returncode}")
    by_file = defaultdict(list)
    skipped = set()
    for line in run.stdout.splitlines():
        finding = json.loads(line)
        if "entity_type" not in finding:  # a skipped (binary) or unreadable file
            skipped.add(os.path.relpath(finding["file"], samples))
            continue
        by_file[os.path.relpath(finding["file"], samples)].append(finding)
    return by_file, skipped


def overlaps(expected, finding):
    """The expected value and the finding share at least 8 characters (or all
    of the shorter of the two)."""
    a, b = expected["value"], finding.get("value", "")
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    if a in b or b in a:
        return True
    need = min(8, shorter)
    return any(a[i:i + need] in b for i in range(len(a) - need + 1))


def found(expected, findings):
    raw = expected["info"] == f"FILE:{expected['path']}|RAW"
    for f in findings:
        if f["entity_type"] not in SECRET_TYPES:
            continue
        if raw and f["line"] != expected["line_num"]:
            continue
        if overlaps(expected, f):
            return True
    return False


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data",
                                                       "secrets-credsweeper"))
    parser.add_argument("--min-recall", type=float, default=0.9,
                        help="covered recall required, over the files piiscan reads, "
                             "placeholders aside")
    parser.add_argument("--misses", action="store_true",
                        help="list covered findings not found (rule, file, line; no values)")
    args = parser.parse_args()

    samples = os.path.join(args.data, "samples")
    expected_path = os.path.join(args.data, "expected", "depth_3_pedantic.json")
    if not os.path.isdir(samples) or not os.path.isfile(expected_path):
        print(f"secrets_eval: no samples/ or expected/ under {args.data}", file=sys.stderr)
        return 2
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    by_file, skipped = scan(args.binary, samples)

    # rule -> [expected, found, expected in binary files piiscan skips,
    #          placeholders (expected but scored out by design)]
    per_rule = defaultdict(lambda: [0, 0, 0, 0])
    for item in expected:
        for line in item["line_data_list"]:
            rel = line["path"].replace("./tests/samples/", "", 1)
            if is_negative(rel):
                continue
            counts = per_rule[item["rule"]]
            counts[0] += 1
            counts[1] += found(line, by_file.get(rel, []))
            counts[2] += rel in skipped
            counts[3] += rel not in skipped and is_placeholder(line["value"])
            if args.misses and item["rule"] in COVERED and rel not in skipped and \
                    not found(line, by_file.get(rel, [])):
                print(f"missed: {item['rule']} in {rel} line {line['line_num']}")

    def total(rules, column):
        return sum(per_rule[r][column] for r in rules if r in per_rule)

    print("kind         found/expected (in binary files piiscan skips, placeholders)  rule")
    for rule in sorted(per_rule):
        kind = "covered" if rule in COVERED else "generic" if rule in GENERIC else "not covered"
        e, n, b, p = per_rule[rule]
        print(f"{kind:12s} {n:4d}/{e:<4d} ({b:3d}, {p:2d})  {rule}")
    ce, cf, cb, cp = (total(COVERED, i) for i in range(4))
    ge, gf, gb, _ = (total(GENERIC, i) for i in range(4))
    providers = len([r for r in COVERED if r in per_rule])
    readable = ce - cb - cp
    print(f"covered providers: {providers} rules, {cf}/{ce} findings found "
          f"({100.0 * cf / max(ce, 1):.1f}%); in files piiscan reads: {cf}/{ce - cb} "
          f"({100.0 * cf / max(ce - cb, 1):.1f}%); without the {cp} placeholders there, "
          f"which are scored out by design: {cf}/{readable} ({100.0 * cf / max(readable, 1):.1f}%)")
    print(f"generic rules: {gf}/{ge} findings found ({100.0 * gf / max(ge, 1):.1f}%); "
          f"in files piiscan reads: {gf}/{ge - gb} ({100.0 * gf / max(ge - gb, 1):.1f}%)")

    false_alarms = 0
    for name in sorted(os.listdir(samples)):
        if not is_negative(name):
            continue
        hits = [f for f in by_file.get(name, []) if f["entity_type"] in SECRET_TYPES]
        other = [f for f in by_file.get(name, []) if f["entity_type"] not in SECRET_TYPES]
        false_alarms += len(hits)
        print(f"negative sample {name}: {len(hits)} secret findings"
              + (f" ({', '.join(sorted({f['recognizer'] for f in hits}))})" if hits else "")
              + (f", {len(other)} other findings" if other else ""))
    print(f"negative samples: {false_alarms} secret findings")

    # TODO(#6): archives and documents (zip, tar, pdf, docx...) are not
    # opened, so the findings inside them are judged apart.
    ok = cf >= args.min_recall * readable and false_alarms == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
