#include "cli/analyze_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.h"
#include "cli/presidio_json.h"
#include "piiscan/anonymizer.h"
#include "piiscan/text.h"

namespace piiscan::cli {
namespace {

struct AnalyzeFlags {
  AnalyzerFlags analyzer;
  std::string text;
  bool has_text = false;
  std::string format = "json";
};

struct EvalFlags {
  AnalyzerFlags analyzer;
  std::string gold;
  std::string out;
};

int AnalyzeOne(const Analyzer& analyzer, const AnalyzeFlags& flags) {
  std::string raw = flags.text;
  if (!flags.has_text) {
    struct stat st;
    if (fstat(STDIN_FILENO, &st) != 0 || S_ISDIR(st.st_mode)) {
      PrintError("stdin: cannot read text from it (closed or a folder)");
      return kExitError;
    }
    raw.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  auto decoded = Decode(raw, DetectEncoding(raw));
  if (!decoded) {
    PrintError(decoded.error().ToString());
    return kExitError;
  }
  auto findings = analyzer.Analyze(decoded->utf8, flags.analyzer.Options());
  if (!findings) {
    PrintError(findings.error().ToString());
    return kExitError;
  }
  std::cout << DumpJson(PresidioResults(*findings, flags.analyzer.explain), 2) << "\n";
  return findings->empty() ? kExitClean : kExitFindings;
}

// One JSON object per line in, one per line out: {"id", "text"} ->
// {"id", "findings", "anonymized"}. A bad line yields an error line.
int AnalyzeLines(const Analyzer& analyzer, const AnalyzeFlags& flags) {
  std::string line;
  size_t number = 0;
  bool any = false;
  bool failed = false;
  const AnalyzeOptions options = flags.analyzer.Options();
  auto replacer = Anonymizer::Create({});
  if (!replacer) {
    PrintError(replacer.error().ToString());
    return kExitError;
  }
  while (std::getline(std::cin, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json out;
    Json in = Json::parse(line, nullptr, false);
    if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      out = {{"id", in.is_object() && in.contains("id") ? in["id"] : Json(nullptr)},
             {"error", "line " + std::to_string(number) +
                           ": expected a JSON object with a string \"text\""}};
      std::cout << DumpJson(out) << "\n";
      failed = true;
      continue;
    }
    auto decoded = Decode(in["text"].get<std::string>(), "UTF-8");
    auto findings = analyzer.Analyze(decoded->utf8, options);
    out["id"] = in.contains("id") ? in["id"] : Json(nullptr);
    if (!findings) {
      out["error"] = "line " + std::to_string(number) + ": " + findings.error().ToString();
      failed = true;
    } else {
      out["findings"] = PresidioResults(*findings, flags.analyzer.explain);
      // Each finding replaced by "<ENTITY_TYPE>", the anonymizer's default.
      auto anonymized = (*replacer)->Anonymize(decoded->utf8, *findings);
      if (anonymized) out["anonymized"] = anonymized->text;
      any |= !findings->empty();
    }
    std::cout << DumpJson(out) << "\n";
  }
  std::cout.flush();
  if (failed || !std::cout) return kExitError;
  return any ? kExitFindings : kExitClean;
}

int RunEval(const EvalFlags& flags) {
  auto analyzer = flags.analyzer.Build();
  if (!analyzer) return kExitError;

  std::ifstream in(flags.gold, std::ios::binary);
  if (!in) {
    PrintError(flags.gold + ": cannot open: " + std::strerror(errno));
    return kExitError;
  }
  Json gold = Json::parse(in, nullptr, false);
  if (gold.is_discarded() || !gold.is_array()) {
    PrintError(flags.gold + ": expected a JSON array of samples with \"full_text\"");
    return kExitError;
  }
  std::ofstream out(flags.out, std::ios::binary | std::ios::trunc);
  if (!out) {
    PrintError(flags.out + ": cannot write");
    return kExitError;
  }

  const AnalyzeOptions options = flags.analyzer.Options();
  size_t failed = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const Json& sample = gold[i];
    // A bad sample gets an empty prediction, so lines stay aligned with
    // the gold samples, and an error; the rest is still predicted.
    const std::string where = flags.gold + ": sample " + std::to_string(i) + ": ";
    if (!sample.is_object() || !sample.contains("full_text") || !sample["full_text"].is_string()) {
      PrintError(where + "no string \"full_text\"");
      out << DumpJson(Json{{"spans", Json::array()}, {"error", "no string full_text"}}) << "\n";
      ++failed;
      continue;
    }
    auto decoded = Decode(sample["full_text"].get<std::string>(), "UTF-8");
    auto findings = analyzer->Analyze(decoded->utf8, options);
    if (!findings) {
      PrintError(where + findings.error().ToString());
      out << DumpJson(Json{{"spans", Json::array()}, {"error", findings.error().ToString()}})
          << "\n";
      ++failed;
      continue;
    }
    Json spans = Json::array();
    for (const Finding& f : *findings) {
      spans.push_back(
          {{"entity_type", f.entity_type}, {"start", f.start}, {"end", f.end}, {"score", f.score}});
    }
    out << DumpJson(Json{{"spans", spans}}) << "\n";
  }
  out.flush();
  if (!out) {
    PrintError(flags.out + ": cannot write");
    return kExitError;
  }
  std::cerr << "piiscan: wrote predictions for " << gold.size() << " samples to " << flags.out
            << "\n";
  return failed > 0 ? kExitError : kExitClean;
}

int RunRecognizers(const AnalyzerFlags& flags, bool as_json) {
  auto analyzer = flags.Build();
  if (!analyzer) return kExitError;
  Json list = Json::array();
  if (!as_json) {
    std::printf("%-26s %-26s %-7s %-9s %-20s %s\n", "RECOGNIZER", "ENTITY", "COUNTRY", "LANGUAGE",
                "VALIDATOR", "EXAMPLE");
  }
  for (const RecognizerInfo& r : analyzer->Recognizers()) {
    if (as_json) {
      list.push_back({{"name", r.name},
                      {"entity_type", r.entity_type},
                      {"country", r.country},
                      {"language", r.language},
                      {"validator", r.validator},
                      {"context", r.context},
                      {"example", r.example}});
      continue;
    }
    std::printf("%-26s %-26s %-7s %-9s %-20s %s\n", r.name.c_str(), r.entity_type.c_str(),
                r.country.c_str(), r.language.c_str(),
                r.validator.empty() ? "-" : r.validator.c_str(),
                r.example.empty() ? "-" : r.example.c_str());
  }
  if (as_json) std::cout << DumpJson(list, 2) << "\n";
  return kExitClean;
}

}  // namespace

void RegisterAnalyze(CLI::App* app, int* exit_status) {
  auto flags = std::make_shared<AnalyzeFlags>();
  CLI::App* cmd = app->add_subcommand(
      "analyze", "Analyze text from stdin or --text; print findings as Presidio does");
  auto* text = cmd->add_option("--text", flags->text, "Text to analyze instead of stdin");
  cmd->add_option("--format", flags->format,
                  "json (one text) or jsonl (one {\"id\",\"text\"} object per line)")
      ->check(CLI::IsMember({"json", "jsonl"}));
  flags->analyzer.names = true;
  flags->analyzer.Register(cmd);
  cmd->callback([flags, exit_status, text] {
    flags->has_text = text->count() > 0;
    auto analyzer = flags->analyzer.Build();
    if (!analyzer) {
      *exit_status = kExitError;
      return;
    }
    *exit_status =
        flags->format == "jsonl" ? AnalyzeLines(*analyzer, *flags) : AnalyzeOne(*analyzer, *flags);
  });

  auto eval = std::make_shared<EvalFlags>();
  CLI::App* ecmd = app->add_subcommand(
      "eval", "Predict spans for a gold corpus (presidio-research layout) as JSON Lines");
  ecmd->add_option("gold", eval->gold, "Gold corpus JSON")->required();
  ecmd->add_option("--out", eval->out, "Predictions file (JSON Lines)")->required();
  eval->analyzer.names = true;
  eval->analyzer.Register(ecmd);
  ecmd->callback([eval, exit_status] { *exit_status = RunEval(*eval); });

  auto list = std::make_shared<AnalyzerFlags>();
  auto as_json = std::make_shared<bool>(false);
  CLI::App* lcmd = app->add_subcommand("recognizers", "List the enabled recognizers");
  lcmd->add_flag("--json", *as_json, "Print as JSON");
  list->names = true;
  list->Register(lcmd);
  lcmd->callback([list, as_json, exit_status] { *exit_status = RunRecognizers(*list, *as_json); });
}

}  // namespace piiscan::cli
