#include "server/common/text.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace govgraph {
namespace {

TEST(IsValidUtf8Test, AcceptsAsciiAndVietnamese) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Ban Dan van"));
  EXPECT_TRUE(IsValidUtf8("Nguyễn Phước Lộc, Đà Nẵng, Thành ủy TPHCM"));
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(IsValidUtf8Test, AcceptsBoundaryCodePoints) {
  EXPECT_TRUE(IsValidUtf8("\x7F"));                              // U+007F
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));                          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));                          // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));                      // U+0800
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));                      // U+D7FF
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));                      // U+E000
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));                      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));                  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3"));  // Flag.
}

TEST(IsValidUtf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // U+0000
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF
}

TEST(IsValidUtf8Test, RejectsSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair.
}

TEST(IsValidUtf8Test, RejectsTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("Nguy\xE1\xBB"));  // "ễ" cut after 2 bytes.
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x87"));
  EXPECT_FALSE(
      IsValidUtf8("\xE1\xBB"
                  "a"));  // Continuation missing.
}

TEST(IsValidUtf8Test, RejectsStrayAndInvalidBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(IsValidUtf8Test, RejectsCodePointsPastMax) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF7\xBF\xBF\xBF"));      // U+1FFFFF
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // 5-byte form.
}

TEST(FoldNameTest, DropsDiacriticsCaseAndExtraSpace) {
  EXPECT_EQ(FoldName("  Nguyễn  Phước LỘC "), "nguyen phuoc loc");
  EXPECT_EQ(FoldName("Ban Dân vận Thành ủy TPHCM"),
            "ban dan van thanh uy tphcm");
}

TEST(FoldNameTest, FoldsDStroke) {
  EXPECT_EQ(FoldName("Đà Nẵng"), "da nang");
  EXPECT_EQ(FoldName("đồng chí ĐỖ"), "dong chi do");
}

TEST(FoldNameTest, NfcAndNfdFoldTheSame) {
  const std::string nfc = "Nguy\xE1\xBB\x85n";  // "ễ" precomposed, U+1EC5.
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n";  // e + U+0302 + U+0303.
  EXPECT_EQ(FoldName(nfc), "nguyen");
  EXPECT_EQ(FoldName(nfd), "nguyen");
  EXPECT_EQ(FoldName("L\xE1\xBB\x98"
                     "C"),
            FoldName("LO\xCC\xA3\xCC\x82"
                     "C"));
}

TEST(FoldNameTest, CollapsesTabsAndNewlines) {
  EXPECT_EQ(FoldName("\tNguyễn\n\nVăn\r\n A\t"), "nguyen van a");
  EXPECT_EQ(FoldName("a\xC2\xA0"
                     "b"),
            "a b");  // No-break space.
}

TEST(FoldNameTest, EmptyAndBlankFoldToEmpty) {
  EXPECT_EQ(FoldName(""), "");
  EXPECT_EQ(FoldName(" \t\n "), "");
}

TEST(FoldNameTest, KeepsDigitsAndPunctuation) {
  EXPECT_EQ(FoldName("Chỉ thị 05-CT/TW"), "chi thi 05-ct/tw");
}

TEST(FoldNameTest, DropsInvalidSequences) {
  EXPECT_EQ(FoldName("Ng\xFFuy\xC3n"), "nguyn");
  EXPECT_EQ(FoldName("\xED\xA0\x80"), "");
}

TEST(CodePointCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("Nguyễn"), 6u);
  EXPECT_EQ(CodePointCount("Đà Nẵng"), 7u);
  EXPECT_EQ(CodePointCount("Nguye\xCC\x82\xCC\x83n"), 8u);  // NFD.
  EXPECT_EQ(CodePointCount("\xF0\x9F\x87\xBB"), 1u);
}

TEST(NaturalLessTest, DigitRunsCompareByValue) {
  EXPECT_TRUE(NaturalLess("9", "10"));
  EXPECT_FALSE(NaturalLess("10", "9"));
  EXPECT_TRUE(NaturalLess("p9", "p10"));
  EXPECT_FALSE(NaturalLess("p10", "p9"));
  EXPECT_TRUE(NaturalLess("p2x", "p10a"));
  EXPECT_TRUE(NaturalLess("m1-9", "m1-10"));
  EXPECT_TRUE(NaturalLess("99999999999999999999", "100000000000000000000"));
}

TEST(NaturalLessTest, OtherBytesCompareBytewise) {
  EXPECT_TRUE(NaturalLess("a", "b"));
  EXPECT_FALSE(NaturalLess("b", "a"));
  EXPECT_TRUE(NaturalLess("B", "a"));
  EXPECT_TRUE(NaturalLess("p10", "q1"));
  EXPECT_TRUE(NaturalLess("1", "a"));         // '1' < 'a', as bytes.
  EXPECT_TRUE(NaturalLess("a", "\xC3\xA1"));  // Non-ASCII after ASCII.
}

TEST(NaturalLessTest, LeadingZeros) {
  // Equal values: fewer leading zeros first; the value decides otherwise.
  EXPECT_TRUE(NaturalLess("7", "007"));
  EXPECT_FALSE(NaturalLess("007", "7"));
  EXPECT_TRUE(NaturalLess("p07", "p8"));
  EXPECT_TRUE(NaturalLess("p010", "p11"));
  EXPECT_TRUE(NaturalLess("0", "00"));
  EXPECT_FALSE(NaturalLess("00", "0"));
}

TEST(NaturalLessTest, PrefixComesFirst) {
  EXPECT_TRUE(NaturalLess("", "a"));
  EXPECT_FALSE(NaturalLess("a", ""));
  EXPECT_TRUE(NaturalLess("p", "p1"));
  EXPECT_TRUE(NaturalLess("p1", "p1a"));
  EXPECT_FALSE(NaturalLess("p1a", "p1"));
}

TEST(NaturalLessTest, IsAStrictOrder) {
  const std::vector<std::string> ids = {
      "",    "0",  "00", "007", "1",    "7", "9",  "10",  "a",    "a1",
      "a01", "a2", "a9", "a10", "a10b", "b", "p9", "p10", "p010", "q"};
  for (const std::string& a : ids) {
    EXPECT_FALSE(NaturalLess(a, a)) << a;
    for (const std::string& b : ids) {
      if (a != b) {
        EXPECT_NE(NaturalLess(a, b), NaturalLess(b, a)) << a << " " << b;
      }
      for (const std::string& c : ids) {
        if (NaturalLess(a, b) && NaturalLess(b, c)) {
          EXPECT_TRUE(NaturalLess(a, c)) << a << " < " << b << " < " << c;
        }
      }
    }
  }
  std::vector<std::string> sorted = {"p10", "p9", "p1", "p100", "p09", "p2"};
  std::sort(sorted.begin(), sorted.end(), NaturalLess);
  EXPECT_EQ(sorted,
            (std::vector<std::string>{"p1", "p2", "p9", "p09", "p10", "p100"}));
}

TEST(IsoDateTest, PackAndUnpackRoundTrip) {
  for (const char* date : {"2020-01-02", "1960-05-01", "2024-02-29",
                           "0001-01-01", "9999-12-31", "2000-10-10"}) {
    ASSERT_TRUE(IsIsoDate(date)) << date;
    EXPECT_EQ(UnpackIsoDate(PackIsoDate(date)), date);
  }
  EXPECT_EQ(PackIsoDate("2020-01-02"), 20200102u);
  EXPECT_EQ(UnpackIsoDate(19600501), "1960-05-01");
  EXPECT_EQ(PackIsoDate(""), 0u);
  EXPECT_EQ(UnpackIsoDate(0), "");
}

TEST(IsoDateTest, PackedOrderIsDateOrder) {
  const char* dates[] = {"0999-12-31", "1999-12-31", "2000-01-01", "2000-01-31",
                         "2000-02-01", "2000-12-31", "2001-01-01"};
  for (size_t i = 1; i < sizeof(dates) / sizeof(dates[0]); ++i) {
    EXPECT_LT(PackIsoDate(dates[i - 1]), PackIsoDate(dates[i])) << dates[i];
  }
}

TEST(IsoDateTest, RealDatesOnly) {
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-2-01"));
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_FALSE(IsIsoDate("2023-01-1a"));
  EXPECT_FALSE(IsIsoDate(""));
}

}  // namespace
}  // namespace govgraph
