#pragma once

// `piiscan redact` writes anonymized copies of files, folders or stdin,
// keeping the structure of CSV, TSV, JSON and JSON Lines files
// (anonymize/structured.h), and can record what it replaced:
//
//   piiscan redact notes.txt -o notes.redacted.txt
//   piiscan redact data/ --out-dir clean/ --config ops.yaml
//       --mapping pseudonyms.json --report items.jsonl
//
// `piiscan deanonymize` reverses the encrypt and pseudonym replacements of
// one redacted file with that report, the mapping and the key:
//
//   piiscan deanonymize clean/a.csv --report items.jsonl
//       --mapping pseudonyms.json --key-env PIISCAN_KEY -o a.csv
//
// The report (JSON Lines) places each item, never holding a value: file,
// output, format, where in the document (line, row/column, pointer),
// operator, entity_type, start and end (code points). The mapping file
// holds original values; it is written readable by its owner only.
//
// Originals are never written unless --in-place is given, and then only
// when something in them changes. Binary files are skipped with a note.
// An error in one file does not stop the others. Exit status: 2 if
// anything failed, else 1 if anything was replaced, else 0.

#include <CLI/CLI.hpp>

namespace piiscan::cli {

// Registers `redact` and `deanonymize`; the callbacks store the exit status.
void RegisterRedact(CLI::App* app, int* exit_status);

}  // namespace piiscan::cli
