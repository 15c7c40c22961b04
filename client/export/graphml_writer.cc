// GraphML 1.0: one <key> per attribute of NodeProperties and
// RelationProperties (all strings; the node name's key is "label", which
// Gephi shows), then one <graph edgedefault="directed"> holding every node
// and edge with a <data> per non-empty attribute. GraphML ids are XML name
// tokens, which entity ids need not be: nodes are "n1", "n2"... in export
// order, with the entity id in attribute "govgraph_id".
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "client/export/graph_formats.h"

namespace govgraph::client {
namespace {

constexpr absl::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns\n"
    "    http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

// `text` (valid UTF-8) as XML character data or attribute value: markup
// characters escaped, characters XML 1.0 forbids (C0 controls but tab, LF
// and CR; U+FFFE, U+FFFF) dropped.
std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\r':
        out += "&#13;";  // Kept: a raw CR would be read as a line end.
        continue;
      default:
        break;
    }
    if (c < 0x20 && c != '\t' && c != '\n') continue;
    if (c == 0xEF && text.substr(i, 2) == "\xEF\xBF" && i + 2 < text.size() &&
        (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// The GraphML attribute name of a property.
absl::string_view KeyName(absl::string_view property) {
  return property == "name" ? "label" : property;
}

class GraphMlWriter final : public GraphWriter {
 public:
  explicit GraphMlWriter(std::ostream* out) : out_(*out) {
    out_ << kHeader;
    out_ << "  <key id=\"node.govgraph_id\" for=\"node\" "
            "attr.name=\"govgraph_id\" attr.type=\"string\"/>\n";
    WriteKeys("node", NodeProperties(v1::Entity()));
    WriteKeys("edge", RelationProperties(v1::Relation()));
    out_ << "  <graph id=\"govgraph\" edgedefault=\"directed\">\n";
  }

  absl::Status Node(const v1::Entity& node) override {
    const auto [it, added] = ids_.emplace(node.id(), ids_.size() + 1);
    if (!added) {
      return absl::InvalidArgumentError(
          absl::StrCat("node ", node.id(), " exported twice"));
    }
    out_ << "    <node id=\"n" << it->second
         << "\"><data key=\"node.govgraph_id\">" << XmlEscape(node.id())
         << "</data>";
    WriteData("node", NodeProperties(node));
    out_ << "</node>\n";
    return Check();
  }

  absl::Status Relation(const v1::Relation& relation) override {
    const auto source = ids_.find(relation.source_id());
    const auto target = ids_.find(relation.target_id());
    if (source == ids_.end() || target == ids_.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "relation ", relation.source_id(), " -> ", relation.target_id(),
          " names a node not exported before it"));
    }
    out_ << "    <edge id=\"e" << ++edges_ << "\" source=\"n" << source->second
         << "\" target=\"n" << target->second << "\">";
    WriteData("edge", RelationProperties(relation));
    out_ << "</edge>\n";
    return Check();
  }

  absl::Status Finish() override {
    out_ << "  </graph>\n</graphml>\n";
    out_.flush();
    return Check();
  }

 private:
  void WriteKeys(absl::string_view domain,
                 const std::vector<Property>& properties) {
    for (const Property& property : properties) {
      out_ << "  <key id=\"" << domain << '.' << property.name << "\" for=\""
           << domain << "\" attr.name=\"" << KeyName(property.name)
           << "\" attr.type=\"string\"/>\n";
    }
  }

  void WriteData(absl::string_view domain,
                 const std::vector<Property>& properties) {
    for (const Property& property : properties) {
      if (property.value.empty()) continue;
      out_ << "<data key=\"" << domain << '.' << property.name << "\">"
           << XmlEscape(property.value) << "</data>";
    }
  }

  absl::Status Check() const {
    return out_ ? absl::OkStatus() : absl::DataLossError("write failed");
  }

  std::ostream& out_;
  absl::flat_hash_map<std::string, int64_t> ids_;  // Entity id -> n<number>.
  int64_t edges_ = 0;
};

}  // namespace

std::unique_ptr<GraphWriter> MakeGraphMlWriter(std::ostream* out) {
  return std::make_unique<GraphMlWriter>(out);
}

}  // namespace govgraph::client
