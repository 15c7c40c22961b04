// neo4j-admin import CSV: nodes.csv with id:ID and :LABEL (the kind,
// "Person") and relationships.csv with :START_ID, :END_ID and :TYPE
// ("HOLDS_POSITION"), then the properties of NodeProperties and
// RelationProperties, typed where neo4j has a type (dates, string arrays
// with neo4j's default ";" delimiter). Empty fields are absent properties.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/export/graph_formats.h"

namespace govgraph::client {
namespace {

// The header name of a property: its name with neo4j's type.
std::string Column(absl::string_view property) {
  if (property == "aliases" || property == "report_ids") {
    return absl::StrCat(property, ":string[]");
  }
  if (property == "date" || property == "start_date" ||
      property == "end_date" || property == "first_seen" ||
      property == "last_seen") {
    return absl::StrCat(property, ":date");
  }
  return std::string(property);
}

// "PERSON" -> "Person": a label in neo4j's usual case.
std::string Label(absl::string_view kind) {
  std::string label = absl::AsciiStrToLower(kind);
  if (!label.empty()) label[0] = absl::ascii_toupper(label[0]);
  return label;
}

// Appends every property but the first (the kind or type, which has its
// own column) as CSV fields.
void AppendProperties(const std::vector<Property>& properties,
                      std::vector<std::string>* fields) {
  for (size_t i = 1; i < properties.size(); ++i) {
    fields->push_back(CsvField(properties[i].value));
  }
}

class Neo4jCsvWriter final : public GraphWriter {
 public:
  Neo4jCsvWriter(std::ostream* nodes, std::ostream* relationships)
      : nodes_(*nodes), relationships_(*relationships) {
    std::vector<std::string> node_header = {"id:ID", ":LABEL"};
    for (const Property& property : NodeProperties(v1::Entity())) {
      if (property.name != absl::string_view("kind")) {
        node_header.push_back(Column(property.name));
      }
    }
    nodes_ << absl::StrJoin(node_header, ",") << '\n';
    std::vector<std::string> edge_header = {":START_ID", ":END_ID", ":TYPE"};
    for (const Property& property : RelationProperties(v1::Relation())) {
      if (property.name != absl::string_view("type")) {
        edge_header.push_back(Column(property.name));
      }
    }
    relationships_ << absl::StrJoin(edge_header, ",") << '\n';
  }

  absl::Status Node(const v1::Entity& node) override {
    const std::vector<Property> properties = NodeProperties(node);
    std::vector<std::string> fields = {CsvField(node.id()),
                                       Label(properties[0].value)};
    AppendProperties(properties, &fields);
    nodes_ << absl::StrJoin(fields, ",") << '\n';
    return Check();
  }

  absl::Status Relation(const v1::Relation& relation) override {
    const std::vector<Property> properties = RelationProperties(relation);
    std::vector<std::string> fields = {CsvField(relation.source_id()),
                                       CsvField(relation.target_id()),
                                       properties[0].value};
    AppendProperties(properties, &fields);
    relationships_ << absl::StrJoin(fields, ",") << '\n';
    return Check();
  }

  absl::Status Finish() override {
    nodes_.flush();
    relationships_.flush();
    return Check();
  }

 private:
  absl::Status Check() const {
    return nodes_ && relationships_ ? absl::OkStatus()
                                    : absl::DataLossError("write failed");
  }

  std::ostream& nodes_;
  std::ostream& relationships_;
};

}  // namespace

std::unique_ptr<GraphWriter> MakeNeo4jCsvWriter(std::ostream* nodes,
                                                std::ostream* relationships) {
  return std::make_unique<Neo4jCsvWriter>(nodes, relationships);
}

}  // namespace govgraph::client
