#include "recognize/catalogue.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "recognize/validators/validators.h"

namespace piiscan::recognize {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<Boundary> ParseBoundary(const std::string& name) {
  static const std::pair<const char*, Boundary> kNames[] = {
      {"none", Boundary::kNone},         {"word", Boundary::kWord},   {"digits", Boundary::kDigits},
      {"dotted", Boundary::kDotted},     {"email", Boundary::kEmail}, {"url", Boundary::kUrl},
      {"hexcolon", Boundary::kHexColon},
  };
  for (const auto& [text, value] : kNames) {
    if (name == text) return value;
  }
  return MakeError(ErrorCode::kInvalidArgument, "unknown boundary '" + name + "'");
}

Result<Engine> ParseEngine(const std::string& name) {
  if (name == "pattern") return Engine::kPattern;
  if (name == "phone") return Engine::kPhone;
  return MakeError(ErrorCode::kInvalidArgument, "unknown engine '" + name + "'");
}

// Thrown inside this file only; ParseCatalogue turns it into an Error.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
T Get(const YAML::Node& node, const char* key, T fallback) {
  const YAML::Node value = node[key];
  if (!value) return fallback;
  try {
    return value.as<T>();
  } catch (const YAML::Exception&) {
    throw FieldError("'" + std::string(key) + "' (line " + std::to_string(value.Mark().line + 1) +
                     "): " +
                     (std::is_same_v<T, std::string> ? "expected text"
                      : std::is_same_v<T, bool>      ? "expected true or false"
                                                     : "expected a number"));
  }
}

// Misspelt keys would otherwise be ignored without a word.
void CheckKeys(const YAML::Node& node, std::initializer_list<std::string_view> known,
               const char* what) {
  if (!node.IsMap()) throw FieldError(std::string(what) + " must be a mapping");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw FieldError(std::string(what) + ": unknown key '" + key + "' (line " +
                       std::to_string(entry.first.Mark().line + 1) + ")");
    }
  }
}

// YAML errors may quote a byte of a binary file; keep messages printable.
std::string Printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
  }
  return text;
}

Result<PatternSpec> ParsePattern(const YAML::Node& node) {
  CheckKeys(node,
            {"name", "regex", "score", "weak_score", "max_length", "case_insensitive", "unicode",
             "requires_context"},
            "pattern");
  PatternSpec p;
  p.name = Get<std::string>(node, "name", "");
  p.regex = Get<std::string>(node, "regex", "");
  p.score = Get<double>(node, "score", 0.5);
  p.max_length = Get<size_t>(node, "max_length", 64);
  p.case_insensitive = Get<bool>(node, "case_insensitive", false);
  p.requires_context = Get<bool>(node, "requires_context", false);
  p.unicode = Get<bool>(node, "unicode", false);
  p.weak_score = Get<double>(node, "weak_score", -1.0);

  if (p.regex.empty()) return MakeError(ErrorCode::kInvalidArgument, "pattern has no regex");
  if (p.name.empty()) p.name = "pattern";
  if (p.score < 0.0 || p.score > 1.0) {
    return MakeError(ErrorCode::kInvalidArgument, "score must be in [0, 1]");
  }
  if (p.max_length == 0 || p.max_length > 65536) {
    return MakeError(ErrorCode::kInvalidArgument, "max_length must be in [1, 65536]");
  }
  return p;
}

Result<RecognizerSpec> ParseRecognizer(const YAML::Node& node) {
  CheckKeys(node,
            {"name", "entity", "country", "language", "validator", "boundary", "engine", "priority",
             "context", "patterns", "example"},
            "recognizer");
  RecognizerSpec r;
  r.name = Get<std::string>(node, "name", "");
  r.entity = Get<std::string>(node, "entity", "");
  r.country = Lower(Get<std::string>(node, "country", "global"));
  r.language = Lower(Get<std::string>(node, "language", "any"));
  r.validator = Get<std::string>(node, "validator", "");
  r.priority = Get<int>(node, "priority", 0);
  r.example = Get<std::string>(node, "example", "");
  if (r.name.empty()) return MakeError(ErrorCode::kInvalidArgument, "recognizer has no name");
  if (r.entity.empty()) return MakeError(ErrorCode::kInvalidArgument, "no entity");

  auto boundary = ParseBoundary(Get<std::string>(node, "boundary", "word"));
  if (!boundary) return tl::unexpected(boundary.error());
  r.boundary = *boundary;
  auto engine = ParseEngine(Get<std::string>(node, "engine", "pattern"));
  if (!engine) return tl::unexpected(engine.error());
  r.engine = *engine;

  if (!r.validator.empty() && validators::Find(r.validator) == nullptr) {
    return MakeError(ErrorCode::kNotFound, "unknown validator '" + r.validator + "'");
  }
  const YAML::Node context = node["context"];
  if (context && !context.IsSequence()) throw FieldError("'context' must be a list of words");
  for (const auto& word : context) r.context.push_back(Lower(word.as<std::string>()));

  const YAML::Node patterns = node["patterns"];
  if (!patterns || !patterns.IsSequence() || patterns.size() == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "no patterns");
  }
  for (size_t i = 0; i < patterns.size(); ++i) {
    auto pattern = ParsePattern(patterns[i]);
    if (!pattern) {
      return MakeError(pattern.error().code,
                       "pattern " + std::to_string(i + 1) + ": " + pattern.error().message);
    }
    r.patterns.push_back(std::move(*pattern));
  }
  return r;
}

}  // namespace

Result<std::vector<RecognizerSpec>> ParseCatalogue(std::string_view yaml_text,
                                                   const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kParse, source + ": line " + std::to_string(e.mark.line + 1) +
                                            ": " + Printable(e.msg));
  }
  if (!root.IsMap()) {
    return MakeError(ErrorCode::kParse,
                     source + ": expected a mapping with 'version: 1' and 'recognizers'");
  }
  const YAML::Node version = root["version"];
  if (version && (!version.IsScalar() || version.Scalar() != "1")) {
    return MakeError(ErrorCode::kParse, source + ": unsupported version (this piiscan reads 1)");
  }
  const YAML::Node list = root["recognizers"];
  if (!list || !list.IsSequence()) {
    return MakeError(ErrorCode::kParse, source + ": no 'recognizers' list");
  }

  std::vector<RecognizerSpec> specs;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = source + ": recognizer " + std::to_string(i + 1);
    try {
      auto spec = ParseRecognizer(list[i]);
      if (!spec) return MakeError(spec.error().code, where + ": " + spec.error().message);
      spec->source = source;
      specs.push_back(std::move(*spec));
    } catch (const FieldError& e) {
      return MakeError(ErrorCode::kParse, where + ": " + e.what());
    } catch (const YAML::Exception& e) {
      return MakeError(ErrorCode::kParse, where + ": " + Printable(e.msg));
    }
  }
  return specs;
}

Status SelectCountries(const std::vector<std::string>& countries,
                       const std::vector<std::string>& entities,
                       std::vector<RecognizerSpec>* specs) {
  std::set<std::string> wanted;
  for (const std::string& country : countries) wanted.insert(Lower(country));
  if (countries.empty()) wanted.insert(std::begin(kDefaultCountries), std::end(kDefaultCountries));
  const bool all = wanted.contains("all");

  std::set<std::string> tagged;
  for (const RecognizerSpec& spec : *specs) tagged.insert(spec.country);
  for (const std::string& country : countries) {
    if (Lower(country) != "all" && !tagged.contains(Lower(country))) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "no recognizer is tagged with country '" + country +
                           "' (see: piiscan recognizers --countries all)");
    }
  }

  const std::set<std::string> named(entities.begin(), entities.end());
  std::erase_if(*specs, [&](const RecognizerSpec& spec) {
    return !(all || spec.country == "global" || wanted.contains(spec.country) ||
             named.contains(spec.entity));
  });
  return {};
}

Result<std::vector<RecognizerSpec>> LoadCatalogueFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open catalogue");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCatalogue(text.str(), path);
}

}  // namespace piiscan::recognize
