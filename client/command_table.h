// The govgraph subcommands as data: name, usage, help, the flags each
// accepts and an example; govgraph.cc dispatches on it, and the help and
// shell completion are generated from it.
#ifndef GOVGRAPH_CLIENT_COMMAND_TABLE_H_
#define GOVGRAPH_CLIENT_COMMAND_TABLE_H_

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "client/commands/command.h"

namespace govgraph::client {

struct Command {
  std::string name;
  // Positional arguments and the command's own flags, for usage lines.
  std::string synopsis;
  std::string summary;
  // Number of positional arguments: at least min_args, at most max_args.
  size_t min_args;
  size_t max_args;
  // The per-command flags it accepts (global flags are always accepted).
  std::vector<std::string> flags;
  CommandFn run;
  // One typical invocation, for `govgraph COMMAND --help`.
  std::string example;
};

// max_args of a command that takes any number of arguments.
inline constexpr size_t kAny = std::numeric_limits<size_t>::max();

// Every command, in the order the help lists them.
const std::vector<Command>& Commands();

// The command named `name`, or null.
const Command* FindCommand(absl::string_view name);

// The flags every command accepts.
const std::vector<std::string>& GlobalFlags();

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMAND_TABLE_H_
