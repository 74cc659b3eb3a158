#include "cli/anonymizer_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace piiscan::cli {
namespace {

// What each operator takes besides "type".
std::vector<std::string> KeysFor(OperatorKind kind) {
  switch (kind) {
    case OperatorKind::kReplace:
      return {"new_value"};
    case OperatorKind::kMask:
      return {"masking_char", "chars_to_mask", "from_end", "keep_format", "keep_domain"};
    case OperatorKind::kHash:
      return {"hash_type", "key_env"};
    case OperatorKind::kEncrypt:
      return {"deterministic", "key_env"};
    default:
      return {};
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "ops.yaml:4: operators.CREDIT_CARD": where a node is, for errors.
std::string Where(const std::string& source, const YAML::Node& node, const std::string& path) {
  const YAML::Mark mark = node.Mark();
  const std::string line = mark.line >= 0 ? ":" + std::to_string(mark.line + 1) : "";
  return source + line + ": " + path;
}

tl::unexpected<Error> Bad(const std::string& where, const std::string& what) {
  return MakeError(ErrorCode::kInvalidArgument, where + ": " + what);
}

template <typename T>
Result<T> Scalar(const YAML::Node& node, const std::string& where, const char* expected) {
  if (!node.IsScalar()) return Bad(where, std::string("expected ") + expected);
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    return Bad(where, std::string("expected ") + expected);
  }
}

// Sets one of the operator's parameters from the file.
Status SetParameter(const std::string& key, const YAML::Node& value, const std::string& where,
                    const EnvLookup& env, OperatorSpec* spec) {
  if (key == "new_value" || key == "masking_char" || key == "hash_type" || key == "key_env") {
    auto text = Scalar<std::string>(value, where, "a string");
    if (!text) return tl::unexpected(text.error());
    if (key == "new_value") spec->new_value = *text;
    if (key == "masking_char") spec->masking_char = *text;
    if (key == "hash_type" && *text != "sha256" && *text != "sha512") {
      return Bad(where, "'" + *text + "': expected sha256 or sha512");
    }
    if (key == "hash_type") spec->hash_type = *text;
    if (key != "key_env") return {};
    auto secret = KeyFromEnv(*text, env);
    if (!secret) return Bad(where, secret.error().message);
    spec->key = std::move(*secret);
    return {};
  }
  if (key == "chars_to_mask") {
    auto n = Scalar<int>(value, where, "a whole number of characters");
    if (!n) return tl::unexpected(n.error());
    if (*n < 0) return Bad(where, "expected a whole number of characters");
    spec->chars_to_mask = *n;
    return {};
  }
  auto flag = Scalar<bool>(value, where, "true or false");
  if (!flag) return tl::unexpected(flag.error());
  if (key == "from_end") spec->from_end = *flag;
  if (key == "keep_format") spec->keep_format = *flag;
  if (key == "keep_domain") spec->keep_domain = *flag;
  if (key == "deterministic") spec->deterministic = *flag;
  return {};
}

Result<OperatorSpec> ParseOperator(const YAML::Node& node, const std::string& source,
                                   const std::string& path, const EnvLookup& env) {
  const std::string where = Where(source, node, path);
  if (!node.IsMap()) return Bad(where, "expected a mapping such as {type: replace}");
  const YAML::Node type = node["type"];
  if (!type) return Bad(where, "no 'type'");
  auto name = Scalar<std::string>(type, where + ".type", "an operator name");
  if (!name) return tl::unexpected(name.error());
  auto kind = ParseOperatorKind(*name);
  if (!kind) return Bad(where, kind.error().message);

  OperatorSpec spec;
  spec.kind = *kind;
  const std::vector<std::string> allowed = KeysFor(*kind);
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (key == "type") continue;
    const std::string at = Where(source, entry.first, path + "." + key);
    if (key == "key") {
      return Bad(at,
                 "keys are never written in the file; put the key in an environment "
                 "variable and name it with key_env");
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Bad(Where(source, entry.first, path),
                 "unknown key '" + key + "' for " + *name + " (" +
                     (allowed.empty() ? "it takes nothing but type" : "it takes " + Join(allowed)) +
                     ")");
    }
    if (auto st = SetParameter(key, entry.second, at, env, &spec); !st) {
      return tl::unexpected(st.error());
    }
  }
  return spec;
}

Result<AnonymizerConfig> ParseRoot(const YAML::Node& root, const std::string& source,
                                   const EnvLookup& env) {
  if (!root.IsMap()) return Bad(source, "expected a mapping with 'operators'");
  for (const auto& entry : root) {
    if (entry.first.Scalar() != "operators") {
      return Bad(Where(source, entry.first, entry.first.Scalar()),
                 "unknown key (the file holds only 'operators')");
    }
  }
  const YAML::Node operators = root["operators"];
  if (!operators.IsMap()) {
    return Bad(Where(source, operators, "operators"), "expected entity types and operators");
  }
  AnonymizerConfig config;
  for (const auto& entry : operators) {
    const std::string entity = entry.first.Scalar();
    if (entity.empty()) return Bad(Where(source, entry.first, "operators"), "empty entity type");
    auto spec = ParseOperator(entry.second, source, "operators." + entity, env);
    if (!spec) return tl::unexpected(spec.error());
    config.operators[entity] = std::move(*spec);
  }
  return config;
}

Result<AnonymizerConfig> LoadFile(const std::string& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseAnonymizerConfig(text.str(), path, env);
}

// "PERSON=pseudonym".
Status ApplyOperatorFlag(const std::string& flag, AnonymizerConfig* config) {
  const size_t eq = flag.find('=');
  if (eq == std::string::npos || eq == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--operator '" + flag + "': expected TYPE=OPERATOR, e.g. PERSON=pseudonym");
  }
  auto kind = ParseOperatorKind(flag.substr(eq + 1));
  if (!kind) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--operator '" + flag + "': " + kind.error().message);
  }
  OperatorSpec spec;
  spec.kind = *kind;
  config->operators[flag.substr(0, eq)] = spec;
  return {};
}

bool TakesKey(OperatorKind kind) {
  return kind == OperatorKind::kEncrypt || kind == OperatorKind::kHash;
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<std::string> KeyFromEnv(const std::string& name, const EnvLookup& env) {
  if (name.empty()) return MakeError(ErrorCode::kInvalidArgument, "empty variable name");
  std::optional<std::string> value = env(name);
  if (!value) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "environment variable " + name + " (the key) is not set");
  }
  if (value->empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "environment variable " + name + " (the key) is empty");
  }
  return *value;
}

Result<AnonymizerConfig> ParseAnonymizerConfig(std::string_view text, const std::string& source,
                                               const EnvLookup& env) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return ParseRoot(root, source, env);
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kParse,
                     source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

void OperatorFlags::Register(CLI::App* app) {
  app->add_option("--config", config_file, "Operators per entity type, YAML or JSON (shape below)");
  app->add_option("--operator", operators,
                  "TYPE=OPERATOR: replace, redact, mask, hash, encrypt, keep or pseudonym; "
                  "TYPE may be DEFAULT; repeatable")
      ->allow_extra_args(false);
  app->add_option("--key-env", key_env,
                  "Environment variable holding the key of encrypt and hash operators");
}

Result<AnonymizerConfig> OperatorFlags::Build(const EnvLookup& env) const {
  AnonymizerConfig config;
  if (!config_file.empty()) {
    auto loaded = LoadFile(config_file, env);
    if (!loaded) return tl::unexpected(loaded.error());
    config = std::move(*loaded);
  }
  for (const std::string& flag : operators) {
    if (auto st = ApplyOperatorFlag(flag, &config); !st) return tl::unexpected(st.error());
  }
  if (!key_env.empty()) {
    auto key = KeyFromEnv(key_env, env);
    if (!key) return MakeError(key.error().code, "--key-env: " + key.error().message);
    for (auto& [entity, spec] : config.operators) {
      if (TakesKey(spec.kind) && spec.key.empty()) spec.key = *key;
    }
  }
  for (const auto& [entity, spec] : config.operators) {
    if (spec.kind == OperatorKind::kEncrypt && spec.key.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "operator for " + entity +
                           ": encrypt needs a key; name the environment variable that holds "
                           "it with key_env in the config file or with --key-env");
    }
  }
  return config;
}

}  // namespace piiscan::cli
