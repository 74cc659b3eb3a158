#include "cli/scan_command.h"

#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/common.h"
#include "cli/output.h"

namespace piiscan::cli {
namespace {

namespace fs = std::filesystem;

struct ScanFlags {
  AnalyzerFlags analyzer;
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::string format;
  std::string output;
  bool show_values = false;
  bool quiet = false;
  unsigned threads = 0;
  size_t chunk_bytes = 1 << 20;
};

// Walks one folder: regular files are collected; what cannot be listed is
// an error, and links to nothing, pipes and devices are noted as skipped,
// so that a report never looks cleaner than the folder is.
void Walk(const fs::path& dir, const ScanFlags& flags, std::vector<std::string>* files,
          std::vector<FileResult>* notes, int depth) {
  constexpr int kMaxDepth = 256;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    notes->push_back({dir.string(),
                      FileResult::State::kError,
                      dir.string() + ": cannot list: " + ec.message(),
                      {}});
    return;
  }
  std::vector<fs::path> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& path : entries) {
    if (Excluded(path.string(), flags.excludes)) continue;
    const fs::file_status st = fs::status(path, ec);
    if (fs::is_regular_file(st)) {
      files->push_back(path.string());
    } else if (fs::is_directory(st)) {
      if (depth >= kMaxDepth) {
        notes->push_back({path.string(),
                          FileResult::State::kSkipped,
                          "folders nested deeper than " + std::to_string(kMaxDepth),
                          {}});
      } else if (!fs::is_symlink(fs::symlink_status(path, ec))) {
        Walk(path, flags, files, notes, depth + 1);  // links to folders are not followed
      }
    } else {
      const char* why = ec || !fs::exists(st) ? "link to nothing" : "not a regular file";
      notes->push_back({path.string(), FileResult::State::kSkipped, why, {}});
    }
  }
}

// Expands folders into their files, in sorted order; inputs that cannot be
// scanned become error or skipped records instead of stopping the scan.
void CollectInputs(const ScanFlags& flags, std::vector<std::string>* files,
                   std::vector<FileResult>* early) {
  for (const std::string& p : flags.paths) {
    if (p == "-") {
      files->push_back(p);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      early->push_back({p, FileResult::State::kError, p + ": no such file or folder", {}});
    } else if (fs::is_directory(st)) {
      Walk(p, flags, files, early, 0);
    } else if (fs::is_fifo(st) || fs::is_character_file(st)) {
      // Named on purpose (`<(cat f)`, /dev/stdin): read as a stream. Pipes
      // and devices met while walking a folder are skipped instead.
      files->push_back(p);
    } else if (!fs::is_regular_file(st)) {
      early->push_back({p, FileResult::State::kSkipped, "not a regular file", {}});
    } else if (!Excluded(p, flags.excludes)) {
      files->push_back(p);
    }
  }
}

// What is wrong with standard input, if anything: streams report a read
// error as an end of file, so a closed stdin or a folder would look empty.
std::string StdinProblem() {
  struct stat st;
  if (fstat(STDIN_FILENO, &st) != 0) return std::string("cannot read: ") + std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "is a folder";
  return "";
}

FileResult ScanOne(const Analyzer& analyzer, const std::string& path, const ScanOptions& opts) {
  FileResult result;
  result.path = path;
  if (path == "-") {
    if (auto bad = StdinProblem(); !bad.empty()) {
      result.state = FileResult::State::kError;
      result.note = "stdin: " + bad;
      return result;
    }
  }
  Result<StreamReport> report =
      path == "-" ? ScanStream(analyzer, std::cin, "stdin", opts) : ScanFile(analyzer, path, opts);
  if (!report) {
    result.state = FileResult::State::kError;
    result.note = report.error().ToString();
    return result;
  }
  result.report = std::move(*report);
  if (result.report.binary) {
    result.state = FileResult::State::kSkipped;
    result.note = "binary file";
  }
  return result;
}

// Shows files done and bytes read on a terminal's stderr.
class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total) {}
  void Update(size_t done, size_t bytes) {
    if (!enabled_) return;
    const int width = 30;
    const int filled = total_ == 0 ? width : static_cast<int>(width * done / total_);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
              << done << "/" << total_ << " files, " << bytes / (1 << 20) << " MiB" << std::flush;
  }
  void Done() {
    if (enabled_) std::cerr << "\r" << std::string(70, ' ') << "\r" << std::flush;
  }

 private:
  bool enabled_;
  size_t total_;
};

// Scans files on worker threads; hands results to `sink` in input order.
template <typename Sink>
void ScanAll(const Analyzer& analyzer, const std::vector<std::string>& files,
             const ScanOptions& opts, unsigned threads, Progress* progress, Sink sink) {
  std::vector<std::optional<FileResult>> slots(files.size());
  std::mutex mu;
  std::condition_variable ready;
  std::atomic<size_t> next{0};

  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      FileResult r = ScanOne(analyzer, files[i], opts);
      std::lock_guard<std::mutex> lock(mu);
      slots[i] = std::move(r);
      ready.notify_one();
    }
  };
  std::vector<std::jthread> pool;
  const unsigned n = std::max(1u, std::min<unsigned>(threads, files.size()));
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(worker);

  size_t bytes = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::unique_lock<std::mutex> lock(mu);
    ready.wait(lock, [&] { return slots[i].has_value(); });
    FileResult r = std::move(*slots[i]);
    slots[i].reset();
    lock.unlock();
    bytes += r.report.bytes;
    progress->Update(i + 1, bytes);
    sink(r);
  }
}

Format ParseFormat(const std::string& name, bool stdout_is_tty) {
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "sarif") return Format::kSarif;
  if (name == "table") return Format::kTable;
  return stdout_is_tty ? Format::kTable : Format::kJsonl;
}

int RunScan(const ScanFlags& flags) {
  auto analyzer = flags.analyzer.Build();
  if (!analyzer) return kExitError;

  std::ofstream file_out;
  if (!flags.output.empty()) {
    file_out.open(flags.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      PrintError(flags.output + ": cannot write: " + std::strerror(errno));
      return kExitError;
    }
  }
  std::ostream& out = flags.output.empty() ? std::cout : file_out;
  const bool tty = flags.output.empty() && isatty(STDOUT_FILENO);
  ReportWriter writer(out,
                      {ParseFormat(flags.format, tty), flags.show_values, flags.analyzer.explain});

  std::vector<std::string> files;
  std::vector<FileResult> early;
  CollectInputs(flags, &files, &early);

  ScanOptions opts;
  opts.analyze = flags.analyzer.Options();
  opts.chunk_bytes = flags.chunk_bytes;
  opts.keep_values = true;  // masked on output unless --show-values

  size_t findings = 0;
  size_t errors = 0;
  auto sink = [&](const FileResult& r) {
    findings += r.report.findings.size();
    if (r.state == FileResult::State::kError) {
      ++errors;
      PrintError(r.note);
    }
    writer.Add(r);
  };
  for (const FileResult& r : early) sink(r);

  const unsigned threads =
      flags.threads > 0 ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
  Progress progress(!flags.quiet && isatty(STDERR_FILENO), files.size());
  if (writer.Streams() && (threads == 1 || files.size() == 1)) {
    // One file at a time: findings go out as they are found.
    size_t bytes = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      opts.on_finding = [&](LocatedFinding&& f) {
        ++findings;
        writer.AddFinding(files[i], f);
      };
      FileResult r = ScanOne(*analyzer, files[i], opts);
      bytes += r.report.bytes;
      progress.Update(i + 1, bytes);
      sink(r);
    }
  } else {
    ScanAll(*analyzer, files, opts, threads, &progress, sink);
  }
  progress.Done();
  if (!writer.Finish()) {
    PrintError((flags.output.empty() ? std::string("stdout") : flags.output) +
               ": cannot write the report");
    return kExitError;
  }

  if (errors > 0) return kExitError;
  return findings > 0 ? kExitFindings : kExitClean;
}

}  // namespace

void RegisterScan(CLI::App* app, int* exit_status) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* cmd = app->add_subcommand("scan", "Scan files, folders or stdin (-) for personal data");
  cmd->add_option("paths", flags->paths, "Files or folders; - reads stdin")->required();
  cmd->add_option("--exclude", flags->excludes, "Glob of paths to skip; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--format", flags->format, "table, json, jsonl or sarif")
      ->check(CLI::IsMember({"table", "json", "jsonl", "sarif"}));
  cmd->add_option("-o,--output", flags->output, "Write the report to this file ('-': stdout)")
      ->transform([](std::string path) { return path == "-" ? std::string() : path; });
  cmd->add_flag("--show-values", flags->show_values, "Print found values unmasked");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress bar");
  cmd->add_option("--threads", flags->threads, "Files scanned at once (default: cores)");
  cmd->add_option("--chunk-bytes", flags->chunk_bytes, "Bytes analyzed per chunk")
      ->check(CLI::Range(size_t{4096}, size_t{1} << 30));
  flags->analyzer.Register(cmd);
  cmd->callback([flags, exit_status] { *exit_status = RunScan(*flags); });
}

}  // namespace piiscan::cli
