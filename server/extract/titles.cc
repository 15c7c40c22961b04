#include "server/extract/titles.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

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

// "tỉnh", "thành phố", "quận" ... followed by a name or number.
size_t PlacePrefixLength(const Analysis& a, size_t i, size_t end) {
  static const char* const kPrefixes[] = {"tỉnh",  "thành", "tp",     "quận",
                                          "huyện", "xã",    "phường", "thị"};
  if (!IsWord(a, i, end)) return 0;
  const std::string& key = Tok(a, i).lower;
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

// A personal name (family name + a capitalised syllable) starts at `i`.
bool StartsPersonName(const Analysis& a, size_t i, size_t end) {
  if (!IsUpperWord(a, i, end) || Tok(a, i).all_upper) return false;
  PhraseMatcher::Match family = a.vocab.family_names.Longest(a.doc, i, end);
  if (family.length == 0) return false;
  if (a.vocab.places.Longest(a.doc, i, end).length >= 2) return false;
  const size_t next = i + family.length;
  return IsUpperWord(a, next, end) && !Tok(a, next).all_upper &&
         a.vocab.org_heads.Longest(a.doc, next, end).length == 0;
}

// True if some place of a kind other than country appears in [begin, end),
// or a place prefix with a name ("tỉnh X", "quận 2").
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

// The completion style of the last organisation head in [begin, end) that
// has one.
PlaceStyle StyleOf(const Analysis& a, size_t begin, size_t end) {
  PlaceStyle style = PlaceStyle::kNone;
  for (size_t i = begin; i < end; ++i) {
    PhraseMatcher::Match m = a.vocab.org_heads.Longest(a.doc, i, end);
    if (m.length == 0) continue;
    if (a.vocab.org_head_style[m.value] != PlaceStyle::kNone) {
      style = a.vocab.org_head_style[m.value];
    }
    i += m.length - 1;
  }
  return style;
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

// True if the org ends with a bare place word ("UBND tỉnh", "UBND TP").
bool EndsWithDanglingPlaceWord(const Analysis& a, size_t end) {
  const std::string& key = Tok(a, end - 1).lower;
  return key == "tỉnh" || key == "tp" || key == "phố";
}

}  // namespace

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

bool StartsRole(const Analysis& a, size_t i, size_t end) {
  i += a.vocab.role_modifiers.Longest(a.doc, i, end).length;
  i = SkipRanks(a, i, end);
  return IsWord(a, i, end) && a.vocab.roles.Longest(a.doc, i, end).length > 0;
}

size_t OrgEnd(const Analysis& a, size_t i, size_t end) {
  size_t j = i;
  int lower_run = 0;
  while (j < end) {
    const Token& t = Tok(a, j);
    if (j > i && StartsPersonName(a, j, end)) break;
    if (size_t p = PlacePrefixLength(a, j, end); p > 0 && j > i) {
      j += p;
      lower_run = 0;
      continue;
    }
    if (t.kind == TokenKind::kWord && (t.upper_initial || t.all_upper)) {
      ++j;
      lower_run = 0;
      continue;
    }
    if (t.kind == TokenKind::kWord && j > i && IsDigitWord(a, j, end) &&
        (Tok(a, j - 1).lower == "quận" || Tok(a, j - 1).lower == "phường" ||
         Tok(a, j - 1).lower == "khóa")) {
      ++j;
      continue;
    }
    if (t.kind == TokenKind::kWord && j > i && !IsDigitWord(a, j, end) &&
        !a.vocab.org_stopwords.contains(t.lower) && lower_run < 2 &&
        !Tok(a, j - 1).all_upper) {
      ++j;
      ++lower_run;
      continue;
    }
    if (t.kind == TokenKind::kWord && t.lower == "và" && j > i &&
        IsUpperWord(a, j + 1, end)) {
      j += 2;
      lower_run = 0;
      continue;
    }
    if (t.kind == TokenKind::kPunct && j > i &&
        (t.lower == "-" || t.lower == "–") && IsUpperWord(a, j + 1, end)) {
      ++j;
      continue;
    }
    break;
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
    if (role.length == 0) break;
    const RoleInfo& info = a.vocab.role_info[role.value];
    const size_t org_begin = k + role.length;
    const size_t org_end = OrgEnd(a, org_begin, end);
    std::string org(a.doc.Slice(org_begin, org_end));
    if (org.empty()) {
      org = info.default_org;
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
    if (modifier.length > 0) {
      role_text =
          absl::StrCat(a.vocab.modifier_prefix[modifier.value], " ", role_text);
    }
    out->push_back(ParsedPosition{role_text, org, i, org_end});
    parsed_end = org_end;
    if (org_end < end && a.doc.TokenText(org_end) == ",") {
      i = org_end + 1;
    } else {
      break;
    }
  }
  return parsed_end;
}

}  // namespace govgraph::extract
