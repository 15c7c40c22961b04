#include "server/ingest/fingerprint.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/test_facts.h"

namespace govgraph::ingest {
namespace {

using ::govgraph::ingest::testing::ValidFacts;
using ::testing::MatchesRegex;

extract::ReportInput Input() {
  extract::ReportInput input;
  input.text = "Sáng 6-2, ông Nguyễn Văn A dự hội nghị.";
  input.published_date = "2017-02-06";
  input.source_url = "https://example.vn/a";
  input.title = "Hội nghị";
  return input;
}

TEST(FingerprintTest, ContentReportIdIsTheTextsSha256) {
  // sha256("abc") = ba7816bf8f01cfea414140de5dae2223...
  EXPECT_EQ(ContentReportId("abc"), "report:ba7816bf8f01cfea414140de5dae2223");
  EXPECT_NE(ContentReportId("abc "), ContentReportId("abc"));
}

TEST(FingerprintTest, ReportFingerprintCoversTextMetadataAndVersion) {
  const std::string base = ReportFingerprint(Input(), "v1");
  EXPECT_THAT(base, MatchesRegex("text:[0-9a-f]{64}"));
  EXPECT_EQ(ReportFingerprint(Input(), "v1"), base);
  EXPECT_NE(ReportFingerprint(Input(), "v2"), base);
  for (std::string extract::ReportInput::*field :
       {&extract::ReportInput::text, &extract::ReportInput::published_date,
        &extract::ReportInput::source_url, &extract::ReportInput::title}) {
    extract::ReportInput changed = Input();
    changed.*field += "x";
    EXPECT_NE(ReportFingerprint(changed, "v1"), base);
  }
  // Field boundaries cannot shift: moving a byte across them changes it.
  extract::ReportInput shifted = Input();
  shifted.title = "";
  shifted.source_url += "Hội nghị";
  EXPECT_NE(ReportFingerprint(shifted, "v1"), base);
}

TEST(FingerprintTest, FactsFingerprintCoversEveryFact) {
  const std::string base = FactsFingerprint(ValidFacts());
  EXPECT_THAT(base, MatchesRegex("facts:[0-9a-f]{64}"));
  EXPECT_EQ(FactsFingerprint(ValidFacts()), base);
  ReportFacts facts = ValidFacts();
  facts.fingerprint = "ignored";
  EXPECT_EQ(FactsFingerprint(facts), base);

  facts = ValidFacts();
  facts.entities[0].aliases.push_back("X");
  EXPECT_NE(FactsFingerprint(facts), base);
  facts = ValidFacts();
  facts.relations[0].end_date = "2024-01-01";
  EXPECT_NE(FactsFingerprint(facts), base);
  facts = ValidFacts();
  facts.relations[0].evidence.push_back(Evidence{facts.report.id, 1, 2, "s"});
  EXPECT_NE(FactsFingerprint(facts), base);
  facts = ValidFacts();
  facts.extractor_version = "v9";
  EXPECT_NE(FactsFingerprint(facts), base);
}

}  // namespace
}  // namespace govgraph::ingest
