#include "server/common/text.h"

#include <string>

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

}  // namespace
}  // namespace govgraph
