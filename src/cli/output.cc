#include "cli/output.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/common.h"

namespace piiscan::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* StateName(FileResult::State s) {
  switch (s) {
    case FileResult::State::kScanned:
      return "scanned";
    case FileResult::State::kSkipped:
      return "skipped";
    case FileResult::State::kError:
      return "error";
  }
  return "error";
}

std::string Shown(const LocatedFinding& f, bool show_values) {
  return show_values ? f.value : MaskValue(f.value);
}

// For the table: control characters from a file or its name could move the
// cursor or fake lines on a terminal, so they are written as \xNN.
std::string ForTerminal(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Json ExplanationJson(const Explanation& e) {
  Json j;
  j["recognizer"] = e.recognizer;
  j["pattern"] = e.pattern;
  if (!e.validator.empty()) j["validator"] = e.validator;
  if (!e.validation.empty()) j["validation"] = e.validation;
  j["base_score"] = e.base_score;
  j["context_words"] = e.context_words;
  j["context_boost"] = e.context_boost;
  j["final_score"] = e.final_score;
  if (!e.detail.empty()) j["detail"] = e.detail;
  return j;
}

Json FindingJson(const LocatedFinding& lf, const OutputOptions& o) {
  const Finding& f = lf.finding;
  Json j;
  j["entity_type"] = f.entity_type;
  j["line"] = lf.line;
  j["column"] = lf.column;
  j["start"] = f.start;
  j["end"] = f.end;
  j["byte_start"] = lf.source_start;
  j["byte_end"] = lf.source_end;
  j["score"] = f.score;
  j["recognizer"] = f.recognizer;
  j["value"] = Shown(lf, o.show_values);
  if (o.explain) j["explanation"] = ExplanationJson(f.explanation);
  return j;
}

Json FileJson(const FileResult& r, const OutputOptions& o) {
  Json j;
  j["file"] = r.path;
  j["status"] = StateName(r.state);
  if (!r.note.empty()) j[r.state == FileResult::State::kError ? "error" : "note"] = r.note;
  if (r.state == FileResult::State::kScanned) {
    j["encoding"] = r.report.encoding;
    j["bytes"] = r.report.bytes;
    if (r.report.replaced > 0) j["replaced_bytes"] = r.report.replaced;
    if (r.report.truncated) j["partial"] = true;
    Json list = Json::array();
    for (const LocatedFinding& f : r.report.findings) list.push_back(FindingJson(f, o));
    j["findings"] = std::move(list);
  }
  return j;
}

// A path as a relative URI reference: unreserved bytes kept, '/' kept,
// everything else percent-encoded.
std::string UriOf(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool keep = std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Json SarifJson(const std::vector<FileResult>& results, const OutputOptions& o) {
  std::map<std::string, int> rule_index;
  Json rules = Json::array();
  Json sarif_results = Json::array();
  Json notifications = Json::array();
  for (const FileResult& r : results) {
    if (r.state == FileResult::State::kError) {
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", r.note}}},
           {"locations", Json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", UriOf(r.path)}}}}}}})}});
    }
    for (const LocatedFinding& lf : r.report.findings) {
      const std::string& type = lf.finding.entity_type;
      if (!rule_index.contains(type)) {
        rule_index[type] = static_cast<int>(rules.size());
        rules.push_back({{"id", type}, {"shortDescription", {{"text", "Personal data: " + type}}}});
      }
      Json region = {{"startLine", lf.line},
                     {"startColumn", lf.column},
                     {"charOffset", lf.finding.start},
                     {"charLength", lf.finding.end - lf.finding.start}};
      sarif_results.push_back(
          {{"ruleId", type},
           {"ruleIndex", rule_index[type]},
           {"level", "warning"},
           {"message", {{"text", type + " found (" + Shown(lf, o.show_values) + ")"}}},
           {"locations", Json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", UriOf(r.path)}}},
                                         {"region", region}}}}})},
           {"properties", {{"score", lf.finding.score}, {"recognizer", lf.finding.recognizer}}}});
    }
  }
  Json run = {{"tool", {{"driver", {{"name", "piiscan"}, {"rules", rules}}}}},
              // Columns count code points, as the other report formats do.
              {"columnKind", "unicodeCodePoints"},
              {"results", sarif_results}};
  if (!notifications.empty()) {
    run["invocations"] = Json::array(
        {{{"executionSuccessful", false}, {"toolExecutionNotifications", notifications}}});
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", Json::array({run})}};
}

}  // namespace

void ReportWriter::Add(const FileResult& result) {
  ++files_;
  errors_ += result.state == FileResult::State::kError;
  skipped_ += result.state == FileResult::State::kSkipped;
  if (!Streams()) {
    findings_ += result.report.findings.size();
    kept_.push_back(result);
    return;
  }
  for (const LocatedFinding& f : result.report.findings) AddFinding(result.path, f);
  WriteStatus(result);
}

void ReportWriter::AddFinding(const std::string& path, const LocatedFinding& finding) {
  ++findings_;
  if (options_.format == Format::kTable) {
    WriteTableRow(path, finding);
  } else {
    WriteJsonlRow(path, finding);
  }
}

void ReportWriter::WriteStatus(const FileResult& r) {
  const bool partial = r.report.truncated;
  if (r.state == FileResult::State::kScanned && !partial) return;
  if (options_.format == Format::kTable) {
    out_ << ForTerminal(r.path) << ": " << (partial ? "partial" : StateName(r.state)) << ": "
         << (partial ? "candidate limit reached" : r.note) << "\n";
    return;
  }
  Json j = {{"file", r.path}, {"status", StateName(r.state)}};
  if (!r.note.empty()) j[r.state == FileResult::State::kError ? "error" : "note"] = r.note;
  if (partial) j["partial"] = true;
  out_ << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
}

void ReportWriter::WriteTableRow(const std::string& path, const LocatedFinding& lf) {
  char score[16];
  std::snprintf(score, sizeof(score), "%.2f", lf.finding.score);
  out_ << ForTerminal(path) << ":" << lf.line << ":" << lf.column << "  " << lf.finding.entity_type
       << "  " << score << "  " << ForTerminal(Shown(lf, options_.show_values)) << "\n";
  if (options_.explain) out_ << "    " << ExplanationJson(lf.finding.explanation).dump() << "\n";
}

namespace {

// JSON for a string: ASCII is escaped here, anything else goes through the
// JSON library, which also replaces invalid UTF-8.
void AppendJsonString(std::string_view s, std::string* out) {
  const bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (!ascii) {
    *out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  *out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
      *out += escaped;
    } else {
      *out += c;
    }
  }
  *out += '"';
}

void AppendField(std::string_view name, size_t value, std::string* out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
  *out += ",\"";
  *out += name;
  *out += "\":";
  out->append(digits, end);
}

}  // namespace

// Written by hand: this is the hot path of a large scan, and building a
// JSON object per finding costs more than finding it.
void ReportWriter::WriteJsonlRow(const std::string& path, const LocatedFinding& lf) {
  if (options_.explain) {
    Json j = {{"file", path}};
    j.update(FindingJson(lf, options_));
    out_ << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    return;
  }
  const Finding& f = lf.finding;
  if (path != quoted_path_for_ || quoted_path_.empty()) {
    quoted_path_.clear();
    AppendJsonString(path, &quoted_path_);
    quoted_path_for_ = path;
  }
  row_.clear();
  row_ += "{\"file\":";
  row_ += quoted_path_;
  row_ += ",\"entity_type\":";
  AppendJsonString(f.entity_type, &row_);
  AppendField("line", lf.line, &row_);
  AppendField("column", lf.column, &row_);
  AppendField("start", f.start, &row_);
  AppendField("end", f.end, &row_);
  AppendField("byte_start", lf.source_start, &row_);
  AppendField("byte_end", lf.source_end, &row_);
  char score[32];
  const auto score_end =
      std::to_chars(score, score + sizeof(score), f.score, std::chars_format::general, 4).ptr;
  row_ += ",\"score\":";
  row_.append(score, score_end);
  row_ += ",\"recognizer\":";
  AppendJsonString(f.recognizer, &row_);
  row_ += ",\"value\":";
  AppendJsonString(Shown(lf, options_.show_values), &row_);
  row_ += "}\n";
  out_ << row_;
}

bool ReportWriter::Finish() {
  if (options_.format == Format::kJson) {
    Json files = Json::array();
    for (const FileResult& r : kept_) files.push_back(FileJson(r, options_));
    Json summary = {
        {"files", files_}, {"findings", findings_}, {"skipped", skipped_}, {"errors", errors_}};
    Json doc = {{"files", files}, {"summary", summary}};
    out_ << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  } else if (options_.format == Format::kSarif) {
    out_ << SarifJson(kept_, options_).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  } else if (options_.format == Format::kTable) {
    out_ << findings_ << " finding(s) in " << files_ << " file(s)";
    if (skipped_ > 0) out_ << ", " << skipped_ << " skipped";
    if (errors_ > 0) out_ << ", " << errors_ << " error(s)";
    out_ << "\n";
  }
  out_.flush();
  return static_cast<bool>(out_);
}

}  // namespace piiscan::cli
