#include "service/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>

namespace piiscan::service {
namespace {

std::string WriteTemp(const std::string& text) {
  char name[] = "/tmp/piiscan_serve_config_XXXXXX";
  const int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  return name;
}

TEST(ServiceConfig, OptionsParseAndCheckTheirRange) {
  ServiceConfig c;
  ASSERT_TRUE(SetServiceOption(&c, "port", "8080"));
  EXPECT_EQ(c.port, 8080);
  ASSERT_TRUE(SetServiceOption(&c, "memory_high_water", "0.9"));
  EXPECT_DOUBLE_EQ(c.memory_high_water, 0.9);
  ASSERT_TRUE(SetServiceOption(&c, "catalogues", "a.yaml,b.yaml"));
  EXPECT_EQ(c.catalogues, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  ASSERT_TRUE(SetServiceOption(&c, "faults.temp_dir_full", "true"));
  EXPECT_TRUE(c.faults.temp_dir_full);

  for (const auto& [key, value] : std::map<std::string, std::string>{{"port", "70000"},
                                                                     {"port", "80a"},
                                                                     {"memory_high_water", "lots"},
                                                                     {"memory_low_water", "1.5"},
                                                                     {"access_log", "maybe"},
                                                                     {"host", ""},
                                                                     {"no_such_key", "1"}}) {
    auto s = SetServiceOption(&c, key, value);
    ASSERT_FALSE(s) << key << "=" << value;
    EXPECT_NE(s.error().message.find(key), std::string::npos) << s.error().message;
  }
}

TEST(ServiceConfig, YamlFileWithListsAndFaults) {
  const std::string path = WriteTemp(
      "port: 9000\n"
      "phone_regions: [US, GB]\n"
      "faults:\n"
      "  slow_engine_ms: 25\n"
      "  model_load_failures: 2\n");
  ServiceConfig c;
  ASSERT_TRUE(LoadServiceConfigFile(&c, path));
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.phone_regions, (std::vector<std::string>{"US", "GB"}));
  EXPECT_EQ(c.faults.slow_engine_ms, 25);
  EXPECT_EQ(c.faults.model_load_failures, 2);
  unlink(path.c_str());
}

TEST(ServiceConfig, YamlErrorsNameTheFileAndKey) {
  const std::string bad_key = WriteTemp("prot: 9000\n");
  ServiceConfig fresh;
  auto s = LoadServiceConfigFile(&fresh, bad_key);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(bad_key), std::string::npos);
  EXPECT_NE(s.error().message.find("prot"), std::string::npos);
  unlink(bad_key.c_str());

  const std::string broken = WriteTemp("port: [1,\n");
  ServiceConfig c;
  auto p = LoadServiceConfigFile(&c, broken);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kParse);
  unlink(broken.c_str());

  EXPECT_EQ(LoadServiceConfigFile(&c, "/nonexistent/serve.yaml").error().code,
            ErrorCode::kNotFound);
}

TEST(ServiceConfig, EnvironmentUsesUpperCaseNamesAndNamesTheVariableOnError) {
  std::map<std::string, std::string> env = {{"PIISCAN_SERVE_PORT", "7000"},
                                            {"PIISCAN_SERVE_FAULTS_SLOW_ENGINE_MS", "5"}};
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  ServiceConfig c;
  ASSERT_TRUE(ApplyServiceEnvironment(&c, get));
  EXPECT_EQ(c.port, 7000);
  EXPECT_EQ(c.faults.slow_engine_ms, 5);
  env["PIISCAN_SERVE_WORKERS"] = "none";
  auto s = ApplyServiceEnvironment(&c, get);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("PIISCAN_SERVE_WORKERS"), std::string::npos);
}

TEST(ServiceConfig, CrossFieldChecks) {
  ServiceConfig c;
  EXPECT_TRUE(ValidateServiceConfig(c));
  c.memory_low_water = 0.9;
  EXPECT_FALSE(ValidateServiceConfig(c));
  c = ServiceConfig{};
  c.retry_min_delay_ms = 20'000;
  EXPECT_FALSE(ValidateServiceConfig(c));
}

}  // namespace
}  // namespace piiscan::service
