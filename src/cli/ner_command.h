#pragma once

// piiscan train-ner: rebuilds the name model from the word lists in
// data/ner and the labelled corpora; piiscan eval-ner: scores the model on
// a CoNLL file.

#include <CLI/CLI.hpp>

namespace piiscan::cli {

void RegisterTrainNer(CLI::App* app, int* exit_status);
void RegisterEvalNer(CLI::App* app, int* exit_status);

}  // namespace piiscan::cli
