#include "server/service/status_mapping.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace govgraph::service {
namespace {

// True if `cut` is a prefix of `whole` that ends on a UTF-8 code point
// boundary (the next byte of `whole`, if any, is not a continuation byte).
bool IsCodePointPrefix(const std::string& cut, const std::string& whole) {
  if (whole.compare(0, cut.size(), cut) != 0) return false;
  return cut.size() == whole.size() ||
         (static_cast<unsigned char>(whole[cut.size()]) & 0xC0) != 0x80;
}

TEST(StatusMappingTest, OkIsOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(StatusMappingTest, EveryCodeKeepsItsNumberAndMessage) {
  for (int code = 1; code <= 16; ++code) {
    const absl::Status status(static_cast<absl::StatusCode>(code),
                              absl::StrCat("thực thể số ", code));
    const grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(mapped.error_code()), code)
        << absl::StatusCodeToString(status.code());
    EXPECT_EQ(mapped.error_message(), status.message());
  }
}

TEST(StatusMappingTest, NamedCodesMapToTheirGrpcTwins) {
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::AlreadyExistsError("x")).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ToGrpcStatus(absl::FailedPreconditionError("x")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("x")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(ToGrpcStatus(absl::DataLossError("x")).error_code(),
            grpc::StatusCode::DATA_LOSS);
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("x")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ToGrpcStatus(absl::InternalError("x")).error_code(),
            grpc::StatusCode::INTERNAL);
}

TEST(StatusMappingTest, MessageOfExactlyOneKiBIsKept) {
  const std::string message(1024, 'x');
  EXPECT_EQ(ToGrpcStatus(absl::InternalError(message)).error_message(),
            message);
}

TEST(StatusMappingTest, LongAsciiMessageIsCutToOneKiB) {
  const std::string message(5000, 'x');
  EXPECT_EQ(ToGrpcStatus(absl::InternalError(message)).error_message(),
            std::string(1024, 'x'));
}

TEST(StatusMappingTest, CutNeverSplitsAUtf8Sequence) {
  // Put a 2-, 3- and 4-byte sequence across the 1024-byte mark at every
  // offset.
  for (const std::string sequence : {"ộ", "ệ", "\xF0\x9F\x98\x80"}) {
    for (size_t pad = 1020; pad <= 1024; ++pad) {
      const std::string message =
          std::string(pad, 'a') + sequence + std::string(10, 'b');
      const std::string cut =
          ToGrpcStatus(absl::InvalidArgumentError(message)).error_message();
      EXPECT_LE(cut.size(), 1024u) << pad;
      EXPECT_GE(cut.size(), 1021u) << pad;
      EXPECT_TRUE(IsCodePointPrefix(cut, message)) << pad;
    }
  }
}

TEST(StatusMappingTest, LongVietnameseMessageIsCutOnABoundary) {
  std::string message;
  while (message.size() < 3000) message += "Nguyễn Phước Lộc, ";
  const std::string cut =
      ToGrpcStatus(absl::NotFoundError(message)).error_message();
  EXPECT_LE(cut.size(), 1024u);
  EXPECT_GE(cut.size(), 1021u);
  EXPECT_TRUE(IsCodePointPrefix(cut, message));
}

}  // namespace
}  // namespace govgraph::service
