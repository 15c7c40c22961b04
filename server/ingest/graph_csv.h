// Reads a property graph in the shared benchmark's CSV layout into a
// storage::GraphImport, checking every row:
//   nodes.csv  id,kind,name,date
//   edges.csv  src,dst,type,title,start,end
// Columns are found by their header names (others are ignored), also under
// their neo4j-admin import names (id:ID, :LABEL, :START_ID, :END_ID, :TYPE,
// role, start_date, end_date: what `govgraph export --format=neo4j`
// writes); kinds and types are the API enum names in any case ("Person",
// "HOLDS_POSITION").
// Every node comes before every edge.
#ifndef GOVGRAPH_SERVER_INGEST_GRAPH_CSV_H_
#define GOVGRAPH_SERVER_INGEST_GRAPH_CSV_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/ingest/csv_records.h"
#include "server/storage/graph_store.h"

namespace govgraph::ingest {

struct ImportLimits {
  size_t max_nodes = 50'000'000;
  size_t max_edges = 200'000'000;
  // Large enough for the evidence column of an export (a JSON array of
  // every sentence citing a node), which the import reads past.
  size_t max_field_bytes = 16 << 20;
};

// Not thread-safe. After an error every call returns it again.
class GraphCsvReader {
 public:
  // `source_id` names the import (see GraphStore::ImportGraph).
  GraphCsvReader(std::string source_id, const ImportLimits& limits);

  // Read the next chunk of nodes.csv (edges.csv). Errors name the file and
  // line: kInvalidArgument for malformed CSV or UTF-8, a missing column, a
  // row with another number of fields than the header, an invalid id or
  // name, an unknown kind or type, a date that is not a real YYYY-MM-DD
  // date, an id stated twice, an endpoint that is not a node, endpoint
  // kinds the type does not join, a role missing on HOLDS_POSITION or
  // given elsewhere (dates likewise), a term ending before it starts, node
  // rows after edge rows; kResourceExhausted beyond `limits`.
  absl::Status AddNodes(absl::string_view chunk);
  absl::Status AddEdges(absl::string_view chunk);

  // Ends both files and returns the graph; kInvalidArgument as above, or
  // if nodes.csv has no rows.
  absl::StatusOr<storage::GraphImport> Finish();

 private:
  enum NodeColumn { kId, kKind, kName, kDate, kNodeColumns };
  enum EdgeColumn { kSrc, kDst, kType, kTitle, kStart, kEnd, kEdgeColumns };
  // A file's column positions (-1: absent) and field count, from its header.
  struct Header {
    bool seen = false;
    size_t fields = 0;
    std::vector<int> columns;
  };

  absl::Status FinishNodes();
  absl::Status NodeRow(std::vector<std::string>& fields, int64_t line);
  absl::Status EdgeRow(std::vector<std::string>& fields, int64_t line);
  absl::Status ReadHeader(const CsvRecords& file,
                          const std::vector<std::string>& fields, int64_t line,
                          const std::vector<absl::string_view>& names,
                          size_t required, Header* header);
  absl::StatusOr<uint32_t> Endpoint(absl::string_view field,
                                    absl::string_view id,
                                    const std::string& prefix) const;
  absl::StatusOr<uint32_t> Date(absl::string_view field,
                                absl::string_view value,
                                const std::string& prefix) const;
  uint32_t Role(const std::string& role);
  // Sticks `status` if it is an error.
  absl::Status Keep(absl::Status status);

  const ImportLimits limits_;
  absl::Status failure_;
  bool nodes_done_ = false;
  CsvRecords nodes_file_;
  CsvRecords edges_file_;
  Header node_header_;
  Header edge_header_;
  storage::GraphImport graph_;
  absl::flat_hash_map<std::string, uint32_t> node_index_;
  absl::flat_hash_map<std::string, uint32_t> role_index_;
};

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_GRAPH_CSV_H_
