// ListCoAttendees, ListMeetings and FindPaths through the in-process server:
// answers on the Dân vận report and the status code of each error a client
// can cause.
#include <chrono>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

class RelationshipServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(Ingest(DanVanReport()).ok());
  }

  grpc::StatusCode Meetings(const v1::ListMeetingsRequest& request,
                            v1::ListMeetingsResponse* response) {
    grpc::ClientContext context;
    return stub_->ListMeetings(&context, request, response).error_code();
  }

  grpc::StatusCode Paths(const v1::FindPathsRequest& request,
                         v1::FindPathsResponse* response) {
    grpc::ClientContext context;
    return stub_->FindPaths(&context, request, response).error_code();
  }

  grpc::StatusCode CoAttendees(const std::string& person) {
    v1::ListCoAttendeesRequest request;
    request.set_person_id(person);
    v1::ListCoAttendeesResponse response;
    grpc::ClientContext context;
    return stub_->ListCoAttendees(&context, request, &response).error_code();
  }
};

TEST_F(RelationshipServiceTest, MeetingsOfAnOrganisationAndItsSubUnits) {
  v1::ListMeetingsRequest request;
  request.set_entity_id(kThanhUy);
  v1::ListMeetingsResponse response;
  ASSERT_EQ(Meetings(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.meetings_size(), 0);
  request.set_include_sub_units(true);  // Ban Dân vận is PART_OF it.
  ASSERT_EQ(Meetings(request, &response), grpc::StatusCode::OK);
  ASSERT_EQ(response.meetings_size(), 1);
  EXPECT_EQ(response.meetings(0).id(), kMeeting);
  EXPECT_EQ(response.meetings(0).meeting().date(), "2024-03-15");
  request.set_from_date("2024-03-16");
  response.Clear();
  ASSERT_EQ(Meetings(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.meetings_size(), 0);

  request.set_from_date("2024-13-01");
  EXPECT_EQ(Meetings(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_from_date("");
  request.set_entity_id(kDirective);
  EXPECT_EQ(Meetings(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_entity_id("o-nowhere");
  EXPECT_EQ(Meetings(request, &response), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RelationshipServiceTest, DirectivesOfAMeetingAndItsErrors) {
  v1::ListDirectivesRequest request;
  request.set_entity_id(kMeeting);
  v1::ListDirectivesResponse response;
  auto call = [&] {
    response.Clear();
    grpc::ClientContext context;
    return stub_->ListDirectives(&context, request, &response).error_code();
  };
  ASSERT_EQ(call(), grpc::StatusCode::OK);
  ASSERT_EQ(response.directives_size(), 1);
  EXPECT_EQ(response.directives(0).id(), kDirective);
  EXPECT_FALSE(response.directives(0).directive().text().empty());
  request.set_to_date("2024-03-14");
  ASSERT_EQ(call(), grpc::StatusCode::OK);
  EXPECT_EQ(response.directives_size(), 0);
  request.set_to_date("2024-3-14");
  EXPECT_EQ(call(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_to_date("");
  request.set_entity_id(kReportId);
  EXPECT_EQ(call(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_entity_id("d-nothing");
  EXPECT_EQ(call(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RelationshipServiceTest, PathThroughAMeetingWithEvidence) {
  v1::FindPathsRequest request;
  request.set_source_id(kYen);
  request.set_target_id(kLoc);
  v1::FindPathsResponse response;
  ASSERT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.length(), 2);
  ASSERT_EQ(response.paths_size(), 1);
  const v1::Path& path = response.paths(0);
  ASSERT_EQ(path.nodes_size(), 3);
  EXPECT_EQ(path.nodes(1).id(), kMeeting);
  EXPECT_EQ(path.relations(0).type(), v1::ATTENDED);
  EXPECT_EQ(path.relations(1).type(), v1::CHAIRED);
  EXPECT_GT(path.relations(0).evidence_size(), 0);

  request.add_types(v1::PART_OF);
  ASSERT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.length(), -1);
  request.clear_types();
  request.add_types(static_cast<v1::RelationType>(99));
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.clear_types();
  request.set_max_depth(11);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_depth(0);
  request.set_target_id(kYen);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_target_id("p-nobody");
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RelationshipServiceTest, CoAttendeesErrorsAndDeadline) {
  EXPECT_EQ(CoAttendees(kYen), grpc::StatusCode::OK);
  EXPECT_EQ(CoAttendees(""), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(CoAttendees(kMeeting), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(CoAttendees("p-nobody"), grpc::StatusCode::NOT_FOUND);

  v1::FindPathsRequest request;
  request.set_source_id(kYen);
  request.set_target_id(kLoc);
  v1::FindPathsResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() -
                       std::chrono::seconds(1));
  EXPECT_EQ(stub_->FindPaths(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
}

// Reads the whole Traverse stream; returns its status.
grpc::Status TraverseAll(v1::KnowledgeGraph::Stub* stub,
                         const v1::TraverseRequest& request,
                         std::vector<v1::TraverseResponse>* steps) {
  grpc::ClientContext context;
  auto reader = stub->Traverse(&context, request);
  v1::TraverseResponse step;
  while (reader->Read(&step)) steps->push_back(step);
  return reader->Finish();
}

TEST_F(RelationshipServiceTest, TraverseStreamsNodesByHops) {
  v1::TraverseRequest request;
  request.set_start_id(kYen);
  request.set_max_hops(2);
  request.add_kinds(v1::PERSON);
  request.add_kinds(v1::MEETING);
  std::vector<v1::TraverseResponse> steps;
  ASSERT_TRUE(TraverseAll(stub_.get(), request, &steps).ok());
  ASSERT_EQ(steps.size(), 3u);  // Yến, the meeting, then Lộc who chaired it.
  EXPECT_EQ(steps[0].node().id(), kYen);
  EXPECT_FALSE(steps[0].has_via());
  EXPECT_EQ(steps[1].node().id(), kMeeting);
  EXPECT_EQ(steps[1].via().type(), v1::ATTENDED);
  EXPECT_EQ(steps[2].node().id(), kLoc);
  EXPECT_EQ(steps[2].hops(), 2);
  EXPECT_EQ(steps[2].parent_id(), kMeeting);

  request.set_limit(2);
  steps.clear();
  ASSERT_TRUE(TraverseAll(stub_.get(), request, &steps).ok());
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_TRUE(steps[1].limit_reached());

  for (auto bad : {&v1::TraverseRequest::clear_start_id}) {
    v1::TraverseRequest broken = request;
    (broken.*bad)();
    steps.clear();
    EXPECT_EQ(TraverseAll(stub_.get(), broken, &steps).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  v1::TraverseRequest broken = request;
  broken.set_max_hops(5);
  EXPECT_EQ(TraverseAll(stub_.get(), broken, &steps).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  broken = request;
  broken.add_kinds(static_cast<v1::EntityKind>(42));
  EXPECT_EQ(TraverseAll(stub_.get(), broken, &steps).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  broken = request;
  broken.set_start_id("p-nobody");
  EXPECT_EQ(TraverseAll(stub_.get(), broken, &steps).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace govgraph::service::testing
