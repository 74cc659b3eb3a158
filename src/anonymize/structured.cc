#include "anonymize/structured.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <streambuf>
#include <utility>

#include "piiscan/scanner.h"
#include "piiscan/text.h"

namespace piiscan::anonymize {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// What the scanner looks at to detect the encoding, and to tell binary.
constexpr size_t kSniffBytes = 64 << 10;
// Bytes copied from the source at a time.
constexpr size_t kCopyBlock = 64 << 10;

constexpr struct {
  DocumentFormat format;
  const char* name;
} kFormatNames[] = {
    {DocumentFormat::kText, "text"},       {DocumentFormat::kCsv, "csv"},
    {DocumentFormat::kTsv, "tsv"},         {DocumentFormat::kJson, "json"},
    {DocumentFormat::kJsonLines, "jsonl"},
};

// --- Encodings -----------------------------------------------------------

// The encoding the scanner decodes text with, "" for binary. Mirrors
// ScanStream: a UTF-16 byte order mark, else UTF-16 by its NUL bytes, else
// the binary check, else detection. AnonymizeTextStream checks afterwards
// that the scanner agreed.
// Length of the byte order mark `bytes` start with in `encoding`, which is
// no text: the scanner counts code points after it.
size_t BomLength(std::string_view bytes, const std::string& encoding) {
  if (encoding == "UTF-8" && bytes.starts_with(kBom)) return kBom.size();
  if (encoding == "UTF-16LE" && bytes.starts_with("\xFF\xFE")) return 2;
  if (encoding == "UTF-16BE" && bytes.starts_with("\xFE\xFF")) return 2;
  if (encoding == "UTF-32LE" && bytes.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return 4;
  if (encoding == "UTF-32BE" && bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return 4;
  return 0;
}

// `utf8` written in `encoding` (ICU); characters it lacks become its
// substitution character.
Result<std::string> EncodeAs(std::string_view utf8, const std::string& encoding) {
  if (encoding == "UTF-8" || utf8.empty()) return std::string(utf8);
  const auto length = static_cast<int32_t>(utf8.size());
  UErrorCode status = U_ZERO_ERROR;
  const int32_t need =
      ucnv_convert(encoding.c_str(), "UTF-8", nullptr, 0, utf8.data(), length, &status);
  if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) {
    return MakeError(ErrorCode::kUnsupported, "cannot write text in " + encoding);
  }
  std::string out(static_cast<size_t>(need), '\0');
  status = U_ZERO_ERROR;
  ucnv_convert(encoding.c_str(), "UTF-8", out.data(), need, utf8.data(), length, &status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kUnsupported, "cannot write text in " + encoding);
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int64_t>(s.size());
  for (int64_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// --- Places and values ---------------------------------------------------

// "row 3, column 2", "line 7, /user/email": where an error happened.
std::string Where(const ItemPlace& place) {
  std::string out;
  if (place.line > 0) out = "line " + std::to_string(place.line);
  if (place.row > 0) out = "row " + std::to_string(place.row);
  if (place.column > 0) out += ", column " + std::to_string(place.column);
  if (!place.pointer.empty()) out += (out.empty() ? "" : ", ") + place.pointer;
  return out.empty() ? "document" : out;
}

Error At(const ItemPlace& place, const Error& error) {
  return Error{error.code, Where(place) + ": " + error.message};
}

// A column header or JSON key as words: "nhsNumber" reads "nhs Number";
// "nhs_number" is split by the analyzer. Bad UTF-8 is dropped, since the
// words are looked up as ASCII.
std::string HeaderWords(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size() && out.size() < 256; ++i) {
    const char c = name[i];
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z') out += ' ';
    out += c;
  }
  return out;
}

// Analyzes and anonymizes one value (a cell, a JSON string). When nothing
// is found, the result has no items and an empty text.
// `around`, when not empty, names the value (its column header, its JSON
// key): its words count as context words next to every candidate, as
// they do for `scan`, which reads the header or key just before the value.
Result<AnonymizeResult> AnonymizeValue(const Redactor& r, std::string_view value,
                                       std::string_view around = {}) {
  if (value.empty()) return AnonymizeResult{};
  AnalyzeOptions named;
  if (!around.empty()) {
    named = r.options;
    named.surrounding.emplace_back(around);
  }
  auto findings = r.analyzer->Analyze(value, around.empty() ? r.options : named);
  if (!findings) return tl::unexpected(findings.error());
  if (findings->empty()) return AnonymizeResult{};
  return r.anonymizer->Anonymize(value, *findings);
}

// The redactor for one document: offsets in code points are not needed,
// since the anonymizer works on bytes.
Redactor ForDocument(const Redactor& redactor) {
  Redactor r = redactor;
  r.options.code_points = false;
  return r;
}

void AddItems(const ItemPlace& place, AnonymizeResult* result, std::vector<PlacedItem>* items) {
  for (AnonymizedItem& item : result->items) items->push_back({place, std::move(item)});
}

// Items of one place, for restoring.
struct Group {
  ItemPlace place;
  std::vector<AnonymizedItem> items;
  bool used = false;
};

// An item of a text document: its place is the whole text.
PlacedItem Unplaced(AnonymizedItem item) {
  PlacedItem placed;
  placed.item = std::move(item);
  return placed;
}

ItemPlace CellPlace(size_t row, size_t column) {
  ItemPlace place;
  place.row = row;
  place.column = column;
  return place;
}

ItemPlace JsonPlace(size_t line, std::string pointer, bool was_number) {
  ItemPlace place;
  place.line = line;
  place.pointer = std::move(pointer);
  place.was_number = was_number;
  return place;
}

std::string GroupKey(const ItemPlace& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.row) + ":" + std::to_string(p.column) +
         (p.key ? ":key:" : ":") + p.pointer;
}

std::map<std::string, Group> GroupByPlace(const std::vector<PlacedItem>& items) {
  std::map<std::string, Group> groups;
  for (const PlacedItem& placed : items) {
    Group& g = groups[GroupKey(placed.place)];
    g.place = placed.place;
    g.items.push_back(placed.item);
  }
  return groups;
}

// Restores the reversible items of one value.
Result<AnonymizeResult> RestoreValue(std::string_view value, Group* group,
                                     const DeanonymizeOptions& options) {
  group->used = true;
  auto restored = Deanonymize(value, group->items, options);
  if (!restored) return tl::unexpected(At(group->place, restored.error()));
  return restored;
}

// Every place named by the items must exist in the document.
Status AllUsed(const std::map<std::string, Group>& groups) {
  for (const auto& [key, group] : groups) {
    if (!group.used) {
      return MakeError(ErrorCode::kInvalidArgument,
                       Where(group.place) + ": the document has no such place");
    }
  }
  return {};
}

// --- Text ----------------------------------------------------------------

// An istream over bytes held elsewhere, without copying them.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view bytes) {
    char* p = const_cast<char*>(bytes.data());  // never written: no put area
    setg(p, p, p + bytes.size());
  }
};

// Copies the source to the output, leaving out what was replaced.
class Copier {
 public:
  Copier(std::string head, std::istream& in, std::ostream& out)
      : buf_(std::move(head)), in_(in), out_(out) {}

  void CopyTo(size_t to) { Move(to, true); }
  void SkipTo(size_t to) { Move(to, false); }
  void CopyRest() { Move(SIZE_MAX, true); }
  bool failed() const { return in_.bad() || out_.fail(); }

 private:
  void Move(size_t to, bool write) {
    while (pos_ < to) {
      if (used_ == buf_.size() && !Refill()) return;
      const size_t n = std::min(to - pos_, buf_.size() - used_);
      if (write) out_.write(buf_.data() + used_, static_cast<std::streamsize>(n));
      used_ += n;
      pos_ += n;
    }
  }

  bool Refill() {
    buf_.resize(kCopyBlock);
    in_.read(buf_.data(), kCopyBlock);
    buf_.resize(static_cast<size_t>(in_.gcount()));
    used_ = 0;
    return !buf_.empty();
  }

  std::string buf_;
  size_t used_ = 0;  // bytes of buf_ already handled
  size_t pos_ = 0;   // source offset of buf_[used_]
  std::istream& in_;
  std::ostream& out_;
};

// The anonymizer's item for a value the analyzer found whole.
Result<AnonymizedItem> ReplaceWhole(const Anonymizer& anonymizer, const Finding& finding,
                                    std::string_view value) {
  Finding whole;
  whole.entity_type = finding.entity_type;
  whole.byte_end = value.size();
  auto result = anonymizer.Anonymize(value, {whole});
  if (!result) return tl::unexpected(result.error());
  return std::move(result->items.front());
}

Result<DocumentResult> AnonymizeText(const Redactor& redactor, std::string_view bytes) {
  ViewBuf scan_buf(bytes);
  ViewBuf copy_buf(bytes);
  std::istream scan(&scan_buf);
  std::istream copy(&copy_buf);
  std::ostringstream out;
  DocumentResult result;
  auto report = AnonymizeTextStream(redactor, scan, copy, out, "input", [&](PlacedItem&& item) {
    result.items.push_back(std::move(item));
  });
  if (!report) return tl::unexpected(report.error());
  result.text = std::move(out).str();
  result.binary = report->binary;
  result.encoding = report->encoding;
  return result;
}

Result<DocumentResult> DeanonymizeText(std::string_view bytes, const std::vector<PlacedItem>& items,
                                       const DeanonymizeOptions& options) {
  DocumentResult result;
  result.encoding = SniffEncoding(bytes.substr(0, kSniffBytes));
  if (result.encoding.empty()) return MakeError(ErrorCode::kUnsupported, "binary input");
  const size_t base = BomLength(bytes, result.encoding);
  auto decoded = Decode(bytes.substr(base), result.encoding);
  if (!decoded) return tl::unexpected(decoded.error());

  std::vector<AnonymizedItem> plain;
  std::vector<size_t> cps;
  for (const PlacedItem& placed : items) {
    plain.push_back(placed.item);
    cps.push_back(placed.item.start);
    cps.push_back(placed.item.end);
  }
  auto restored = Deanonymize(decoded->utf8, plain, options);
  if (!restored) return tl::unexpected(restored.error());

  // The restored values go into the original bytes, so that everything
  // else stays as it was, even bytes that did not decode.
  const std::vector<size_t> at = ToBytes(decoded->utf8, cps);
  result.text = std::string(bytes.substr(0, base));
  size_t copied = base;
  for (size_t i = 0; i < plain.size(); ++i) {
    result.items.push_back(Unplaced(restored->items[i]));
    if (restored->items[i].operator_name != "deanonymize") continue;
    auto value = EncodeAs(restored->items[i].text, result.encoding);
    if (!value) return tl::unexpected(value.error());
    const size_t start = base + decoded->offsets.ToSource(at[2 * i]);
    result.text.append(bytes.substr(copied, start - copied));
    result.text += *value;
    copied = base + decoded->offsets.ToSource(at[2 * i + 1]);
  }
  result.text.append(bytes.substr(copied));
  return result;
}

// --- CSV -----------------------------------------------------------------

// End of an unquoted stretch: the next delimiter or line break.
size_t FieldEnd(std::string_view text, size_t i, char delimiter) {
  const char stops[] = {delimiter, '\n'};
  const size_t end = text.find_first_of(std::string_view(stops, 2), i);
  if (end == std::string_view::npos) return text.size();
  if (text[end] == '\n' && end > i && text[end - 1] == '\r') return end - 1;
  return end;
}

// Reads a quoted field from the opening quote at `i`; returns where it ends.
size_t ReadQuoted(std::string_view text, size_t i, char delimiter, std::string* value) {
  for (++i;;) {
    const size_t quote = text.find('"', i);
    if (quote == std::string_view::npos) {  // never closed: runs to the end
      value->append(text.substr(i));
      return text.size();
    }
    value->append(text.substr(i, quote - i));
    i = quote + 1;
    if (i < text.size() && text[i] == '"') {
      *value += '"';
      ++i;
      continue;
    }
    break;
  }
  // Anything between the closing quote and the delimiter joins the value.
  const size_t end = FieldEnd(text, i, delimiter);
  value->append(text.substr(i, end - i));
  return end;
}

Result<std::string> AnonymizeCsvText(const Redactor& r, std::string_view text, char delimiter,
                                     bool valid_utf8, std::vector<PlacedItem>* items) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  CsvRecord record;
  std::vector<std::string> header;  // the first record's values
  size_t row = 0;
  for (size_t pos = 0; pos < text.size();) {
    ReadCsvRecord(text, delimiter, &pos, &record);
    ++row;
    if (row == 1) {
      for (const CsvField& field : record.fields) header.push_back(HeaderWords(field.value));
    }
    for (size_t col = 0; col < record.fields.size(); ++col) {
      const CsvField& field = record.fields[col];
      if (col > 0) out += delimiter;
      // The analyzer reads valid UTF-8 only: a cell with bad bytes is
      // decoded leniently, and written decoded if it changes.
      std::string decoded;
      std::string_view value = field.value;
      if (!valid_utf8 && !IsValidUtf8(value)) {
        auto d = Decode(value, "UTF-8");
        if (!d) return tl::unexpected(d.error());
        decoded = std::move(d->utf8);
        value = decoded;
      }
      const ItemPlace place = CellPlace(row, col + 1);
      const bool named = row > 1 && col < header.size();
      auto result = AnonymizeValue(r, value, named ? std::string_view(header[col]) : "");
      if (!result) return tl::unexpected(At(place, result.error()));
      if (result->items.empty()) {
        out.append(field.raw);
        continue;
      }
      out += FormatCsvField(result->text, field.quoted, delimiter);
      AddItems(place, &*result, items);
    }
    out += record.terminator;
  }
  return out;
}

// A CSV document's text as UTF-8, without a byte order mark.
struct CsvText {
  std::string_view body;  // the source after the mark, if it is UTF-8
  std::string decoded;    // the source decoded, if it is not
  bool is_decoded = false;
  std::string_view bom;
  std::string encoding;  // "" for binary
  bool valid_utf8 = true;

  // A view into `decoded` or the source: never stored, since a copy or a
  // move of a short `decoded` moves its bytes.
  std::string_view utf8() const { return is_decoded ? std::string_view(decoded) : body; }
};

Result<CsvText> ReadCsvText(std::string_view bytes) {
  CsvText t;
  t.encoding = SniffEncoding(bytes.substr(0, kSniffBytes));
  if (t.encoding.empty()) return t;
  t.bom = bytes.substr(0, BomLength(bytes, t.encoding));
  const std::string_view body = bytes.substr(t.bom.size());
  if (t.encoding != "UTF-8") {
    auto d = Decode(body, t.encoding);
    if (!d) return tl::unexpected(d.error());
    t.decoded = std::move(d->utf8);
    t.is_decoded = true;
    return t;
  }
  t.body = body;
  t.valid_utf8 = IsValidUtf8(body);
  return t;
}

Result<DocumentResult> AnonymizeCsv(const Redactor& r, std::string_view bytes, char delimiter) {
  DocumentResult result;
  auto csv = ReadCsvText(bytes);
  if (!csv) return tl::unexpected(csv.error());
  result.encoding = csv->encoding;
  result.binary = csv->encoding.empty();
  if (result.binary) return result;

  auto text = AnonymizeCsvText(r, csv->utf8(), delimiter, csv->valid_utf8, &result.items);
  if (!text) return tl::unexpected(text.error());
  if (result.items.empty()) {
    result.text = std::string(bytes);
    return result;
  }
  auto encoded = EncodeAs(*text, csv->encoding);
  if (!encoded) return tl::unexpected(encoded.error());
  result.text = std::string(csv->bom) + *encoded;
  return result;
}

Result<DocumentResult> DeanonymizeCsv(std::string_view bytes, char delimiter,
                                      const std::vector<PlacedItem>& items,
                                      const DeanonymizeOptions& options) {
  auto csv = ReadCsvText(bytes);
  if (!csv) return tl::unexpected(csv.error());
  if (csv->encoding.empty()) return MakeError(ErrorCode::kUnsupported, "binary input");
  std::map<std::string, Group> groups = GroupByPlace(items);

  DocumentResult result;
  result.encoding = csv->encoding;
  std::string out;
  CsvRecord record;
  size_t row = 0;
  const std::string_view text = csv->utf8();
  for (size_t pos = 0; pos < text.size();) {
    ReadCsvRecord(text, delimiter, &pos, &record);
    ++row;
    for (size_t col = 0; col < record.fields.size(); ++col) {
      const CsvField& field = record.fields[col];
      if (col > 0) out += delimiter;
      auto group = groups.find(GroupKey(CellPlace(row, col + 1)));
      if (group == groups.end()) {
        out.append(field.raw);
        continue;
      }
      auto restored = RestoreValue(field.value, &group->second, options);
      if (!restored) return tl::unexpected(restored.error());
      out += FormatCsvField(restored->text, field.quoted, delimiter);
      AddItems(group->second.place, &*restored, &result.items);
    }
    out += record.terminator;
  }
  if (auto st = AllUsed(groups); !st) return tl::unexpected(st.error());
  auto encoded = EncodeAs(out, csv->encoding);
  if (!encoded) return tl::unexpected(encoded.error());
  result.text = std::string(csv->bom) + *encoded;
  return result;
}

// --- JSON ----------------------------------------------------------------

// One open object or array while walking a document.
struct Frame {
  bool object = false;
  size_t index = 0;            // arrays: the current element
  std::string key;             // objects: the current member, as pointers name it
  std::string name;            // objects: the current member, as the source names it
  std::set<std::string> keys;  // objects: the member names used so far
};

// `key` as one RFC 6901 reference token, after a '/'.
void AppendToken(std::string_view key, std::string* pointer) {
  *pointer += '/';
  for (char c : key) {
    if (c == '~') {
      *pointer += "~0";
    } else if (c == '/') {
      *pointer += "~1";
    } else {
      *pointer += c;
    }
  }
}

// The pointer to the current value of the first `depth` frames.
std::string PointerOf(const std::vector<Frame>& stack, size_t depth) {
  std::string pointer;
  for (size_t i = 0; i < depth; ++i) {
    const Frame& f = stack[i];
    if (f.object) {
      AppendToken(f.key, &pointer);
    } else {
      pointer += '/' + std::to_string(f.index);
    }
  }
  return pointer;
}

std::string PointerOf(const std::vector<Frame>& stack) { return PointerOf(stack, stack.size()); }

// Index just past the string literal that opens at `i`.
size_t StringEnd(std::string_view s, size_t i) {
  for (size_t j = i + 1; j < s.size();) {
    j = s.find_first_of("\"\\", j);
    if (j == std::string_view::npos) break;
    if (s[j] == '"') return j + 1;
    j += 2;  // an escape
  }
  return s.size();
}

Result<std::string> DecodeJsonString(std::string_view literal) {
  if (literal.find('\\') == std::string_view::npos) {
    return std::string(literal.substr(1, literal.size() - 2));
  }
  try {
    return Json::parse(literal.begin(), literal.end()).get<std::string>();
  } catch (const Json::exception&) {
    return MakeError(ErrorCode::kParse, "malformed JSON string");
  }
}

std::string EncodeJsonString(std::string_view value) {
  return Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > begin;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// A string or number value in a document: its literal and where it is.
struct Leaf {
  std::string pointer;
  size_t offset = 0;
  std::string_view literal;
  bool is_string = false;
  // Values: the source's member name nearest the value, "" in top arrays.
  // Keys: the member name itself; `pointer` is then the object's.
  std::string key;
  const std::set<std::string>* taken = nullptr;  // keys: the object's names so far
};

// `name`, or `name` with the first " (N)" (N = 2, 3, ...) that is not taken.
std::string UniqueName(const std::string& name, const std::set<std::string>& taken) {
  if (!taken.contains(name)) return name;
  for (size_t n = 2;; ++n) {
    std::string candidate = name + " (" + std::to_string(n) + ")";
    if (!taken.contains(candidate)) return candidate;
  }
}

// The source's name of the innermost object member on the stack.
std::string NearestKey(const std::vector<Frame>& stack) {
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (it->object) return it->name;
  }
  return "";
}

Result<std::string> LeafValue(const Leaf& leaf) {
  if (leaf.is_string) return DecodeJsonString(leaf.literal);
  return std::string(leaf.literal);
}

using LeafVisitor = std::function<Status(const Leaf&)>;
// Returns the name pointers use for the member (its name in the output).
using KeyVisitor = std::function<Result<std::string>(const Leaf&)>;

// Calls `visit` for every string and number value of `text` and `visit_key`
// for every member name, in order, stopping at the first error.
// REQUIRES: `text` is valid JSON.
Status ForEachLeaf(std::string_view text, const LeafVisitor& visit, const KeyVisitor& visit_key) {
  std::vector<Frame> stack;
  bool expect_key = false;
  for (size_t i = text.starts_with(kBom) ? kBom.size() : 0; i < text.size();) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      stack.push_back(Frame{c == '{', 0, {}, {}, {}});
      expect_key = c == '{';
      ++i;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      expect_key = false;
      ++i;
    } else if (c == ',') {
      if (!stack.empty()) {
        expect_key = stack.back().object;
        if (!expect_key) ++stack.back().index;
      }
      ++i;
    } else if (c == '"') {
      const size_t end = StringEnd(text, i);
      const std::string_view literal = text.substr(i, end - i);
      if (expect_key && !stack.empty()) {
        auto key = DecodeJsonString(literal);
        if (!key) return tl::unexpected(key.error());
        Leaf leaf{PointerOf(stack, stack.size() - 1), i, literal, true, *key};
        leaf.taken = &stack.back().keys;
        auto named = visit_key(leaf);
        if (!named) return tl::unexpected(named.error());
        stack.back().keys.insert(*named);
        stack.back().key = std::move(*named);
        stack.back().name = std::move(*key);
        expect_key = false;
      } else if (auto st = visit({PointerOf(stack), i, literal, true, NearestKey(stack)}); !st) {
        return st;
      }
      i = end;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t end = std::min(text.find_first_not_of("0123456789+-.eE", i), text.size());
      const Leaf leaf{PointerOf(stack), i, text.substr(i, end - i), false, NearestKey(stack)};
      if (auto st = visit(leaf); !st) return st;
      i = end;
    } else {
      ++i;  // white space, ':', and the letters of true, false and null
    }
  }
  return {};
}

// Where `text` stops being JSON, as "line L, column C" (bytes).
std::string JsonErrorPosition(std::string_view text) {
  size_t byte = 0;
  try {
    const Json parsed = Json::parse(text.begin(), text.end());
    static_cast<void>(parsed);
  } catch (const Json::parse_error& e) {
    byte = e.byte;  // 1-based; the message quotes the text, so it is not used
  } catch (const Json::exception&) {
  }
  byte = std::min(byte > 0 ? byte - 1 : 0, text.size());
  const std::string_view before = text.substr(0, byte);
  const size_t line = static_cast<size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  const size_t line_start = before.rfind('\n');
  const size_t column = line_start == std::string_view::npos ? byte + 1 : byte - line_start;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool IsJson(std::string_view text) { return Json::accept(text.begin(), text.end()); }

// Anonymizes the leaves of valid JSON `text` into `out`; `line` places the
// items of a JSON Lines line.
Status AnonymizeJsonText(const Redactor& r, std::string_view text, size_t line, std::string* out,
                         std::vector<PlacedItem>* items) {
  size_t copied = 0;
  // A replaced member name must not repeat an earlier one of its object,
  // or the object would lose a member: " (2)" and so on tell them apart.
  // TODO(#2): a later unreplaced name equal to an earlier replacement
  // ("<EMAIL_ADDRESS>" written literally) still repeats it.
  const auto visit_key = [&](const Leaf& leaf) -> Result<std::string> {
    auto result = AnonymizeValue(r, leaf.key);
    if (!result) return tl::unexpected(At(JsonPlace(line, leaf.pointer, false), result.error()));
    if (result->items.empty()) return leaf.key;
    std::string name = UniqueName(result->text, *leaf.taken);
    ItemPlace place = JsonPlace(line, leaf.pointer, false);
    AppendToken(name, &place.pointer);
    place.key = true;
    out->append(text.substr(copied, leaf.offset - copied));
    *out += EncodeJsonString(name);
    copied = leaf.offset + leaf.literal.size();
    AddItems(place, &*result, items);
    return name;
  };
  Status st = ForEachLeaf(
      text,
      [&](const Leaf& leaf) -> Status {
        const ItemPlace place = JsonPlace(line, leaf.pointer, !leaf.is_string);
        auto value = LeafValue(leaf);
        if (!value) return tl::unexpected(At(place, value.error()));
        auto result = AnonymizeValue(r, *value, HeaderWords(leaf.key));
        if (!result) return tl::unexpected(At(place, result.error()));
        if (result->items.empty()) return {};

        out->append(text.substr(copied, leaf.offset - copied));
        const bool number = !leaf.is_string && IsJsonNumber(result->text);
        *out += number ? result->text : EncodeJsonString(result->text);
        copied = leaf.offset + leaf.literal.size();
        AddItems(place, &*result, items);
        return {};
      },
      visit_key);
  if (!st) return st;
  out->append(text.substr(copied));
  return {};
}

Status DeanonymizeJsonText(std::string_view text, size_t line, std::map<std::string, Group>* groups,
                           const DeanonymizeOptions& options, std::string* out,
                           std::vector<PlacedItem>* items) {
  size_t copied = 0;
  const auto visit_key = [&](const Leaf& leaf) -> Result<std::string> {
    ItemPlace place = JsonPlace(line, leaf.pointer, false);
    AppendToken(leaf.key, &place.pointer);
    place.key = true;
    auto group = groups->find(GroupKey(place));
    if (group == groups->end()) return leaf.key;
    auto restored = RestoreValue(leaf.key, &group->second, options);
    if (!restored) return tl::unexpected(restored.error());
    out->append(text.substr(copied, leaf.offset - copied));
    *out += EncodeJsonString(restored->text);
    copied = leaf.offset + leaf.literal.size();
    AddItems(group->second.place, &*restored, items);
    return leaf.key;  // pointers name members as the redacted document does
  };
  Status st = ForEachLeaf(
      text,
      [&](const Leaf& leaf) -> Status {
        auto group = groups->find(GroupKey(JsonPlace(line, leaf.pointer, false)));
        if (group == groups->end()) return {};
        auto value = LeafValue(leaf);
        if (!value) return tl::unexpected(At(group->second.place, value.error()));
        auto restored = RestoreValue(*value, &group->second, options);
        if (!restored) return tl::unexpected(restored.error());

        out->append(text.substr(copied, leaf.offset - copied));
        const bool number =
            (group->second.place.was_number || !leaf.is_string) && IsJsonNumber(restored->text);
        *out += number ? restored->text : EncodeJsonString(restored->text);
        copied = leaf.offset + leaf.literal.size();
        AddItems(group->second.place, &*restored, items);
        return {};
      },
      visit_key);
  if (!st) return st;
  out->append(text.substr(copied));
  return {};
}

bool LooksBinaryJson(std::string_view bytes) {
  return SniffEncoding(bytes.substr(0, kSniffBytes)).empty();
}

Result<DocumentResult> AnonymizeJson(const Redactor& r, std::string_view bytes) {
  DocumentResult result;
  result.encoding = "UTF-8";
  result.binary = LooksBinaryJson(bytes);
  if (result.binary) return result;
  if (!IsJson(bytes)) {
    return MakeError(ErrorCode::kParse, "not valid JSON (" + JsonErrorPosition(bytes) + ")");
  }
  if (auto st = AnonymizeJsonText(r, bytes, 0, &result.text, &result.items); !st) {
    return tl::unexpected(st.error());
  }
  return result;
}

Result<DocumentResult> DeanonymizeJson(std::string_view bytes, const std::vector<PlacedItem>& items,
                                       const DeanonymizeOptions& options) {
  if (!IsJson(bytes)) {
    return MakeError(ErrorCode::kParse, "not valid JSON (" + JsonErrorPosition(bytes) + ")");
  }
  std::map<std::string, Group> groups = GroupByPlace(items);
  DocumentResult result;
  result.encoding = "UTF-8";
  if (auto st = DeanonymizeJsonText(bytes, 0, &groups, options, &result.text, &result.items); !st) {
    return tl::unexpected(st.error());
  }
  if (auto st = AllUsed(groups); !st) return tl::unexpected(st.error());
  return result;
}

// One line of a JSON Lines document, without its line ending.
struct Line {
  std::string_view body;
  std::string_view ending;  // "\n", "\r\n" or ""
};

// Splits at `*pos` and moves `*pos` past the line.
Line NextLine(std::string_view text, size_t* pos) {
  const size_t nl = text.find('\n', *pos);
  const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
  std::string_view body = text.substr(*pos, end - *pos);
  *pos = end;
  size_t cut = body.ends_with('\n') ? 1 : 0;
  if (cut == 1 && body.size() >= 2 && body[body.size() - 2] == '\r') cut = 2;
  return {body.substr(0, body.size() - cut), body.substr(body.size() - cut)};
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

Result<DocumentResult> AnonymizeJsonLines(const Redactor& r, std::string_view bytes) {
  DocumentResult result;
  result.encoding = "UTF-8";
  result.binary = LooksBinaryJson(bytes);
  if (result.binary) return result;
  result.text.reserve(bytes.size());
  size_t number = 0;
  for (size_t pos = 0; pos < bytes.size();) {
    const Line line = NextLine(bytes, &pos);
    ++number;
    if (Blank(line.body)) {
      result.text.append(line.body).append(line.ending);
      continue;
    }
    if (!IsJson(line.body)) {
      // Redacted as plain text, never copied as it is: it may hold PII. Its
      // items are not reported, so deanonymization leaves it redacted.
      result.errors.push_back({number, "line " + std::to_string(number) + ": not valid JSON (" +
                                           JsonErrorPosition(line.body).substr(8) +
                                           "); redacted as plain text"});
      auto plain = AnonymizeValue(r, line.body);
      if (!plain) return tl::unexpected(plain.error());
      std::string redacted = plain->items.empty() ? std::string(line.body) : plain->text;
      std::replace(redacted.begin(), redacted.end(), '\n', ' ');  // one line stays one line
      result.text.append(redacted);
      result.text.append(line.ending);
      continue;
    }
    if (auto st = AnonymizeJsonText(r, line.body, number, &result.text, &result.items); !st) {
      return tl::unexpected(st.error());
    }
    result.text.append(line.ending);
  }
  return result;
}

Result<DocumentResult> DeanonymizeJsonLines(std::string_view bytes,
                                            const std::vector<PlacedItem>& items,
                                            const DeanonymizeOptions& options) {
  std::map<std::string, Group> groups = GroupByPlace(items);
  DocumentResult result;
  result.encoding = "UTF-8";
  size_t number = 0;
  for (size_t pos = 0; pos < bytes.size();) {
    const Line line = NextLine(bytes, &pos);
    ++number;
    if (Blank(line.body) || !IsJson(line.body)) {
      result.text.append(line.body).append(line.ending);
      continue;
    }
    if (auto st =
            DeanonymizeJsonText(line.body, number, &groups, options, &result.text, &result.items);
        !st) {
      return tl::unexpected(st.error());
    }
    result.text.append(line.ending);
  }
  if (auto st = AllUsed(groups); !st) return tl::unexpected(st.error());
  return result;
}

}  // namespace

// --- Public --------------------------------------------------------------

DocumentFormat FormatForPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return DocumentFormat::kText;
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "csv") return DocumentFormat::kCsv;
  if (ext == "tsv") return DocumentFormat::kTsv;
  if (ext == "json") return DocumentFormat::kJson;
  if (ext == "jsonl" || ext == "ndjson") return DocumentFormat::kJsonLines;
  return DocumentFormat::kText;
}

const char* FormatName(DocumentFormat format) {
  for (const auto& entry : kFormatNames) {
    if (entry.format == format) return entry.name;
  }
  return "text";
}

Result<DocumentFormat> ParseFormatName(std::string_view name) {
  for (const auto& entry : kFormatNames) {
    if (name == entry.name) return entry.format;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown format '" + std::string(name) + "' (text, csv, tsv, json, jsonl)");
}

Result<TextStreamReport> AnonymizeTextStream(const Redactor& redactor, std::istream& scan,
                                             std::istream& copy, std::ostream& out,
                                             const std::string& name,
                                             const std::function<void(PlacedItem&&)>& on_item) {
  TextStreamReport report;
  std::string head(kSniffBytes, '\0');
  copy.read(head.data(), kSniffBytes);
  head.resize(static_cast<size_t>(copy.gcount()));
  report.encoding = SniffEncoding(head);
  report.binary = report.encoding.empty();
  if (report.binary) return report;

  Copier copier(std::move(head), copy, out);
  ScanOptions options;
  options.analyze = redactor.options;
  options.keep_values = true;
  int64_t shift = 0;  // code points the output gained so far
  Status failure;
  options.on_finding = [&](LocatedFinding&& f) {
    if (!failure) return;  // the output stops at the first failure
    auto item = ReplaceWhole(*redactor.anonymizer, f.finding, f.value);
    auto bytes = item ? EncodeAs(item->text, report.encoding) : Result<std::string>();
    if (!item || !bytes) {
      const Error& e = item ? bytes.error() : item.error();
      failure = MakeError(e.code, name + ": line " + std::to_string(f.line) + ": " + e.message);
      return;
    }
    copier.CopyTo(f.source_start);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    copier.SkipTo(f.source_end);

    const size_t length = item->end - item->start;
    item->start = static_cast<size_t>(static_cast<int64_t>(f.finding.start) + shift);
    item->end = item->start + length;
    shift += static_cast<int64_t>(length) - static_cast<int64_t>(f.finding.end - f.finding.start);
    ++report.items;
    if (on_item) on_item(Unplaced(std::move(*item)));
  };

  auto scanned = ScanStream(*redactor.analyzer, scan, name, options);
  if (!scanned) return tl::unexpected(scanned.error());
  if (!failure) return tl::unexpected(failure.error());
  if (scanned->binary || scanned->encoding != report.encoding) {
    return MakeError(ErrorCode::kInternal, name + ": read as " + scanned->encoding +
                                               " by the scanner, " + report.encoding + " here");
  }
  copier.CopyRest();
  if (copier.failed()) return MakeError(ErrorCode::kIo, name + ": read or write failed");
  report.bytes = scanned->bytes;
  return report;
}

Result<DocumentResult> AnonymizeDocument(const Redactor& redactor, std::string_view bytes,
                                         DocumentFormat format) {
  const Redactor r = ForDocument(redactor);
  switch (format) {
    case DocumentFormat::kText:
      return AnonymizeText(r, bytes);
    case DocumentFormat::kCsv:
      return AnonymizeCsv(r, bytes, ',');
    case DocumentFormat::kTsv:
      return AnonymizeCsv(r, bytes, '\t');
    case DocumentFormat::kJson:
      return AnonymizeJson(r, bytes);
    case DocumentFormat::kJsonLines:
      return AnonymizeJsonLines(r, bytes);
  }
  return MakeError(ErrorCode::kInternal, "unknown document format");
}

Result<DocumentResult> DeanonymizeDocument(std::string_view bytes, DocumentFormat format,
                                           const std::vector<PlacedItem>& items,
                                           const DeanonymizeOptions& options) {
  switch (format) {
    case DocumentFormat::kText:
      return DeanonymizeText(bytes, items, options);
    case DocumentFormat::kCsv:
      return DeanonymizeCsv(bytes, ',', items, options);
    case DocumentFormat::kTsv:
      return DeanonymizeCsv(bytes, '\t', items, options);
    case DocumentFormat::kJson:
      return DeanonymizeJson(bytes, items, options);
    case DocumentFormat::kJsonLines:
      return DeanonymizeJsonLines(bytes, items, options);
  }
  return MakeError(ErrorCode::kInternal, "unknown document format");
}

void ReadCsvRecord(std::string_view text, char delimiter, size_t* pos, CsvRecord* record) {
  record->fields.clear();
  size_t i = *pos;
  for (;;) {
    CsvField field;
    const size_t begin = i;
    if (i < text.size() && text[i] == '"') {
      field.quoted = true;
      i = ReadQuoted(text, i, delimiter, &field.value);
    } else {
      const size_t end = FieldEnd(text, i, delimiter);
      field.value.assign(text.substr(i, end - i));
      i = end;
    }
    field.raw = text.substr(begin, i - begin);
    record->fields.push_back(std::move(field));
    if (i < text.size() && text[i] == delimiter) {
      ++i;
      continue;
    }
    const size_t end = i + (text.substr(i).starts_with("\r\n") ? 2 : i < text.size() ? 1 : 0);
    record->terminator = text.substr(i, end - i);
    *pos = end;
    return;
  }
}

std::string FormatCsvField(std::string_view value, bool quoted, char delimiter) {
  const char special[] = {delimiter, '"', '\n', '\r'};
  if (!quoted && value.find_first_of(std::string_view(special, 4)) == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

}  // namespace piiscan::anonymize
