#include "tests/testing/test_pki.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"

namespace govgraph::test_pki {
namespace {

// The extensions of each kind of certificate, chosen by -extensions.
constexpr char kOpensslConfig[] = R"([req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[server]
basicConstraints = CA:FALSE
subjectAltName = DNS:localhost,IP:127.0.0.1
extendedKeyUsage = serverAuth
[client]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
)";

absl::Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

// Runs `openssl <args>` in `dir`, its output going to dir/openssl.log.
absl::Status RunOpenssl(const std::string& dir, const std::string& args) {
  const std::string log = dir + "/openssl.log";
  const std::string command =
      absl::StrCat("cd '", dir, "' && openssl ", args, " >'", log, "' 2>&1");
  if (std::system(command.c_str()) != 0) {
    return absl::InternalError(
        absl::StrCat("`", command, "` failed:\n", ReadFile(log)));
  }
  return absl::OkStatus();
}

// Makes `name`.pem and `name`.key with the extensions `kind`, self-signed
// if `issuer` is null, else signed by `issuer`.
absl::Status MakeCert(const std::string& dir, const std::string& name,
                      const std::string& kind, const CertAndKey* issuer,
                      CertAndKey* out) {
  out->cert_file = absl::StrCat(dir, "/", name, ".pem");
  out->key_file = absl::StrCat(dir, "/", name, ".key");
  std::string args = absl::StrCat(
      "req -x509 -config openssl.cnf -extensions ", kind,
      " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2",
      " -subj /CN=", kind == "server" ? "localhost" : name, " -keyout '",
      out->key_file, "' -out '", out->cert_file, "'");
  if (issuer != nullptr) {
    absl::StrAppend(&args, " -CA '", issuer->cert_file, "' -CAkey '",
                    issuer->key_file, "'");
  }
  return RunOpenssl(dir, args);
}

absl::Status MakeCa(const std::string& dir, const std::string& name,
                    TestCa* ca) {
  CertAndKey root;
  GOVGRAPH_RETURN_IF_ERROR(MakeCert(dir, name, "ca", nullptr, &root));
  ca->ca_file = root.cert_file;
  GOVGRAPH_RETURN_IF_ERROR(
      MakeCert(dir, name + "-server", "server", &root, &ca->server));
  return MakeCert(dir, name + "-client", "client", &root, &ca->client);
}

}  // namespace

absl::StatusOr<TestPki> MakeTestPki(const std::string& parent) {
  std::string pattern = parent + "/govgraph_pki_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create ", pattern));
  }
  TestPki pki;
  pki.dir = pattern;
  GOVGRAPH_RETURN_IF_ERROR(WriteFile(pki.dir + "/openssl.cnf", kOpensslConfig));
  GOVGRAPH_RETURN_IF_ERROR(MakeCa(pki.dir, "ca", &pki.ca));
  GOVGRAPH_RETURN_IF_ERROR(MakeCa(pki.dir, "other-ca", &pki.other_ca));
  return pki;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

}  // namespace govgraph::test_pki
