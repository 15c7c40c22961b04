// The export writers (JSON Lines, GraphML, neo4j CSV) and the JSON Lines
// to CSV conversion of `govgraph import --jsonl`.
#include "client/export/graph_formats.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace govgraph::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A person whose name and id hold everything XML and CSV must escape.
v1::Entity Person() {
  v1::Entity node;
  node.set_id("p/1 \"x\" & <y>");
  node.set_kind(v1::PERSON);
  node.set_display_name("Nguyễn Văn \"Tư\", <A&B>\r\n\x01 end\xEF\xBF\xBF");
  node.mutable_person()->set_full_name(node.display_name());
  node.add_aliases("Tư");
  node.add_aliases("Anh Tư");
  v1::Evidence* evidence = node.add_evidence();
  evidence->set_report_id("r1");
  evidence->set_sentence("Ông Tư nói: \"được\".");
  node.add_report_ids("r1");
  return node;
}

v1::Entity Organization() {
  v1::Entity node;
  node.set_id("o1");
  node.set_kind(v1::ORGANIZATION);
  node.set_display_name("Sở Y tế, tỉnh Quảng Nam");
  return node;
}

v1::Relation Holds() {
  v1::Relation relation;
  relation.set_type(v1::HOLDS_POSITION);
  relation.set_source_id(Person().id());
  relation.set_target_id("o1");
  relation.set_role("Giám đốc");
  relation.set_start_date("2021-01-01");
  return relation;
}

std::string Write(GraphFormat format, std::string* second = nullptr) {
  std::ostringstream out;
  std::ostringstream relationships;
  std::unique_ptr<GraphWriter> writer;
  switch (format) {
    case GraphFormat::kJsonLines:
      writer = MakeJsonLinesWriter(&out);
      break;
    case GraphFormat::kGraphMl:
      writer = MakeGraphMlWriter(&out);
      break;
    case GraphFormat::kNeo4jCsv:
      writer = MakeNeo4jCsvWriter(&out, &relationships);
      break;
  }
  EXPECT_TRUE(writer->Node(Person()).ok());
  EXPECT_TRUE(writer->Node(Organization()).ok());
  EXPECT_TRUE(writer->Relation(Holds()).ok());
  EXPECT_TRUE(writer->Finish().ok());
  if (second != nullptr) *second = relationships.str();
  return out.str();
}

// Runs xmllint with the GraphML schema on `xml`; true if it validates.
bool ValidGraphMl(const std::string& xml, const std::string& name) {
  const std::string path = absl::StrCat(::testing::TempDir(), name);
  std::ofstream(path) << xml;
  const std::string command =
      absl::StrCat("/usr/bin/xmllint --noout --schema ", GOVGRAPH_GRAPHML_XSD,
                   " ", path, " 2>/dev/null");
  return std::system(command.c_str()) == 0;
}

TEST(GraphFormatsTest, ParsesFormatNames) {
  EXPECT_EQ(*ParseGraphFormat("jsonl"), GraphFormat::kJsonLines);
  EXPECT_EQ(*ParseGraphFormat("graphml"), GraphFormat::kGraphMl);
  EXPECT_EQ(*ParseGraphFormat("neo4j"), GraphFormat::kNeo4jCsv);
  EXPECT_EQ(ParseGraphFormat("csv").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(GraphFormatsTest, JsonLinesReadBackToTheSameMessages) {
  const std::vector<std::string> lines =
      absl::StrSplit(Write(GraphFormat::kJsonLines), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u);
  v1::ExportSubgraphResponse items[3];
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(lines[i], &items[i]).ok())
        << lines[i];
  }
  using google::protobuf::util::MessageDifferencer;
  EXPECT_TRUE(MessageDifferencer::Equals(items[0].node(), Person()));
  EXPECT_TRUE(MessageDifferencer::Equals(items[1].node(), Organization()));
  EXPECT_TRUE(MessageDifferencer::Equals(items[2].relation(), Holds()));
}

TEST(GraphFormatsTest, GraphMlEscapesTextAndValidates) {
  const std::string xml = Write(GraphFormat::kGraphMl);
  EXPECT_TRUE(ValidGraphMl(xml, "escaped.graphml")) << xml;
  EXPECT_THAT(xml, HasSubstr("Nguyễn Văn &quot;Tư&quot;, &lt;A&amp;B&gt;"
                             "&#13;\n end</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"node.govgraph_id\">p/1 &quot;x&quot;"
                             " &amp; &lt;y&gt;</data>"));
  EXPECT_THAT(xml, HasSubstr("<edge id=\"e1\" source=\"n1\" target=\"n2\">"));
  EXPECT_THAT(xml, HasSubstr("attr.name=\"label\""));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
}

// The schema check can fail: an edge to a node the document lacks and an
// undeclared data key are refused.
TEST(GraphFormatsTest, TheGraphMlSchemaRefusesBrokenReferences) {
  std::string xml = Write(GraphFormat::kGraphMl);
  std::string dangling = xml;
  dangling.replace(dangling.find("target=\"n2\""), 11, "target=\"n9\"");
  EXPECT_FALSE(ValidGraphMl(dangling, "dangling.graphml"));
  std::string undeclared = xml;
  undeclared.replace(undeclared.find("<data key=\"node.kind\">"), 22,
                     "<data key=\"node.size\">");
  EXPECT_FALSE(ValidGraphMl(undeclared, "undeclared.graphml"));
}

TEST(GraphFormatsTest, GraphMlRefusesARelationToANodeNotWritten) {
  std::ostringstream out;
  std::unique_ptr<GraphWriter> writer = MakeGraphMlWriter(&out);
  ASSERT_TRUE(writer->Node(Organization()).ok());
  EXPECT_EQ(writer->Relation(Holds()).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->Node(Organization()).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(GraphFormatsTest, Neo4jCsvHasTypedHeadersAndQuotedFields) {
  std::string relationships;
  const std::string nodes = Write(GraphFormat::kNeo4jCsv, &relationships);
  const std::vector<std::string> node_lines =
      absl::StrSplit(nodes, '\n', absl::SkipEmpty());
  EXPECT_EQ(node_lines[0],
            "id:ID,:LABEL,name,aliases:string[],date:date,location,verb,text,"
            "source_url,first_seen:date,last_seen:date,report_ids:string[],"
            "evidence");
  EXPECT_THAT(nodes, HasSubstr("\"p/1 \"\"x\"\" & <y>\",Person,"
                               "\"Nguyễn Văn \"\"Tư\"\", <A&B>\r\n"));
  EXPECT_THAT(nodes, HasSubstr(",Tư;Anh Tư,"));
  EXPECT_THAT(nodes, HasSubstr("o1,Organization,\"Sở Y tế, tỉnh Quảng Nam\","));
  EXPECT_THAT(nodes, HasSubstr(",r1,\"[{\"\"reportId\"\":\"\"r1\"\""));
  const std::vector<std::string> edge_lines =
      absl::StrSplit(relationships, '\n', absl::SkipEmpty());
  ASSERT_EQ(edge_lines.size(), 2u);
  EXPECT_EQ(edge_lines[0],
            ":START_ID,:END_ID,:TYPE,role,start_date:date,end_date:date,"
            "first_seen:date,last_seen:date,report_ids:string[],evidence");
  EXPECT_EQ(edge_lines[1],
            "\"p/1 \"\"x\"\" & <y>\",o1,HOLDS_POSITION,Giám đốc,2021-01-01,,"
            ",,,");
}

TEST(GraphFormatsTest, CsvFieldQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(JsonLinesToCsvTest, ConvertsNodesThenRelations) {
  JsonLinesToCsv converter;
  const std::vector<std::string> lines =
      absl::StrSplit(Write(GraphFormat::kJsonLines), '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_TRUE(converter.AddLine(lines[i], i + 1).ok()) << lines[i];
  }
  EXPECT_EQ(converter.TakeNodes(),
            "id,kind,name,date\n"
            "\"p/1 \"\"x\"\" & <y>\",PERSON,\"Nguyễn Văn \"\"Tư\"\", "
            "<A&B>\r\n\x01 end\xEF\xBF\xBF\",\n"
            "o1,ORGANIZATION,\"Sở Y tế, tỉnh Quảng Nam\",\n");
  EXPECT_EQ(converter.TakeEdges(),
            "src,dst,type,title,start,end\n"
            "\"p/1 \"\"x\"\" & <y>\",o1,HOLDS_POSITION,Giám đốc,2021-01-01,\n");
  EXPECT_EQ(converter.TakeNodes(), "");
  EXPECT_EQ(converter.TakeEdges(), "");
}

TEST(JsonLinesToCsvTest, RefusesBadLinesNamingThem) {
  JsonLinesToCsv converter;
  EXPECT_TRUE(converter.AddLine("", 1).ok());
  absl::Status bad = converter.AddLine("{\"node\": 3}", 2);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("line 2:"));
  EXPECT_EQ(converter.AddLine("{}", 3).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(converter.AddLine("not json", 4).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(converter
                  .AddLine("{\"relation\": {\"type\": \"ATTENDED\", "
                           "\"sourceId\": \"p\", \"targetId\": \"m\"}}",
                           5)
                  .ok());
  absl::Status late =
      converter.AddLine("{\"node\": {\"id\": \"p\", \"kind\": \"PERSON\"}}", 6);
  EXPECT_EQ(late.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(late.message(), HasSubstr("line 6: a node after the relations"));
}

}  // namespace
}  // namespace govgraph::client
