#include "server/extract/analysis.h"

namespace govgraph::extract {

void FindMeetings(Analysis*) {}

}  // namespace govgraph::extract
