// Dates written in report text ("Sáng 6-2", "ngày 8/6", "(6/2)",
// "6/2/2017", "ngày 8 tháng 6 năm 2017") and how a day without a year is
// dated from the publication date.
#ifndef GOVGRAPH_SERVER_EXTRACT_DATES_H_
#define GOVGRAPH_SERVER_EXTRACT_DATES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/document.h"

namespace govgraph::extract {

// A day named in the text: tokens [begin, end).
struct DateMention {
  size_t begin = 0;
  size_t end = 0;
  int day = 0;
  int month = 0;
  int year = 0;  // 0 when the text gives none.
  // True when a time-of-day word ("sáng", "chiều", "ngày") or parentheses
  // mark it as a date, so "6-2" is not a score or a range.
  bool cued = false;
  // True when it opens a new clause with a capital ("Sáng 6-2, ..."), as the
  // lead sentence of a report does.
  bool leads = false;
  // "sáng nay", "chiều qua": a day relative to publication; day, month and
  // year are 0 and `offset` is the days after publication (0 or -1).
  bool relative = false;
  int offset = 0;
};

// Every day-month(-year) in `doc`, and every "sáng nay" / "hôm qua", in
// text order. Only cued mentions and mentions with a year are returned.
std::vector<DateMention> FindDates(const Document& doc);

// The ISO date (YYYY-MM-DD) of `date`. A missing year is taken from
// `published` (YYYY-MM-DD), the year before when the day would fall well
// after publication; without either, from `text_year` (0: unknown). A
// relative day is counted from `published`. Returns "" when no year (or, for
// a relative day, no publication date) is known.
std::string ResolveDate(const DateMention& date, absl::string_view published,
                        int text_year);

// Days from `published` (YYYY-MM-DD) to `iso` (YYYY-MM-DD); 0 if either is
// not a date.
int DaysAfter(absl::string_view published, absl::string_view iso);

// The latest plausible year (1990-2100) written in `doc` as "năm YYYY" or in
// one of `dates`; 0 if none.
int LatestYear(const Document& doc, const std::vector<DateMention>& dates);

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_DATES_H_
