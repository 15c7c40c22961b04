#include "server/extract/analysis.h"

namespace govgraph::extract {

void FindDirectives(Analysis*) {}

}  // namespace govgraph::extract
