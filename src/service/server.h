#pragma once

// `piiscan serve`: a Presidio-compatible HTTP API over the analyzer and
// the anonymizer, guarded by the memory governor.
//
//   auto server = Server::Create(config);        // models load lazily
//   auto port = (*server)->Bind();               // port 0: any free port
//   std::thread t([&] { (*server)->Serve(); });  // blocks until stopped
//   (*server)->Drain();                          // SIGTERM: finish, then stop
//
// Every request passes through one wrapper that assigns a correlation id,
// counts it in flight, turns any failure into a JSON error
// {error, detail, correlation_id} with the right status, and writes one
// JSON access-log line. Heavy routes are admitted by the governor (503 +
// Retry-After when the breaker is not closed or a reservation would cross
// the limit) and then lease a worker slot (429 + Retry-After after the
// acquire timeout).
//
// Thread safety: Bind, Serve and Drain are called once each; Reload and
// every handler may run concurrently.

#include <memory>

#include "piiscan/status.h"
#include "service/config.h"

namespace piiscan::service {

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const ServiceConfig& config);
  virtual ~Server() = default;

  // Binds the listening socket; returns the port.
  virtual Result<int> Bind() = 0;
  // Serves until Drain() or Stop(). Returns false if the socket failed.
  virtual bool Serve() = 0;
  // Refuses new work (503), waits up to drain_timeout_ms for requests in
  // flight and running jobs to finish, then stops serving. Returns true
  // when nothing was cut short.
  virtual bool Drain() = 0;
  // Reloads the recognizer catalogues; requests in flight keep the old
  // analyzer. On failure the old one stays and the error is returned.
  virtual Status Reload() = 0;
};

}  // namespace piiscan::service
