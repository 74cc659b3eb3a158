#pragma once

#include <CLI/CLI.hpp>

namespace piiscan::cli {

// Registers `analyze`, `eval` and `recognizers`; callbacks store the exit
// status.
void RegisterAnalyze(CLI::App* app, int* exit_status);

}  // namespace piiscan::cli
