#include <charconv>
#include <sstream>

#include "piiscan/scanner.h"
#include "runtime/temp_file.h"
#include "service/routes.h"

namespace piiscan::service {
namespace {

Reply<AnalyzeOptions> ScanOptionsFrom(const QueryParam& param, const Analyzer& analyzer) {
  AnalyzeOptions o;
  const std::vector<std::string> known = analyzer.SupportedEntities();
  std::stringstream list(param("entities"));
  std::string entity;
  while (std::getline(list, entity, ',')) {
    if (entity.empty()) continue;
    if (!std::binary_search(known.begin(), known.end(), entity)) {
      return Fail(400, "unknown_entity", "entities: unknown entity type '" + entity + "'");
    }
    o.entities.push_back(entity);
  }
  const std::string t = param("score_threshold");
  if (!t.empty()) {
    double v = -1;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || v < 0 || v > 1) {
      return Fail(400, "invalid_argument", "score_threshold: expected a number from 0 to 1");
    }
    o.score_threshold = v;
  }
  return o;
}

// The temporary file, created with retries: a full temp folder may free up.
Reply<runtime::TempFile> CreateTempFile(ServiceState& state) {
  auto file = runtime::Retry(
      state.retry_policy(),
      [&]() -> Result<runtime::TempFile> {
        if (state.config().faults.temp_dir_full) {
          return MakeError(ErrorCode::kIo, "injected fault: temporary folder full");
        }
        return runtime::TempFile::Create(state.config().temp_dir, "piiscan-scan");
      },
      state.retries());
  if (!file) return Fail(503, "temp_unavailable", file.error().message, 5);
  return std::move(*file);
}

// Streams the body into `file` within the size limit and the deadline.
Reply<size_t> Spool(ServiceState& state, RequestInfo& info, const BodyReader& read,
                    runtime::TempFile* file) {
  const size_t limit = state.config().max_scan_bytes;
  enum class Stop { kNone, kTooBig, kLate, kWrite } stop = Stop::kNone;
  std::string write_error;
  const bool ok = read([&](const char* data, size_t size) {
    if (file->size() + size > limit) {
      stop = Stop::kTooBig;
    } else if (info.Expired()) {
      stop = Stop::kLate;
    } else if (auto w = file->Write({data, size}); !w) {
      stop = Stop::kWrite;
      write_error = w.error().message;
    }
    return stop == Stop::kNone;
  });
  info.bytes_in = file->size();
  if (stop == Stop::kTooBig) {
    return Fail(413, "payload_too_large",
                "upload exceeds max_scan_bytes (" + std::to_string(limit) + ")");
  }
  if (stop == Stop::kLate) return Fail(408, "deadline_exceeded", "the upload took too long");
  if (stop == Stop::kWrite) return Fail(503, "temp_unavailable", write_error, 5);
  if (!ok) return Fail(400, "bad_body", "the upload could not be read completely");
  if (auto c = file->Close(); !c) return Fail(503, "temp_unavailable", c.error().message, 5);
  return file->size();
}

Json ReportJson(const StreamReport& report) {
  Json findings = Json::array();
  for (const LocatedFinding& lf : report.findings) {
    const Finding& f = lf.finding;
    findings.push_back({{"entity_type", f.entity_type},
                        {"score", f.score},
                        {"start", f.start},
                        {"end", f.end},
                        {"line", lf.line},
                        {"column", lf.column},
                        {"byte_start", lf.source_start},
                        {"byte_end", lf.source_end},
                        {"recognizer", f.recognizer}});
  }
  return {{"encoding", report.encoding},
          {"bytes", report.bytes},
          {"binary", report.binary},
          {"truncated", report.truncated},
          {"findings", findings}};
}

}  // namespace

Reply<HttpReply> HandleScan(ServiceState& state, RequestInfo& info, uint64_t declared_length,
                            const BodyReader& read, const QueryParam& param) {
  if (declared_length > state.config().max_scan_bytes) {
    return Fail(413, "payload_too_large",
                "Content-Length exceeds max_scan_bytes (" +
                    std::to_string(state.config().max_scan_bytes) + ")");
  }
  auto analyzer = state.GetAnalyzer();
  if (!analyzer) return tl::unexpected(analyzer.error());
  auto options = ScanOptionsFrom(param, **analyzer);
  if (!options) return tl::unexpected(options.error());
  // Scanning holds about two chunks whatever the file's size.
  auto admission = state.Admit(2 * state.config().chunk_bytes, info);
  if (!admission) return tl::unexpected(admission.error());

  auto file = CreateTempFile(state);
  if (!file) return tl::unexpected(file.error());
  auto spooled = Spool(state, info, read, &*file);
  if (!spooled) return tl::unexpected(spooled.error());

  state.MaybeSlowDown();
  ScanOptions so;
  so.analyze = *options;
  so.chunk_bytes = state.config().chunk_bytes;
  const SteadyTime start = std::chrono::steady_clock::now();
  auto report = ScanFile(**analyzer, file->path(), so);
  if (!report) return tl::unexpected(ToHttpError(report.error()));
  std::vector<Finding> plain;
  for (const LocatedFinding& lf : report->findings) plain.push_back(lf.finding);
  state.RecordScan(plain, report->bytes,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  info.findings = report->findings.size();
  return HttpReply{200, cli::DumpJson(ReportJson(*report))};
}

}  // namespace piiscan::service
