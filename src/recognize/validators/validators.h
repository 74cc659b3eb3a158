#pragma once

// Checksum and structure validators for recognizer candidates.
//
// A validator receives the exact text a pattern matched (separators such as
// spaces, dashes or dots included) and answers whether it is a real value of
// its format. Validators are pure functions: no allocation beyond locals, no
// shared state, safe to call from any thread.
//
// Validators are looked up by the name the recognizer catalogue gives them
// (`validator: credit_card`); see registry.cc for the table.
//
// Text is treated as bytes: letters and digits are ASCII only, so a
// candidate with any other character is kInvalid (or kUnknown for
// DateTime). Each check is O(n) in the candidate's length or bounded by a
// small constant.

#include <string_view>

namespace piiscan::validators {

enum class Verdict {
  kValid,    // the format's checks pass
  kInvalid,  // a check fails: the candidate is dropped
  kUnknown,  // the format has no check that applies: keep the pattern's score
};

using ValidatorFn = Verdict (*)(std::string_view candidate);

// Returns the validator registered under `name`, or nullptr.
ValidatorFn Find(std::string_view name);

// Payment card number: 13-19 digits (single spaces or single dashes between
// groups, never both), Luhn checksum, and a known issuer prefix (IIN) whose
// brand issues numbers of that length: Visa, Mastercard, Amex, Discover,
// JCB, Diners, UnionPay, Mir, Maestro.
Verdict CreditCard(std::string_view candidate);

// IBAN: country in the IBAN registry, that country's length and BBAN
// structure, ISO 7064 mod 97-10. Any case; single spaces, dashes or dots
// allowed between characters, however grouped. A country's own BBAN check
// digits (Spain's, Belgium's...) are not checked.
Verdict Iban(std::string_view candidate);

// US social security number, dashed, spaced or unbroken: area not 000, 666
// or 9xx, group not 00, serial not 0000; separators, if any, consistent.
// Published example numbers (078-05-1120, 219-09-9999, 123-45-6789) and
// one digit repeated nine times are kInvalid.
Verdict UsSsn(std::string_view candidate);

// UK NHS number: 10 digits (single spaces or single dashes between groups,
// never both), mod 11 check digit; one digit repeated ten times is kInvalid.
Verdict UkNhs(std::string_view candidate);

// ABA routing transit number: 9 digits without separators, valid Federal
// Reserve prefix (00-12, 21-32, 61-72, 80), weighted 3-7-1 checksum.
Verdict AbaRouting(std::string_view candidate);

// IPv4 dotted quad, each octet 0-255 without leading zeros beyond "0".
Verdict Ipv4(std::string_view candidate);

// IPv6 in full, compressed or IPv4-suffixed form (inet_pton); at least one
// digit and two non-empty groups, so that `::` or `a::b` in code is rejected.
Verdict Ipv6(std::string_view candidate);

// Email address: local part and domain rules (no leading, trailing or
// doubled dots; labels of 1-63 letters, digits or hyphens; alphabetic TLD).
// Quoted local parts and IP-literal domains are kInvalid.
Verdict Email(std::string_view candidate);

// MAC address: six hex octets with one consistent separator (":" or "-"),
// or three dot-separated groups of four hex digits; any case; not all zeros.
Verdict Mac(std::string_view candidate);

// Date or date-time: numeric forms (ISO 8601, d/m/y, m/d/y, d.m.y) with
// real month and day ranges, written forms ("3 March 2021", "March 3,
// 2021"), times (hh:mm[:ss] with optional am/pm). Unknown forms -> kUnknown.
// A recognised form is kValid only with month 1-12, a day that exists in
// that month (29 February in leap years), a 4-digit year in 1000-2999,
// hours below 24 (1-12 with am/pm), minutes below 60.
Verdict DateTime(std::string_view candidate);

// Bitcoin mainnet address: base58check (version 0x00 or 0x05, double
// SHA-256 checksum) or segwit "bc1" address (BIP 173 / BIP 350): witness
// version 0 with a bech32 checksum and a 20- or 32-byte program, versions
// 1-16 with a bech32m checksum and a 2-40 byte program; upper or lower case,
// not mixed.
Verdict Bitcoin(std::string_view candidate);

// Ethereum address: 0x + 40 hex digits; mixed case must satisfy EIP-55
// (Keccak-256), a single case carries no checksum and is kValid.
Verdict Ethereum(std::string_view candidate);

// GitHub token (ghp_, gho_, ghu_, ghs_, ghr_): 36 base62 characters whose
// last 6 encode the CRC32 of the 30 before them (prefix excluded), in base62
// with digits 0-9A-Za-z, most significant first, left-padded with '0'.
Verdict GithubToken(std::string_view candidate);

// JSON Web Token: three unpadded base64url parts; the first two decode to
// JSON objects and the header's "alg" is a string. The signature may be
// empty (an unsecured token).
Verdict Jwt(std::string_view candidate);

// URL or bare domain: the host is a host name of at most 253 characters
// whose labels are 1-63 letters, digits or hyphens (not at either end) and
// whose top-level domain is alphabetic; an address host gives kUnknown.
Verdict Url(std::string_view candidate);

}  // namespace piiscan::validators
