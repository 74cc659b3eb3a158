#pragma once

#include <CLI/CLI.hpp>

namespace piiscan::cli {

// Registers `piiscan scan PATH...`; the callback stores the exit status.
void RegisterScan(CLI::App* app, int* exit_status);

}  // namespace piiscan::cli
