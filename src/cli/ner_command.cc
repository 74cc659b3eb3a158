#include "cli/ner_command.h"

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "ner/corpus.h"
#include "ner/lexicon.h"
#include "ner/name_recognizer.h"
#include "ner/trainer.h"

namespace piiscan::cli {
namespace {

struct TrainFlags {
  std::string lists = PIISCAN_NER_DATA_DIR;
  std::string corpora = PIISCAN_SHARED_DATA_DIR;
  std::string out = ner::DefaultModelPath();
  int epochs = 3;
  int bits = 19;
  size_t synthetic = 40000;
  uint64_t seed = 1;
};

// The training corpora under the shared data folder. Evaluation corpora
// (WNUT17 test, wikigold, BTC h, presidio-research) are never read here.
constexpr const char* kTrainingFiles[] = {"ner-btc/a.conll", "ner-btc/b.conll", "ner-btc/e.conll",
                                          "ner-btc/g.conll", "ner-wnut17/wnut17train.conll"};

void Progress(const std::string& line) { std::cerr << "train-ner: " << line << "\n"; }

int Train(const TrainFlags& f) {
  auto lexicon = ner::LoadLexiconDir(f.lists);
  if (!lexicon) {
    PrintError(lexicon.error().ToString());
    return kExitError;
  }
  std::vector<ner::Sentence> data;
  for (const char* file : kTrainingFiles) {
    auto part = ner::ReadConll(f.corpora + "/" + file);
    if (!part) {
      PrintError(part.error().ToString());
      return kExitError;
    }
    Progress(std::string(file) + ": " + std::to_string(part->size()) + " sentences");
    data.insert(data.end(), part->begin(), part->end());
  }
  ner::Random random(f.seed);
  auto synthetic = ner::Synthesize(f.lists, f.synthetic, &random);
  if (!synthetic) {
    PrintError(synthetic.error().ToString());
    return kExitError;
  }
  data.insert(data.end(), synthetic->begin(), synthetic->end());
  ner::AddCaseVariants(0.15, 0.08, &random, &data);
  Progress(std::to_string(data.size()) + " sentences with case variants");

  const ner::TrainOptions options{f.bits, f.epochs, f.seed};
  if (auto st = ner::TrainModel(data, *lexicon, options, f.out, Progress); !st) {
    PrintError(st.error().ToString());
    return kExitError;
  }
  Progress("wrote " + f.out);
  return kExitClean;
}

int Eval(const std::string& conll, const std::string& model_path) {
  auto gold = ner::ReadConll(conll);
  if (!gold) {
    PrintError(gold.error().ToString());
    return kExitError;
  }
  auto model = ner::ModelRegistry::Instance().Get(model_path);
  if (!model) {
    PrintError(model.error().ToString());
    return kExitError;
  }
  const ner::SpanCounts c = ner::Evaluate(**model, *gold);
  std::printf("%-6s %6s %6s %6s %7s %7s %7s\n", "type", "tp", "fp", "fn", "prec", "rec", "f1");
  size_t tp = 0, fp = 0, fn = 0;
  auto row = [](const char* name, size_t t, size_t p, size_t n) {
    const double prec = t + p ? static_cast<double>(t) / static_cast<double>(t + p) : 0.0;
    const double rec = t + n ? static_cast<double>(t) / static_cast<double>(t + n) : 0.0;
    const double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0.0;
    std::printf("%-6s %6zu %6zu %6zu %7.3f %7.3f %7.3f\n", name, t, p, n, prec, rec, f1);
  };
  for (int k = 0; k < ner::kKindCount; ++k) {
    row(ner::KindName(static_cast<ner::Kind>(k)), c.tp[k], c.fp[k], c.fn[k]);
    tp += c.tp[k];
    fp += c.fp[k];
    fn += c.fn[k];
  }
  row("micro", tp, fp, fn);
  return kExitClean;
}

}  // namespace

void RegisterTrainNer(CLI::App* app, int* exit_status) {
  auto flags = std::make_shared<TrainFlags>();
  CLI::App* cmd = app->add_subcommand(
      "train-ner", "Rebuild the name model (deterministic) from data/ner and the corpora");
  cmd->add_option("--lists", flags->lists, "Folder of word lists and templates")
      ->capture_default_str();
  cmd->add_option("--corpora", flags->corpora, "The shared data folder (BTC, WNUT17)")
      ->capture_default_str();
  cmd->add_option("-o,--out", flags->out, "Model file to write")->capture_default_str();
  cmd->add_option("--epochs", flags->epochs, "Training passes")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_option("--bits", flags->bits, "log2 of the feature buckets")
      ->capture_default_str()
      ->check(CLI::Range(12, 24));
  cmd->add_option("--synthetic", flags->synthetic, "Synthetic sentences")->capture_default_str();
  cmd->callback([flags, exit_status] { *exit_status = Train(*flags); });
}

void RegisterEvalNer(CLI::App* app, int* exit_status) {
  auto conll = std::make_shared<std::string>();
  auto model = std::make_shared<std::string>(ner::DefaultModelPath());
  CLI::App* cmd = app->add_subcommand(
      "eval-ner", "Precision, recall and F1 of the name model on a CoNLL file (exact spans)");
  cmd->add_option("file", *conll, "CoNLL file (IOB2 or IO tags)")->required();
  cmd->add_option("--model", *model, "Model file")->capture_default_str();
  cmd->callback([conll, model, exit_status] { *exit_status = Eval(*conll, *model); });
}

}  // namespace piiscan::cli
