#include "tests/fuzz/request_rpcs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "tests/service/service_stack.h"

namespace govgraph::fuzz {
namespace {

using C = grpc::StatusCode;

// Codes of the relationship queries (docs/api.md: bounded by the query
// budget, stopped as the call ends).
std::vector<C> Bounded() {
  return {C::OK,
          C::INVALID_ARGUMENT,
          C::NOT_FOUND,
          C::RESOURCE_EXHAUSTED,
          C::DEADLINE_EXCEEDED,
          C::CANCELLED};
}

std::vector<RpcInfo> MakeRpcs() {
  const RpcShape kU = RpcShape::kUnary;
  const RpcShape kS = RpcShape::kServerStream;
  const std::vector<C> curation = {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND,
                                   C::FAILED_PRECONDITION, C::ALREADY_EXISTS};
  const std::vector<C> ingest = {C::OK, C::INVALID_ARGUMENT,
                                 C::RESOURCE_EXHAUSTED, C::FAILED_PRECONDITION};
  return {
      {"IngestFacts", kU, true, ingest},
      {"DeleteReport", kU, true, {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND}},
      {"GetEntity", kU, false, {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND}},
      {"ListRelations", kU, false, {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND}},
      {"ListEvidence", kU, false, {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND}},
      {"SearchEntities",
       kU,
       false,
       {C::OK, C::INVALID_ARGUMENT, C::RESOURCE_EXHAUSTED}},
      // GetStats documents no error; an unparseable request is
      // INVALID_ARGUMENT for every RPC (server_setup.cc).
      {"GetStats", kU, false, {C::OK, C::INVALID_ARGUMENT}},
      {"ListPositions", kU, false, {C::OK, C::INVALID_ARGUMENT, C::NOT_FOUND}},
      {"ListCoAttendees", kU, false, Bounded()},
      {"ListMeetings", kU, false, Bounded()},
      {"ListDirectives", kU, false, Bounded()},
      {"FindPaths", kU, false, Bounded()},
      {"Traverse", kS, false, Bounded()},
      {"ExportSubgraph", kS, false, Bounded()},
      {"ExportGraph",
       kS,
       false,
       {C::OK, C::INVALID_ARGUMENT, C::DEADLINE_EXCEEDED, C::CANCELLED}},
      {"ImportGraph",
       RpcShape::kClientStream,
       true,
       {C::OK, C::INVALID_ARGUMENT, C::ALREADY_EXISTS, C::RESOURCE_EXHAUSTED}},
      {"MergeEntities", kU, true, curation},
      {"SplitEntity", kU, true, curation},
      {"UndoCuration", kU, true, curation},
      {"ListAudit", kU, false, {C::OK, C::INVALID_ARGUMENT}},
      {"Extract", kU, false, {C::OK, C::INVALID_ARGUMENT}},
      {"IngestReport", kU, true, ingest},
      // Each acknowledgement carries IngestReport's codes; the stream
      // itself ends OK unless a message cannot be parsed.
      {"IngestReports", RpcShape::kBidiStream, true, ingest},
      {"CreateBackup", kU, true, {C::OK, C::INVALID_ARGUMENT, C::UNAVAILABLE}},
  };
}

size_t ReadLength(const std::string& input, size_t* pos) {
  if (*pos + 2 > input.size()) {
    *pos = input.size();
    return 0;
  }
  const size_t length = static_cast<uint8_t>(input[*pos]) |
                        (static_cast<uint8_t>(input[*pos + 1]) << 8);
  *pos += 2;
  return std::min(length, input.size() - *pos);
}

void AppendLength(size_t length, std::string* out) {
  out->push_back(static_cast<char>(length & 0xff));
  out->push_back(static_cast<char>((length >> 8) & 0xff));
}

bool TakesStream(const RpcInfo& rpc) {
  return rpc.shape == RpcShape::kClientStream ||
         rpc.shape == RpcShape::kBidiStream;
}

// `text`, a request of `rpc` in text format, serialized; "" if it does not
// parse (a bug in the seeds below, caught by request_fuzzer's test).
std::string Serialized(const std::string& rpc, const std::string& text) {
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()
          ->FindServiceByName(v1::KnowledgeGraph::service_full_name())
          ->FindMethodByName(rpc);
  if (method == nullptr) return "";
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method->input_type())
          ->New());
  if (!google::protobuf::TextFormat::ParseFromString(text, request.get())) {
    return "";
  }
  return request->SerializeAsString();
}

size_t IndexOf(const std::string& name) {
  const std::vector<RpcInfo>& rpcs = Rpcs();
  for (size_t i = 0; i < rpcs.size(); ++i) {
    if (name == rpcs[i].name) return i;
  }
  return 0;
}

FuzzCall Call(const std::string& rpc, const std::vector<std::string>& texts) {
  FuzzCall call;
  call.rpc = IndexOf(rpc);
  for (const std::string& text : texts) {
    call.messages.push_back(Serialized(rpc, text));
  }
  return call;
}

}  // namespace

const std::vector<RpcInfo>& Rpcs() {
  static const auto* const kRpcs = new std::vector<RpcInfo>(MakeRpcs());
  return *kRpcs;
}

std::string MethodPath(const RpcInfo& rpc) {
  return absl::StrCat("/", v1::KnowledgeGraph::service_full_name(), "/",
                      rpc.name);
}

bool IsDocumented(const RpcInfo& rpc, grpc::StatusCode code) {
  return std::find(rpc.codes.begin(), rpc.codes.end(), code) != rpc.codes.end();
}

std::vector<FuzzCall> ParseInput(const std::string& input) {
  std::vector<FuzzCall> calls;
  size_t pos = 0;
  while (pos < input.size() && calls.size() < kMaxCalls) {
    FuzzCall call;
    call.rpc = static_cast<uint8_t>(input[pos++]) % Rpcs().size();
    const size_t length = ReadLength(input, &pos);
    const std::string payload = input.substr(pos, length);
    pos += length;
    if (!TakesStream(Rpcs()[call.rpc])) {
      call.messages.push_back(payload);
    } else {
      size_t at = 0;
      while (at < payload.size() && call.messages.size() < kMaxMessages) {
        const size_t size = ReadLength(payload, &at);
        call.messages.push_back(payload.substr(at, size));
        at += size;
      }
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

std::string SerializeInput(const std::vector<FuzzCall>& calls) {
  std::string out;
  for (const FuzzCall& call : calls) {
    std::string payload;
    if (!TakesStream(Rpcs()[call.rpc])) {
      if (!call.messages.empty()) payload = call.messages.front();
    } else {
      for (const std::string& message : call.messages) {
        AppendLength(message.size(), &payload);
        payload += message;
      }
    }
    out.push_back(static_cast<char>(call.rpc));
    AppendLength(payload.size(), &out);
    out += payload;
  }
  return out;
}

std::vector<Seed> Seeds() {
  using service::testing::DanVanReport;
  using service::testing::OnePersonReport;
  const std::string loc = "'p-nguyen-phuoc-loc'";
  const std::string text =
      "report { text: 'Sáng 15-3, ông Nguyễn Phước Lộc, Phó Bí thư Thành ủy "
      "TPHCM, chủ trì hội nghị tổng kết. Bà Trần Kim Yến dự họp.' "
      "published_date: '2024-03-15' }";
  FuzzCall facts;
  facts.rpc = IndexOf("IngestFacts");
  facts.messages.push_back(
      OnePersonReport("r-seed", "p-seed").SerializeAsString());
  // A second report on Lộc, so that a split leaves him one.
  FuzzCall second = facts;
  second.messages = {
      OnePersonReport("r-seed", "p-nguyen-phuoc-loc").SerializeAsString()};
  FuzzCall dan_van = facts;
  dan_van.messages = {DanVanReport().SerializeAsString()};
  const FuzzCall merge =
      Call("MergeEntities", {"source_id: 'p-tran-kim-yen' target_id: " + loc +
                             " curator: 'a' reason: 'b'"});
  std::vector<std::pair<std::string, std::vector<FuzzCall>>> seeds = {
      {"ingest_facts", {facts}},
      {"ingest_facts_again", {dan_van}},
      {"delete_report",
       {Call("DeleteReport", {"report_id: 'tuoitre-2024-03-15-dan-van'"})}},
      {"get_entity", {Call("GetEntity", {"id: " + loc})}},
      {"list_relations",
       {Call("ListRelations", {"entity_id: " + loc + " page_size: 2"})}},
      {"list_evidence", {Call("ListEvidence", {"entity_id: " + loc})}},
      {"search_entities", {Call("SearchEntities", {"query: 'loc'"})}},
      {"get_stats", {Call("GetStats", {""})}},
      {"list_positions",
       {Call("ListPositions", {"entity_id: " + loc + " as_of: '2024-03-15'"})}},
      {"list_co_attendees", {Call("ListCoAttendees", {"person_id: " + loc})}},
      {"list_meetings",
       {Call("ListMeetings", {"entity_id: 'o-thanh-uy-tphcm'"})}},
      {"list_directives", {Call("ListDirectives", {"entity_id: " + loc})}},
      {"find_paths",
       {Call("FindPaths",
             {"source_id: " + loc + " target_id: 'p-tran-kim-yen'"})}},
      {"traverse", {Call("Traverse", {"start_id: " + loc + " max_hops: 2"})}},
      {"export_subgraph",
       {Call("ExportSubgraph", {"center_id: " + loc + " max_hops: 2"})}},
      {"export_graph", {Call("ExportGraph", {"with_evidence: true"})}},
      {"import_graph",
       {Call("ImportGraph",
             {"source_id: 'imp'",
              "nodes_csv: 'id,kind,name,date\\np1,Person,Nguyễn Văn "
              "An,1960-05-01\\no1,Organization,Ban Dân vận,\\n'",
              "edges_csv: 'src,dst,type,title,start,end\\n"
              "p1,o1,HOLDS_POSITION,Bí thư,2016-01-01,\\n'"})}},
      {"merge_entities", {merge}},
      {"split_entity",
       {second, Call("SplitEntity", {"entity_id: " + loc +
                                     " new_id: 'p-loc-2' report_ids: 'r-seed' "
                                     "curator: 'a' reason: 'b'"})}},
      {"undo_curation",
       {merge, Call("UndoCuration", {"audit_id: 1 curator: 'a' reason: 'b'"}),
        Call("ListAudit", {""})}},
      {"list_audit", {Call("ListAudit", {"page_size: 5"})}},
      {"extract", {Call("Extract", {text})}},
      {"ingest_report",
       {Call("IngestReport", {"report_id: 'r-text' " + text})}},
      {"ingest_reports",
       {Call("IngestReports",
             {"report_id: 'r-1' " + text, "report_id: 'r-2' " + text})}},
      {"create_backup", {Call("CreateBackup", {"dir: '/backup'"})}},
  };
  std::vector<Seed> out;
  for (const auto& [name, calls] : seeds) {
    out.push_back({name, SerializeInput(calls)});
  }
  return out;
}

absl::Status WriteSeeds(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", dir, ": ", error.message()));
  }
  for (const Seed& seed : Seeds()) {
    const std::string path = absl::StrCat(dir, "/", seed.name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << seed.input;
    if (!out.good()) return absl::UnavailableError("cannot write " + path);
  }
  return absl::OkStatus();
}

}  // namespace govgraph::fuzz
