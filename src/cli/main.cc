// piiscan: finds personal data in text and files.

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/analyze_command.h"
#include "cli/common.h"
#include "cli/ner_command.h"
#include "cli/redact_command.h"
#include "cli/scan_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{"piiscan: find personal data in text and files", "piiscan"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "piiscan 0.1.0");
  int exit_status = piiscan::cli::kExitClean;
  piiscan::cli::RegisterScan(&app, &exit_status);
  piiscan::cli::RegisterAnalyze(&app, &exit_status);
  piiscan::cli::RegisterRedact(&app, &exit_status);
  piiscan::cli::RegisterTrainNer(&app, &exit_status);
  piiscan::cli::RegisterEvalNer(&app, &exit_status);
  piiscan::cli::RegisterServe(&app, &exit_status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return piiscan::cli::kExitError;
  } catch (const std::exception& e) {
    piiscan::cli::PrintError(std::string("internal error: ") + e.what());
    return piiscan::cli::kExitError;
  }
  return exit_status;
}
