#include "client/commands/output.h"

#include <iostream>
#include <string>

#include "client/commands/command.h"
#include "client/commands/style.h"
#include "google/protobuf/util/json_util.h"

namespace govgraph::client {

int PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    std::cerr << "error: cannot print response as JSON: " << status.ToString()
              << "\n";
    return kExitRpcError;
  }
  std::cout << json << "\n";
  return kExitOk;
}

int UsageError(absl::string_view message) {
  std::cerr << ErrorPrefix() << message << "\n";
  return kExitUsage;
}

}  // namespace govgraph::client
