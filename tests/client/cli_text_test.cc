// The CLI's text output: tables as aligned text or CSV, the progress line,
// and colours only where they belong.
#include <sstream>
#include <string>

#include "absl/time/time.h"
#include "client/commands/progress.h"
#include "client/commands/style.h"
#include "client/commands/table.h"
#include "gtest/gtest.h"

namespace govgraph::client {
namespace {

Table Sample() {
  Table table({"ID", "NAME", "NOTE"});
  table.AddRow({"p1", "Nguyễn Văn \"Tư\", Hà Nội", ""});
  table.AddRow({"p22", "Lộc", "x"});
  return table;
}

TEST(TableTest, TextAlignsColumnsByDisplayWidthAndShowsEmptyCellsAsDash) {
  SetTableFormat(TableFormat::kText);
  std::ostringstream out;
  Sample().Print(out);
  EXPECT_EQ(out.str(),
            "ID   NAME                     NOTE\n"
            "p1   Nguyễn Văn \"Tư\", Hà Nội  -\n"
            "p22  Lộc                      x\n");
}

TEST(TableTest, CsvQuotesFieldsAndLeavesEmptyCellsEmpty) {
  SetTableFormat(TableFormat::kCsv);
  std::ostringstream out;
  Sample().Print(out);
  SetTableFormat(TableFormat::kText);
  EXPECT_EQ(out.str(),
            "ID,NAME,NOTE\n"
            "p1,\"Nguyễn Văn \"\"Tư\"\", Hà Nội\",\n"
            "p22,Lộc,x\n");
}

TEST(StyleTest, ColoursOnlyWhenAsked) {
  EXPECT_EQ(Bold("x", false), "x");
  EXPECT_EQ(Bold("x", true), "\033[1mx\033[0m");
  EXPECT_EQ(Red("e", true), "\033[31me\033[0m");
  // A string stream is never a terminal.
  std::ostringstream out;
  EXPECT_FALSE(UseColor(out));
}

TEST(ProgressLineTest, KnownTotalShowsABarRateAndEta) {
  EXPECT_EQ(ProgressLine("ingest", "reports", 450, 1000, absl::Seconds(9), 10),
            "ingest [====>     ]  45%  450/1000 reports  50/s  ETA 0:11");
  EXPECT_EQ(ProgressLine("ingest", "reports", 1000, 1000, absl::Seconds(20), 4),
            "ingest [====] 100%  1000/1000 reports  50/s  0:20");
}

TEST(ProgressLineTest, UnknownTotalShowsCountRateAndElapsedTime) {
  EXPECT_EQ(ProgressLine("export", "items", 4000, 0, absl::Seconds(2)),
            "export  4000 items  2000/s  0:02");
  EXPECT_EQ(ProgressLine("backup", "", 0, 0, absl::Seconds(3725)),
            "backup  1:02:05");
}

}  // namespace
}  // namespace govgraph::client
