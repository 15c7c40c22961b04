// CsvRecords: RFC 4180 records, their line numbers, and the same records
// however the text is cut into chunks; errors name the file and line.
#include "server/ingest/csv_records.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govgraph::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr size_t kNoLimit = 1 << 20;

// What the splitter produced: one "LINE: field|field|..." per record, then
// the status that stopped it ("OK" if none).
struct Parse {
  std::vector<std::string> records;
  absl::Status status;
};

CsvRecords::Sink Collect(std::vector<std::string>* records) {
  return [records](std::vector<std::string>& fields, int64_t line) {
    records->push_back(absl::StrCat(line, ": ", absl::StrJoin(fields, "|")));
    return absl::OkStatus();
  };
}

// Feeds `chunks` in order, then Finish.
Parse ParseChunks(const std::vector<absl::string_view>& chunks,
                  size_t max_field_bytes = kNoLimit) {
  CsvRecords csv("test.csv", max_field_bytes);
  Parse parse;
  const CsvRecords::Sink sink = Collect(&parse.records);
  for (absl::string_view chunk : chunks) {
    parse.status = csv.Add(chunk, sink);
    if (!parse.status.ok()) return parse;
  }
  parse.status = csv.Finish(sink);
  return parse;
}

Parse ParseWhole(absl::string_view text, size_t max_field_bytes = kNoLimit) {
  return ParseChunks({text}, max_field_bytes);
}

std::vector<std::string> Records(absl::string_view text) {
  Parse parse = ParseWhole(text);
  EXPECT_TRUE(parse.status.ok()) << parse.status;
  return parse.records;
}

TEST(CsvRecordsTest, PlainRecordsWithLines) {
  EXPECT_THAT(
      Records("id,kind,name\n1,Person,An\n2,Person,Bình\n"),
      ElementsAre("1: id|kind|name", "2: 1|Person|An", "3: 2|Person|Bình"));
}

TEST(CsvRecordsTest, EmptyFieldsAreKept) {
  EXPECT_THAT(Records("a,,c\n,,\n"), ElementsAre("1: a||c", "2: ||"));
}

TEST(CsvRecordsTest, QuotedFields) {
  EXPECT_THAT(Records("\"a\",\"b,c\",\"say \"\"hi\"\"\"\n"),
              ElementsAre("1: a|b,c|say \"hi\""));
  EXPECT_THAT(Records("\"\"\"\"\n"), ElementsAre("1: \""));
  EXPECT_THAT(Records("x,\"\",y\n"), ElementsAre("1: x||y"));
}

TEST(CsvRecordsTest, NewlinesInsideQuotesKeepLineNumbers) {
  // The quoted field spans lines 2-4; the next record starts on line 5.
  EXPECT_THAT(Records("h1,h2\n1,\"Ban Dân vận\nThành ủy\n\"\n2,x\n3,y\n"),
              ElementsAre("1: h1|h2", "2: 1|Ban Dân vận\nThành ủy\n", "5: 2|x",
                          "6: 3|y"));
  // CRLF inside quotes is part of the field.
  EXPECT_THAT(Records("\"a\r\nb\",c\r\nd,e\r\n"),
              ElementsAre("1: a\r\nb|c", "3: d|e"));
}

TEST(CsvRecordsTest, CrLfLineEnds) {
  EXPECT_THAT(Records("a,b\r\n\"c\",\"d\"\r\ne,f\r\n"),
              ElementsAre("1: a|b", "2: c|d", "3: e|f"));
}

TEST(CsvRecordsTest, NoTrailingNewline) {
  EXPECT_THAT(Records("a,b\nc,d"), ElementsAre("1: a|b", "2: c|d"));
  EXPECT_THAT(Records("a,b\n\"c\",\"d\""), ElementsAre("1: a|b", "2: c|d"));
  EXPECT_THAT(Records("a,b\r\nc,"), ElementsAre("1: a|b", "2: c|"));
}

TEST(CsvRecordsTest, BlankLinesAreSkippedButCounted) {
  EXPECT_THAT(Records("\na,b\n\n\r\nc,d\n\n"), ElementsAre("2: a|b", "5: c|d"));
  EXPECT_THAT(Records(""), IsEmpty());
  EXPECT_THAT(Records("\n\n"), IsEmpty());
}

// A sample with every feature: quotes, doubled quotes, commas and line
// ends inside quotes, CRLF, blank lines, multi-byte UTF-8, no final line end.
constexpr absl::string_view kSample =
    "id,kind,name,date\r\n"
    "1,Person,\"Nguyễn Văn \"\"Ba\"\"\",1960-01-02\r\n"
    "\r\n"
    "2,Organization,\"Ban Dân vận,\r\nThành ủy TPHCM\",\n"
    "\n"
    "3,Meeting,\"\",2020-05-06\n"
    "\"4\",Person,Đỗ Mười,\"\"";

TEST(CsvRecordsTest, SampleParses) {
  EXPECT_THAT(Records(kSample),
              ElementsAre("1: id|kind|name|date",
                          "2: 1|Person|Nguyễn Văn \"Ba\"|1960-01-02",
                          "4: 2|Organization|Ban Dân vận,\r\nThành ủy TPHCM|",
                          "7: 3|Meeting||2020-05-06", "8: 4|Person|Đỗ Mười|"));
}

TEST(CsvRecordsTest, EveryTwoChunkSplitGivesTheSameRecords) {
  const Parse whole = ParseWhole(kSample);
  ASSERT_TRUE(whole.status.ok()) << whole.status;
  for (size_t i = 0; i <= kSample.size(); ++i) {
    const Parse split = ParseChunks({kSample.substr(0, i), kSample.substr(i)});
    ASSERT_TRUE(split.status.ok()) << "split at " << i << ": " << split.status;
    EXPECT_EQ(split.records, whole.records) << "split at " << i;
  }
}

TEST(CsvRecordsTest, EveryThreeChunkSplitGivesTheSameRecords) {
  const Parse whole = ParseWhole(kSample);
  for (size_t i = 0; i <= kSample.size(); ++i) {
    for (size_t j = i; j <= kSample.size(); ++j) {
      const Parse split = ParseChunks(
          {kSample.substr(0, i), kSample.substr(i, j - i), kSample.substr(j)});
      ASSERT_EQ(split.records, whole.records) << "split at " << i << ", " << j;
      ASSERT_TRUE(split.status.ok()) << split.status;
    }
  }
}

TEST(CsvRecordsTest, OneByteAtATimeGivesTheSameRecords) {
  std::vector<absl::string_view> bytes;
  for (size_t i = 0; i < kSample.size(); ++i) {
    bytes.push_back(kSample.substr(i, 1));
  }
  const Parse split = ParseChunks(bytes);
  ASSERT_TRUE(split.status.ok()) << split.status;
  EXPECT_EQ(split.records, ParseWhole(kSample).records);
  // Empty chunks change nothing either.
  const Parse with_empty = ParseChunks({"", "a,", "", "b\n", ""});
  EXPECT_THAT(with_empty.records, ElementsAre("1: a|b"));
}

TEST(CsvRecordsTest, RecordsArriveAsSoonAsTheirLineEnds) {
  CsvRecords csv("test.csv", kNoLimit);
  std::vector<std::string> records;
  const CsvRecords::Sink sink = Collect(&records);
  ASSERT_TRUE(csv.Add("a,b\nc", sink).ok());
  EXPECT_THAT(records, ElementsAre("1: a|b"));
  ASSERT_TRUE(csv.Add(",d\ne", sink).ok());
  EXPECT_THAT(records, ElementsAre("1: a|b", "2: c|d"));
  ASSERT_TRUE(csv.Finish(sink).ok());
  EXPECT_THAT(records, ElementsAre("1: a|b", "2: c|d", "3: e"));
}

TEST(CsvRecordsTest, StrayQuoteInUnquotedField) {
  const Parse parse = ParseWhole("a,b\nc,d\"e\nf,g\n");
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 2: "));
  EXPECT_THAT(parse.status.message(), HasSubstr("quote"));
  EXPECT_THAT(parse.records, ElementsAre("1: a|b"));
}

TEST(CsvRecordsTest, TextAfterClosingQuote) {
  const Parse parse = ParseWhole("a,b\n\"c\"x,d\n");
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 2: "));
  EXPECT_THAT(parse.status.message(), HasSubstr("after a closing quote"));
}

TEST(CsvRecordsTest, ErrorsAfterAMultiLineFieldNameTheirLine) {
  // Record 2 spans lines 2-3; the stray quote is on line 4.
  Parse parse = ParseWhole("a,b\n\"x\ny\",z\nc,d\"\n");
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 4: "));
  // Text after a closing quote on the third line of a quoted field.
  parse = ParseWhole("a,b\n\"x\ny\nz\"!,w\n");
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 4: "));
  // A quote after CR-closed quoted field.
  parse = ParseWhole("\"a\"\r\"b\"\n");
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 1: "));
}

TEST(CsvRecordsTest, ErrorLineDoesNotDependOnChunking) {
  constexpr absl::string_view kBad = "a,b\n\"x\ny\",z\nc,d\"\n";
  for (size_t i = 0; i <= kBad.size(); ++i) {
    const Parse parse = ParseChunks({kBad.substr(0, i), kBad.substr(i)});
    EXPECT_EQ(parse.status.code(), absl::StatusCode::kInvalidArgument) << i;
    EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 4: ")) << i;
  }
}

TEST(CsvRecordsTest, UnclosedQuoteAtFinish) {
  CsvRecords csv("nodes.csv", kNoLimit);
  std::vector<std::string> records;
  const CsvRecords::Sink sink = Collect(&records);
  ASSERT_TRUE(csv.Add("a,b\nc,\"d\ne\nf", sink).ok());
  const absl::Status status = csv.Finish(sink);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  // Named by the line the record starts on.
  EXPECT_THAT(status.message(), HasSubstr("nodes.csv line 2: "));
  EXPECT_THAT(status.message(), HasSubstr("never closed"));
  EXPECT_THAT(records, ElementsAre("1: a|b"));
}

TEST(CsvRecordsTest, FieldSizeLimit) {
  // Exactly the limit is fine, quoted or not.
  EXPECT_TRUE(ParseWhole("abcd,\"efgh\"\n", 4).status.ok());
  Parse parse = ParseWhole("ab,cd\nabcde,x\n", 4);
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 2: "));
  EXPECT_THAT(parse.records, ElementsAre("1: ab|cd"));
  parse = ParseWhole("\"ab\n\"\"c\"\n", 4);  // a, b, LF, quote, c: 5 bytes.
  EXPECT_EQ(parse.status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(parse.status.message(), HasSubstr("test.csv line 1: "));
  // The limit is per field, not per record.
  EXPECT_TRUE(ParseWhole("abcd,abcd,abcd\n", 4).status.ok());
}

TEST(CsvRecordsTest, SinkErrorStopsTheReading) {
  CsvRecords csv("edges.csv", kNoLimit);
  int calls = 0;
  const CsvRecords::Sink sink = [&calls](std::vector<std::string>&,
                                         int64_t line) {
    ++calls;
    if (line == 2) return absl::InvalidArgumentError("stop");
    return absl::OkStatus();
  };
  EXPECT_EQ(csv.Add("a\nb\nc\n", sink).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(calls, 2);
}

TEST(CsvRecordsTest, FileNameIsKept) {
  EXPECT_EQ(CsvRecords("edges.csv", 10).file(), "edges.csv");
}

}  // namespace
}  // namespace govgraph::ingest
