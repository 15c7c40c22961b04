// Mandate changes: the titles a sentence says a person takes up or leaves,
// read from the cue words of mandate_cues.txt around the person's name
// ("được bầu giữ chức", "bổ nhiệm ... làm", "thôi giữ chức", "miễn nhiệm").
#ifndef GOVGRAPH_SERVER_EXTRACT_MANDATES_H_
#define GOVGRAPH_SERVER_EXTRACT_MANDATES_H_

#include <cstddef>
#include <vector>

#include "server/extract/analysis.h"
#include "server/extract/titles.h"

namespace govgraph::extract {

// Appends to `out` the titles a mandate cue gives a person, each with the
// change its cue says. The person's titles before the name start at token
// `title_begin` of `sentence` (the name's first token if none), and the
// name, with its own titles after it (", Phó Chủ tịch UBND tỉnh,"), ends
// at token `after`:
//   "Ông X đã được bầu giữ chức T"           a cue after the name
//   "HĐND tỉnh bầu ông X giữ chức T"          a cue before it, a link after
//   "miễn nhiệm chức vụ T đối với bà X"       a cue and a title before it
// Titles that run into another name are that name's, not the person's
// ("X cách chức Bộ trưởng T Y"). Returns true if it appended any.
bool ParseMandateTitles(const Analysis& analysis, size_t title_begin,
                        size_t after, const Sentence& sentence,
                        std::vector<ParsedPosition>* out);

// The change that the start or end cue ending just before token `i`, or
// before the link words that do ("miễn nhiệm chức vụ"), says; kNone if
// there is none at or after token `begin`.
MandateChange ChangeBefore(const Analysis& analysis, size_t i, size_t begin);

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_MANDATES_H_
