// Reading the shared benchmark's JSON files (queries.json, result files)
// as protobuf Structs.
#ifndef GOVGRAPH_BENCH_QUERIES_FILE_H_
#define GOVGRAPH_BENCH_QUERIES_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"

namespace govgraph::bench {

// The JSON file at `path`; kInvalidArgument if it cannot be read or parsed.
absl::StatusOr<google::protobuf::Struct> ReadJsonFile(const std::string& path);

// Field `name` of a queries.json instance as a string: numbers as integers
// ("8541"), null as ""; kInvalidArgument if it is missing.
absl::StatusOr<std::string> InstanceField(const google::protobuf::Struct& q,
                                          const std::string& name);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_QUERIES_FILE_H_
