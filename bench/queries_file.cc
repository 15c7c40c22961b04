#include "bench/queries_file.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace govgraph::bench {

absl::StatusOr<google::protobuf::Struct> ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  google::protobuf::Struct out;
  if (!in ||
      !google::protobuf::util::JsonStringToMessage(text.str(), &out).ok()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read JSON ", path));
  }
  return out;
}

absl::StatusOr<std::string> InstanceField(const google::protobuf::Struct& q,
                                          const std::string& name) {
  const auto it = q.fields().find(name);
  if (it == q.fields().end()) {
    return absl::InvalidArgumentError(absl::StrCat("instance lacks ", name));
  }
  const google::protobuf::Value& value = it->second;
  if (value.has_number_value()) {
    return absl::StrCat(static_cast<int64_t>(value.number_value()));
  }
  if (value.has_string_value()) return value.string_value();
  return std::string();  // null
}

}  // namespace govgraph::bench
