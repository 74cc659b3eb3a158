#include "piiscan/analyzer.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "analyze/context.h"
#include "analyze/overlap.h"
#include "analyze/start_finder.h"
#include "ner/name_recognizer.h"
#include "piiscan/text.h"
#include "recognize/boundary.h"
#include "recognize/catalogue.h"
#include "recognize/pattern_db.h"
#include "recognize/phone.h"
#include "recognize/validators/validators.h"

namespace piiscan {
namespace {

using recognize::Engine;
using recognize::PatternSpec;
using recognize::RecognizerSpec;

// A recognizer ready to run: its spec plus what was built from it.
struct Recognizer {
  RecognizerSpec spec;
  validators::ValidatorFn validator = nullptr;
  analyze::WordSet context;
  int type_id = 0;
};

// One pattern of the database; `id` is its Vectorscan id.
struct CompiledPattern {
  size_t recognizer = 0;
  const PatternSpec* spec = nullptr;
  size_t finder = 0;  // index into the start finders; equal patterns share one
};

struct Candidate {
  size_t pattern = 0;
  size_t start = 0;
  size_t end = 0;
};

// A confirmed finding before overlap resolution.
struct Scored {
  size_t recognizer = 0;
  size_t start = 0;
  size_t end = 0;
  double score = 0.0;
  Explanation why;
  int context = -1;  // whether a context word is near: 1, 0, or -1 not looked yet
};

// What one Analyze() call carries through its steps.
struct Pass {
  const AnalyzeOptions& options;
  analyze::WordSet extra;           // the caller's context words
  analyze::ContextWindow window;    // the words around the last span looked at
  std::vector<std::string> around;  // the caller's surrounding words, normalized
};

std::string DenyListRegex(const std::vector<std::string>& terms) {
  std::string regex;
  for (const std::string& term : terms) {
    if (term.empty()) continue;
    if (!regex.empty()) regex += '|';
    regex += RE2::QuoteMeta(term);
  }
  return "(?:" + regex + ")";
}

// False for text made only of spaces, punctuation, bytes that are no UTF-8
// and U+FFFD, the mark that replaces them: no name is written that way.
bool HasLetterOrDigit(std::string_view s) {
  const auto is_continuation = [&](size_t i) {
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) return true;
      continue;
    }
    const size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (length == 0 || c > 0xF4) continue;  // a stray byte
    bool whole = true;
    for (size_t k = 1; k < length; ++k) whole = whole && is_continuation(i + k);
    if (!whole) continue;
    if (s.compare(i, 3, "\xEF\xBF\xBD") != 0) return true;  // a letter of some script
    i += length - 1;
  }
  return false;
}

// Confirmed findings, asked whether one of them holds a span and would win
// against any finding there of at most `score` and `priority`.
class Outranking {
 public:
  Outranking(const std::vector<Scored>& scored, const std::vector<Recognizer>& recognizers) {
    for (const Scored& s : scored) {
      spans_.push_back({s.start, s.end, s.score, recognizers[s.recognizer].spec.priority});
    }
    std::sort(spans_.begin(), spans_.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
  }

  bool Covers(size_t start, size_t end, double score, int priority) const {
    // Spans starting at or before `start`, nearest first; few overlap.
    auto it = std::upper_bound(spans_.begin(), spans_.end(), start,
                               [](size_t pos, const Span& s) { return pos < s.start; });
    for (int looked = 0; it != spans_.begin() && looked < 8; ++looked) {
      --it;
      const bool holds = it->end >= end;
      const bool wins = it->score > score || (it->score == score && it->priority > priority);
      if (holds && wins) return true;
    }
    return false;
  }

 private:
  struct Span {
    size_t start;
    size_t end;
    double score;
    int priority;
  };
  std::vector<Span> spans_;
};

class AnalyzerImpl final : public Analyzer {
 public:
  static Result<std::shared_ptr<const Analyzer>> Build(const AnalyzerConfig& config);

  Result<std::vector<Finding>> Analyze(std::string_view text, const AnalyzeOptions& options,
                                       AnalyzeStats* stats) const override;
  const std::vector<RecognizerInfo>& Recognizers() const override { return infos_; }
  std::vector<std::string> SupportedEntities() const override;
  size_t MaxSpanBytes() const override { return max_span_; }

 private:
  explicit AnalyzerImpl(const AnalyzerConfig& config)
      : config_(config), phones_(config.phone_regions) {}

  Status AddRecognizers(std::vector<RecognizerSpec> specs);
  Status CheckRequested() const;
  Status Compile();
  size_t AddFinder(std::unique_ptr<const analyze::StartFinder> finder);
  std::vector<bool> EnabledFor(const AnalyzeOptions& options) const;

  void Confirm(std::string_view text, const Candidate& c, Pass* pass,
               std::vector<Scored>* out) const;
  void ConfirmPhone(std::string_view text, const recognize::PhoneRun& run, size_t recognizer,
                    Pass* pass, std::vector<Scored>* out) const;
  bool Score(std::string_view text, const Recognizer& r, const PatternSpec& p, Scored* s,
             Pass* pass, bool weak = false) const;
  bool Allowed(std::string_view value, const AnalyzeOptions& options) const;
  bool HasContext(std::string_view text, const Recognizer& r, const Scored& s, Pass* pass,
                  std::vector<std::string>* found) const;
  std::vector<Finding> Finish(std::string_view text, std::vector<Scored> scored,
                              const AnalyzeOptions& options) const;
  Status FindNames(std::string_view text, const std::vector<bool>& enabled, Pass* pass,
                   std::vector<Scored>* out) const;

  AnalyzerConfig config_;
  recognize::PhoneFinder phones_;
  std::vector<Recognizer> recognizers_;
  std::vector<CompiledPattern> patterns_;
  std::vector<RecognizerInfo> infos_;
  std::unique_ptr<recognize::PatternDatabase> db_;
  std::vector<std::unique_ptr<const analyze::StartFinder>> finders_;
  analyze::WordSet all_context_;  // every recognizer's context words
  std::vector<std::unique_ptr<RE2>> allow_patterns_;
  std::set<std::string, std::less<>> allow_list_;
  size_t max_span_ = 0;
  std::set<std::string> all_entities_;  // in any catalogue, enabled or not
  std::unique_ptr<ner::NameRecognizer> names_;
  std::map<std::string, size_t, std::less<>> named_;  // entity -> its name-stage recognizer
};

Result<std::shared_ptr<const Analyzer>> AnalyzerImpl::Build(const AnalyzerConfig& config) {
  std::shared_ptr<AnalyzerImpl> a(new AnalyzerImpl(config));

  if (!config.skip_builtin_catalogue) {
    auto specs = recognize::ParseCatalogue(recognize::BuiltinCatalogue(), "built-in catalogue");
    if (!specs) return tl::unexpected(specs.error());
    auto selected = recognize::SelectCountries(config.countries, config.entities, &*specs);
    if (!selected) return tl::unexpected(selected.error());
    if (auto st = a->AddRecognizers(std::move(*specs)); !st) return tl::unexpected(st.error());
  }
  for (const std::string& path : config.catalogue_files) {
    auto specs = recognize::LoadCatalogueFile(path);
    if (!specs) return tl::unexpected(specs.error());
    if (auto st = a->AddRecognizers(std::move(*specs)); !st) return tl::unexpected(st.error());
  }

  if (config.names) {
    if (auto st = a->AddRecognizers(ner::NamedRecognizerSpecs()); !st) {
      return tl::unexpected(st.error());
    }
    a->names_ = std::make_unique<ner::NameRecognizer>(config.name_model);
  }

  std::vector<RecognizerSpec> deny;
  for (const auto& [entity, terms] : config.deny_lists) {
    RecognizerSpec spec;
    spec.name = "deny_list_" + entity;
    spec.entity = entity;
    spec.priority = 100;
    spec.source = "deny list";
    PatternSpec p;
    p.name = "deny_term";
    p.regex = DenyListRegex(terms);
    p.score = 1.0;
    p.max_length = 256;
    p.case_insensitive = true;
    p.unicode = true;
    for (const std::string& t : terms) p.max_length = std::max(p.max_length, t.size());
    spec.patterns.push_back(std::move(p));
    deny.push_back(std::move(spec));
  }
  if (auto st = a->AddRecognizers(std::move(deny)); !st) return tl::unexpected(st.error());

  for (const std::string& value : config.allow_list) a->allow_list_.insert(value);
  for (const std::string& pattern : config.allow_patterns) {
    auto re = std::make_unique<RE2>(pattern, RE2::Quiet);
    if (!re->ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "allow pattern '" + pattern + "': " + re->error());
    }
    a->allow_patterns_.push_back(std::move(re));
  }

  if (auto st = a->CheckRequested(); !st) return tl::unexpected(st.error());
  if (auto st = a->Compile(); !st) return tl::unexpected(st.error());
  return std::shared_ptr<const Analyzer>(a);
}

Status AnalyzerImpl::AddRecognizers(std::vector<RecognizerSpec> specs) {
  const std::set<std::string> wanted(config_.entities.begin(), config_.entities.end());
  for (RecognizerSpec& spec : specs) {
    all_entities_.insert(spec.entity);
    if (!wanted.empty() && !wanted.contains(spec.entity)) continue;
    Recognizer r;
    r.validator = spec.validator.empty() ? nullptr : validators::Find(spec.validator);
    for (const std::string& word : spec.context) {
      analyze::AddWords(word, &r.context);
      analyze::AddWords(word, &all_context_);
    }
    r.spec = std::move(spec);
    infos_.push_back({r.spec.name, r.spec.entity, r.spec.country, r.spec.language, r.spec.validator,
                      r.spec.context, r.spec.example});
    recognizers_.push_back(std::move(r));
  }
  return {};
}

// Names the caller asked for that nothing provides are mistakes to report,
// not filters that quietly match nothing.
Status AnalyzerImpl::CheckRequested() const {
  const std::set<std::string>& known = all_entities_;
  std::set<std::string> names;
  for (const Recognizer& r : recognizers_) {
    if (!names.insert(r.spec.name).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       r.spec.source + ": recognizer name '" + r.spec.name + "' is used twice");
    }
  }
  for (const std::string& entity : config_.entities) {
    if (!known.contains(entity)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown entity type '" + entity + "' (see: piiscan recognizers)");
    }
  }
  for (const std::string& region : config_.phone_regions) {
    if (!recognize::PhoneFinder::IsKnownRegion(region)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown phone region '" + region + "' (ISO 3166 alpha-2, e.g. US)");
    }
  }
  return {};
}

Status AnalyzerImpl::Compile() {
  if (recognizers_.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no recognizer is enabled");
  }
  std::vector<std::string> types;
  std::vector<recognize::PatternSource> sources;
  for (size_t i = 0; i < recognizers_.size(); ++i) {
    Recognizer& r = recognizers_[i];
    auto type = std::find(types.begin(), types.end(), r.spec.entity);
    r.type_id = static_cast<int>(type - types.begin());
    if (type == types.end()) types.push_back(r.spec.entity);
    if (r.spec.engine == Engine::kNames) {
      named_[r.spec.entity] = i;
      max_span_ = std::max(max_span_, ner::kMaxNamedSpanBytes);
      continue;
    }

    for (const PatternSpec& p : r.spec.patterns) {
      const std::string where =
          r.spec.source + ": recognizer '" + r.spec.name + "', pattern '" + p.name + "'";
      if (const RE2 alone(p.regex, RE2::Quiet); !alone.ok()) {
        return MakeError(ErrorCode::kInvalidArgument, where + ": " + alone.error());
      }
      auto finder =
          analyze::StartFinder::Create({p.regex, p.max_length, p.case_insensitive, p.unicode});
      if (!finder) {
        return MakeError(ErrorCode::kInvalidArgument, where + ": " + finder.error().message);
      }
      patterns_.push_back({i, &p, AddFinder(std::move(*finder))});
      sources.push_back({p.regex, p.case_insensitive, p.unicode, where});
      max_span_ = std::max(max_span_, p.max_length);
    }
  }
  auto db = recognize::PatternDatabase::Compile(sources, config_.pattern_cache_dir);
  if (!db) return tl::unexpected(db.error());
  db_ = std::move(*db);
  return {};
}

// Patterns with the same regex share one start finder, so a digit run that
// two recognizers report is walked once.
size_t AnalyzerImpl::AddFinder(std::unique_ptr<const analyze::StartFinder> finder) {
  for (size_t i = 0; i < finders_.size(); ++i) {
    if (finders_[i]->key() == finder->key()) return i;
  }
  finders_.push_back(std::move(finder));
  return finders_.size() - 1;
}

std::vector<std::string> AnalyzerImpl::SupportedEntities() const {
  std::set<std::string> types;
  for (const Recognizer& r : recognizers_) types.insert(r.spec.entity);
  return {types.begin(), types.end()};
}

std::vector<bool> AnalyzerImpl::EnabledFor(const AnalyzeOptions& options) const {
  std::vector<bool> enabled(recognizers_.size(), true);
  if (options.entities.empty()) return enabled;
  const std::set<std::string> wanted(options.entities.begin(), options.entities.end());
  for (size_t i = 0; i < recognizers_.size(); ++i) {
    enabled[i] = wanted.contains(recognizers_[i].spec.entity);
  }
  return enabled;
}

bool AnalyzerImpl::Allowed(std::string_view value, const AnalyzeOptions& options) const {
  if (allow_list_.contains(value)) return true;
  for (const std::string& v : options.allow_list) {
    if (v == value) return true;
  }
  for (const auto& re : allow_patterns_) {
    if (RE2::FullMatch(value, *re)) return true;
  }
  return false;
}

bool AnalyzerImpl::HasContext(std::string_view text, const Recognizer& r, const Scored& s,
                              Pass* pass, std::vector<std::string>* found) const {
  const int before = config_.context_words_before;
  const int after = config_.context_words_after;
  const analyze::WordSet* extra = pass->extra.empty() ? nullptr : &pass->extra;
  if (!pass->window.Holds(s.start, s.end, before, after)) {
    pass->window.Read(text, s.start, s.end, before, after, all_context_, extra);
  }
  bool hit = pass->window.Match(r.context, extra, found);
  // The surrounding words stand next to every candidate.
  for (const std::string& word : pass->around) {
    if (hit && found == nullptr) break;
    if (!r.context.Contains(word) && (extra == nullptr || !extra->Contains(word))) continue;
    hit = true;
    if (found != nullptr && std::find(found->begin(), found->end(), word) == found->end()) {
      found->push_back(word);
    }
  }
  return hit;
}

// Applies context words and the threshold; fills the explanation on request.
bool AnalyzerImpl::Score(std::string_view text, const Recognizer& r, const PatternSpec& p,
                         Scored* s, Pass* pass, bool weak) const {
  const AnalyzeOptions& options = pass->options;
  std::vector<std::string> words;
  if (s->context < 0 || options.explain) {
    s->context = HasContext(text, r, *s, pass, options.explain ? &words : nullptr) ? 1 : 0;
  }
  const bool context = s->context == 1;
  if (p.requires_context && !context) return false;

  const double boost = context ? config_.context_boost : 0.0;
  const double base = weak ? p.weak_score : p.score;
  if (base < 0.0) return false;
  // Rounded, so that 0.3 + 0.35 reads 0.65 in every report.
  s->score = std::round(std::min(1.0, base + boost) * 1e4) / 1e4;
  const double threshold =
      options.score_threshold >= 0.0 ? options.score_threshold : config_.score_threshold;
  if (s->score < threshold) return false;
  if (Allowed(text.substr(s->start, s->end - s->start), options)) return false;

  if (options.explain) {
    s->why.recognizer = r.spec.name;
    s->why.pattern = p.name;
    s->why.validator = r.spec.validator;
    s->why.base_score = base;
    s->why.context_words = words;
    s->why.context_boost = boost;
    s->why.final_score = s->score;
  }
  return true;
}

void AnalyzerImpl::Confirm(std::string_view text, const Candidate& c, Pass* pass,
                           std::vector<Scored>* out) const {
  const CompiledPattern& p = patterns_[c.pattern];
  const Recognizer& r = recognizers_[p.recognizer];
  const std::string_view value = text.substr(c.start, c.end - c.start);

  // Cheap before the validator: most bare digit runs have no context word.
  Scored s{p.recognizer, c.start, c.end, 0.0, {}};
  if (p.spec->requires_context) {
    s.context = HasContext(text, r, s, pass, nullptr) ? 1 : 0;
    if (s.context == 0) return;
  }

  validators::Verdict verdict = validators::Verdict::kUnknown;
  if (r.validator != nullptr) {
    verdict = r.validator(value);
    if (verdict == validators::Verdict::kInvalid) return;
  }

  if (!Score(text, r, *p.spec, &s, pass)) return;
  if (pass->options.explain && r.validator != nullptr) {
    s.why.validation = verdict == validators::Verdict::kValid ? "valid" : "unknown";
  }
  out->push_back(std::move(s));
}

void AnalyzerImpl::ConfirmPhone(std::string_view text, const recognize::PhoneRun& run,
                                size_t recognizer, Pass* pass, std::vector<Scored>* out) const {
  const Recognizer& r = recognizers_[recognizer];
  const PatternSpec& p = r.spec.patterns.front();
  Scored s{recognizer, run.start, run.end, 0.0, {}};
  // A bare digit string is an id as often as a number: it only counts next
  // to a phone word, which is checked before the costly parse.
  if (run.unbroken && !Score(text, r, p, &s, pass, true)) return;

  const auto match = phones_.Confirm(text.substr(run.start, run.end - run.start));
  if (!match) return;
  if (!Score(text, r, p, &s, pass, run.unbroken || !match->valid)) return;
  if (pass->options.explain) {
    s.why.validator = "libphonenumber";
    s.why.validation = match->valid ? "valid" : "possible";
    // Never the number itself: explanations are printed with masked values.
    s.why.detail = "phone number of region " + match->region;
  }
  out->push_back(std::move(s));
}

Result<std::vector<Finding>> AnalyzerImpl::Analyze(std::string_view text,
                                                   const AnalyzeOptions& options,
                                                   AnalyzeStats* stats) const {
  const std::vector<bool> enabled = EnabledFor(options);
  Pass pass{options, {}, {}, {}};
  for (const std::string& phrase : options.context) analyze::AddWords(phrase, &pass.extra);
  for (const std::string& phrase : options.surrounding) {
    for (std::string& word : analyze::WordsOf(phrase)) {
      if (std::find(pass.around.begin(), pass.around.end(), word) == pass.around.end()) {
        pass.around.push_back(std::move(word));
      }
    }
  }

  std::vector<Candidate> candidates;
  std::vector<std::pair<size_t, recognize::PhoneRun>> phone_runs;
  size_t phone_scanned_to = 0;
  size_t examined = 0;
  // The last end each start finder was asked about, and its answer.
  std::vector<std::pair<size_t, size_t>> last_start(finders_.size(), {SIZE_MAX, 0});
  bool truncated = false;

  auto on_match = [&](unsigned id, size_t end) {
    if (++examined > config_.max_candidates) {
      truncated = true;
      return false;
    }
    const CompiledPattern& p = patterns_[id];
    const Recognizer& r = recognizers_[p.recognizer];
    if (!enabled[p.recognizer]) return true;

    if (r.spec.engine == Engine::kPhone) {
      // Every digit of a run ends a candidate; the run is cut out once.
      if (end <= phone_scanned_to) return true;
      if (auto run = recognize::ExtractPhoneRun(text, end, &phone_scanned_to)) {
        phone_runs.push_back({p.recognizer, *run});
      }
      return true;
    }

    if (!recognize::RightBoundaryOk(r.spec.boundary, text, end)) return true;
    auto& [asked, start] = last_start[p.finder];
    if (asked != end) {
      asked = end;
      start = finders_[p.finder]->Find(text, end);
    }
    if (start == analyze::StartFinder::kNone || start == end) return true;
    if (!recognize::LeftBoundaryOk(r.spec.boundary, text, start)) return true;
    candidates.push_back({id, start, end});
    return true;
  };
  if (auto st = db_->Scan(text, on_match); !st) return tl::unexpected(st.error());

  // TODO(#2): the bench corpus runs at about a third of the 150 MB/s
  // target. The Vectorscan scan alone is 40% of the time (20 patterns that
  // start on a digit keep its engines busy on number-dense lines); most of
  // the rest is reading context words around 350k candidates per 100 MB.
  std::vector<Scored> scored;
  for (const Candidate& c : candidates) Confirm(text, c, &pass, &scored);
  const Outranking outranking(scored, recognizers_);
  for (const auto& [recognizer, run] : phone_runs) {
    // A number inside an IBAN or a card it cannot outscore is not parsed.
    const Recognizer& r = recognizers_[recognizer];
    const double best = std::min(1.0, r.spec.patterns.front().score + config_.context_boost);
    if (outranking.Covers(run.start, run.end, best, r.spec.priority)) continue;
    ConfirmPhone(text, run, recognizer, &pass, &scored);
  }

  if (auto st = FindNames(text, enabled, &pass, &scored); !st) {
    return tl::unexpected(st.error());
  }

  if (stats != nullptr) {
    stats->candidates = examined;
    stats->truncated = truncated;
  }
  return Finish(text, std::move(scored), options);
}

// The name stage runs once over the text when any of its types is wanted;
// its spans are scored like pattern findings, from the span's own score.
Status AnalyzerImpl::FindNames(std::string_view text, const std::vector<bool>& enabled, Pass* pass,
                               std::vector<Scored>* out) const {
  const bool wanted = std::any_of(named_.begin(), named_.end(),
                                  [&](const auto& entry) { return enabled[entry.second]; });
  if (!wanted) return {};
  std::vector<ner::NamedSpan> spans;
  if (auto st = names_->Find(text, &spans); !st) return st;

  // A pattern confirmed by its shape or checksum is surer than the model: a
  // name, place or organization never cuts into such a finding (a key that
  // reads like "HCXTwwEO"). Addresses come from rules that already know
  // what digits they hold.
  std::vector<std::pair<size_t, size_t>> found;
  for (const Scored& s : *out) found.emplace_back(s.start, s.end);
  std::sort(found.begin(), found.end());
  const auto cuts_into_a_finding = [&](size_t start, size_t end) {
    auto it = std::lower_bound(found.begin(), found.end(), std::make_pair(end, size_t{0}));
    for (int looked = 0; it != found.begin() && looked < 8; ++looked) {
      --it;
      const bool overlaps = it->first < end && it->second > start;
      const bool holds_it = start <= it->first && it->second <= end;
      if (overlaps && !holds_it) return true;
    }
    return false;
  };

  for (const ner::NamedSpan& n : spans) {
    const auto it = named_.find(std::string_view(n.entity));
    if (it == named_.end() || !enabled[it->second]) continue;
    const std::string_view entity(n.entity);
    const bool from_model = entity == "PERSON" || entity == "LOCATION" || entity == "ORGANIZATION";
    if ((from_model && cuts_into_a_finding(n.start, n.end)) ||
        !HasLetterOrDigit(text.substr(n.start, n.end - n.start))) {
      continue;
    }
    const Recognizer& r = recognizers_[it->second];
    PatternSpec p = r.spec.patterns.front();
    p.name = n.rule;
    p.score = n.score;
    Scored s{it->second, n.start, n.end, 0.0, {}};
    if (Score(text, r, p, &s, pass)) out->push_back(std::move(s));
  }
  return {};
}

std::vector<Finding> AnalyzerImpl::Finish(std::string_view text, std::vector<Scored> scored,
                                          const AnalyzeOptions& options) const {
  std::vector<analyze::Span> spans;
  spans.reserve(scored.size());
  for (size_t i = 0; i < scored.size(); ++i) {
    const Recognizer& r = recognizers_[scored[i].recognizer];
    spans.push_back(
        {scored[i].start, scored[i].end, scored[i].score, r.spec.priority, r.type_id, i});
  }
  const std::vector<size_t> kept = analyze::ResolveOverlaps(std::move(spans));

  std::vector<size_t> offsets;
  offsets.reserve(kept.size() * 2);
  for (size_t id : kept) {
    offsets.push_back(scored[id].start);
    offsets.push_back(scored[id].end);
  }
  // Ends may come before the next start only if spans nest, which they
  // no longer do, so the list is sorted.
  const std::vector<size_t> cps = options.code_points ? ToCodePoints(text, offsets) : offsets;

  std::vector<Finding> findings;
  findings.reserve(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) {
    Scored& s = scored[kept[k]];
    const Recognizer& r = recognizers_[s.recognizer];
    Finding f;
    f.entity_type = r.spec.entity;
    f.start = cps[2 * k];
    f.end = cps[2 * k + 1];
    f.byte_start = s.start;
    f.byte_end = s.end;
    f.score = s.score;
    f.recognizer = r.spec.name;
    if (options.explain) f.explanation = std::move(s.why);
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace

std::string DefaultPatternCacheDir() {
  if (const char* dir = std::getenv("PIISCAN_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/piiscan";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/piiscan";
  }
  return "";
}

Result<std::shared_ptr<const Analyzer>> Analyzer::Create(const AnalyzerConfig& config) {
  return AnalyzerImpl::Build(config);
}

}  // namespace piiscan
