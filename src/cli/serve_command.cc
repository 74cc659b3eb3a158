#include "cli/serve_command.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "cli/common.h"
#include "cli/presidio_json.h"
#include "service/config.h"
#include "service/server.h"

namespace piiscan::cli {
namespace {

struct ServeFlags {
  std::string config_file;
  std::vector<std::string> set;  // key=value
  int port = -1;
  std::string host;
  int threads = -1;
  long long memory_limit = -1;
  std::vector<std::string> catalogues;
};

void LogEvent(const std::string& event, const std::string& detail) {
  const Json line = {{"logger", "service"}, {"event", event}, {"detail", detail}};
  std::fprintf(stderr, "%s\n", DumpJson(line).c_str());
}

// Defaults, then the file, then the environment, then the flags.
Result<service::ServiceConfig> BuildConfig(const ServeFlags& flags) {
  service::ServiceConfig config;
  if (!flags.config_file.empty()) {
    if (auto s = service::LoadServiceConfigFile(&config, flags.config_file); !s) {
      return tl::unexpected(s.error());
    }
  }
  auto env = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v == nullptr ? std::nullopt : std::optional<std::string>(v);
  };
  if (auto s = service::ApplyServiceEnvironment(&config, env); !s) return tl::unexpected(s.error());
  for (const std::string& kv : flags.set) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) {
      return MakeError(ErrorCode::kInvalidArgument, "--set " + kv + ": expected KEY=VALUE");
    }
    auto s = service::SetServiceOption(&config, kv.substr(0, eq), kv.substr(eq + 1));
    if (!s) return MakeError(s.error().code, "--set: " + s.error().message);
  }
  if (flags.port >= 0) config.port = flags.port;
  if (!flags.host.empty()) config.host = flags.host;
  if (flags.threads > 0) config.http_threads = flags.threads;
  if (flags.memory_limit >= 0) config.memory_limit_bytes = flags.memory_limit;
  if (!flags.catalogues.empty()) config.catalogues = flags.catalogues;
  if (auto s = service::ValidateServiceConfig(config); !s) return tl::unexpected(s.error());
  return config;
}

int RunServe(const ServeFlags& flags) {
  auto config = BuildConfig(flags);
  if (!config) {
    PrintError(config.error().ToString());
    return kExitError;
  }
#ifdef __GLIBC__
  // One arena per thread (glibc's default, up to 8 per core) lets freed
  // memory scatter over many heaps under load: RSS creeps up and the
  // memory governor sees memory that is free. A few arenas keep it flat.
  mallopt(M_ARENA_MAX, config->malloc_arenas);
#endif
  // Signals go to one thread that waits for them; every other thread,
  // the server's included, inherits this mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto server = service::Server::Create(*config);
  if (!server) {
    PrintError(server.error().ToString());
    return kExitError;
  }
  auto port = (*server)->Bind();
  if (!port) {
    PrintError(port.error().ToString());
    return kExitError;
  }
  LogEvent("listening", config->host + ":" + std::to_string(*port));

  bool served = true;
  std::thread serving([&] { served = (*server)->Serve(); });
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      auto reloaded = (*server)->Reload();
      LogEvent(reloaded ? "reloaded" : "reload_failed",
               reloaded ? "catalogues" : ErrorCodeName(reloaded.error().code));
      continue;
    }
    LogEvent("draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    const bool clean = (*server)->Drain();
    LogEvent("stopped", clean ? "drained" : "drain timeout: work cut short");
    break;
  }
  serving.join();
  return served ? kExitClean : kExitError;
}

}  // namespace

void RegisterServe(CLI::App* app, int* exit_status) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app->add_subcommand(
      "serve", "Run the HTTP service (Presidio-compatible /analyze, /anonymize, ...)");
  cmd->add_option("--config", flags->config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--port", flags->port, "Port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", flags->host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--threads", flags->threads, "Connections served at once")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--memory-limit", flags->memory_limit,
                  "Memory limit in bytes (default: cgroup memory.max, else 1.4 GB)")
      ->check(CLI::Range(0LL, 1LL << 50));
  cmd->add_option("--recognizers", flags->catalogues, "Extra recognizer catalogue; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--set", flags->set, "KEY=VALUE for any configuration key; repeatable")
      ->allow_extra_args(false);
  cmd->callback([flags, exit_status] { *exit_status = RunServe(*flags); });
}

}  // namespace piiscan::cli
