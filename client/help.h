// The CLI's help texts, generated from the command table.
#ifndef GOVGRAPH_CLIENT_HELP_H_
#define GOVGRAPH_CLIENT_HELP_H_

#include <string>

#include "client/command_table.h"

namespace govgraph::client {

// The synopsis of the global flags, "govgraph [--addr=HOST:PORT] ...".
extern const char* const kGlobalSynopsis;

// "usage: govgraph [global flags] COMMAND SYNOPSIS".
std::string CommandUsage(const Command& command);

// `govgraph --help`: every command, the global flags, exit codes.
std::string Usage();

// `govgraph COMMAND --help`: its usage, summary, each of its flags with
// its help and default, and its example.
std::string CommandHelp(const Command& command);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_HELP_H_
