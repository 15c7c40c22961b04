#include "server/extract/dates.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"

namespace govgraph::extract {
namespace {

// A day written more than this many days after publication is last year's.
constexpr int kFutureSlackDays = 45;

bool IsTimeOfDay(absl::string_view lower) {
  // A closed set of words that introduce a day.
  return lower == "sáng" || lower == "chiều" || lower == "tối" ||
         lower == "trưa" || lower == "đêm" || lower == "ngày" ||
         lower == "hôm" || lower == "khuya";
}

bool ParseInt(absl::string_view text, int* out) {
  if (text.empty() || text.size() > 4) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(text, out);
}

bool ValidDay(int day, int month, int year) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (year != 0 && (year < 1900 || year > 2100)) return false;
  const absl::CivilDay civil(year == 0 ? 2000 : year, month, day);
  return civil.day() == day && civil.month() == month;
}

// "6-2", "28/6", "7.2", "6/2/2017", "23.11.2016": one token, one separator.
bool ParseDayToken(absl::string_view text, DateMention* out) {
  char sep = 0;
  for (char c : text) {
    if (c == '-' || c == '/' || c == '.') {
      if (sep != 0 && c != sep) return false;
      sep = c;
    }
  }
  if (sep == 0) return false;
  std::vector<absl::string_view> parts = absl::StrSplit(text, sep);
  if (parts.size() != 2 && parts.size() != 3) return false;
  int day = 0, month = 0, year = 0;
  if (!ParseInt(parts[0], &day) || !ParseInt(parts[1], &month)) return false;
  if (parts[0].size() > 2 || parts[1].size() > 2) return false;
  if (parts.size() == 3 && (parts[2].size() != 4 || !ParseInt(parts[2], &year)))
    return false;
  if (!ValidDay(day, month, year)) return false;
  out->day = day;
  out->month = month;
  out->year = year;
  return true;
}

absl::string_view Lower(const Document& doc, size_t i) {
  return doc.tokens()[i].lower;
}

// "8 tháng 6" or "8 tháng 6 năm 2017" starting at token `i`; returns the
// token after it, or `i` if none.
size_t ParseWordsDate(const Document& doc, size_t i, DateMention* out) {
  const size_t n = doc.tokens().size();
  int day = 0, month = 0, year = 0;
  if (i + 2 >= n || !ParseInt(Lower(doc, i), &day) ||
      Lower(doc, i + 1) != "tháng" || !ParseInt(Lower(doc, i + 2), &month)) {
    return i;
  }
  size_t end = i + 3;
  if (end + 1 < n && Lower(doc, end) == "năm" &&
      ParseInt(Lower(doc, end + 1), &year) && year >= 1900) {
    end += 2;
  }
  if (!ValidDay(day, month, year)) return i;
  out->day = day;
  out->month = month;
  out->year = year;
  return end;
}

// True if a time-of-day word stands just before token `i` (perhaps two:
// "chiều ngày"), or an opening parenthesis.
bool CuedBefore(const Document& doc, size_t i, bool* leads) {
  size_t k = i;
  while (k > 0 && i - k < 2 && IsTimeOfDay(Lower(doc, k - 1))) --k;
  *leads = k < i && doc.tokens()[k].upper_initial;
  if (k < i) return true;
  return i > 0 && Lower(doc, i - 1) == "(";
}

// "sáng nay", "hôm qua", "chiều qua" at token `i` (the time word).
bool ParseRelative(const Document& doc, size_t i, DateMention* out) {
  const std::vector<Token>& tokens = doc.tokens();
  if (i + 1 >= tokens.size()) return false;
  const absl::string_view next = tokens[i + 1].lower;
  if ((next != "nay" && next != "qua") || !IsTimeOfDay(tokens[i].lower) ||
      tokens[i].lower == "ngày") {
    return false;
  }
  out->begin = i;
  out->end = i + 2;
  out->relative = true;
  out->offset = next == "nay" ? 0 : -1;
  out->cued = true;
  out->leads = tokens[i].upper_initial;
  return true;
}

}  // namespace

std::vector<DateMention> FindDates(const Document& doc) {
  std::vector<DateMention> out;
  const std::vector<Token>& tokens = doc.tokens();
  for (size_t i = 0; i < tokens.size(); ++i) {
    DateMention relative;
    if (ParseRelative(doc, i, &relative)) {
      out.push_back(relative);
      ++i;
      continue;
    }
    if (tokens[i].kind != TokenKind::kWord ||
        !absl::ascii_isdigit(static_cast<unsigned char>(tokens[i].lower[0]))) {
      continue;
    }
    DateMention date;
    size_t end = ParseWordsDate(doc, i, &date);
    if (end == i) {
      if (!ParseDayToken(tokens[i].lower, &date)) continue;
      end = i + 1;
    }
    date.begin = i;
    date.end = end;
    date.cued = CuedBefore(doc, i, &date.leads);
    if (date.cued || date.year != 0) out.push_back(date);
    i = end - 1;
  }
  return out;
}

int DaysAfter(absl::string_view published, absl::string_view iso) {
  absl::CivilDay from, to;
  if (!absl::ParseCivilTime(published, &from) ||
      !absl::ParseCivilTime(iso, &to)) {
    return 0;
  }
  return static_cast<int>(to - from);
}

std::string ResolveDate(const DateMention& date, absl::string_view published,
                        int text_year) {
  int year = date.year;
  absl::CivilDay pub;
  const bool has_pub = absl::ParseCivilTime(published, &pub);
  if (date.relative) {
    if (!has_pub) return "";
    const absl::CivilDay day = pub + date.offset;
    return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(),
                           day.day());
  }
  if (year == 0 && has_pub) {
    year = static_cast<int>(pub.year());
    const absl::CivilDay day(year, date.month, date.day);
    if (day - pub > kFutureSlackDays) --year;
  }
  if (year == 0) year = text_year;
  if (year == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", year, date.month, date.day);
}

int LatestYear(const Document& doc, const std::vector<DateMention>& dates) {
  int best = 0;
  const std::vector<Token>& tokens = doc.tokens();
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    int year = 0;
    if (tokens[i].lower == "năm" && ParseInt(tokens[i + 1].lower, &year) &&
        year >= 1990 && year <= 2100 && year > best) {
      best = year;
    }
  }
  for (const DateMention& d : dates) {
    if (d.year > best && d.year >= 1990) best = d.year;
  }
  return best;
}

}  // namespace govgraph::extract
