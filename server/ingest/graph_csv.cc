#include "server/ingest/graph_csv.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/ingest/fact_validator.h"

namespace govgraph::ingest {
namespace {

// The value of Enum (1 to `max`) whose API name `name` gives is `text` in
// any case; 0 (unspecified) if none is.
template <typename Enum>
Enum ParseEnumName(absl::string_view text, int max,
                   absl::string_view (*name)(Enum)) {
  const std::string upper = absl::AsciiStrToUpper(text);
  for (int value = 1; value <= max; ++value) {
    if (name(static_cast<Enum>(value)) == upper) {
      return static_cast<Enum>(value);
    }
  }
  return static_cast<Enum>(0);
}

EntityKind ParseKind(absl::string_view text) {
  return ParseEnumName(text, kMaxEntityKind, &EntityKindName);
}

RelationType ParseType(absl::string_view text) {
  return ParseEnumName(text, kMaxRelationType, &RelationTypeName);
}

// `status` with "FILE line N: " before its message.
absl::Status AtLine(const std::string& prefix, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(prefix, status.message()));
}

std::string Prefix(absl::string_view file, int64_t line) {
  return absl::StrCat(file, " line ", line, ": ");
}

absl::Status Invalid(const std::string& prefix, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(prefix, what));
}

// The column a header field names, in lower case; neo4j-admin import
// headers (govgraph export --format=neo4j) name the same columns:
// "id:ID", ":LABEL" (kind), ":START_ID" (src), ":END_ID" (dst), ":TYPE",
// "role" (title), "start_date", "end_date", with ":type" suffixes.
std::string ColumnName(absl::string_view field) {
  std::string name = absl::AsciiStrToLower(field);
  if (name == ":label") return "kind";
  if (name == ":start_id") return "src";
  if (name == ":end_id") return "dst";
  if (name == ":type") return "type";
  const size_t colon = name.find(':');
  if (colon != std::string::npos && colon > 0) name.resize(colon);
  if (name == "role") return "title";
  if (name == "start_date") return "start";
  if (name == "end_date") return "end";
  return name;
}

}  // namespace

GraphCsvReader::GraphCsvReader(std::string source_id,
                               const ImportLimits& limits)
    : limits_(limits),
      nodes_file_("nodes.csv", limits.max_field_bytes),
      edges_file_("edges.csv", limits.max_field_bytes) {
  graph_.source_id = std::move(source_id);
}

absl::Status GraphCsvReader::Keep(absl::Status status) {
  if (!status.ok() && failure_.ok()) failure_ = status;
  return status;
}

absl::Status GraphCsvReader::AddNodes(absl::string_view chunk) {
  if (!failure_.ok()) return failure_;
  if (nodes_done_) {
    return Keep(absl::InvalidArgumentError(
        "nodes.csv: node rows after edge rows; send every node first"));
  }
  return Keep(nodes_file_.Add(chunk, [this](auto& fields, int64_t line) {
    return NodeRow(fields, line);
  }));
}

absl::Status GraphCsvReader::FinishNodes() {
  if (nodes_done_) return absl::OkStatus();
  nodes_done_ = true;
  GOVGRAPH_RETURN_IF_ERROR(nodes_file_.Finish(
      [this](auto& fields, int64_t line) { return NodeRow(fields, line); }));
  if (graph_.nodes.empty()) {
    return absl::InvalidArgumentError("nodes.csv: no node rows");
  }
  return absl::OkStatus();
}

absl::Status GraphCsvReader::AddEdges(absl::string_view chunk) {
  if (!failure_.ok()) return failure_;
  GOVGRAPH_RETURN_IF_ERROR(Keep(FinishNodes()));
  return Keep(edges_file_.Add(chunk, [this](auto& fields, int64_t line) {
    return EdgeRow(fields, line);
  }));
}

absl::StatusOr<storage::GraphImport> GraphCsvReader::Finish() {
  if (!failure_.ok()) return failure_;
  GOVGRAPH_RETURN_IF_ERROR(Keep(FinishNodes()));
  GOVGRAPH_RETURN_IF_ERROR(Keep(edges_file_.Finish(
      [this](auto& fields, int64_t line) { return EdgeRow(fields, line); })));
  node_index_.clear();
  role_index_.clear();
  return std::move(graph_);
}

absl::Status GraphCsvReader::ReadHeader(
    const CsvRecords& file, const std::vector<std::string>& fields,
    int64_t line, const std::vector<absl::string_view>& names, size_t required,
    Header* header) {
  const std::string prefix = Prefix(file.file(), line);
  for (const std::string& field : fields) {
    if (!IsValidUtf8(field)) return Invalid(prefix, "invalid UTF-8");
  }
  header->seen = true;
  header->fields = fields.size();
  header->columns.assign(names.size(), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = ColumnName(fields[i]);
    for (size_t c = 0; c < names.size(); ++c) {
      if (name == names[c]) header->columns[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < required; ++c) {
    if (header->columns[c] < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          prefix, "the header needs the columns ",
          absl::StrJoin(names.begin(), names.begin() + required, ","),
          "; it has ", absl::StrJoin(fields, ",")));
    }
  }
  return absl::OkStatus();
}

absl::Status GraphCsvReader::NodeRow(std::vector<std::string>& fields,
                                     int64_t line) {
  if (!node_header_.seen) {
    return ReadHeader(nodes_file_, fields, line, {"id", "kind", "name", "date"},
                      /*required=*/3, &node_header_);
  }
  const std::string prefix = Prefix("nodes.csv", line);
  if (fields.size() != node_header_.fields) {
    return Invalid(prefix,
                   absl::StrCat(fields.size(), " fields, the header has ",
                                node_header_.fields));
  }
  for (const std::string& field : fields) {
    if (!IsValidUtf8(field)) return Invalid(prefix, "invalid UTF-8");
  }
  if (graph_.nodes.size() >= limits_.max_nodes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(prefix, "more than ", limits_.max_nodes, " nodes"));
  }
  auto column = [&](NodeColumn c) -> std::string& {
    static std::string empty;
    const int i = node_header_.columns[c];
    return i < 0 ? empty : fields[i];
  };
  storage::ImportNode node;
  node.line = static_cast<int32_t>(line);
  node.id = std::move(column(kId));
  GOVGRAPH_RETURN_IF_ERROR(AtLine(prefix, ValidateId("id", node.id)));
  node.kind = ParseKind(column(kKind));
  if (node.kind == EntityKind::kUnspecified) {
    return Invalid(prefix, absl::StrCat("unknown kind \"", column(kKind),
                                        "\" (Person, Organization, Meeting, "
                                        "Directive or Report)"));
  }
  node.name = std::move(column(kName));
  if (node.name.empty()) return Invalid(prefix, "name: empty");
  GOVGRAPH_RETURN_IF_ERROR(
      AtLine(prefix, ValidateName("name", node.name, IngestLimits())));
  GOVGRAPH_ASSIGN_OR_RETURN(node.date, Date("date", column(kDate), prefix));
  const auto [it, added] =
      node_index_.emplace(node.id, static_cast<uint32_t>(graph_.nodes.size()));
  if (!added) {
    return Invalid(prefix, absl::StrCat("id \"", node.id, "\" repeats line ",
                                        graph_.nodes[it->second].line));
  }
  graph_.nodes.push_back(std::move(node));
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> GraphCsvReader::Endpoint(
    absl::string_view field, absl::string_view id,
    const std::string& prefix) const {
  const auto it = node_index_.find(id);
  if (it == node_index_.end()) {
    return Invalid(prefix, absl::StrCat(field, " \"", id,
                                        "\" is not a node of nodes.csv"));
  }
  return it->second;
}

absl::StatusOr<uint32_t> GraphCsvReader::Date(absl::string_view field,
                                              absl::string_view value,
                                              const std::string& prefix) const {
  if (value.empty()) return 0;
  if (!IsIsoDate(value)) {
    return Invalid(prefix, absl::StrCat(field, ": \"", value,
                                        "\" is not a YYYY-MM-DD date"));
  }
  return PackIsoDate(value);
}

uint32_t GraphCsvReader::Role(const std::string& role) {
  const auto [it, added] =
      role_index_.emplace(role, static_cast<uint32_t>(graph_.roles.size()));
  if (added) graph_.roles.push_back(role);
  return it->second;
}

absl::Status GraphCsvReader::EdgeRow(std::vector<std::string>& fields,
                                     int64_t line) {
  if (!edge_header_.seen) {
    return ReadHeader(edges_file_, fields, line,
                      {"src", "dst", "type", "title", "start", "end"},
                      /*required=*/3, &edge_header_);
  }
  const std::string prefix = Prefix("edges.csv", line);
  if (fields.size() != edge_header_.fields) {
    return Invalid(prefix,
                   absl::StrCat(fields.size(), " fields, the header has ",
                                edge_header_.fields));
  }
  for (const std::string& field : fields) {
    if (!IsValidUtf8(field)) return Invalid(prefix, "invalid UTF-8");
  }
  if (graph_.edges.size() >= limits_.max_edges) {
    return absl::ResourceExhaustedError(
        absl::StrCat(prefix, "more than ", limits_.max_edges, " edges"));
  }
  auto column = [&](EdgeColumn c) -> const std::string& {
    static const std::string empty;
    const int i = edge_header_.columns[c];
    return i < 0 ? empty : fields[i];
  };
  storage::ImportEdge edge;
  edge.line = static_cast<int32_t>(line);
  GOVGRAPH_ASSIGN_OR_RETURN(edge.source, Endpoint("src", column(kSrc), prefix));
  GOVGRAPH_ASSIGN_OR_RETURN(edge.target, Endpoint("dst", column(kDst), prefix));
  edge.type = ParseType(column(kType));
  if (edge.type == RelationType::kUnspecified) {
    return Invalid(prefix,
                   absl::StrCat("unknown type \"", column(kType), "\""));
  }
  const EntityKind source = graph_.nodes[edge.source].kind;
  const EntityKind target = graph_.nodes[edge.target].kind;
  if (!RelationEndpointsAllowed(edge.type, source, target)) {
    return Invalid(
        prefix,
        absl::StrCat(RelationTypeName(edge.type), " cannot join a ",
                     EntityKindName(source), " to a ", EntityKindName(target)));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(edge.start, Date("start", column(kStart), prefix));
  GOVGRAPH_ASSIGN_OR_RETURN(edge.end, Date("end", column(kEnd), prefix));
  const std::string& title = column(kTitle);
  if (edge.type != RelationType::kHoldsPosition) {
    if (!title.empty() || edge.start != 0 || edge.end != 0) {
      return Invalid(prefix, "title, start and end are for HOLDS_POSITION");
    }
  } else {
    if (title.empty()) return Invalid(prefix, "title: required");
    GOVGRAPH_RETURN_IF_ERROR(
        AtLine(prefix, ValidateName("title", title, IngestLimits())));
    if (edge.start != 0 && edge.end != 0 && edge.end < edge.start) {
      return Invalid(prefix, "end before start");
    }
    edge.role = Role(title);
  }
  graph_.edges.push_back(edge);
  return absl::OkStatus();
}

}  // namespace govgraph::ingest
