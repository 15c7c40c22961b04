// A throwaway PKI for the TLS tests, made by the openssl CLI in a fresh
// temp dir: two unrelated CAs, each signing a server certificate for
// localhost (subjectAltName DNS:localhost, IP:127.0.0.1) and a client
// certificate. All keys are unencrypted P-256 keys; every file is PEM.
#ifndef GOVGRAPH_TESTS_TESTING_TEST_PKI_H_
#define GOVGRAPH_TESTS_TESTING_TEST_PKI_H_

#include <string>

#include "absl/status/statusor.h"

namespace govgraph::test_pki {

// Paths of a certificate and its private key.
struct CertAndKey {
  std::string cert_file;
  std::string key_file;
};

// A CA and the two certificates it signed.
struct TestCa {
  std::string ca_file;  // The CA's self-signed certificate.
  CertAndKey server;    // CN=localhost, for DNS:localhost and 127.0.0.1.
  CertAndKey client;    // For client authentication (mutual TLS).
};

struct TestPki {
  std::string dir;  // Holds every file; the caller removes it.
  TestCa ca;
  TestCa other_ca;  // Unrelated to `ca`: for "wrong CA" cases.
};

// Makes the PKI under a new directory in `parent`. kInternal naming the
// command and quoting openssl's output if openssl fails or is missing.
absl::StatusOr<TestPki> MakeTestPki(const std::string& parent);

// The contents of `path`; empty if it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace govgraph::test_pki

#endif  // GOVGRAPH_TESTS_TESTING_TEST_PKI_H_
