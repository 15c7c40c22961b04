// End-to-end tests of the CLI for people: help with an example for every
// command, --output table|json|csv, shell completion (bash and zsh), and
// colours and progress lines only on a terminal (run under script(1) for a
// pseudo-terminal).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"
#include "tests/e2e/process.h"

namespace govgraph::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The command names `govgraph --help` lists: lines "  NAME ..." under
// "Commands:".
std::vector<std::string> CommandNames(const std::string& help) {
  std::vector<std::string> names;
  bool in_commands = false;
  for (absl::string_view line : absl::StrSplit(help, '\n')) {
    if (line == "Commands:") {
      in_commands = true;
    } else if (in_commands && line.empty()) {
      break;
    } else if (in_commands && absl::StartsWith(line, "  ") &&
               !absl::StartsWith(line, "   ")) {
      names.emplace_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

class CliPolishTest : public GraphE2eTest {
 protected:
  // Runs `command` under bash.
  ProcessResult Shell(const std::string& shell, const std::string& command) {
    absl::StatusOr<ProcessResult> result =
        RunProcess({shell, "-c", command}, dir_, absl::Seconds(60));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ProcessResult{};
  }

  // Runs the CLI with `args` on a pseudo-terminal; returns what it showed.
  std::string OnTerminal(const std::string& args, const std::string& env = "") {
    const std::string command = absl::StrCat(env, " ", kCliBinary, " ", args,
                                             " --addr=", server_->addr());
    return Shell("/bin/bash",
                 absl::StrCat("script -qfec '", command, "' /dev/null"))
        .out;
  }

  // COMPREPLY for the words `line` (the last one being completed).
  std::string Complete(const std::string& line) {
    return Shell("/bin/bash",
                 absl::StrCat("source <(", kCliBinary,
                              " completion bash); COMP_WORDS=(", line,
                              "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                              "_govgraph; echo \"${COMPREPLY[*]}\""))
        .out;
  }
};

TEST_F(CliPolishTest, EveryCommandHasHelpWithAnExample) {
  const ProcessResult overview = Cli({"--help"});
  ASSERT_EQ(overview.exit_code, 0);
  const std::vector<std::string> names = CommandNames(overview.out);
  ASSERT_GE(names.size(), 25u) << overview.out;
  for (const std::string& name : names) {
    const ProcessResult help = Cli({name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_THAT(help.out, HasSubstr(absl::StrCat(" ", name))) << name;
    EXPECT_THAT(help.out, HasSubstr("\nExample:\n  ")) << name;
    EXPECT_THAT(help.out, HasSubstr(absl::StrCat("govgraph ", name))) << name;
  }
  EXPECT_THAT(Cli({"help", "export"}).out, HasSubstr("--format  export:"));
}

TEST_F(CliPolishTest, OutputIsATableJsonOrCsv) {
  Ingest();
  const ProcessResult csv = Run({"stats", "--output=csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("\nRELATIONS,10\n"));
  const ProcessResult table = Run({"stats", "--output=table"});
  EXPECT_THAT(table.out, HasSubstr("\nRELATIONS         10\n"));
  const ProcessResult json = Run({"stats", "--output=json"});
  EXPECT_EQ(ParseJson<v1::GetStatsResponse>(json.out).relations(), 10);
  const ProcessResult relations =
      Run({"relations", "p-nguyen-phuoc-loc", "--output=csv"});
  EXPECT_THAT(relations.out, testing::StartsWith("DIRECTION,TYPE,ROLE,"));
  ExpectUsageError({"stats", "--output=xml"});
}

TEST_F(CliPolishTest, BashCompletesCommandsFlagsAndValues) {
  EXPECT_EQ(Complete("govgraph ex"), "extract export\n");
  EXPECT_EQ(Complete("govgraph export --for"), "--format=\n");
  EXPECT_EQ(Complete("govgraph export --format = g"), "graphml\n");
  EXPECT_EQ(Complete("govgraph subgraph x --types = HOLDS_POSITION,AT"),
            "HOLDS_POSITION,ATTENDED\n");
  EXPECT_EQ(Complete("govgraph --addr = h:1 sta"), "stats\n");
  EXPECT_THAT(Complete("govgraph stats --"), HasSubstr("--output="));
  EXPECT_EQ(Cli({"completion", "fish"}).exit_code, 2);
}

TEST_F(CliPolishTest, ZshLoadsTheCompletion) {
  const ProcessResult zsh =
      Shell("/usr/bin/zsh", absl::StrCat("source <(", kCliBinary,
                                         " completion zsh); "
                                         "print -r -- $_comps[govgraph]"));
  EXPECT_EQ(zsh.exit_code, 0) << zsh.err;
  EXPECT_THAT(zsh.out, HasSubstr("_govgraph"));
}

TEST_F(CliPolishTest, ColoursAndProgressOnlyOnATerminal) {
  EXPECT_THAT(OnTerminal("get no-such-id"), HasSubstr("\033[31merror: "));
  EXPECT_THAT(OnTerminal("get no-such-id", "NO_COLOR=1"),
              Not(HasSubstr("\033[")));
  const ProcessResult piped = Run({"get", "no-such-id"});
  EXPECT_THAT(piped.err, HasSubstr("error: NOT_FOUND"));
  EXPECT_THAT(piped.err, Not(HasSubstr("\033[")));

  const std::string shown = OnTerminal(absl::StrCat("ingest ", kMandatesDir));
  EXPECT_THAT(shown, HasSubstr("ingest ["));
  EXPECT_THAT(shown, HasSubstr("/4 reports"));
  const ProcessResult quiet = Run({"ingest", kMandatesDir});
  EXPECT_THAT(quiet.err, Not(HasSubstr("ingest [")));
}

}  // namespace
}  // namespace govgraph::e2e
