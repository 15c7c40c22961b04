#include "client/export/graph_formats.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace govgraph::client {
namespace {

// proto3 JSON, one line, default values left out.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot write JSON: ", status.ToString()));
  }
  return json;
}

// The evidence as a JSON array of proto3 JSON objects; "" for none.
template <typename Evidences>
std::string EvidenceJson(const Evidences& evidence) {
  if (evidence.empty()) return "";
  std::vector<std::string> items;
  items.reserve(evidence.size());
  for (const v1::Evidence& item : evidence) {
    absl::StatusOr<std::string> json = ToJson(item);
    items.push_back(json.ok() ? *std::move(json) : "{}");
  }
  return absl::StrCat("[", absl::StrJoin(items, ","), "]");
}

class JsonLinesWriter final : public GraphWriter {
 public:
  explicit JsonLinesWriter(std::ostream* out) : out_(*out) {}

  // {"node": ...} and {"relation": ...}: the proto3 JSON of an
  // ExportSubgraphResponse holding the item, without copying it into one.
  absl::Status Node(const v1::Entity& node) override {
    return WriteLine("node", node);
  }
  absl::Status Relation(const v1::Relation& relation) override {
    return WriteLine("relation", relation);
  }
  absl::Status Finish() override {
    out_.flush();
    return out_ ? absl::OkStatus() : absl::DataLossError("write failed");
  }

 private:
  absl::Status WriteLine(absl::string_view key,
                         const google::protobuf::Message& item) {
    absl::StatusOr<std::string> json = ToJson(item);
    if (!json.ok()) return json.status();
    out_ << "{\"" << key << "\":" << *json << "}\n";
    return out_ ? absl::OkStatus() : absl::DataLossError("write failed");
  }

  std::ostream& out_;
};

}  // namespace

absl::StatusOr<GraphFormat> ParseGraphFormat(absl::string_view name) {
  if (name == "jsonl") return GraphFormat::kJsonLines;
  if (name == "graphml") return GraphFormat::kGraphMl;
  if (name == "neo4j") return GraphFormat::kNeo4jCsv;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", name, "\": jsonl, graphml or neo4j"));
}

std::unique_ptr<GraphWriter> MakeJsonLinesWriter(std::ostream* out) {
  return std::make_unique<JsonLinesWriter>(out);
}

std::vector<Property> NodeProperties(const v1::Entity& node) {
  return {
      {"kind", v1::EntityKind_Name(node.kind())},
      {"name", node.display_name()},
      {"aliases", absl::StrJoin(node.aliases(), ";")},
      {"date", NodeDate(node)},
      {"location", node.has_meeting() ? node.meeting().location() : ""},
      {"verb", node.has_directive() ? node.directive().verb() : ""},
      {"text", node.has_directive() ? node.directive().text() : ""},
      {"source_url", node.has_report() ? node.report().source_url() : ""},
      {"first_seen", node.first_seen()},
      {"last_seen", node.last_seen()},
      {"report_ids", absl::StrJoin(node.report_ids(), ";")},
      {"evidence", EvidenceJson(node.evidence())},
  };
}

std::vector<Property> RelationProperties(const v1::Relation& relation) {
  return {
      {"type", v1::RelationType_Name(relation.type())},
      {"role", relation.role()},
      {"start_date", relation.start_date()},
      {"end_date", relation.end_date()},
      {"first_seen", relation.first_seen()},
      {"last_seen", relation.last_seen()},
      {"report_ids", absl::StrJoin(relation.report_ids(), ";")},
      {"evidence", EvidenceJson(relation.evidence())},
  };
}

std::string NodeDate(const v1::Entity& node) {
  switch (node.details_case()) {
    case v1::Entity::kMeeting:
      return node.meeting().date();
    case v1::Entity::kDirective:
      return node.directive().date();
    case v1::Entity::kReport:
      return node.report().published_date();
    default:
      return "";
  }
}

absl::Status JsonLinesToCsv::AddLine(absl::string_view line, int64_t number) {
  if (absl::StripAsciiWhitespace(line).empty()) return absl::OkStatus();
  v1::ExportSubgraphResponse item;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(line.data(), line.size()), &item);
  if (!parsed.ok() || item.item_case() == item.ITEM_NOT_SET) {
    return absl::InvalidArgumentError(absl::StrCat(
        "line ", number, ": not a node or relation",
        parsed.ok() ? ""
                    : absl::StrCat(" (", parsed.message().as_string(), ")")));
  }
  if (item.has_node()) {
    if (in_relations_) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": a node after the relations"));
    }
    const v1::Entity& node = item.node();
    absl::StrAppend(&nodes_, CsvField(node.id()), ",",
                    v1::EntityKind_Name(node.kind()), ",",
                    CsvField(node.display_name()), ",",
                    CsvField(NodeDate(node)), "\n");
    return absl::OkStatus();
  }
  if (!in_relations_) edges_ = "src,dst,type,title,start,end\n";
  in_relations_ = true;
  const v1::Relation& relation = item.relation();
  absl::StrAppend(&edges_, CsvField(relation.source_id()), ",",
                  CsvField(relation.target_id()), ",",
                  v1::RelationType_Name(relation.type()), ",",
                  CsvField(relation.role()), ",",
                  CsvField(relation.start_date()), ",",
                  CsvField(relation.end_date()), "\n");
  return absl::OkStatus();
}

std::string JsonLinesToCsv::TakeNodes() {
  std::string taken;
  taken.swap(nodes_);
  return taken;
}

std::string JsonLinesToCsv::TakeEdges() {
  std::string taken;
  taken.swap(edges_);
  return taken;
}

std::string CsvField(absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(field);
  }
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace govgraph::client
