#pragma once

#include <CLI/CLI.hpp>

namespace piiscan::cli {

// Registers `serve`: the HTTP service. Its callback runs the server until
// SIGTERM or SIGINT (drain, exit 0); SIGHUP reloads the catalogues.
void RegisterServe(CLI::App* app, int* exit_status);

}  // namespace piiscan::cli
