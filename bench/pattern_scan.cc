// Times the Vectorscan pass alone: the patterns of the selected recognizers
// compiled into one database, scanned over a file, with no confirmation,
// context or report. It is the floor under what `piiscan scan` can reach.
//
//   pattern_scan FILE [--countries us,gb|all] [--entities A,B] [--runs N]
//
// Prints the pattern count, the match ends reported and the median MB/s.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "recognize/catalogue.h"
#include "recognize/pattern_db.h"

namespace {

std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int Fail(const std::string& message) {
  std::cerr << "pattern_scan: " << message << "\n";
  return 2;
}

int Usage() {
  std::cerr << "usage: pattern_scan FILE [--countries LIST|all] [--entities LIST] [--runs N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace piiscan::recognize;
  if (argc < 2) return Usage();
  std::vector<std::string> countries;
  std::vector<std::string> entities;
  int runs = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--countries") {
      countries = SplitCommas(value);
    } else if (flag == "--entities") {
      entities = SplitCommas(value);
    } else if (flag == "--runs") {
      runs = std::max(1, std::atoi(value.c_str()));
    } else {
      return Usage();
    }
  }

  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return Fail(std::string(argv[1]) + ": cannot read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  auto specs = ParseCatalogue(BuiltinCatalogue(), "built-in catalogue");
  if (!specs) return Fail(specs.error().message);
  if (auto st = SelectCountries(countries, entities, &*specs); !st) {
    return Fail(st.error().message);
  }
  std::vector<PatternSource> sources;
  for (const RecognizerSpec& r : *specs) {
    const bool wanted =
        entities.empty() || std::find(entities.begin(), entities.end(), r.entity) != entities.end();
    if (!wanted || r.engine == Engine::kNames) continue;
    for (const PatternSpec& p : r.patterns) {
      sources.push_back({p.regex, p.case_insensitive, p.unicode, r.name + "/" + p.name});
    }
  }
  auto db = PatternDatabase::Compile(sources);
  if (!db) return Fail(db.error().message);

  std::vector<double> seconds;
  size_t ends = 0;
  for (int run = 0; run < runs; ++run) {
    ends = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const auto st = (*db)->Scan(text, [&](unsigned, size_t) { return ++ends, true; });
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (!st) return Fail(st.error().message);
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  std::printf("patterns %zu  match ends %zu  median %.3f s  %.1f MB/s\n", sources.size(), ends,
              median, static_cast<double>(text.size()) / 1e6 / median);
  return 0;
}
