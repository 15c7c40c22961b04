#include "server/common/logging.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govgraph {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

// Captures the lines logged during the test; restores the defaults after.
class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](absl::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override {
    SetLogSink(nullptr);
    SetLogFormat(LogFormat::kJson);
    SetMinLogLevel(LogLevel::kInfo);
  }
  std::vector<std::string> lines_;
};

TEST_F(LoggingTest, JsonLineWithFieldsAndEscapes) {
  Log(LogLevel::kWarning, "slow \"call\"\n",
      {{"request_id", "ab12"}, {"error", "tab\there\\ \x01 Hà Nội"}});
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_THAT(lines_[0],
              MatchesRegex("\\{\"time\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+"
                           "Z\",\"level\":\"warning\",.*\\}\n"));
  EXPECT_THAT(lines_[0],
              ::testing::HasSubstr(
                  "\"msg\":\"slow \\\"call\\\"\\n\",\"request_id\":\"ab12\","
                  "\"error\":\"tab\\there\\\\ \\u0001 Hà Nội\"}"));
}

TEST_F(LoggingTest, TextLine) {
  SetLogFormat(LogFormat::kText);
  LogInfo("serving on port ", 50051);
  Log(LogLevel::kError, "failed", {{"code", "UNAVAILABLE"}});
  EXPECT_THAT(lines_, ElementsAre(MatchesRegex(".*Z INFO serving on port "
                                               "50051\n"),
                                  MatchesRegex(".*Z ERROR failed "
                                               "code=UNAVAILABLE\n")));
}

TEST_F(LoggingTest, LinesBelowTheMinimumLevelAreDropped) {
  SetMinLogLevel(LogLevel::kWarning);
  LogInfo("dropped");
  EXPECT_THAT(lines_, IsEmpty());
  LogWarning("kept");
  LogError("kept too");
  EXPECT_EQ(lines_.size(), 2u);
}

TEST(LogSettingsTest, ParseNames) {
  LogLevel level = LogLevel::kInfo;
  EXPECT_TRUE(ParseLogLevel("error", &level));
  EXPECT_EQ(level, LogLevel::kError);
  EXPECT_TRUE(ParseLogLevel("warning", &level));
  EXPECT_EQ(level, LogLevel::kWarning);
  EXPECT_FALSE(ParseLogLevel("INFO", &level));
  EXPECT_FALSE(ParseLogLevel("debug", &level));
  LogFormat format = LogFormat::kJson;
  EXPECT_TRUE(ParseLogFormat("text", &format));
  EXPECT_EQ(format, LogFormat::kText);
  EXPECT_FALSE(ParseLogFormat("xml", &format));
}

}  // namespace
}  // namespace govgraph
