// govgraph: command-line client of the govgraph.v1.KnowledgeGraph service.
//
//   govgraph [--addr=HOST:PORT] [--output=table|json|csv] [--timeout=SECONDS]
//            COMMAND [ARGS]
//
// Exit codes: 0 ok; 1 RPC error, or the server is not SERVING (health);
// 2 usage or input error (nothing was sent). This file parses the command
// line and dispatches; client/commands/ holds one file per subcommand.
#include <cmath>
#include <cstddef>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/command_table.h"
#include "client/commands/command.h"
#include "client/commands/rpc.h"
#include "client/commands/style.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "client/help.h"

namespace govgraph::client {
namespace {

// Prints the error and a usage line (the command's, if known); returns
// kExitUsage.
int UsageFailure(absl::string_view message, const Command* command) {
  std::cerr << ErrorPrefix() << message << "\n";
  if (command != nullptr) {
    std::cerr << CommandUsage(*command) << "\n";
  } else {
    std::cerr << "usage: " << kGlobalSynopsis
              << " COMMAND [ARGS]; see govgraph --help\n";
  }
  return kExitUsage;
}

bool WantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--help" || arg == "-help" || arg == "-h") return true;
  }
  return argc >= 2 && absl::string_view(argv[1]) == "help";
}

// The help asked for: the command's if the first word names one
// ("govgraph export --help", "govgraph help export"), else the overview.
std::string HelpFor(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, "-") || arg == "help") continue;
    const Command* command = FindCommand(arg);
    return command != nullptr ? CommandHelp(*command) : Usage();
  }
  return Usage();
}

// Checks the positional argument count and that every flag given is global
// or one of `command`'s.
absl::Status CheckInvocation(const Command& command,
                             const std::vector<std::string>& args,
                             const std::vector<std::string>& flags_given) {
  if (args.size() < command.min_args || args.size() > command.max_args) {
    const std::string expected =
        command.min_args == command.max_args ? absl::StrCat(command.min_args)
        : command.max_args == kAny
            ? absl::StrCat("at least ", command.min_args)
            : absl::StrCat(command.min_args, " to ", command.max_args);
    return absl::InvalidArgumentError(absl::StrCat(
        command.name, " takes ", expected, " argument(s), got ", args.size()));
  }
  for (const std::string& flag : flags_given) {
    if (absl::c_linear_search(GlobalFlags(), flag) ||
        absl::c_linear_search(command.flags, flag)) {
      continue;
    }
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", flag, " does not apply to ", command.name));
  }
  return absl::OkStatus();
}

// Builds the context from the global flags; kInvalidArgument if bad.
absl::StatusOr<CommandContext> MakeContext() {
  const std::string addr = absl::GetFlag(FLAGS_addr);
  const double timeout = absl::GetFlag(FLAGS_timeout);
  if (addr.empty()) return absl::InvalidArgumentError("--addr is empty");
  if (!(timeout > 0) || !std::isfinite(timeout)) {
    return absl::InvalidArgumentError("--timeout must be > 0 seconds");
  }
  ChannelSecurity security;
  security.tls_ca_file = absl::GetFlag(FLAGS_tls_ca);
  security.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  security.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  security.token = absl::GetFlag(FLAGS_token);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      MakeChannel(addr, security);
  if (!channel.ok()) return channel.status();
  const std::string output = absl::GetFlag(FLAGS_output);
  if (output != "table" && output != "json" && output != "csv") {
    return absl::InvalidArgumentError(
        absl::StrCat("--output=", output, ": table, json or csv"));
  }
  SetTableFormat(output == "csv" ? TableFormat::kCsv : TableFormat::kText);
  CommandContext context;
  context.channel = *std::move(channel);
  context.json = absl::GetFlag(FLAGS_json) || output == "json";
  context.timeout = absl::Seconds(timeout);
  return context;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << Usage();
    return kExitUsage;
  }
  if (WantsHelp(argc, argv)) {
    std::cout << HelpFor(argc, argv);
    return kExitOk;
  }
  absl::StatusOr<std::vector<std::string>> flags = CheckFlags(argc, argv);
  if (!flags.ok()) return UsageFailure(flags.status().message(), nullptr);
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) return UsageFailure("missing command", nullptr);
  const Command* command = FindCommand(positional[1]);
  if (command == nullptr) {
    return UsageFailure(absl::StrCat("unknown command '", positional[1], "'"),
                        nullptr);
  }
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  absl::Status valid = CheckInvocation(*command, args, *flags);
  if (!valid.ok()) return UsageFailure(valid.message(), command);
  absl::StatusOr<CommandContext> context = MakeContext();
  if (!context.ok()) return UsageFailure(context.status().message(), command);
  return command->run(*context, args);
}

}  // namespace
}  // namespace govgraph::client

int main(int argc, char** argv) { return govgraph::client::Main(argc, argv); }
