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
// Placeholders (a random part of zeros, EXAMPLE...) are kInvalid.
Verdict GithubToken(std::string_view candidate);

// JSON Web Token: three unpadded base64url parts; the first two decode to
// JSON objects and the header's "alg" is a string. The signature may be
// empty (an unsecured token).
Verdict Jwt(std::string_view candidate);

// URL or bare domain: the host is a host name of at most 253 characters
// whose labels are 1-63 letters, digits or hyphens (not at either end) and
// whose top-level domain is alphabetic; an address host gives kUnknown.
Verdict Url(std::string_view candidate);

// ---- National and other identifiers -------------------------------------
// Each takes the matched text (separators as the catalogue's patterns allow
// them) and returns kValid only when the layout and every published check
// hold. Sources of the rules are the issuing bodies' documents, as
// implemented in python-stdnum whose vectors the tests replay.

Verdict UsItin(std::string_view candidate);        // 9NN-GG-NNNN, GG in 50-65, 70-88, 90-92, 94-99
Verdict UsNpi(std::string_view candidate);         // 10 digits, Luhn with prefix 80840
Verdict UsMbi(std::string_view candidate);         // Medicare beneficiary id layout
Verdict DeaNumber(std::string_view candidate);     // DEA registration: 2 letters, 7 digits, check
Verdict UkNino(std::string_view candidate);        // national insurance number prefix rules
Verdict EsNif(std::string_view candidate);         // DNI: 8 digits + mod 23 letter
Verdict EsNie(std::string_view candidate);         // X/Y/Z + 7 digits + mod 23 letter
Verdict ItFiscalCode(std::string_view candidate);  // codice fiscale, omocodia allowed
Verdict ItVatCode(std::string_view candidate);     // partita IVA: office code, Luhn
Verdict PlPesel(std::string_view candidate);       // birth date and weighted check
Verdict SgNric(std::string_view candidate);        // S/T/F/G + 7 digits + letter
Verdict SgUen(std::string_view candidate);         // three layouts, check letter
Verdict AuAbn(std::string_view candidate);         // mod 89
Verdict AuAcn(std::string_view candidate);         // weighted mod 10
Verdict AuTfn(std::string_view candidate);         // 9 digits, weighted mod 11
Verdict AuMedicare(std::string_view candidate);    // 10-11 digits, check ninth
Verdict InPan(std::string_view candidate);         // AAAPA9999A, holder type letter
Verdict InAadhaar(std::string_view candidate);     // 12 digits, Verhoeff
Verdict InGstin(std::string_view candidate);       // state + PAN + base-36 check
Verdict FiHetu(std::string_view candidate);        // DDMMYYCNNNK, mod 31
Verdict KrRrn(std::string_view candidate);         // citizens: gender digit 1-4, 9, 0
Verdict KrFrn(std::string_view candidate);         // foreigners: gender digit 5-8
Verdict KrBrn(std::string_view candidate);         // business registration; bad check: kUnknown
Verdict ThTnin(std::string_view candidate);        // 13 digits, mod 11
Verdict DeTaxId(std::string_view candidate);       // Steuer-IdNr, mod 11,10
Verdict DeTaxNumber(std::string_view candidate);   // Steuernummer layouts (no check)
Verdict DeSocialSecurity(std::string_view candidate);       // Rentenversicherungsnummer
Verdict DeHealthInsurance(std::string_view candidate);      // KVNR
Verdict CaSin(std::string_view candidate);                  // 9 digits, Luhn
Verdict SePersonnummer(std::string_view candidate);         // date + Luhn
Verdict SeOrganisationsnummer(std::string_view candidate);  // third digit >= 2, Luhn
Verdict ZaIdNumber(std::string_view candidate);             // date + Luhn
Verdict TrNationalId(std::string_view candidate);           // two check digits
Verdict FrNir(std::string_view candidate);                  // mod 97 key, Corsica 2A/2B
Verdict NlBsn(std::string_view candidate);                  // eleven test
Verdict BeNationalNumber(std::string_view candidate);       // mod 97, 2000s prefixed by 2
Verdict NoFodselsnummer(std::string_view candidate);        // two mod 11 digits
Verdict DkCpr(std::string_view candidate);                  // DDMMYY-SSSS, real date
Verdict BrCpf(std::string_view candidate);                  // two mod 11 digits
Verdict BrCnpj(std::string_view candidate);                 // two mod 11 digits
Verdict MxCurp(std::string_view candidate);                 // 18 characters, check digit
Verdict MxRfc(std::string_view candidate);  // 12-13 characters; bad check character: kUnknown
Verdict CnResidentId(std::string_view candidate);  // 18 characters, mod 11-2
Verdict JpMyNumber(std::string_view candidate);    // 12 digits, mod 11
Verdict Imei(std::string_view candidate);          // 15 digits, Luhn
Verdict Vin(std::string_view candidate);           // 17 characters, ninth is check
Verdict Bic(std::string_view candidate);           // SWIFT code, ISO country
Verdict PassportMrz(std::string_view candidate);   // TD3 line 2, ICAO check digits
Verdict EuVat(std::string_view candidate);         // country prefix + its check

// ---- Secrets ---------------------------------------------------------------

// A provider credential matched by its prefix and shape: kInvalid for
// placeholders (EXAMPLE, runs of one character, "your_...") and for
// strings under 3 bits of entropy per character.
Verdict SecretToken(std::string_view candidate);

// npm token: "npm_" + 30 base62 + CRC32 in 6 base62; a bad checksum is
// kUnknown (older tokens have none), a placeholder kInvalid.
Verdict NpmToken(std::string_view candidate);

// "key = value" / "key: value" where the key names a password or secret:
// kValid when the value is at least 6 characters, mixes two kinds of
// characters (cases, digits, symbols) with symbols under a third of them,
// reaches 2.5 bits of entropy per character, and is no placeholder,
// variable reference or code.
Verdict SecretAssignment(std::string_view candidate);

// "scheme://user:password@host...": kValid when the password is real
// (not empty, a placeholder, a template variable or the word "password").
Verdict UrlPassword(std::string_view candidate);

// True when EuVat checks numbers with this two-letter prefix (the others
// are kInvalid until their checks are written).
bool EuVatCountryChecked(std::string_view prefix);

}  // namespace piiscan::validators
