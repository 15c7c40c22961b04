#include "server/extract/titles.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace govgraph::extract {
namespace {

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

bool IsWord(const Analysis& a, size_t i, size_t end) {
  return i < end && Tok(a, i).kind == TokenKind::kWord;
}

bool IsUpperWord(const Analysis& a, size_t i, size_t end) {
  return IsWord(a, i, end) && Tok(a, i).upper_initial;
}

bool IsDigitWord(const Analysis& a, size_t i, size_t end) {
  return IsWord(a, i, end) && absl::ascii_isdigit(a.doc.TokenText(i)[0]);
}

}  // namespace

size_t PlacePrefixLength(const Analysis& a, size_t i, size_t end) {
  static const char* const kPrefixes[] = {"tỉnh",  "thành", "tp",     "quận",
                                          "huyện", "xã",    "phường", "thị"};
  if (!IsWord(a, i, end)) return 0;
  const absl::string_view key = Tok(a, i).lower;
  size_t length = 0;
  for (const char* prefix : kPrefixes) {
    if (key == prefix) length = 1;
  }
  if (length == 1 && (key == "thành" || key == "thị") &&
      IsWord(a, i + 1, end) &&
      (Tok(a, i + 1).lower == "phố" || Tok(a, i + 1).lower == "xã" ||
       Tok(a, i + 1).lower == "trấn")) {
    length = 2;
  } else if (key == "thành" || key == "thị") {
    return 0;
  }
  if (key == "tp" && i + 1 < end && a.doc.TokenText(i + 1) == ".") ++length;
  const size_t next = i + length;
  return IsUpperWord(a, next, end) || IsDigitWord(a, next, end) ? length : 0;
}

bool StartsPersonName(const Analysis& a, size_t i, size_t end) {
  if (!IsUpperWord(a, i, end) || Tok(a, i).all_upper) return false;
  PhraseMatcher::Match family = a.vocab.family_names.Longest(a.doc, i, end);
  if (family.length == 0) return false;
  if (a.vocab.places.Longest(a.doc, i, end).length >= 2) return false;
  // Right after an organisation word it names the organisation ("Sở Công
  // Thương", "Cty TNHH Kim Chính").
  if (i > 0 && a.vocab.org_heads.Longest(a.doc, i - 1, i).length == 1) {
    return false;
  }
  const size_t next = i + family.length;
  return IsUpperWord(a, next, end) && !Tok(a, next).all_upper &&
         a.vocab.org_heads.Longest(a.doc, next, end).length == 0;
}

bool HasPlace(const Analysis& a, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (PlacePrefixLength(a, i, end) > 0) return true;
    PhraseMatcher::Match m = a.vocab.places.Longest(a.doc, i, end);
    if (m.length > 0 &&
        a.vocab.place_info[m.value].kind != PlaceKind::kCountry) {
      return true;
    }
  }
  return false;
}

std::string PlaceSuffix(const PlaceInfo& place, PlaceStyle style) {
  if (style == PlaceStyle::kBare || place.name == "TPHCM") return place.name;
  switch (place.kind) {
    case PlaceKind::kCity:
      return style == PlaceStyle::kDept ? place.name
                                        : absl::StrCat("TP ", place.name);
    case PlaceKind::kProvince:
      return absl::StrCat("tỉnh ", place.name);
    case PlaceKind::kTown:
      return absl::StrCat("thành phố ", place.name);
    case PlaceKind::kCountry:
      break;
  }
  return place.name;
}

namespace {

// How the organisation in [begin, end) is completed: the style of its
// first head, or else of a later party committee ("Ban Dân vận Thành ủy").
// National organisations ("... Trung ương", "Bộ ...") are never completed.
PlaceStyle StyleOf(const Analysis& a, size_t begin, size_t end) {
  PlaceStyle style = PlaceStyle::kNone;
  bool first = true;
  for (size_t i = begin; i < end; ++i) {
    if (a.vocab.national_markers.Longest(a.doc, i, end).length > 0) {
      return PlaceStyle::kNone;
    }
    PhraseMatcher::Match m = a.vocab.org_heads.Longest(a.doc, i, end);
    if (m.length == 0) continue;
    const PlaceStyle head = a.vocab.org_head_style[m.value];
    if (first || head == PlaceStyle::kBare) style = head;
    if (first && head == PlaceStyle::kNone && i == begin &&
        a.vocab.national_heads.Longest(a.doc, i, end).length > 0) {
      return PlaceStyle::kNone;
    }
    first = false;
    i += m.length - 1;
  }
  return style;
}

// True if the org ends with a bare place word ("UBND tỉnh", "UBND TP").
bool EndsWithDanglingPlaceWord(const Analysis& a, size_t end) {
  const absl::string_view key = Tok(a, end - 1).lower;
  return key == "tỉnh" || key == "tp" || key == "phố";
}

// `default_org` with "{party}" replaced by the party committee of the
// report's place: "Thành ủy" for a city, "Tỉnh ủy" for a province.
std::string DefaultOrg(const Analysis& a, const std::string& default_org) {
  const size_t at = default_org.find("{party}");
  if (at == std::string::npos) return default_org;
  if (a.place < 0) return std::string();
  const bool province =
      a.vocab.place_info[a.place].kind == PlaceKind::kProvince;
  std::string org = default_org;
  org.replace(at, 7, province ? "Tỉnh ủy" : "Thành ủy");
  return org;
}

}  // namespace

size_t ForeignNameLength(const Analysis& a, size_t i, size_t end) {
  size_t j = i;
  bool foreign = false;
  while (j < end && j - i < 4 && IsUpperWord(a, j, end) &&
         !Tok(a, j).all_upper &&
         a.doc.TokenText(j).find('.') == absl::string_view::npos &&
         a.vocab.honorifics.Longest(a.doc, j, end).length == 0 &&
         a.vocab.org_heads.Longest(a.doc, j, end).length == 0 &&
         a.vocab.places.Longest(a.doc, j, end).length == 0 &&
         a.vocab.roles.Longest(a.doc, j, end).length == 0) {
    foreign = foreign || Tok(a, j).foreign;
    ++j;
  }
  return foreign && j - i >= 2 ? j - i : 0;
}

size_t SkipRanks(const Analysis& a, size_t i, size_t end) {
  while (i < end) {
    PhraseMatcher::Match m = a.vocab.ranks.Longest(a.doc, i, end);
    if (m.length == 0) m = a.vocab.honorifics.Longest(a.doc, i, end);
    if (m.length == 0) break;
    i += m.length;
    if (i < end && a.doc.TokenText(i) == ",") ++i;
  }
  return i;
}

size_t SkipRanksBackward(const Analysis& a, size_t i, size_t begin) {
  while (i > begin) {
    PhraseMatcher::Match m = a.vocab.ranks.LongestEndingAt(a.doc, begin, i);
    bool honorific = false;
    if (m.length == 0) {
      m = a.vocab.honorifics.LongestEndingAt(a.doc, begin, i);
      honorific = m.length > 0;
    }
    if (m.length == 0) break;
    i -= m.length;
    // "Bí thư Tỉnh ủy Hải Dương, ông Nguyễn Mạnh Hiển".
    if (honorific && i > begin && a.doc.TokenText(i - 1) == ",") --i;
  }
  return i;
}

bool StartsRole(const Analysis& a, size_t i, size_t end) {
  i += a.vocab.role_modifiers.Longest(a.doc, i, end).length;
  i = SkipRanks(a, i, end);
  return IsWord(a, i, end) && a.vocab.roles.Longest(a.doc, i, end).length > 0;
}

// A lower-case word that may continue an organisation name.
bool IsOrgLowerWord(const Analysis& a, size_t j, size_t end) {
  return IsWord(a, j, end) && !Tok(a, j).upper_initial &&
         !IsDigitWord(a, j, end) &&
         !a.vocab.org_stopwords.contains(Tok(a, j).lower);
}

// How many lower-case words at `j` (after a capitalised one) belong to the
// organisation: one ("Sở Tài chính"), or up to three when a capitalised word
// or a place follows ("Đảng Nhân dân cách mạng Lào").
size_t LowerRunLength(const Analysis& a, size_t j, size_t end) {
  size_t run = 0;
  while (run < 3 && IsOrgLowerWord(a, j + run, end)) ++run;
  if (run <= 1) return run;
  const size_t next = j + run;
  const bool name_ends = next >= end || Tok(a, next).kind != TokenKind::kWord;
  return name_ends || IsUpperWord(a, next, end) ||
                 PlacePrefixLength(a, next, end) > 0
             ? run
             : 1;
}

// "quận 2", "khóa XIII": a number that belongs to the name.
bool IsOrdinalAfterWord(const Analysis& a, size_t j, size_t end) {
  if (!IsDigitWord(a, j, end) || j == 0) return false;
  const absl::string_view prev = Tok(a, j - 1).lower;
  return prev == "quận" || prev == "phường" || prev == "khóa";
}

size_t OrgEnd(const Analysis& a, size_t i, size_t end) {
  size_t j = i;
  while (j < end) {
    const Token& t = Tok(a, j);
    if (StartsPersonName(a, j, end)) break;
    if (j > i && ForeignNameLength(a, j, end) > 0) break;
    if (size_t p = PlacePrefixLength(a, j, end); p > 0) {
      j += p;
    } else if (IsUpperWord(a, j, end)) {
      ++j;
      // No lower-case word continues an abbreviation or a place name.
      if (!t.all_upper &&
          a.vocab.places.LongestEndingAt(a.doc, i, j).length == 0) {
        j += LowerRunLength(a, j, end);
      }
    } else if (j > i && IsOrdinalAfterWord(a, j, end)) {
      ++j;
    } else if (j > i && t.lower == "và" && IsUpperWord(a, j + 1, end) &&
               a.vocab.org_heads.Longest(a.doc, j + 1, end).length == 0) {
      // "Kế hoạch và Đầu tư" goes on; "Bộ GTVT và Bộ Quốc phòng" is two.
      ++j;
    } else if (j > i && t.kind == TokenKind::kPunct &&
               (t.lower == "-" || t.lower == "–") &&
               IsUpperWord(a, j + 1, end)) {
      ++j;
    } else {
      break;
    }
  }
  return j;
}

std::string CompleteOrg(const Analysis& a, size_t begin, size_t end,
                        std::string org) {
  if (a.place < 0 || begin >= end) return org;
  const PlaceStyle style = StyleOf(a, begin, end);
  if (style == PlaceStyle::kNone) return org;
  if (HasPlace(a, begin, end) && !EndsWithDanglingPlaceWord(a, end)) {
    return org;
  }
  const PlaceInfo& place = a.vocab.place_info[a.place];
  if (EndsWithDanglingPlaceWord(a, end)) {
    return absl::StrCat(org, " ", place.name);
  }
  return absl::StrCat(org, " ", PlaceSuffix(place, style));
}

size_t ParseTitles(const Analysis& a, size_t i, size_t end,
                   std::vector<ParsedPosition>* out) {
  size_t parsed_end = i;
  while (i < end) {
    size_t k = i;
    PhraseMatcher::Match modifier =
        a.vocab.role_modifiers.Longest(a.doc, k, end);
    k += modifier.length;
    k = SkipRanks(a, k, end);
    PhraseMatcher::Match role = a.vocab.roles.Longest(a.doc, k, end);
    if (role.length == 0 || !Tok(a, k).upper_initial) break;
    const RoleInfo& info = a.vocab.role_info[role.value];
    const size_t org_begin = k + role.length;
    const size_t org_end = OrgEnd(a, org_begin, end);
    if (info.needs_org && org_end == org_begin && info.default_org.empty()) {
      break;
    }
    std::string org(a.doc.Slice(org_begin, org_end));
    if (org.empty()) {
      org = DefaultOrg(a, info.default_org);
    } else if (!info.org_head.empty() &&
               !absl::StartsWith(org, info.org_head)) {
      org = absl::StrCat(info.org_head, " ", org);
    }
    if (!org.empty()) {
      Document org_doc(org);
      Analysis sub(org_doc, a.vocab);
      sub.place = a.place;
      org = CompleteOrg(sub, 0, org_doc.tokens().size(), org);
    }
    std::string role_text = info.role;
    MandateChange change = MandateChange::kNone;
    if (modifier.length > 0) {
      const std::string& prefix = a.vocab.modifier_prefix[modifier.value];
      if (!prefix.empty()) role_text = absl::StrCat(prefix, " ", role_text);
      change = a.vocab.modifier_change[modifier.value];
    }
    out->push_back(ParsedPosition{role_text, org, i, org_end, change});
    parsed_end = org_end;
    if (org_end < end && a.doc.TokenText(org_end) == ",") {
      i = org_end + 1;
    } else {
      break;
    }
  }
  return parsed_end;
}

size_t ParseTitlesAfterName(const Analysis& a, size_t name_end, size_t end,
                            std::vector<ParsedPosition>* out) {
  if (name_end >= end) return name_end;
  const absl::string_view next = Tok(a, name_end).lower;
  if (next != "," && next != "(" && next != "-" && next != "–") {
    return name_end;
  }
  const size_t parsed = ParseTitles(a, name_end + 1, end, out);
  return parsed > name_end + 1 ? parsed : name_end;
}

}  // namespace govgraph::extract
