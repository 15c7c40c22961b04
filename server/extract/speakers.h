// Who acts in a sentence: the person that is the subject of a verb (named,
// or referred to by a role such as "Chủ tịch UBND TP"), persons only
// mentioned in passing ("lời mời của Thủ tướng X"), and the paragraph and
// mentions of each sentence. Shared by the meeting and directive rules.
#ifndef GOVGRAPH_SERVER_EXTRACT_SPEAKERS_H_
#define GOVGRAPH_SERVER_EXTRACT_SPEAKERS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "server/extract/analysis.h"
#include "server/extract/cues.h"
#include "server/extract/dates.h"

namespace govgraph::extract {

// Per-report indexes for the meeting and directive rules. Refers to the
// Analysis, which must outlive it and whose mentions must not change.
struct ReportIndex {
  explicit ReportIndex(const Analysis& analysis);

  const Analysis& analysis;
  CueIndex cues;
  // The person mentions of each sentence, in order.
  std::vector<std::vector<PersonMention>> mentions;
  // The paragraph (run of sentences between line breaks) of each sentence.
  std::vector<size_t> paragraph;
};

// True if mention `m` follows a possessive ("chỉ đạo của đồng chí X",
// "lời mời của Thủ tướng X") within its clause: X is only mentioned.
bool IsPossessed(const ReportIndex& index, const PersonMention& m);

// The person (index into extraction.persons) who is the subject of the verb
// at token `verb` of sentence `s`: a role right before the verb that one
// person holds ("Chủ tịch UBND TP yêu cầu"), else the nearest mention before
// it in the clause, with its title and a few words between (no clause mark,
// quote or instruction verb of its own). -1 if none.
int SubjectOf(const ReportIndex& index, size_t s, size_t verb);

// True if `org` names a Vietnamese state or party body: it opens with an
// organisation head that is not `named-only` in org_heads.txt (so not a
// company, school, bank or association) or with a Vietnamese place ("tỉnh
// Yên Bái"), and names no foreign country unless it also names Việt Nam
// ("Ủy ban liên Chính phủ Việt Nam - Lào").
bool IsPublicOrg(const Analysis& analysis, const std::string& org);

// True if person `p` (index into extraction.persons) holds a public office
// in the report: a position in a public organisation (IsPublicOrg), or a
// role the report gives without one ("Chủ tịch nước", "Bộ trưởng").
bool IsOfficial(const Analysis& analysis, int p);

// The start of the clause that holds token `i` of sentence `s`: after the
// last ';' or ':' before it.
size_t ClauseBegin(const ReportIndex& index, size_t s, size_t i);

// The two passes of FindEvents (analysis.h), sharing one index and the
// report's dates.
void FindMeetings(Analysis* analysis, const ReportIndex& index,
                  const std::vector<DateMention>& dates);
void FindDirectives(Analysis* analysis, const ReportIndex& index,
                    const std::vector<DateMention>& dates);

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_SPEAKERS_H_
