#include "server/ingest/extraction_to_facts.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/ingest/fact_validator.h"

namespace govgraph::ingest {
namespace {

using extract::Extraction;
using extract::TextSpan;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

constexpr char kReport[] = "r1";
constexpr char kLoc[] = "person:nguyen-phuoc-loc";
constexpr char kYen[] = "person:tran-kim-yen";
constexpr char kMinh[] = "person:le-van-minh";
constexpr char kKiet[] = "person:vo-van-kiet";
constexpr char kBanDanVan[] = "org:ban-dan-van-thanh-uy-tphcm";
constexpr char kThanhUy[] = "org:thanh-uy-tphcm";
constexpr char kMttq[] = "org:uy-ban-mttq-viet-nam-tphcm";
constexpr char kSoYTe[] = "org:so-y-te-tphcm";
constexpr char kMeeting[] = "meeting:r1:0";
constexpr char kDirective0[] = "directive:r1:0";
constexpr char kDirective1[] = "directive:r1:1";

TextSpan Span(int32_t start, int32_t end) {
  return TextSpan{start, end, "Ông Nguyễn Phước Lộc chủ trì hội nghị."};
}

extract::ReportInput Input() {
  extract::ReportInput input;
  input.text = "Hội nghị tổng kết\nÔng Nguyễn Phước Lộc chủ trì hội nghị.";
  input.published_date = "2024-03-16";
  input.source_url = "https://example.vn/tin/1";
  return input;
}

// Two listed persons with positions, two listed organisations (one with a
// parent), a meeting and two directives, which between them name a person
// and two organisations nobody listed.
Extraction RichExtraction() {
  Extraction x;
  x.title = "Hội nghị tổng kết";
  x.date = "2024-03-16";
  x.persons.push_back(
      {"Nguyễn Phước Lộc",
       {{"Phó Bí thư", "Thành ủy TPHCM", Span(20, 40)},
        {"Trưởng ban", "Ban Dân vận Thành ủy TPHCM", Span(42, 60)},
        {"nguyên Bộ trưởng", "", Span(61, 70)}},
       {Span(4, 20), Span(4, 20), Span(80, 96)}});
  x.persons.push_back({"Trần Kim Yến",
                       {{"Chủ tịch", "Ủy ban MTTQ Việt Nam TPHCM", Span(1, 2)}},
                       {Span(100, 112)}});
  x.organizations.push_back({"Ban Dân vận Thành ủy TPHCM",
                             {"Ban Dân vận", ""},
                             "Thành ủy TPHCM",
                             Span(42, 60)});
  x.organizations.push_back({"Ủy ban MTTQ Việt Nam TPHCM", {}, "", Span(3, 4)});
  x.meetings.push_back({"Hội nghị tổng kết công tác dân vận",
                        "2024-03-15",
                        {"Ban Dân vận Thành ủy TPHCM"},
                        {"Nguyễn Phước Lộc"},
                        {"Nguyễn Phước Lộc", "Trần Kim Yến", "Lê Văn Minh"},
                        Span(0, 50)});
  x.directives.push_back({"Nguyễn Phước Lộc",
                          0,
                          "đề nghị",
                          "tăng cường giám sát,\nphản biện xã hội",
                          {"Ủy ban MTTQ Việt Nam TPHCM"},
                          Span(120, 160)});
  x.directives.push_back({"Võ Văn Kiệt",
                          -1,
                          "yêu cầu",
                          "diệt lăng quăng",
                          {"Sở Y tế TPHCM"},
                          Span(170, 190)});
  return x;
}

// "ATTENDED a -> b", with " (role)" for HOLDS_POSITION.
std::vector<std::string> Describe(const std::vector<Relation>& relations) {
  std::vector<std::string> out;
  for (const Relation& r : relations) {
    out.push_back(absl::StrCat(RelationTypeName(r.type), " ", r.source_id,
                               " -> ", r.target_id,
                               r.role.empty() ? "" : " (" + r.role + ")"));
  }
  return out;
}

// "PERSON person:x Name".
std::vector<std::string> Describe(const std::vector<Entity>& entities) {
  std::vector<std::string> out;
  for (const Entity& e : entities) {
    out.push_back(absl::StrCat(EntityKindName(e.kind), " ", e.id, " ", e.name));
  }
  return out;
}

const Entity* Find(const ReportFacts& facts, const std::string& id) {
  for (const Entity& e : facts.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Relation* Find(const ReportFacts& facts, RelationType type,
                     const std::string& source, const std::string& target) {
  for (const Relation& r : facts.relations) {
    if (r.type == type && r.source_id == source && r.target_id == target) {
      return &r;
    }
  }
  return nullptr;
}

std::vector<std::pair<int32_t, int32_t>> Spans(
    const std::vector<Evidence>& evidence) {
  std::vector<std::pair<int32_t, int32_t>> out;
  for (const Evidence& e : evidence) {
    EXPECT_EQ(e.report_id, kReport);
    out.emplace_back(e.start, e.end);
  }
  return out;
}

TEST(SlugTest, FoldsCaseDiacriticsAndPunctuation) {
  EXPECT_EQ(Slug("Nguyễn Phước Lộc"), "nguyen-phuoc-loc");
  EXPECT_EQ(Slug("  ĐOÀN   Thị  "), "doan-thi");
  EXPECT_EQ(Slug("UBND TP.HCM"), "ubnd-tphcm");
  EXPECT_EQ(Slug("Bộ KH&ĐT"), "bo-khdt");
  EXPECT_EQ(Slug("Bộ Kế hoạch - Đầu tư"), "bo-ke-hoach-dau-tu");
  EXPECT_EQ(Slug("Ủy ban MTTQ Việt Nam TPHCM"), "uy-ban-mttq-viet-nam-tphcm");
  // Names that fold alike share a slug.
  EXPECT_EQ(Slug("Nguyễn Văn Hùng"), Slug("Nguyen Van Hưng"));
}

TEST(SlugTest, NameWithoutLettersOrDigitsGetsAHash) {
  EXPECT_THAT(Slug("«»"), MatchesRegex("x[0-9a-f]{8}"));
  EXPECT_EQ(Slug("«»"), Slug("«»"));
  EXPECT_NE(Slug("«»"), Slug("¶"));
}

TEST(SlugTest, LongNameIsCutAndHashed) {
  std::string name;
  for (int i = 0; i < 60; ++i) absl::StrAppend(&name, "Lộc ");
  const std::string slug = Slug(name);
  EXPECT_LE(slug.size(), kMaxSlugBytes);
  EXPECT_THAT(slug, MatchesRegex("(loc-)+loc-[0-9a-f]{8}"));
  EXPECT_EQ(slug, Slug(name));          // Deterministic.
  EXPECT_NE(slug, Slug(name + "Yến"));  // Same first 191 bytes.
  // Exactly at the limit: kept whole.
  const std::string fits(kMaxSlugBytes, 'a');
  EXPECT_EQ(Slug(fits), fits);
}

TEST(IdsTest, HaveKindPrefixes) {
  EXPECT_EQ(PersonId("Nguyễn Phước Lộc"), kLoc);
  EXPECT_EQ(OrganizationId("Thành ủy TPHCM"), kThanhUy);
  EXPECT_EQ(MeetingId("r1", 0), kMeeting);
  EXPECT_EQ(DirectiveId("r1", 12), "directive:r1:12");
}

TEST(IdsTest, LongReportIdStaysWithinTheIdLimit) {
  const std::string long_id(kMaxIdBytes, 'r');
  const std::string other = long_id.substr(1) + "s";
  EXPECT_LE(MeetingId(long_id, 99999).size(), kMaxIdBytes);
  EXPECT_LE(DirectiveId(long_id, 99999).size(), kMaxIdBytes);
  EXPECT_NE(MeetingId(long_id, 0), MeetingId(other, 0));
}

TEST(FactsFromExtractionTest, ReportNode) {
  const ReportFacts facts = FactsFromExtraction(kReport, Input(), Extraction());
  EXPECT_EQ(facts.report.id, kReport);
  EXPECT_EQ(facts.report.kind, EntityKind::kReport);
  EXPECT_EQ(facts.report.name, kReport);       // No title anywhere.
  EXPECT_EQ(facts.report.date, "2024-03-16");  // From the input.
  EXPECT_EQ(facts.report.source_url, "https://example.vn/tin/1");

  Extraction x;
  x.title = "Tin\tmới";
  x.date = "2024-03-17";
  const ReportFacts titled = FactsFromExtraction(kReport, Input(), x);
  EXPECT_EQ(titled.report.name, "Tin mới");
  EXPECT_EQ(titled.report.date, "2024-03-17");

  // A text without line breaks is all title: the name is cut.
  x.title = std::string(100 << 10, 'a');
  const ReportFacts long_title = FactsFromExtraction(kReport, Input(), x);
  EXPECT_LE(long_title.report.name.size(), (1 << 10) + 3);
  EXPECT_TRUE(absl::EndsWith(long_title.report.name, "…"));
  EXPECT_TRUE(ValidateExtractedFacts(long_title, IngestLimits()).ok());
}

TEST(FactsFromExtractionTest, EmptyExtractionGivesOnlyTheReport) {
  const ReportFacts facts = FactsFromExtraction(kReport, Input(), Extraction());
  EXPECT_THAT(facts.entities, IsEmpty());
  EXPECT_THAT(facts.relations, IsEmpty());
  EXPECT_TRUE(ValidateExtractedFacts(facts, IngestLimits()).ok());
}

TEST(FactsFromExtractionTest, EntitiesOfEveryKindIncludingUnlistedNames) {
  const ReportFacts facts =
      FactsFromExtraction(kReport, Input(), RichExtraction());
  EXPECT_THAT(
      Describe(facts.entities),
      UnorderedElementsAre(
          absl::StrCat("PERSON ", kLoc, " Nguyễn Phước Lộc"),
          absl::StrCat("PERSON ", kYen, " Trần Kim Yến"),
          absl::StrCat("PERSON ", kMinh, " Lê Văn Minh"),
          absl::StrCat("PERSON ", kKiet, " Võ Văn Kiệt"),
          absl::StrCat("ORGANIZATION ", kBanDanVan,
                       " Ban Dân vận Thành ủy TPHCM"),
          absl::StrCat("ORGANIZATION ", kThanhUy, " Thành ủy TPHCM"),
          absl::StrCat("ORGANIZATION ", kMttq, " Ủy ban MTTQ Việt Nam TPHCM"),
          absl::StrCat("ORGANIZATION ", kSoYTe, " Sở Y tế TPHCM"),
          absl::StrCat("MEETING ", kMeeting,
                       " Hội nghị tổng kết công tác dân vận"),
          absl::StrCat("DIRECTIVE ", kDirective0,
                       " tăng cường giám sát, phản biện xã hội"),
          absl::StrCat("DIRECTIVE ", kDirective1, " diệt lăng quăng")));
  // Listed names come first, in extraction order.
  EXPECT_EQ(facts.entities[0].id, kLoc);
  EXPECT_EQ(facts.entities[1].id, kYen);
  EXPECT_EQ(facts.entities[2].id, kBanDanVan);
}

TEST(FactsFromExtractionTest, EntityDetails) {
  const ReportFacts facts =
      FactsFromExtraction(kReport, Input(), RichExtraction());
  EXPECT_THAT(Find(facts, kBanDanVan)->aliases, ElementsAre("Ban Dân vận"));
  EXPECT_EQ(Find(facts, kMeeting)->date, "2024-03-15");
  const Entity* d0 = Find(facts, kDirective0);
  EXPECT_EQ(d0->verb, "đề nghị");
  EXPECT_EQ(d0->text, "tăng cường giám sát,\nphản biện xã hội");
  EXPECT_EQ(d0->date, "2024-03-15");              // Its meeting's.
  EXPECT_EQ(Find(facts, kDirective1)->date, "");  // No meeting.
}

TEST(FactsFromExtractionTest, RelationsOfEveryType) {
  const ReportFacts facts =
      FactsFromExtraction(kReport, Input(), RichExtraction());
  std::vector<std::string> expected = {
      absl::StrCat("HOLDS_POSITION ", kLoc, " -> ", kThanhUy, " (Phó Bí thư)"),
      absl::StrCat("HOLDS_POSITION ", kLoc, " -> ", kBanDanVan,
                   " (Trưởng ban)"),
      absl::StrCat("HOLDS_POSITION ", kYen, " -> ", kMttq, " (Chủ tịch)"),
      absl::StrCat("PART_OF ", kBanDanVan, " -> ", kThanhUy),
      absl::StrCat("ORGANIZED ", kBanDanVan, " -> ", kMeeting),
      absl::StrCat("CHAIRED ", kLoc, " -> ", kMeeting),
      absl::StrCat("ATTENDED ", kLoc, " -> ", kMeeting),
      absl::StrCat("ATTENDED ", kYen, " -> ", kMeeting),
      absl::StrCat("ATTENDED ", kMinh, " -> ", kMeeting),
      absl::StrCat("ISSUED ", kLoc, " -> ", kDirective0),
      absl::StrCat("ISSUED_AT ", kDirective0, " -> ", kMeeting),
      absl::StrCat("ADDRESSED_TO ", kDirective0, " -> ", kMttq),
      absl::StrCat("ISSUED ", kKiet, " -> ", kDirective1),
      absl::StrCat("ADDRESSED_TO ", kDirective1, " -> ", kSoYTe),
  };
  for (const Entity& entity : facts.entities) {
    expected.push_back(
        absl::StrCat("MENTIONED_IN ", entity.id, " -> ", kReport));
  }
  EXPECT_THAT(facts.entities, SizeIs(11));
  EXPECT_THAT(Describe(facts.relations), UnorderedElementsAreArray(expected));
}

TEST(FactsFromExtractionTest, EvidenceComesFromTheSpans) {
  const ReportFacts facts =
      FactsFromExtraction(kReport, Input(), RichExtraction());
  // Mentions, the repeated one once.
  EXPECT_THAT(Spans(Find(facts, kLoc)->evidence),
              ElementsAre(std::make_pair(4, 20), std::make_pair(80, 96)));
  EXPECT_THAT(Spans(Find(facts, kMinh)->evidence), IsEmpty());
  EXPECT_THAT(
      Spans(
          Find(facts, RelationType::kHoldsPosition, kLoc, kThanhUy)->evidence),
      ElementsAre(std::make_pair(20, 40)));
  EXPECT_THAT(
      Spans(Find(facts, RelationType::kIssued, kLoc, kDirective0)->evidence),
      ElementsAre(std::make_pair(120, 160)));
  EXPECT_EQ(Find(facts, kLoc)->evidence[0].sentence,
            "Ông Nguyễn Phước Lộc chủ trì hội nghị.");
}

TEST(FactsFromExtractionTest, PassesValidation) {
  const ReportFacts facts =
      FactsFromExtraction(kReport, Input(), RichExtraction());
  EXPECT_TRUE(ValidateReportFacts(facts, IngestLimits()).ok())
      << ValidateReportFacts(facts, IngestLimits());
}

TEST(FactsFromExtractionTest, IsDeterministic) {
  const ReportFacts a = FactsFromExtraction(kReport, Input(), RichExtraction());
  const ReportFacts b = FactsFromExtraction(kReport, Input(), RichExtraction());
  EXPECT_EQ(Describe(a.entities), Describe(b.entities));
  EXPECT_EQ(Describe(a.relations), Describe(b.relations));
}

TEST(FactsFromExtractionTest, MergesEntitiesAndRelationsThatCoincide) {
  Extraction x;
  // "Hùng" and "Hưng" fold alike: one id, the second name an alias.
  x.persons.push_back(
      {"Nguyễn Văn Hùng",
       {{"Bí thư", "Tỉnh ủy", Span(0, 5)}, {"Bí thư", "Tỉnh ủy", Span(10, 15)}},
       {}});
  x.persons.push_back({"Nguyễn Văn Hưng", {}, {}});
  x.meetings.push_back({"Hội nghị",
                        "",
                        {},
                        {"Nguyễn Văn Hùng"},
                        {"Nguyễn Văn Hùng", "Nguyễn Văn Hùng"},
                        Span(0, 9)});
  const ReportFacts facts = FactsFromExtraction(kReport, Input(), x);
  const Entity* person = Find(facts, "person:nguyen-van-hung");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->name, "Nguyễn Văn Hùng");
  EXPECT_THAT(person->aliases, ElementsAre("Nguyễn Văn Hưng"));
  const Relation* holds = Find(facts, RelationType::kHoldsPosition,
                               "person:nguyen-van-hung", "org:tinh-uy");
  ASSERT_NE(holds, nullptr);
  EXPECT_THAT(Spans(holds->evidence),
              ElementsAre(std::make_pair(0, 5), std::make_pair(10, 15)));
  EXPECT_TRUE(ValidateReportFacts(facts, IngestLimits()).ok())
      << ValidateReportFacts(facts, IngestLimits());
}

TEST(FactsFromExtractionTest, DropsWhatTheValidatorWouldReject) {
  Extraction x;
  x.persons.push_back({"", {}, {}});  // No name.
  x.persons.push_back({"Trần\nKim\tYến",
                       {{"", "Ủy ban", Span(0, 1)},             // No role.
                        {"Chủ\ttịch", "Ủy ban", Span(-1, 3)}},  // Bad span.
                       {TextSpan{0, 0, ""}, TextSpan{5, 2, "x"}}});
  x.meetings.push_back({"", "2024-02-30", {""}, {}, {}, TextSpan()});
  x.directives.push_back(
      {"Trần Kim Yến", 7, "yêu cầu", std::string("a\0b", 3), {}, Span(1, 2)});
  const ReportFacts facts = FactsFromExtraction(kReport, Input(), x);
  const Entity* yen = Find(facts, kYen);
  ASSERT_NE(yen, nullptr);
  EXPECT_EQ(yen->name, "Trần Kim Yến");
  EXPECT_THAT(yen->evidence, IsEmpty());
  const Relation* holds =
      Find(facts, RelationType::kHoldsPosition, kYen, "org:uy-ban");
  ASSERT_NE(holds, nullptr);
  EXPECT_EQ(holds->role, "Chủ tịch");
  EXPECT_THAT(holds->evidence, IsEmpty());
  const Entity* meeting = Find(facts, kMeeting);
  ASSERT_NE(meeting, nullptr);
  EXPECT_EQ(meeting->name, kMeeting);  // No name: its id.
  EXPECT_EQ(meeting->date, "");        // Not a real date.
  EXPECT_EQ(Find(facts, kDirective0)->text, "a b");
  EXPECT_EQ(Find(facts, RelationType::kIssuedAt, kDirective0, kMeeting),
            nullptr);  // Meeting index out of range.
  EXPECT_TRUE(ValidateReportFacts(facts, IngestLimits()).ok())
      << ValidateReportFacts(facts, IngestLimits());
}

TEST(FactsFromExtractionTest, LongDirectiveNameIsShortened) {
  Extraction x;
  std::string text;
  for (int i = 0; i < 40; ++i) absl::StrAppend(&text, "tăng cường ");
  x.directives.push_back({"", -1, "yêu cầu", text, {}, Span(0, 1)});
  const ReportFacts facts = FactsFromExtraction(kReport, Input(), x);
  const Entity* directive = Find(facts, kDirective0);
  ASSERT_NE(directive, nullptr);
  EXPECT_LT(directive->name.size(), 200u);
  EXPECT_TRUE(absl::EndsWith(directive->name, "…"));
  EXPECT_EQ(directive->text, text);
  EXPECT_TRUE(ValidateReportFacts(facts, IngestLimits()).ok());
}

// A person whose mandates start, end (a cue, and a former role) and go on;
// the meeting of the first sentence is dated.
Extraction MandateExtraction() {
  Extraction x;
  x.date = "2017-04-06";
  const TextSpan elected{10, 30, "Ông A được bầu giữ chức Bí thư Thành ủy X."};
  const TextSpan other{40, 60, "Ông A, nguyên Chủ tịch UBND X, phát biểu."};
  extract::ExtractedPerson a;
  a.name = "Trần Văn A";
  a.positions = {{"Bí thư", "Thành ủy X", elected},
                 {"nguyên Chủ tịch", "UBND X", other},
                 {"Phó Bí thư", "Tỉnh ủy Y", other},
                 {"Giám đốc", "Sở Y tế X", other}};
  a.positions[0].change = extract::MandateChange::kStarted;
  a.positions[3].change = extract::MandateChange::kEnded;
  x.persons = {a};
  extract::ExtractedMeeting meeting;
  meeting.name = "hội nghị";
  meeting.date = "2017-04-05";
  meeting.evidence = elected;
  x.meetings = {meeting};
  return x;
}

TEST(FactsFromExtractionTest, MandateChangesBecomeDatedBounds) {
  const ReportFacts facts =
      FactsFromExtraction("r1", Input(), MandateExtraction());
  std::vector<std::string> mandates;
  for (const Relation& r : facts.relations) {
    if (r.type != RelationType::kHoldsPosition) continue;
    mandates.push_back(absl::StrCat(r.role, " ", r.target_id, " [",
                                    r.start_date, ",", r.end_date, "]"));
  }
  // Started at the meeting of its sentence; ended ones by the report date.
  EXPECT_THAT(mandates,
              UnorderedElementsAre("Bí thư org:thanh-uy-x [2017-04-05,]",
                                   "Chủ tịch org:ubnd-x [,2017-04-06]",
                                   "Phó Bí thư org:tinh-uy-y [,]",
                                   "Giám đốc org:so-y-te-x [,2017-04-06]"));
}

TEST(FactsFromExtractionTest, OrganizationKeyNamesOrganizations) {
  FactsOptions options;
  options.organization_key = [](absl::string_view name) {
    return name == "UBND X" ? std::string("uy ban nhan dan x")
                            : std::string(name);
  };
  const ReportFacts facts =
      FactsFromExtraction("r1", Input(), MandateExtraction(), options);
  const Entity* ubnd = Find(facts, "org:uy-ban-nhan-dan-x");
  ASSERT_NE(ubnd, nullptr);
  EXPECT_EQ(ubnd->name, "UBND X");  // Named as written.
  EXPECT_EQ(Find(facts, "org:ubnd-x"), nullptr);
}

}  // namespace
}  // namespace govgraph::ingest
