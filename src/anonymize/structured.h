#pragma once

// Anonymizing whole documents while keeping their structure.
//
//   anonymize::Redactor redactor{analyzer.get(), anonymizer.get(), {}};
//   auto doc = anonymize::AnonymizeDocument(redactor, bytes, DocumentFormat::kCsv);
//   if (!doc) { report(doc.error()); }
//   // doc->text: the same rows, columns and quoting, PII cells replaced
//
// How each format is handled:
//   text        analyzed as a stream (piiscan/scanner.h); every byte outside
//               the findings is copied as it was, line breaks included.
//   CSV, TSV    RFC 4180 quoting; each cell is analyzed on its own. A cell
//               that does not change is copied byte for byte; one that does
//               is quoted only if it was quoted or its new value needs it.
//   JSON        string leaves (and numbers, e.g. a card stored as a number)
//               are analyzed one by one; keys never change. Everything but
//               the changed leaves is copied byte for byte, layout included.
//               A number whose replacement is no number becomes a string.
//   JSON Lines  each line as a JSON document; a line that is not JSON is
//               redacted as plain text and reported in DocumentResult::errors.
//
// Each item is placed in the document by an ItemPlace, and its start/end
// count code points within that place: the whole text, one CSV cell, or
// one JSON value. DeanonymizeDocument() uses the places to restore the
// reversible items (encrypt, pseudonym) of the anonymized document.
//
// Errors never quote the document's content: they name lines, rows,
// columns and JSON pointers.
//
// Thread safety: no state is kept between calls. A Redactor may be shared
// by threads, since Analyzer and Anonymizer may be.

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/analyzer.h"
#include "piiscan/anonymizer.h"
#include "piiscan/status.h"

namespace piiscan::anonymize {

enum class DocumentFormat { kText, kCsv, kTsv, kJson, kJsonLines };

// By the path's extension, ignoring case: .csv, .tsv, .json, .jsonl and
// .ndjson; anything else is text.
DocumentFormat FormatForPath(std::string_view path);

// "text", "csv", "tsv", "json", "jsonl".
const char* FormatName(DocumentFormat format);
Result<DocumentFormat> ParseFormatName(std::string_view name);

// Where in a document an item lies. Fields that do not apply stay empty.
struct ItemPlace {
  size_t line = 0;          // JSON Lines: 1-based line
  size_t row = 0;           // CSV, TSV: 1-based record (a header counts)
  size_t column = 0;        // CSV, TSV: 1-based field
  std::string pointer;      // JSON, JSON Lines: RFC 6901 pointer to the value
  bool was_number = false;  // JSON: the value was a number
  // JSON: the item is in the member name `pointer` ends with, not in its
  // value; pointers name members as the redacted document writes them.
  bool key = false;
};

struct PlacedItem {
  ItemPlace place;
  AnonymizedItem item;  // start/end: code points within the place
};

// A part of a document that could not be read as its format says (a JSON
// Lines line that is not JSON); it was redacted as plain text.
struct RecordError {
  size_t line = 0;
  std::string message;
};

struct DocumentResult {
  std::string text;                 // the whole output document
  std::vector<PlacedItem> items;    // in document order
  std::vector<RecordError> errors;  // parts kept as they were
  bool binary = false;              // not text: nothing was done
  std::string encoding;             // detected; the output keeps it
};

// What finds (the analyzer) and what replaces (the anonymizer). Both must
// outlive every call that uses the Redactor.
struct Redactor {
  const Analyzer* analyzer = nullptr;
  const Anonymizer* anonymizer = nullptr;
  AnalyzeOptions options;
};

// Anonymizes a document held in memory (`bytes` as read from a file).
// Text and CSV keep their encoding; JSON must be UTF-8. Binary input is
// left alone (DocumentResult::binary).
// Errors: kParse for a JSON document that is not JSON (naming its line and
// column); the analyzer's and anonymizer's errors, naming the place.
Result<DocumentResult> AnonymizeDocument(const Redactor& redactor, std::string_view bytes,
                                         DocumentFormat format);

// Anonymizes text of any size in bounded memory. `scan` and `copy` are two
// readers of the same bytes, both at the start: `scan` is analyzed while
// `copy` is copied to `out` with each finding replaced. Each item goes to
// `on_item` as soon as it is written. `name` is used in error messages.
// On an error the output stops before the first finding not replaced, so
// it never holds a value that should have been replaced.
// Returns the number of items, the encoding and whether the input was
// binary (then nothing is written).
struct TextStreamReport {
  size_t items = 0;
  size_t bytes = 0;
  bool binary = false;
  std::string encoding;
};
Result<TextStreamReport> AnonymizeTextStream(const Redactor& redactor, std::istream& scan,
                                             std::istream& copy, std::ostream& out,
                                             const std::string& name,
                                             const std::function<void(PlacedItem&&)>& on_item);

// Restores the encrypt and pseudonym items of a document that
// AnonymizeDocument (or AnonymizeTextStream) wrote, in the same format.
// `items` must be in document order, as they were produced. Errors name
// the place and the item: a wrong key, a damaged token, a pseudonym not in
// the mapping, or a place the document does not have.
Result<DocumentResult> DeanonymizeDocument(std::string_view bytes, DocumentFormat format,
                                           const std::vector<PlacedItem>& items,
                                           const DeanonymizeOptions& options);

// --- CSV, exposed for tests ----------------------------------------------

struct CsvField {
  std::string value;     // unquoted, "" unescaped
  std::string_view raw;  // the bytes as written, quotes included
  bool quoted = false;
};

struct CsvRecord {
  std::vector<CsvField> fields;
  std::string_view terminator;  // "\r\n", "\n", or "" at the end of the text
};

// Reads the record that starts at `*pos` and moves `*pos` past it. Never
// fails: a quote inside an unquoted field is data, text after a closing
// quote joins the value, and an unclosed quote runs to the end of the text.
// REQUIRES: *pos < text.size(). `record`'s views point into `text`.
void ReadCsvRecord(std::string_view text, char delimiter, size_t* pos, CsvRecord* record);

// `value` as a field: quoted if `quoted` or if it holds the delimiter, a
// quote or a line break.
std::string FormatCsvField(std::string_view value, bool quoted, char delimiter);

}  // namespace piiscan::anonymize
