// Status propagation macros for absl 20220623, which has none. They mean the
// same as the later ABSL_RETURN_IF_ERROR / ABSL_ASSIGN_OR_RETURN, so moving
// to those is a rename.
#ifndef GOVGRAPH_SERVER_COMMON_STATUS_MACROS_H_
#define GOVGRAPH_SERVER_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Evaluates `expr` (an absl::Status) and returns it from the enclosing
// function if it is not OK.
#define GOVGRAPH_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    absl::Status govgraph_status_ = (expr);              \
    if (!govgraph_status_.ok()) return govgraph_status_; \
  } while (0)

#define GOVGRAPH_STATUS_CONCAT_INNER_(a, b) a##b
#define GOVGRAPH_STATUS_CONCAT_(a, b) GOVGRAPH_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status if not OK,
// else moves its value into `lhs` (a declaration or an lvalue).
#define GOVGRAPH_ASSIGN_OR_RETURN(lhs, rexpr) \
  GOVGRAPH_ASSIGN_OR_RETURN_IMPL_(            \
      GOVGRAPH_STATUS_CONCAT_(govgraph_statusor_, __LINE__), lhs, rexpr)

#define GOVGRAPH_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                    \
  if (!statusor.ok()) return statusor.status();               \
  lhs = std::move(statusor).value()

#endif  // GOVGRAPH_SERVER_COMMON_STATUS_MACROS_H_
