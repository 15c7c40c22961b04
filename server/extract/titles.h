// Title phrases: "Phó Bí thư Thành ủy, Trưởng Ban Dân vận Thành ủy TPHCM"
// read as positions, each a role and an organisation completed with the
// report's place.
#ifndef GOVGRAPH_SERVER_EXTRACT_TITLES_H_
#define GOVGRAPH_SERVER_EXTRACT_TITLES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "server/extract/analysis.h"

namespace govgraph::extract {

struct ParsedPosition {
  std::string role;
  std::string org;   // Completed; empty when none.
  size_t begin = 0;  // Tokens of the whole chunk.
  size_t end = 0;
  // From the role's modifier ("nguyên", "tân") or a mandate cue.
  MandateChange change = MandateChange::kNone;
};

// Parses comma-separated title chunks starting at token `i` (before `end`)
// while each begins with a role (after an optional modifier such as
// "nguyên" or "tân", which sets the chunk's change, and ranks).
// Appends them to `out`; returns the token after the last chunk (i if none).
size_t ParseTitles(const Analysis& analysis, size_t i, size_t end,
                   std::vector<ParsedPosition>* out);

// Titles right after a name that ends at token `name_end`, introduced by
// ",", "(", "-" or "–" (", Phó Bí thư Thành ủy, ..."). Appends them to
// `out`; returns the token after the last one, or `name_end` if none.
size_t ParseTitlesAfterName(const Analysis& analysis, size_t name_end,
                            size_t end, std::vector<ParsedPosition>* out);

// The end of the organisation name that starts at token `i`.
size_t OrgEnd(const Analysis& analysis, size_t i, size_t end);

// `org` (tokens [begin, end)) completed with the report's place when it is
// a local organisation written without one.
std::string CompleteOrg(const Analysis& analysis, size_t begin, size_t end,
                        std::string org);

// Length of a foreign personal name at `i` ("Thongloun Sisoulith"): 2-4
// capitalised words, one of them not a Vietnamese syllable; 0 if none.
size_t ForeignNameLength(const Analysis& analysis, size_t i, size_t end);

// True if a Vietnamese personal name (a family name and a capitalised
// syllable, not an organisation's or a place's) starts at `i`.
bool StartsPersonName(const Analysis& analysis, size_t i, size_t end);

// True if a role (after optional modifiers and ranks) starts at `i`.
bool StartsRole(const Analysis& analysis, size_t i, size_t end);

// The token after any ranks and honorifics starting at `i`.
size_t SkipRanks(const Analysis& analysis, size_t i, size_t end);

// The first token of the ranks and honorifics that end just before `i` and
// start at or after `begin` ("Thứ trưởng, ông" before a name); `i` if none.
size_t SkipRanksBackward(const Analysis& analysis, size_t i, size_t begin);

// Length of a place word with the name or number after it ("tỉnh", "thành
// phố", "TP.", "quận" before "Quảng Nam", "2"); 0 if none at `i`.
size_t PlacePrefixLength(const Analysis& analysis, size_t i, size_t end);

// How a place is written after an organisation of `style` ("tỉnh Bình
// Định", "TP Hà Nội", "TPHCM").
std::string PlaceSuffix(const PlaceInfo& place, PlaceStyle style);

// True if tokens [begin, end) name a place other than a country, or hold
// a place word with its name ("tỉnh X", "quận 2").
bool HasPlace(const Analysis& analysis, size_t begin, size_t end);

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_TITLES_H_
