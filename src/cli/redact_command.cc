#include "cli/redact_command.h"

#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "anonymize/structured.h"
#include "cli/anonymizer_config.h"
#include "cli/common.h"
#include "piiscan/anonymizer.h"

namespace piiscan::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using anonymize::DocumentFormat;
using anonymize::PlacedItem;

// Structured documents, stdin, reports and mappings are read whole; this
// bounds them. Plain text files are streamed whatever their size.
constexpr size_t kMaxWholeBytes = size_t{512} << 20;

constexpr char kOperatorsHelp[] = R"(
Operators (--config FILE, YAML or JSON; keys come from environment variables):
  operators:
    DEFAULT: {type: replace}
    CREDIT_CARD: {type: mask, masking_char: "*", chars_to_mask: 12, from_end: false}
    EMAIL_ADDRESS: {type: mask, keep_domain: true}
    PERSON: {type: pseudonym}
    US_SSN: {type: hash, hash_type: sha256}
    IBAN_CODE: {type: encrypt, deterministic: true, key_env: PIISCAN_KEY}

Exit status: 0 nothing replaced, 1 something replaced, 2 an error, or nothing
copied at all (binary input).)";

struct RedactFlags {
  AnalyzerFlags analyzer;
  OperatorFlags operators;
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::string output;
  std::string out_dir;
  bool in_place = false;
  std::string mapping;
  std::string report;
  std::string format = "auto";
};

struct DeanonymizeFlags {
  std::string input;
  std::string output;
  std::string report;
  std::string mapping;
  std::string key_env;
  std::string format = "auto";
};

// "path: message", unless the message names the path already.
std::string Prefixed(const std::string& path, const std::string& message) {
  return message.starts_with(path + ":") ? message : path + ": " + message;
}

// --- Files ---------------------------------------------------------------

fs::perms DefaultPerms() {
  const mode_t mask = umask(0);
  umask(mask);
  return static_cast<fs::perms>(0666 & ~mask);
}

fs::perms PermsOf(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  return ec || path == "-" ? DefaultPerms() : st.permissions();
}

// One output: stdout ("-"), or a file written under a temporary name beside
// it and renamed into place by Commit(), so that a failed run never leaves
// a half-written file. Targets that are not regular files (/dev/null, a
// pipe) are written directly.
class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path, fs::perms perms) {
    std::unique_ptr<OutputFile> f(new OutputFile(path, perms));
    if (path == "-") return f;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    const bool direct = !ec && fs::exists(st) && !fs::is_regular_file(st);
    if (!direct) {
      fs::path parent = fs::path(path).parent_path();
      if (parent.empty()) parent = ".";
      // mkstemp fills in the six trailing X.
      std::string temp =
          (parent / ("." + fs::path(path).filename().string() + ".piiscan-" + std::string(6, 'X')))
              .string();
      const int fd = mkstemp(temp.data());  // 0600 until committed
      if (fd < 0) return MakeError(ErrorCode::kIo, path + ": cannot write: " + strerror(errno));
      close(fd);
      f->temp_ = std::move(temp);
    }
    f->file_.open(direct ? path : f->temp_, std::ios::binary | std::ios::trunc);
    if (!f->file_) return MakeError(ErrorCode::kIo, path + ": cannot write");
    return f;
  }

  ~OutputFile() {
    std::error_code ec;
    if (!temp_.empty() && !committed_) fs::remove(temp_, ec);
  }

  std::ostream& stream() { return path_ == "-" ? std::cout : file_; }

  Status Commit() {
    stream().flush();
    if (path_ != "-") file_.close();
    if (stream().fail()) return MakeError(ErrorCode::kIo, path_ + ": write failed");
    if (!temp_.empty()) {
      std::error_code ec;
      fs::permissions(temp_, perms_, ec);
      if (!ec) fs::rename(temp_, path_, ec);
      if (ec) return MakeError(ErrorCode::kIo, path_ + ": cannot write: " + ec.message());
    }
    committed_ = true;
    return {};
  }

 private:
  OutputFile(std::string path, fs::perms perms) : path_(std::move(path)), perms_(perms) {}

  std::string path_;
  std::string temp_;
  fs::perms perms_;
  std::ofstream file_;
  bool committed_ = false;
};

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return MakeError(ErrorCode::kIo, path + ": cannot open: " + strerror(errno));
    in = &file;
  }
  std::string data;
  std::vector<char> block(1 << 16);
  while (in->read(block.data(), static_cast<std::streamsize>(block.size())) || in->gcount() > 0) {
    data.append(block.data(), static_cast<size_t>(in->gcount()));
    if (data.size() > kMaxWholeBytes) {
      return MakeError(
          ErrorCode::kResourceExhausted,
          path + ": over " + std::to_string(kMaxWholeBytes >> 20) + " MiB, the most read at once");
    }
  }
  if (in->bad()) return MakeError(ErrorCode::kIo, path + ": read failed");
  return data;
}

// --- Mapping -------------------------------------------------------------

Result<std::map<std::string, std::string>> ReadMapping(const std::string& path) {
  auto text = ReadWhole(path);
  if (!text) return tl::unexpected(text.error());
  const Json j = Json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return MakeError(ErrorCode::kParse, path + ": expected a JSON object {token: value}");
  }
  std::map<std::string, std::string> mapping;
  for (const auto& [token, value] : j.items()) {
    if (!value.is_string()) {
      return MakeError(ErrorCode::kParse, path + ": the value of " + token + " is not a string");
    }
    mapping[token] = value.get<std::string>();
  }
  return mapping;
}

Status WriteMapping(const std::string& path, const std::map<std::string, std::string>& mapping) {
  // It holds the original values: readable by its owner only.
  auto out = OutputFile::Open(path, fs::perms::owner_read | fs::perms::owner_write);
  if (!out) return tl::unexpected(out.error());
  Json j = Json::object();
  for (const auto& [token, value] : mapping) j[token] = value;
  (*out)->stream() << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return (*out)->Commit();
}

// --- Report --------------------------------------------------------------

// One input and where its anonymized copy goes.
struct Job {
  std::string input;   // "-" for stdin
  std::string output;  // "-" for stdout
  bool in_place = false;
};

Json ItemRecord(const Job& job, DocumentFormat format, const PlacedItem& p) {
  Json j = {{"file", job.input}, {"output", job.output}, {"format", FormatName(format)}};
  if (p.place.line > 0) j["line"] = p.place.line;
  if (p.place.row > 0) j["row"] = p.place.row;
  if (p.place.column > 0) j["column"] = p.place.column;
  if (format == DocumentFormat::kJson || format == DocumentFormat::kJsonLines) {
    j["pointer"] = p.place.pointer;
  }
  if (p.place.was_number) j["json_number"] = true;
  if (p.place.key) j["json_key"] = true;
  j["operator"] = p.item.operator_name;
  j["entity_type"] = p.item.entity_type;
  j["start"] = p.item.start;
  j["end"] = p.item.end;
  return j;
}

std::string Line(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The --report file. Lines of a file are added once its output is written.
class ItemReport {
 public:
  Status Open(const std::string& path) {
    if (path.empty()) return {};
    auto out = OutputFile::Open(path, DefaultPerms());
    if (!out) return tl::unexpected(out.error());
    out_ = std::move(*out);
    return {};
  }
  bool enabled() const { return out_ != nullptr; }
  void Add(const std::vector<std::string>& lines) {
    if (!out_) return;
    for (const std::string& line : lines) out_->stream() << line << "\n";
  }
  Status Commit() { return out_ ? out_->Commit() : Status{}; }

 private:
  std::unique_ptr<OutputFile> out_;
};

// --- Redact --------------------------------------------------------------

// What one run shares.
struct Run {
  anonymize::Redactor redactor;
  std::optional<DocumentFormat> format;  // --format; else by extension
  ItemReport report;
  std::set<std::string> outputs;  // written so far
  size_t items = 0;
  size_t files = 0;
  size_t skipped = 0;
  size_t errors = 0;
};

void Fail(Run* run, const Job& job, const std::string& message) {
  ++run->errors;
  PrintError(Prefixed(job.input, message));
  run->report.Add({Line({{"file", job.input}, {"output", job.output}, {"error", message}})});
}

// Where a job's output goes, checked before anything is written.
Status PrepareOutput(const Job& job, Run* run) {
  if (job.output == "-" || job.in_place) return {};
  std::error_code ec;
  if (fs::exists(job.output, ec) && fs::equivalent(job.input, job.output, ec)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the output " + job.output + " is the input; use --in-place to overwrite");
  }
  if (!run->outputs.insert(fs::weakly_canonical(job.output, ec).string()).second) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "another input was written to " + job.output + " already");
  }
  const fs::path parent = fs::path(job.output).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return MakeError(ErrorCode::kIo, job.output + ": cannot create its folder");
  return {};
}

// Opens the job's output and lets `write` fill it; `write` answers whether
// to keep it (not for a binary input, nor for an unchanged one in place).
template <typename Write>
Result<bool> WriteOutput(const Job& job, Write write) {
  auto out = OutputFile::Open(job.output, PermsOf(job.input));
  if (!out) return tl::unexpected(out.error());
  auto keep = write((*out)->stream());
  if (!keep) return tl::unexpected(keep.error());
  if (!*keep) return false;  // dropped: the temporary file goes away
  if (auto st = (*out)->Commit(); !st) return tl::unexpected(st.error());
  return true;
}

DocumentFormat FormatOf(const Job& job, const Run& run) {
  if (run.format) return *run.format;
  return job.input == "-" ? DocumentFormat::kText : anonymize::FormatForPath(job.input);
}

void Skipped(Run* run, const Job& job) {
  ++run->skipped;
  PrintError(job.input + ": skipped: binary file, no copy written");
}

// A plain text file, streamed: memory stays flat whatever its size.
void RedactTextFile(const Job& job, Run* run) {
  std::ifstream scan(job.input, std::ios::binary);
  std::ifstream copy(job.input, std::ios::binary);
  if (!scan || !copy) return Fail(run, job, "cannot open: " + std::string(strerror(errno)));
  std::vector<std::string> lines;
  bool binary = false;
  size_t items = 0;
  auto written = WriteOutput(job, [&](std::ostream& out) -> Result<bool> {
    auto report = anonymize::AnonymizeTextStream(
        run->redactor, scan, copy, out, job.input, [&](PlacedItem&& item) {
          if (run->report.enabled()) {
            lines.push_back(Line(ItemRecord(job, DocumentFormat::kText, item)));
          }
        });
    if (!report) return tl::unexpected(report.error());
    binary = report->binary;
    items = report->items;
    return !binary && (items > 0 || !job.in_place);
  });
  if (!written) return Fail(run, job, written.error().message);
  if (binary) return Skipped(run, job);
  run->items += items;
  ++run->files;
  run->report.Add(lines);
}

// A structured document, or stdin: read whole.
void RedactWhole(const Job& job, DocumentFormat format, Run* run) {
  auto bytes = ReadWhole(job.input);
  if (!bytes) return Fail(run, job, bytes.error().message);
  auto doc = anonymize::AnonymizeDocument(run->redactor, *bytes, format);
  if (!doc) return Fail(run, job, doc.error().message);
  if (doc->binary) return Skipped(run, job);
  for (const anonymize::RecordError& e : doc->errors) {
    Fail(run, job, e.message);
  }
  if (job.in_place && doc->items.empty()) {
    ++run->files;
    return;
  }
  auto written = WriteOutput(job, [&](std::ostream& out) -> Result<bool> {
    out.write(doc->text.data(), static_cast<std::streamsize>(doc->text.size()));
    return true;
  });
  if (!written) return Fail(run, job, written.error().message);
  std::vector<std::string> lines;
  if (run->report.enabled()) {
    for (const PlacedItem& item : doc->items) lines.push_back(Line(ItemRecord(job, format, item)));
  }
  run->report.Add(lines);
  run->items += doc->items.size();
  ++run->files;
}

void RedactOne(const Job& job, Run* run) {
  if (auto st = PrepareOutput(job, run); !st) return Fail(run, job, st.error().message);
  const DocumentFormat format = FormatOf(job, *run);
  if (format == DocumentFormat::kText && job.input != "-") return RedactTextFile(job, run);
  RedactWhole(job, format, run);
}

std::string Canonical(const std::string& path) {
  std::error_code ec;
  return path.empty() ? "" : fs::weakly_canonical(path, ec).string();
}

// What a walk through the input folders leaves out: the user's excludes,
// and the run's own files (the output folder, the mapping, the report and
// the temporary files written before they are renamed).
struct WalkFilter {
  std::vector<std::string> excludes;
  std::string out_dir;              // canonical; "" if none
  std::set<std::string> own_files;  // canonical

  bool Skips(const fs::path& path) const {
    const std::string name = path.filename().string();
    if (Excluded(path.string(), excludes) || name.find(".piiscan-") != std::string::npos) {
      return true;
    }
    const std::string p = Canonical(path.string());
    if (own_files.contains(p)) return true;
    return !out_dir.empty() && (p == out_dir || p.starts_with(out_dir + "/"));
  }
};

// The regular files under `root`, sorted, minus what `filter` skips.
Result<std::vector<fs::path>> FilesUnder(const std::string& root, const WalkFilter& filter) {
  std::vector<fs::path> found;
  std::error_code ec;
  auto it =
      fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (filter.Skips(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) found.push_back(it->path());
  }
  if (ec) return MakeError(ErrorCode::kIo, root + ": cannot list: " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

// Where a file found in a folder, or named, goes. In place, a symbolic
// link's target is rewritten, not the link.
Job JobFor(const RedactFlags& flags, const fs::path& file, const fs::path& relative) {
  if (flags.in_place) return {file.string(), Canonical(file.string()), true};
  return {file.string(), (fs::path(flags.out_dir) / relative).string(), false};
}

// Turns the paths into jobs; a path that cannot be read fails on its own.
std::vector<Job> CollectJobs(const RedactFlags& flags, Run* run) {
  std::vector<Job> jobs;
  const bool single = flags.out_dir.empty() && !flags.in_place;
  std::error_code ec;
  WalkFilter filter{flags.excludes, Canonical(flags.out_dir), {}};
  for (const std::string& own : {flags.mapping, flags.report}) {
    if (!own.empty()) filter.own_files.insert(Canonical(own));
  }
  for (const std::string& path : flags.paths) {
    if (single || path == "-") {
      jobs.push_back({path, flags.output.empty() ? "-" : flags.output, false});
      continue;
    }
    if (!fs::exists(path, ec)) {
      Fail(run, {path, "", false}, "no such file or folder");
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      jobs.push_back(JobFor(flags, path, fs::path(path).filename()));
      continue;
    }
    auto files = FilesUnder(path, filter);
    if (!files) {
      Fail(run, {path, "", false}, files.error().message);
      continue;
    }
    for (const fs::path& file : *files) {
      jobs.push_back(JobFor(flags, file, file.lexically_relative(path)));
    }
  }
  return jobs;
}

Status CheckModes(const RedactFlags& flags) {
  const int modes =
      (flags.output.empty() ? 0 : 1) + (flags.out_dir.empty() ? 0 : 1) + (flags.in_place ? 1 : 0);
  if (modes > 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "-o, --out-dir and --in-place exclude each other");
  }
  const bool single = flags.out_dir.empty() && !flags.in_place;
  for (const std::string& path : flags.paths) {
    if (path == "-" && !single) {
      return MakeError(ErrorCode::kInvalidArgument, "- (stdin) goes to stdout or to -o only");
    }
    std::error_code ec;
    if (single && path != "-" && fs::is_directory(path, ec)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       path + " is a folder: use --out-dir DIR or --in-place");
    }
  }
  for (const std::string& path : flags.paths) {
    std::error_code ec;
    if (!flags.out_dir.empty() && fs::equivalent(path, flags.out_dir, ec)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--out-dir " + flags.out_dir + " is an input; use --in-place");
    }
  }
  if (single && flags.paths.size() > 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "several inputs need --out-dir DIR or --in-place");
  }
  return {};
}

// Notes operators set for types no recognizer reports: likely a typo.
void NoteUnknownTypes(const AnonymizerConfig& config, const Analyzer& analyzer,
                      const std::string& source) {
  const std::vector<std::string> known = analyzer.SupportedEntities();
  for (const auto& [entity, spec] : config.operators) {
    if (entity == "DEFAULT" || std::binary_search(known.begin(), known.end(), entity)) continue;
    PrintError("note: " + (source.empty() ? "" : source + ": ") + "operators." + entity +
               ": no recognizer reports this entity type");
  }
}

Result<std::unique_ptr<Anonymizer>> BuildAnonymizer(const RedactFlags& flags,
                                                    AnonymizerConfig* config) {
  auto built = flags.operators.Build(ProcessEnvironment());
  if (!built) return tl::unexpected(built.error());
  *config = std::move(*built);
  auto anonymizer = Anonymizer::Create(*config);
  if (!anonymizer) {
    const std::string& file = flags.operators.config_file;
    return MakeError(anonymizer.error().code,
                     (file.empty() ? "" : file + ": ") + anonymizer.error().message);
  }
  for (const auto& [entity, spec] : config->operators) {
    if (spec.kind == OperatorKind::kHash && spec.key.empty()) {
      std::cerr << "piiscan: note: " << entity
                << " is hashed without a key: a random salt is drawn for this run, so its "
                   "hashes will differ in other runs (give a key with --key-env to keep them)\n";
    }
  }
  if (flags.mapping.empty() || !fs::exists(flags.mapping)) return anonymizer;
  auto mapping = ReadMapping(flags.mapping);
  if (!mapping) return tl::unexpected(mapping.error());
  if (auto st = (*anonymizer)->LoadPseudonyms(*mapping); !st) {
    return MakeError(st.error().code, flags.mapping + ": " + st.error().message);
  }
  return anonymizer;
}

int RunRedact(const RedactFlags& flags) {
  if (auto st = CheckModes(flags); !st) {
    PrintError(st.error().message);
    return kExitError;
  }
  AnonymizerConfig config;
  auto anonymizer = BuildAnonymizer(flags, &config);
  if (!anonymizer) {
    PrintError(anonymizer.error().message);
    return kExitError;
  }
  auto analyzer = flags.analyzer.Build();
  if (!analyzer) return kExitError;
  NoteUnknownTypes(config, *analyzer, flags.operators.config_file);

  Run run;
  run.redactor = {analyzer.get(), anonymizer->get(), flags.analyzer.Options()};
  if (flags.format != "auto") run.format = *anonymize::ParseFormatName(flags.format);
  if (auto st = run.report.Open(flags.report); !st) {
    PrintError(st.error().message);
    return kExitError;
  }
  for (const Job& job : CollectJobs(flags, &run)) RedactOne(job, &run);

  // The mapping and the report are written even after errors: they
  // describe the outputs that were written.
  if (!flags.mapping.empty()) {
    if (auto st = WriteMapping(flags.mapping, (*anonymizer)->PseudonymMapping()); !st) {
      PrintError(st.error().message);
      ++run.errors;
    }
  }
  if (auto st = run.report.Commit(); !st) {
    PrintError(st.error().message);
    ++run.errors;
  }
  if (!flags.out_dir.empty() || flags.in_place) {
    std::cerr << "piiscan: replaced " << run.items << " value(s) in " << run.files << " file(s); "
              << run.skipped << " skipped, " << run.errors << " error(s)\n";
  }
  // When nothing at all could be copied (a binary file, binary stdin), a
  // pipeline must not mistake that for "nothing to redact". In a folder,
  // skipped binaries are reported and the rest counts.
  if (run.errors > 0 || (run.skipped > 0 && run.files == 0)) return kExitError;
  return run.items > 0 ? kExitFindings : kExitClean;
}

// --- Deanonymize ---------------------------------------------------------

Result<PlacedItem> ParseItemRecord(const Json& j) {
  PlacedItem p;
  try {
    p.item.operator_name = j.at("operator").get<std::string>();
    p.item.entity_type = j.at("entity_type").get<std::string>();
    p.item.start = j.at("start").get<size_t>();
    p.item.end = j.at("end").get<size_t>();
    p.place.line = j.value("line", size_t{0});
    p.place.row = j.value("row", size_t{0});
    p.place.column = j.value("column", size_t{0});
    p.place.pointer = j.value("pointer", std::string());
    p.place.was_number = j.value("json_number", false);
    p.place.key = j.value("json_key", false);
  } catch (const Json::exception&) {
    return MakeError(ErrorCode::kParse,
                     "expected operator, entity_type, start and end (and where: line, row, "
                     "column, pointer)");
  }
  if (p.item.end < p.item.start) return MakeError(ErrorCode::kParse, "end before start");
  return p;
}

// The items of one output in a report, and the format it was written in.
struct ReportItems {
  std::vector<PlacedItem> items;
  std::string format;
};

bool SameFile(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::error_code ec;
  return a != "-" && b != "-" && fs::equivalent(a, b, ec);
}

// Reads the report and picks the items of `input`: those whose output is
// that file, or, when the report covers one output only, all of them.
Result<ReportItems> ReadReport(const std::string& path, const std::string& input) {
  auto text = ReadWhole(path);
  if (!text) return tl::unexpected(text.error());
  std::vector<std::pair<std::string, ReportItems>> outputs;
  size_t number = 0;
  for (size_t pos = 0; pos < text->size();) {
    const size_t nl = std::min(text->find('\n', pos), text->size());
    const std::string_view line = std::string_view(*text).substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const Json j = Json::parse(line, nullptr, false);
    const std::string where = path + ": line " + std::to_string(number);
    if (j.is_discarded() || !j.is_object())
      return MakeError(ErrorCode::kParse, where + ": not JSON");
    if (j.contains("error")) continue;
    auto item = ParseItemRecord(j);
    if (!item) return MakeError(ErrorCode::kParse, where + ": " + item.error().message);
    const std::string output = j.value("output", j.value("file", std::string()));
    if (outputs.empty() || outputs.back().first != output) outputs.push_back({output, {}});
    outputs.back().second.items.push_back(std::move(*item));
    outputs.back().second.format = j.value("format", std::string());
  }

  ReportItems picked;
  std::set<std::string> distinct;
  for (auto& [output, items] : outputs) {
    distinct.insert(output);
    if (!SameFile(output, input)) continue;
    picked.items.insert(picked.items.end(), items.items.begin(), items.items.end());
    picked.format = items.format;
  }
  if (!picked.items.empty() || outputs.empty()) return picked;
  if (distinct.size() == 1) return std::move(outputs.front().second);
  return MakeError(ErrorCode::kNotFound, path + ": no items for " + input + " among its " +
                                             std::to_string(distinct.size()) + " outputs");
}

bool AnyOperator(const std::vector<PlacedItem>& items, const char* name) {
  return std::any_of(items.begin(), items.end(),
                     [&](const PlacedItem& p) { return p.item.operator_name == name; });
}

Result<DeanonymizeOptions> RestoreOptions(const DeanonymizeFlags& flags,
                                          const std::vector<PlacedItem>& items) {
  DeanonymizeOptions options;
  if (AnyOperator(items, "pseudonym") && flags.mapping.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     flags.report + " lists pseudonyms: pass their --mapping FILE");
  }
  if (AnyOperator(items, "encrypt") && flags.key_env.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     flags.report + " lists encrypted values: pass --key-env NAME");
  }
  if (!flags.mapping.empty()) {
    auto mapping = ReadMapping(flags.mapping);
    if (!mapping) return tl::unexpected(mapping.error());
    options.pseudonyms = std::move(*mapping);
  }
  if (!flags.key_env.empty()) {
    auto key = KeyFromEnv(flags.key_env, ProcessEnvironment());
    if (!key) return MakeError(key.error().code, "--key-env: " + key.error().message);
    options.key = std::move(*key);
  }
  return options;
}

Result<DocumentFormat> RestoreFormat(const DeanonymizeFlags& flags, const ReportItems& report) {
  if (flags.format != "auto") return anonymize::ParseFormatName(flags.format);
  if (!report.format.empty()) return anonymize::ParseFormatName(report.format);
  return anonymize::FormatForPath(flags.input);
}

Status RunDeanonymizeOrError(const DeanonymizeFlags& flags) {
  auto report = ReadReport(flags.report, flags.input);
  if (!report) return tl::unexpected(report.error());
  auto options = RestoreOptions(flags, report->items);
  if (!options) return tl::unexpected(options.error());
  auto format = RestoreFormat(flags, *report);
  if (!format) return tl::unexpected(format.error());
  auto bytes = ReadWhole(flags.input);
  if (!bytes) return tl::unexpected(bytes.error());

  auto doc = anonymize::DeanonymizeDocument(*bytes, *format, report->items, *options);
  if (!doc) return MakeError(doc.error().code, Prefixed(flags.input, doc.error().message));
  auto out = OutputFile::Open(flags.output.empty() ? "-" : flags.output, PermsOf(flags.input));
  if (!out) return tl::unexpected(out.error());
  (*out)->stream().write(doc->text.data(), static_cast<std::streamsize>(doc->text.size()));
  return (*out)->Commit();
}

int RunDeanonymize(const DeanonymizeFlags& flags) {
  if (auto st = RunDeanonymizeOrError(flags); !st) {
    PrintError(st.error().message);
    return kExitError;
  }
  return kExitClean;
}

}  // namespace

void RegisterRedact(CLI::App* app, int* exit_status) {
  const auto formats = CLI::IsMember({"auto", "text", "csv", "tsv", "json", "jsonl"});
  auto flags = std::make_shared<RedactFlags>();
  CLI::App* cmd = app->add_subcommand(
      "redact", "Write anonymized copies of files, folders or stdin (-), structure kept");
  cmd->add_option("paths", flags->paths, "Files or folders; - reads stdin")->required();
  cmd->add_option("-o,--output", flags->output, "Where the one input's copy goes (default stdout)");
  cmd->add_option("--out-dir", flags->out_dir,
                  "Write copies here, with the paths they have under the given folders");
  cmd->add_flag("--in-place", flags->in_place, "Overwrite the inputs in which something changes");
  cmd->add_option("--mapping", flags->mapping,
                  "Pseudonyms, JSON {token: value}: read if it exists, then written (mode 0600)");
  cmd->add_option("--report", flags->report,
                  "Write what was replaced where, as JSON Lines (no values)");
  cmd->add_option("--format", flags->format, "auto (by extension), text, csv, tsv, json, jsonl")
      ->check(formats);
  cmd->add_option("--exclude", flags->excludes, "Glob of paths to skip in folders; repeatable")
      ->allow_extra_args(false);
  flags->operators.Register(cmd);
  flags->analyzer.Register(cmd);
  cmd->footer(kOperatorsHelp);
  cmd->callback([flags, exit_status] { *exit_status = RunRedact(*flags); });

  auto de = std::make_shared<DeanonymizeFlags>();
  CLI::App* dcmd = app->add_subcommand(
      "deanonymize", "Restore the encrypted and pseudonymized values of a redacted file");
  dcmd->add_option("input", de->input, "Redacted file; - reads stdin")->required();
  dcmd->add_option("--report", de->report, "Items written by piiscan redact --report")->required();
  dcmd->add_option("--mapping", de->mapping, "Pseudonyms written by piiscan redact --mapping");
  dcmd->add_option("--key-env", de->key_env, "Environment variable holding the encryption key");
  dcmd->add_option("-o,--output", de->output, "Where the restored text goes (default stdout)");
  dcmd->add_option("--format", de->format, "auto (from the report), text, csv, tsv, json, jsonl")
      ->check(formats);
  dcmd->callback([de, exit_status] { *exit_status = RunDeanonymize(*de); });
}

}  // namespace piiscan::cli
