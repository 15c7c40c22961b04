#include <iostream>
#include <string>
#include <vector>

#include "client/commands/command.h"
#include "server/auth/tokens.h"

namespace govgraph::client {

int RunHashToken(const CommandContext&, const std::vector<std::string>&) {
  std::string token;
  if (!std::getline(std::cin, token) || token.empty()) {
    std::cerr << "error: hash-token reads the token from stdin; none given\n";
    return kExitUsage;
  }
  if (token.back() == '\r') token.pop_back();
  std::cout << auth::HashToken(token) << " ROLE  # reader, writer or admin\n";
  return kExitOk;
}

}  // namespace govgraph::client
