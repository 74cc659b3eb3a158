#include "service/server.h"

#include <httplib.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <thread>

#include "service/jobs.h"
#include "service/routes.h"
#include "service/state.h"

namespace piiscan::service {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::string NewCorrelationId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

// A client-chosen id is kept when it is short and plain.
bool PlainId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

// The body length the client declared; 0 when it declared none. An
// absurd number reads as the largest length.
uint64_t DeclaredLength(const httplib::Request& req) {
  const std::string v = req.get_header_value("Content-Length");
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range) return UINT64_MAX;
  return ec == std::errc() ? n : 0;
}

std::string ErrorBody(const HttpError& e, const std::string& correlation_id) {
  return cli::DumpJson(
      Json{{"error", e.error}, {"detail", e.detail}, {"correlation_id", correlation_id}});
}

class ServerImpl : public Server {
 public:
  explicit ServerImpl(const ServiceConfig& config)
      : state_(config), jobs_(&state_), started_(steady_clock::now()) {}

  Status Init();
  Result<int> Bind() override;
  bool Serve() override;
  bool Drain() override;
  Status Reload() override;

 private:
  using Body = std::function<Reply<HttpReply>(RequestInfo&, const httplib::Request&,
                                              const httplib::ContentReader*)>;

  void CountRequest(const std::string& route, int status,
                    std::array<std::atomic<runtime::Counter*>, 600>* cache);
  void Route(const char* method, const std::string& pattern, const std::string& route, Body body);
  void Respond(const RequestInfo& info, const Reply<HttpReply>& reply, httplib::Response& res);
  void Log(const RequestInfo& info, const httplib::Request& req, int status, size_t bytes_out);
  Reply<std::string> ReadBody(RequestInfo& info, const httplib::Request& req,
                              const httplib::ContentReader& reader);
  // Reads and drops a body that will not be used, so that the client,
  // which sends it whole before reading, gets the reply.
  void Discard(RequestInfo& info, const httplib::ContentReader& reader);
  Reply<HttpReply> Ready();
  Reply<std::string> Language(const httplib::Request& req);
  void Wire();
  void RegisterMetrics();

  ServiceState state_;
  JobRunner jobs_;
  httplib::Server http_;
  const steady_clock::time_point started_;
  runtime::Gauge* in_flight_ = nullptr;
  std::atomic<bool> sampling_{true};
};

Status ServerImpl::Init() {
  const ServiceConfig& c = state_.config();
  const int threads = c.http_threads;
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_.set_read_timeout(c.read_timeout_ms / 1000, (c.read_timeout_ms % 1000) * 1000);
  http_.set_write_timeout(c.read_timeout_ms / 1000, (c.read_timeout_ms % 1000) * 1000);
  http_.set_keep_alive_max_count(10'000);
  // Replies are written in pieces (headers, body): without NODELAY, Nagle
  // and delayed ACKs add ~40 ms to every keep-alive request.
  http_.set_tcp_nodelay(true);
  http_.set_payload_max_length(std::max(c.max_body_bytes, c.max_scan_bytes));
  RegisterMetrics();
  Wire();
  return jobs_.Start();
}

void ServerImpl::RegisterMetrics() {
  runtime::MetricsRegistry& m = state_.metrics();
  in_flight_ = m.AddGauge("pii_scanner_requests_in_flight", "Requests being served");
  m.AddCallbackGauge("pii_scanner_uptime_seconds", "Seconds since the service started", [this] {
    return std::chrono::duration<double>(steady_clock::now() - started_).count();
  });
}

Result<int> ServerImpl::Bind() {
  const ServiceConfig& c = state_.config();
  if (c.port == 0) {
    int port = http_.bind_to_any_port(c.host);
    if (port <= 0) return MakeError(ErrorCode::kUnavailable, "cannot bind " + c.host);
    return port;
  }
  if (!http_.bind_to_port(c.host, c.port)) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot bind " + c.host + ":" + std::to_string(c.port) + " (in use?)");
  }
  return c.port;
}

bool ServerImpl::Serve() {
  // The governor is sampled even when no request comes, so an idle
  // service's breaker closes again once memory is back down.
  std::thread sampler([this] {
    while (sampling_) {
      state_.governor().Check();
      std::this_thread::sleep_for(milliseconds(200));
    }
  });
  const bool ok = http_.listen_after_bind();
  sampling_ = false;
  sampler.join();
  return ok;
}

Reply<std::string> ServerImpl::ReadBody(RequestInfo& info, const httplib::Request& req,
                                        const httplib::ContentReader& reader) {
  const size_t limit = state_.config().max_body_bytes;
  // A declared length over the limit is refused before a byte is read.
  if (DeclaredLength(req) > limit) {
    return Fail(413, "payload_too_large",
                "Content-Length exceeds max_body_bytes (" + std::to_string(limit) + ")");
  }
  // Memory for the body and the work on it is promised before a byte is
  // read, so that concurrent large bodies cannot take the process down.
  const size_t declared = DeclaredLength(req);
  if (auto memory = state_.ReserveFor(std::max<size_t>(declared, 64 << 10), info); !memory) {
    if (declared > 0) Discard(info, reader);  // the client then reads the 503
    return tl::unexpected(memory.error());
  }
  std::string body;
  body.reserve(declared);
  bool too_big = false;
  bool late = false;
  std::optional<HttpError> refused;
  const bool ok = reader([&](const char* data, size_t len) {
    if (body.size() + len > limit) return !(too_big = true);
    if (info.Expired()) return !(late = true);
    // A body without a declared length: the promise grows with it.
    if (declared == 0) {
      if (auto more = state_.ReserveFor(2 * (body.size() + len), info); !more) {
        refused = more.error();
        return false;
      }
    }
    body.append(data, len);
    return true;
  });
  info.bytes_in = body.size();
  if (too_big || (!ok && body.size() >= limit)) {
    return Fail(413, "payload_too_large",
                "body exceeds max_body_bytes (" + std::to_string(limit) + ")");
  }
  if (late) return Fail(408, "deadline_exceeded", "the body took longer than the deadline");
  if (refused) return tl::unexpected(*refused);
  if (!ok) return Fail(400, "bad_body", "the body could not be read completely");
  return body;
}

void ServerImpl::Discard(RequestInfo& info, const httplib::ContentReader& reader) {
  reader([&](const char*, size_t len) {
    info.bytes_in += len;
    return !info.Expired();
  });
}

void ServerImpl::Log(const RequestInfo& info, const httplib::Request& req, int status,
                     size_t bytes_out) {
  if (!state_.config().access_log) return;
  const double ms =
      std::chrono::duration<double, std::milli>(steady_clock::now() - info.start).count();
  Json line = {{"ts", std::chrono::duration_cast<milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count()},
               {"level", status >= 500   ? "error"
                         : status >= 400 ? "warn"
                                         : "info"},
               {"logger", "service.access"},
               {"correlation_id", info.correlation_id},
               {"method", req.method},
               {"route", info.route},
               {"status", status},
               {"duration_ms", ms},
               {"bytes_in", info.bytes_in},
               {"bytes_out", bytes_out},
               {"findings", info.findings}};
  const std::string text = cli::DumpJson(line) + "\n";
  // One write per line, so lines from concurrent requests never interleave.
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
}

void ServerImpl::Respond(const RequestInfo& info, const Reply<HttpReply>& reply,
                         httplib::Response& res) {
  res.set_header("X-Correlation-ID", info.correlation_id);
  if (reply) {
    res.status = reply->status;
    res.set_content(reply->body, reply->content_type.c_str());
    return;
  }
  const HttpError& e = reply.error();
  res.status = e.status;
  if (e.retry_after_s > 0) res.set_header("Retry-After", std::to_string(e.retry_after_s));
  // Clients that sent a body we did not read must not reuse the connection.
  if (e.status == 413 || e.status == 408) res.set_header("Connection", "close");
  res.set_content(ErrorBody(e, info.correlation_id), "application/json");
  state_.RecordError(e.error);
}

void ServerImpl::CountRequest(const std::string& route, int status,
                              std::array<std::atomic<runtime::Counter*>, 600>* cache) {
  const size_t slot = status >= 100 && status < 600 ? static_cast<size_t>(status) : 0;
  runtime::Counter* counter = (*cache)[slot].load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter =
        state_.metrics().AddCounter("pii_scanner_requests_total", "Requests by route and status",
                                    {{"route", route}, {"status", std::to_string(status)}});
    (*cache)[slot].store(counter, std::memory_order_release);
  }
  counter->Add();
}

void ServerImpl::Route(const char* method, const std::string& pattern, const std::string& route,
                       Body body) {
  // The request counter of each status, looked up once: the registry's
  // lookup takes a lock and builds the label string.
  auto counters = std::make_shared<std::array<std::atomic<runtime::Counter*>, 600>>();
  auto run = [this, route, body, counters](const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader* reader) {
    RequestInfo info;
    info.route = route;
    info.start = steady_clock::now();
    info.deadline = info.start + milliseconds(state_.config().request_timeout_ms);
    const std::string given = req.get_header_value("X-Correlation-ID");
    info.correlation_id = PlainId(given) ? given : NewCorrelationId();
    ++state_.in_flight;
    in_flight_->Add(1);

    Reply<HttpReply> reply;
    try {
      reply = body(info, req, reader);
    } catch (const std::exception& e) {
      // A bug, never the client's input: report it as such, without text.
      reply = Fail(500, "internal", std::string("unexpected failure: ") + e.what());
    }
    Respond(info, reply, res);
    CountRequest(route, res.status, counters.get());
    Log(info, req, res.status, res.body.size());
    in_flight_->Add(-1);
    --state_.in_flight;
  };
  const std::string m = method;
  if (m == "GET") {
    http_.Get(pattern,
              [run](const httplib::Request& q, httplib::Response& r) { run(q, r, nullptr); });
  } else if (m == "DELETE") {
    http_.Delete(pattern,
                 [run](const httplib::Request& q, httplib::Response& r) { run(q, r, nullptr); });
  } else {
    http_.Post(pattern, [run](const httplib::Request& q, httplib::Response& r,
                              const httplib::ContentReader& c) { run(q, r, &c); });
  }
}

Reply<HttpReply> ServerImpl::Ready() {
  Json why = Json::array();
  if (state_.draining) why.push_back("draining");
  const auto breaker = state_.governor().Check();
  if (breaker != runtime::BreakerState::kClosed) {
    why.push_back(std::string("memory breaker ") + runtime::BreakerStateName(breaker));
  }
  if (!state_.models().AllLoaded()) {
    // Readiness loads the models, so that the first request does not pay.
    if (auto loaded = state_.models().LoadAll(); !loaded) {
      why.push_back("models not loaded: " + loaded.error().message);
    }
  }
  if (!why.empty()) return Fail(503, "not_ready", cli::DumpJson(why), 1);
  return HttpReply{200, cli::DumpJson(Json{{"status", "ready"}})};
}

Reply<std::string> ServerImpl::Language(const httplib::Request& req) {
  const std::string lang = req.get_param_value("language");
  if (lang.empty()) return lang;
  const auto& ok = state_.config().languages;
  if (std::find(ok.begin(), ok.end(), lang) == ok.end()) {
    return Fail(400, "unsupported_language", "language '" + lang + "' is not served");
  }
  return lang;
}

void ServerImpl::Wire() {
  // Heavy POST routes: refused while draining, body read within limits.
  auto post = [this](const std::string& path,
                     Reply<HttpReply> (*fn)(ServiceState&, RequestInfo&, const std::string&)) {
    Route("POST", path, path,
          [this, fn](RequestInfo& info, const httplib::Request& req,
                     const httplib::ContentReader* reader) -> Reply<HttpReply> {
            if (state_.draining) return Fail(503, "draining", "the service is shutting down", 5);
            auto body = ReadBody(info, req, *reader);
            if (!body) return tl::unexpected(body.error());
            return fn(state_, info, *body);
          });
  };
  post("/analyze", &HandleAnalyze);
  post("/anonymize", &HandleAnonymize);
  post("/deanonymize", &HandleDeanonymize);

  Route("GET", "/recognizers", "/recognizers",
        [this](RequestInfo&, const httplib::Request& req, auto) -> Reply<HttpReply> {
          auto lang = Language(req);
          if (!lang) return tl::unexpected(lang.error());
          return HandleRecognizers(state_, *lang);
        });
  Route("GET", "/supportedentities", "/supportedentities",
        [this](RequestInfo&, const httplib::Request& req, auto) -> Reply<HttpReply> {
          auto lang = Language(req);
          if (!lang) return tl::unexpected(lang.error());
          return HandleSupportedEntities(state_, *lang);
        });
  Route("GET", "/health", "/health", [](RequestInfo&, const httplib::Request&, auto) {
    return Reply<HttpReply>(HttpReply{200, R"({"status":"up"})"});
  });
  Route("GET", "/ready", "/ready",
        [this](RequestInfo&, const httplib::Request&, auto) { return Ready(); });
  Route("GET", "/metrics", "/metrics", [this](RequestInfo&, const httplib::Request&, auto) {
    state_.governor().Check();
    return Reply<HttpReply>(
        HttpReply{200, state_.metrics().Render(), "text/plain; version=0.0.4; charset=utf-8"});
  });
  Route("POST", "/scan", "/scan",
        [this](RequestInfo& info, const httplib::Request& req,
               const httplib::ContentReader* reader) -> Reply<HttpReply> {
          if (state_.draining) return Fail(503, "draining", "the service is shutting down", 5);
          BodyReader read = [reader](const BodyReceiver& receive) { return (*reader)(receive); };
          QueryParam param = [&req](const std::string& name) {
            return req.get_param_value(name.c_str());
          };
          return HandleScan(state_, info, DeclaredLength(req), read, param);
        });
  Route("POST", "/jobs", "/jobs",
        [this](RequestInfo& info, const httplib::Request& req,
               const httplib::ContentReader* reader) -> Reply<HttpReply> {
          if (state_.draining) return Fail(503, "draining", "the service is shutting down", 5);
          auto body = ReadBody(info, req, *reader);
          if (!body) return tl::unexpected(body.error());
          return jobs_.Submit(info, *body);
        });
  Route("GET", R"(/jobs/([A-Za-z0-9]+))", "/jobs/{id}",
        [this](RequestInfo&, const httplib::Request& req, auto) {
          return jobs_.Get(req.matches[1]);
        });
  Route("DELETE", R"(/jobs/([A-Za-z0-9]+))", "/jobs/{id}",
        [this](RequestInfo&, const httplib::Request& req, auto) {
          return jobs_.Cancel(req.matches[1]);
        });

  // Anything httplib answers itself (unknown path, unreadable request)
  // still gets the JSON error shape.
  http_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string id = NewCorrelationId();
        HttpError e{res.status, res.status == 404 ? "not_found" : "bad_request",
                    res.status == 404 ? "no route " + req.method + " " + req.path : "bad request"};
        if (res.status == 413) e = {413, "payload_too_large", "body exceeds the size limit"};
        res.set_header("X-Correlation-ID", id);
        res.set_content(ErrorBody(e, id), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
}

bool ServerImpl::Drain() {
  state_.draining = true;
  const auto until = steady_clock::now() + milliseconds(state_.config().drain_timeout_ms);
  bool clean = jobs_.Stop(until);
  // The signal thread is not a request: wait for every request in flight.
  while (state_.in_flight.load() > 0 && steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  clean = clean && state_.in_flight.load() == 0;
  http_.stop();
  return clean;
}

Status ServerImpl::Reload() { return state_.models().Reload("analyzer"); }

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const ServiceConfig& config) {
  if (auto valid = ValidateServiceConfig(config); !valid) return tl::unexpected(valid.error());
  auto server = std::make_unique<ServerImpl>(config);
  if (auto init = server->Init(); !init) return tl::unexpected(init.error());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace piiscan::service
