// Writers of an exported graph (ExportGraph, ExportSubgraph) in formats
// other tools read:
//   jsonl    one proto3 JSON object per line, {"node": Entity} or
//            {"relation": Relation}: lossless, `govgraph import --jsonl`
//            loads it back;
//   graphml  GraphML 1.0 (Gephi, yEd, NetworkX), every attribute a <data>;
//   neo4j    nodes.csv and relationships.csv with neo4j-admin import
//            headers (id:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed
//            properties); `govgraph import` reads these headers too.
// Evidence, when the export carries it, is a JSON array in one attribute
// (`evidence`) in GraphML and CSV.
#ifndef GOVGRAPH_CLIENT_EXPORT_GRAPH_FORMATS_H_
#define GOVGRAPH_CLIENT_EXPORT_GRAPH_FORMATS_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

enum class GraphFormat { kJsonLines, kGraphMl, kNeo4jCsv };

// "jsonl", "graphml" or "neo4j"; kInvalidArgument otherwise.
absl::StatusOr<GraphFormat> ParseGraphFormat(absl::string_view name);

// Receives a graph as the export streams it: every node, then every
// relation between two of them. Not thread-safe.
class GraphWriter {
 public:
  virtual ~GraphWriter() = default;
  virtual absl::Status Node(const v1::Entity& node) = 0;
  virtual absl::Status Relation(const v1::Relation& relation) = 0;
  // Closes the document. Nothing may be written after it.
  virtual absl::Status Finish() = 0;
};

// The writers write to streams the caller owns and keeps open.
std::unique_ptr<GraphWriter> MakeJsonLinesWriter(std::ostream* out);
std::unique_ptr<GraphWriter> MakeGraphMlWriter(std::ostream* out);
std::unique_ptr<GraphWriter> MakeNeo4jCsvWriter(std::ostream* nodes,
                                                std::ostream* relationships);

// A flat attribute of a node or relation, as GraphML and CSV carry it.
struct Property {
  const char* name;
  std::string value;  // Empty: the element has none.
};

// The attributes of every node (relation), always the same names in the
// same order: kind-specific ones are empty where they do not apply.
// Lists (aliases, report ids) are joined with ";", evidence is a JSON
// array (empty without evidence).
std::vector<Property> NodeProperties(const v1::Entity& node);
std::vector<Property> RelationProperties(const v1::Relation& relation);

// Turns the lines of a JSON Lines export into the rows of the benchmark's
// CSV layout that ImportGraph reads (nodes.csv: id,kind,name,date;
// edges.csv: src,dst,type,title,start,end), headers included. Not
// thread-safe.
class JsonLinesToCsv {
 public:
  // Converts line `number` of the file; blank lines are skipped.
  // kInvalidArgument naming the line for one that is not a node or
  // relation in proto3 JSON, or a node after a relation.
  absl::Status AddLine(absl::string_view line, int64_t number);
  // The CSV converted since the last call, header first; edges are empty
  // until the first relation.
  std::string TakeNodes();
  std::string TakeEdges();
  size_t pending_bytes() const { return nodes_.size() + edges_.size(); }

 private:
  std::string nodes_ = "id,kind,name,date\n";
  std::string edges_;
  bool in_relations_ = false;
};

// The date a node is about: a meeting's or directive's date, a report's
// publication date; "" for other kinds.
std::string NodeDate(const v1::Entity& node);

// `field` as one RFC 4180 CSV field: quoted (quotes doubled) when it holds
// a comma, quote, CR or LF.
std::string CsvField(absl::string_view field);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_EXPORT_GRAPH_FORMATS_H_
