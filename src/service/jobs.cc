#include "service/jobs.h"

#include <sqlite3.h>

#include <random>

#include "runtime/batch.h"

namespace piiscan::service {
namespace {

std::string NewJobId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

// A prepared statement, finalized on every path.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t == nullptr ? "" : reinterpret_cast<const char*>(t);
  }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  request TEXT NOT NULL,
  texts INTEGER NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  results TEXT NOT NULL DEFAULT '',
  partial INTEGER NOT NULL DEFAULT 0,
  created REAL NOT NULL
);
)sql";

}  // namespace

JobRunner::JobRunner(ServiceState* state) : state_(state) {
  queue_length_ = state_->metrics().AddGauge("pii_scanner_queue_length", "Jobs waiting to run");
}

JobRunner::~JobRunner() {
  Stop(std::chrono::steady_clock::now());
  if (db_ != nullptr) sqlite3_close(db_);
}

Status JobRunner::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message != nullptr ? message : "unknown";
    sqlite3_free(message);
    return MakeError(ErrorCode::kIo, state_->config().jobs_db + ": " + why);
  }
  return {};
}

Status JobRunner::Start() {
  const std::string& path = state_->config().jobs_db;
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    return MakeError(ErrorCode::kIo, path + ": cannot open the job store");
  }
  sqlite3_busy_timeout(db_, 5000);
  if (auto s = Exec("PRAGMA journal_mode=WAL;"); !s) return s;
  if (auto s = Exec(kSchema); !s) return s;
  // Jobs cut short by the last stop run again, in the order they came.
  if (auto s = Exec("UPDATE jobs SET state='queued', progress=0 WHERE state='running';"); !s) {
    return s;
  }
  Statement q(db_, "SELECT id FROM jobs WHERE state='queued' ORDER BY created;");
  while (q.ok() && q.Step() == SQLITE_ROW) queue_.push_back(q.Text(0));
  queue_length_->Set(static_cast<double>(queue_.size()));
  worker_ = std::thread([this] { Work(); });
  return {};
}

bool JobRunner::Stop(SteadyTime until) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !worker_.joinable()) return true;
    stopping_ = true;
  }
  cv_.notify_all();
  bool clean = true;
  // Give the running job until `until`, then cancel it.
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_.empty()) break;
    }
    if (std::chrono::steady_clock::now() >= until) {
      cancel_running_ = true;
      clean = false;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (worker_.joinable()) worker_.join();
  return clean;
}

Status JobRunner::Update(const std::string& id, const std::string& state, double progress,
                         const std::string& error, const std::string& results, bool partial) {
  std::lock_guard<std::mutex> lock(db_mu_);
  Statement u(db_,
              "UPDATE jobs SET state=?1, progress=?2, error=?3, results=?4, partial=?5 "
              "WHERE id=?6;");
  if (!u.ok()) return MakeError(ErrorCode::kIo, "job store: cannot prepare an update");
  u.Bind(1, state).Bind(2, progress).Bind(3, error).Bind(4, results).Bind(5, partial ? 1.0 : 0.0);
  u.Bind(6, id);
  if (u.Step() != SQLITE_DONE) {
    return MakeError(ErrorCode::kIo, std::string("job store: ") + sqlite3_errmsg(db_));
  }
  return {};
}

Result<Json> JobRunner::Load(const std::string& id, bool with_request) {
  std::lock_guard<std::mutex> lock(db_mu_);
  Statement q(db_,
              "SELECT state, texts, progress, error, results, partial, request FROM jobs "
              "WHERE id=?1;");
  if (!q.ok()) return MakeError(ErrorCode::kIo, "job store: cannot prepare a query");
  q.Bind(1, id);
  if (q.Step() != SQLITE_ROW) return MakeError(ErrorCode::kNotFound, "no job " + id);
  Json job = {{"id", id},
              {"state", q.Text(0)},
              {"texts", static_cast<int64_t>(q.Double(1))},
              {"progress", q.Double(2)},
              {"partial", q.Double(5) != 0}};
  if (!q.Text(3).empty()) job["error"] = q.Text(3);
  const std::string results = q.Text(4);
  if (!results.empty()) job["results"] = Json::parse(results, nullptr, false);
  if (with_request) job["request"] = q.Text(6);
  return job;
}

Reply<HttpReply> JobRunner::Submit(RequestInfo& info, const std::string& body) {
  auto request = ParseAnalyzeRequest(*state_, info, body);
  if (!request) return tl::unexpected(request.error());
  const std::string id = NewJobId();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Fail(503, "draining", "the service is shutting down", 5);
    if (queue_.size() >= static_cast<size_t>(state_->config().jobs_queue)) {
      return Fail(429, "queue_full",
                  "job queue holds " + std::to_string(queue_.size()) + " jobs (jobs_queue)", 5);
    }
  }
  {
    std::lock_guard<std::mutex> lock(db_mu_);
    Statement ins(db_,
                  "INSERT INTO jobs (id, state, request, texts, created) "
                  "VALUES (?1, 'queued', ?2, ?3, julianday('now'));");
    ins.Bind(1, id).Bind(2, body).Bind(3, static_cast<double>(request->texts.size()));
    if (!ins.ok() || ins.Step() != SQLITE_DONE) {
      return Fail(503, "job_store", std::string("cannot store the job: ") + sqlite3_errmsg(db_), 5);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(id);
    queue_length_->Set(static_cast<double>(queue_.size()));
  }
  cv_.notify_all();
  Json reply = {{"id", id}, {"state", "queued"}, {"texts", request->texts.size()}};
  return HttpReply{202, cli::DumpJson(reply)};
}

namespace {

HttpError JobError(const Error& e) {
  if (e.code == ErrorCode::kNotFound) return {404, "not_found", e.message, 0};
  return ToHttpError(e);
}

}  // namespace

Reply<HttpReply> JobRunner::Get(const std::string& id) {
  auto job = Load(id, false);
  if (!job) return tl::unexpected(JobError(job.error()));
  return HttpReply{200, cli::DumpJson(*job)};
}

Reply<HttpReply> JobRunner::Cancel(const std::string& id) {
  auto job = Load(id, false);
  if (!job) return tl::unexpected(JobError(job.error()));
  const std::string st = (*job)["state"].get<std::string>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (running_ == id) {
      cancel_running_ = true;  // the worker marks it cancelled
    } else if (st == "queued") {
      std::erase(queue_, id);
      queue_length_->Set(static_cast<double>(queue_.size()));
      if (auto u = Update(id, "cancelled", 0, "cancelled by the client", "", false); !u) {
        return tl::unexpected(ToHttpError(u.error()));
      }
    }
  }
  Json reply = *Load(id, false);
  if (reply["state"] == "running") reply["state"] = "cancelling";
  return HttpReply{200, cli::DumpJson(reply)};
}

void JobRunner::Work() {
  for (;;) {
    std::string id;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      queue_length_->Set(static_cast<double>(queue_.size()));
      running_ = id;
      cancel_running_ = false;
    }
    RunJob(id);
    std::lock_guard<std::mutex> lock(mu_);
    running_.clear();
  }
}

void JobRunner::RunJob(const std::string& id) {
  auto job = Load(id, true);
  if (!job) return;
  RequestInfo info;
  info.correlation_id = id;
  info.start = std::chrono::steady_clock::now();
  info.deadline = SteadyTime::max();
  auto request = ParseAnalyzeRequest(*state_, info, (*job)["request"].get<std::string>());
  if (!request) {
    Update(id, "failed", 0, request.error().detail, "", false);
    return;
  }
  Update(id, "running", 0, "", "", false);
  JobProgress progress{Json::array(), false, 0, 0};
  runtime::BatchSizer sizer;
  const size_t n = request->texts.size();
  while (progress.done < n) {
    if (Interrupted(id, progress.done, n)) return;
    const size_t batch = NextBatch(*request, progress, &sizer);
    if (batch == 0) continue;  // waited for memory; look again
    if (!RunBatch(*request, batch, &progress, &info, &sizer)) {
      Interrupted(id, progress.done, n);
      return;
    }
    Update(id, "running", static_cast<double>(progress.done) / n, "", "", false);
  }
  Update(id, "done", 1.0, "", cli::DumpJson(progress.results), progress.partial);
}

bool JobRunner::Interrupted(const std::string& id, size_t done, size_t n) {
  if (!cancel_running_) return false;
  const bool stopping = [&] {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  }();
  // Stopped by shutdown: queued again at the next start. By the client: cancelled.
  Update(id, stopping ? "queued" : "cancelled", static_cast<double>(done) / n,
         stopping ? "" : "cancelled by the client", "", false);
  return true;
}

size_t JobRunner::NextBatch(const AnalyzeRequest& request, JobProgress& progress,
                            runtime::BatchSizer* sizer) {
  runtime::MemoryGovernor& governor = state_->governor();
  // Memory short: hold the job rather than fail it.
  if (governor.Check() != runtime::BreakerState::kClosed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return 0;
  }
  const size_t n = request.texts.size();
  const uint64_t per_item =
      (progress.done > 0 ? progress.bytes / progress.done : request.texts[progress.done]->size()) *
      state_->config().reserve_factor;
  const size_t batch = std::min(n - progress.done, sizer->Next(governor.HeadroomBytes(), per_item));
  return std::max<size_t>(batch, 1);
}

bool JobRunner::RunBatch(const AnalyzeRequest& request, size_t batch, JobProgress* progress,
                         RequestInfo* info, runtime::BatchSizer* sizer) {
  uint64_t bytes = 0;
  for (size_t k = 0; k < batch; ++k) bytes += request.texts[progress->done + k]->size();
  RequestInfo scope;  // holds the batch's memory until it ends
  if (auto memory = state_->ReserveFor(bytes, scope); !memory) {
    sizer->Record(batch, 0, true);
    // One text bigger than the whole headroom of a calm service never fits:
    // an error record, not an endless wait.
    if (batch > 1 || state_->governor().reserved_bytes() > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return true;
    }
    progress->results.push_back(
        {{"error", "resource_exhausted: text needs more memory than the limit allows"},
         {"index", progress->done}});
    progress->partial = true;
    ++progress->done;
    return true;
  }
  const SteadyTime start = std::chrono::steady_clock::now();
  for (size_t k = 0; k < batch; ++k) {
    if (cancel_running_) return false;
    RunText(request, progress->done, progress, info);
    ++progress->done;
  }
  progress->bytes += bytes;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sizer->Record(batch, seconds,
                state_->governor().breaker().state() != runtime::BreakerState::kClosed);
  return true;
}

void JobRunner::RunText(const AnalyzeRequest& request, size_t i, JobProgress* progress,
                        RequestInfo* info) {
  state_->MaybeSlowDown();
  // A transient engine error is tried again; a lasting one is an error record.
  auto one = runtime::Retry(
      state_->retry_policy(), [&] { return AnalyzeOne(*state_, request, i, &info->findings); },
      state_->retries());
  if (one) {
    progress->results.push_back(std::move(*one));
    return;
  }
  progress->partial = true;
  progress->results.push_back({{"error", one.error().ToString()}, {"index", i}});
}

}  // namespace piiscan::service
