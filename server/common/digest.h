// Cryptographic digests (OpenSSL's libcrypto).
#ifndef GOVGRAPH_SERVER_COMMON_DIGEST_H_
#define GOVGRAPH_SERVER_COMMON_DIGEST_H_

#include <string>

#include "absl/strings/string_view.h"

namespace govgraph {

// The SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace govgraph

#endif  // GOVGRAPH_SERVER_COMMON_DIGEST_H_
