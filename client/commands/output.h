// Printing helpers shared by the subcommands: proto3 JSON lines and error
// lines on stderr.
#ifndef GOVGRAPH_CLIENT_COMMANDS_OUTPUT_H_
#define GOVGRAPH_CLIENT_COMMANDS_OUTPUT_H_

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace govgraph::client {

// Prints `message` on stdout as one line of proto3 JSON (lowerCamelCase
// names, default values included, enums by name). Returns kExitOk, or
// kExitRpcError after printing an error if it cannot be converted.
int PrintJson(const google::protobuf::Message& message);

// Prints "error: <message>" on stderr; returns kExitUsage.
int UsageError(absl::string_view message);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_OUTPUT_H_
