#pragma once

// Jobs: analyze requests too large to wait for. POST /jobs stores the
// request and answers 202 with an id; one worker runs jobs in order;
// GET /jobs/{id} reports state, progress and, once done, the results;
// DELETE /jobs/{id} cancels.
//
// State lives in SQLite (the jobs_db file), so finished results survive a
// restart, and jobs that were queued or running when the process stopped
// run again after it starts. The queue is bounded (jobs_queue): past it,
// POST /jobs is a 429. While the memory breaker is open the worker holds
// the job in the queue. A text that fails gives an error record in the
// results and the job is marked partial; the rest is still done.
//
// Texts run in adaptive batches (runtime/batch.h): each batch holds one
// memory reservation, its size follows the memory headroom and the
// measured cost per text, and progress is saved after each.
//
// Thread safety: every method may be called from any thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/batch.h"
#include "service/routes.h"
#include "service/state.h"

struct sqlite3;

namespace piiscan::service {

class JobRunner {
 public:
  explicit JobRunner(ServiceState* state);
  ~JobRunner();

  // Opens the store, requeues interrupted jobs and starts the worker.
  Status Start();
  // Stops taking jobs; waits until `until` for the running one, then
  // cancels it (it is requeued at the next start). True if none was cut.
  bool Stop(SteadyTime until);

  Reply<HttpReply> Submit(RequestInfo& info, const std::string& body);
  Reply<HttpReply> Get(const std::string& id);
  Reply<HttpReply> Cancel(const std::string& id);

 private:
  // What a running job has done so far.
  struct JobProgress {
    Json results;    // one entry per text done: findings or an error record
    bool partial;    // some text failed
    size_t done;     // texts done
    uint64_t bytes;  // their bytes
  };

  void Work();
  void RunJob(const std::string& id);
  // Handles a cancellation (by the client or a shutdown); true if the job stops.
  bool Interrupted(const std::string& id, size_t done, size_t n);
  // The next batch's size from memory headroom and cost per text; 0 after
  // waiting for memory.
  size_t NextBatch(const AnalyzeRequest& request, JobProgress& progress,
                   runtime::BatchSizer* sizer);
  // Runs `batch` texts under one memory reservation; false when cancelled.
  bool RunBatch(const AnalyzeRequest& request, size_t batch, JobProgress* progress,
                RequestInfo* info, runtime::BatchSizer* sizer);
  void RunText(const AnalyzeRequest& request, size_t i, JobProgress* progress, RequestInfo* info);
  Status Exec(const std::string& sql);
  Status Update(const std::string& id, const std::string& state, double progress,
                const std::string& error, const std::string& results, bool partial);
  Result<Json> Load(const std::string& id, bool with_request);

  ServiceState* const state_;
  sqlite3* db_ = nullptr;
  std::mutex db_mu_;  // one connection, one user at a time

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  std::string running_;
  bool stopping_ = false;
  std::atomic<bool> cancel_running_{false};
  std::thread worker_;
  runtime::Gauge* queue_length_ = nullptr;
};

}  // namespace piiscan::service
