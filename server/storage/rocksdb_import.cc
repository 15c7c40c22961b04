// Bulk import (GraphStore::ImportGraph): every key of the imported graph is
// built in memory, written in key order to one SST file per column family,
// and the files are ingested in one atomic IngestExternalFiles call. Nothing
// goes through the memtable or the WAL, and a failure leaves nothing behind.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/sst_file_writer.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/storage/key_codec.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {
namespace {

// One edge row in key order of either edge column family.
struct EdgeOrder {
  uint32_t first = 0;  // Node index the key starts with.
  uint8_t type = 0;
  uint32_t second = 0;
  uint32_t qualifier = 0;
  uint32_t edge = 0;  // Index into GraphImport::edges.

  auto Tie() const { return std::tie(first, type, second, qualifier); }
};

// SST files in a scratch directory, removed when done.
class SstFiles {
 public:
  explicit SstFiles(std::string dir) : dir_(std::move(dir)) {}
  ~SstFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Starts the file of `cf`; Put then Finish before the next one.
  absl::Status Start(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
    std::error_code error;
    std::filesystem::create_directories(dir_, error);
    if (error) {
      return absl::UnavailableError(
          absl::StrCat("import scratch dir ", dir_, ": ", error.message()));
    }
    writer_ = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(),
                                                       db->GetOptions(cf), cf);
    path_ = absl::StrCat(dir_, "/", cf->GetID(), ".sst");
    cf_ = cf;
    count_ = 0;
    return FromRocksDb(writer_->Open(path_));
  }
  absl::Status Put(absl::string_view key, absl::string_view value) {
    ++count_;
    return FromRocksDb(writer_->Put(ToSlice(key), ToSlice(value)));
  }
  absl::Status Finish() {
    if (count_ == 0) {  // RocksDB refuses empty files.
      writer_.reset();
      return absl::OkStatus();
    }
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(writer_->Finish()));
    writer_.reset();
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cf_;
    arg.external_files = {path_};
    arg.options.move_files = true;
    args_.push_back(std::move(arg));
    return absl::OkStatus();
  }
  absl::Status IngestAll(rocksdb::DB* db) {
    if (args_.empty()) return absl::OkStatus();
    return FromRocksDb(db->IngestExternalFiles(args_));
  }

 private:
  const std::string dir_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::string path_;
  rocksdb::ColumnFamilyHandle* cf_ = nullptr;
  size_t count_ = 0;
  std::vector<rocksdb::IngestExternalFileArg> args_;
};

uint32_t QualifierOf(const GraphImport& graph, const ImportEdge& edge) {
  if (edge.type != RelationType::kHoldsPosition) return 0;
  return TermQualifier(graph.roles[edge.role], edge.start, edge.end);
}

// The edges in out-edge key order. Every row is its own edge, as in a
// property graph: rows whose keys collide (the same relation stated twice,
// or terms whose qualifiers collide) get the next free qualifier, in line
// order.
std::vector<EdgeOrder> OutEdgeOrder(const GraphImport& graph) {
  std::vector<EdgeOrder> order(graph.edges.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    const ImportEdge& e = graph.edges[i];
    order[i] = {e.source, static_cast<uint8_t>(e.type), e.target,
                QualifierOf(graph, e), i};
  }
  auto less = [](const EdgeOrder& a, const EdgeOrder& b) {
    return std::tie(a.first, a.type, a.second, a.qualifier, a.edge) <
           std::tie(b.first, b.type, b.second, b.qualifier, b.edge);
  };
  for (bool collided = true; collided;) {
    std::sort(order.begin(), order.end(), less);
    collided = false;
    for (size_t i = 1; i < order.size(); ++i) {
      if (order[i].Tie() != order[i - 1].Tie()) continue;
      ++order[i].qualifier;
      collided = true;
    }
  }
  return order;
}

std::string OutKey(uint64_t first_id, const EdgeOrder& e) {
  return EncodeOutEdgeKey({first_id + e.first,
                           static_cast<RelationType>(e.type),
                           first_id + e.second, e.qualifier});
}

SupportRecord ImportSupport(const GraphImport& graph, int32_t line) {
  SupportRecord support;
  support.set_report_id(graph.source_id);
  support.set_source_line(line);
  return support;
}

}  // namespace

// One ImportGraph call, under the store's write_mu_.
class RocksDbGraphStore::Importer {
 public:
  Importer(RocksDbGraphStore* store, const GraphImport& graph)
      : store_(*store),
        graph_(graph),
        first_id_(store->next_entity_id_),
        files_(absl::StrCat(store->db_->GetName(), "/import.tmp")) {}

  absl::StatusOr<ImportResult> Run();

 private:
  absl::Status CheckNewIds() const;
  absl::Status WriteNodes();
  absl::Status WriteEdges(std::vector<EdgeOrder> order);
  absl::Status WriteCounters();
  absl::Status Start(Cf which) {
    return files_.Start(store_.db_.get(), store_.cf(which));
  }

  RocksDbGraphStore& store_;
  const GraphImport& graph_;
  const uint64_t first_id_;
  SstFiles files_;
};

absl::StatusOr<ImportResult> RocksDbGraphStore::ImportGraph(
    const GraphImport& graph) {
  absl::MutexLock lock(&write_mu_);
  GOVGRAPH_RETURN_IF_ERROR(ResumeWrites());
  Importer importer(this, graph);
  absl::StatusOr<ImportResult> result = importer.Run();
  ++version_;
  if (result.ok()) {
    next_entity_id_ += graph.nodes.size();
  } else {
    NoteWriteError(result.status());
  }
  return result;
}

absl::StatusOr<ImportResult> RocksDbGraphStore::Importer::Run() {
  GOVGRAPH_RETURN_IF_ERROR(CheckNewIds());
  std::vector<EdgeOrder> out_order = OutEdgeOrder(graph_);
  GOVGRAPH_RETURN_IF_ERROR(WriteNodes());
  GOVGRAPH_RETURN_IF_ERROR(WriteEdges(std::move(out_order)));
  GOVGRAPH_RETURN_IF_ERROR(WriteCounters());
  GOVGRAPH_RETURN_IF_ERROR(files_.IngestAll(store_.db_.get()));
  return ImportResult{static_cast<int64_t>(graph_.nodes.size()),
                      static_cast<int64_t>(graph_.edges.size())};
}

absl::Status RocksDbGraphStore::Importer::CheckNewIds() const {
  if (first_id_ <= 1) return absl::OkStatus();  // Nothing was ever stored.
  for (const ImportNode& node : graph_.nodes) {
    for (Cf which : {kIds, kRedirects}) {
      std::string unused;
      rocksdb::Status s = store_.db_->Get(
          rocksdb::ReadOptions(), store_.cf(which), ToSlice(node.id), &unused);
      if (s.IsNotFound()) continue;
      GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
      return absl::AlreadyExistsError(
          absl::StrCat("nodes.csv line ", node.line, ": id \"", node.id,
                       "\" already names an entity"));
    }
  }
  return absl::OkStatus();
}

absl::Status RocksDbGraphStore::Importer::WriteNodes() {
  const uint32_t n = graph_.nodes.size();
  std::vector<uint32_t> by_id(n);
  for (uint32_t i = 0; i < n; ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) {
    return graph_.nodes[a].id < graph_.nodes[b].id;
  });
  GOVGRAPH_RETURN_IF_ERROR(Start(kIds));
  for (uint32_t i : by_id) {
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(graph_.nodes[i].id, EncodeU64(first_id_ + i)));
  }
  GOVGRAPH_RETURN_IF_ERROR(files_.Finish());

  GOVGRAPH_RETURN_IF_ERROR(Start(kEntities));
  std::vector<std::pair<std::string, uint32_t>> names;
  names.reserve(n);
  std::string value;
  for (uint32_t i = 0; i < n; ++i) {
    const ImportNode& node = graph_.nodes[i];
    EntityRecord record;
    record.set_id(node.id);
    record.set_kind(static_cast<uint32_t>(node.kind));
    record.set_name(node.name);
    record.set_date(UnpackIsoDate(node.date));
    SupportRecord* support = record.add_supports();
    *support = ImportSupport(graph_, node.line);
    support->add_names(node.name);
    record.SerializeToString(&value);
    GOVGRAPH_RETURN_IF_ERROR(files_.Put(EncodeEntityKey(first_id_ + i), value));
    names.emplace_back(FoldName(node.name), i);
  }
  GOVGRAPH_RETURN_IF_ERROR(files_.Finish());

  std::sort(names.begin(), names.end());
  GOVGRAPH_RETURN_IF_ERROR(Start(kNames));
  std::vector<std::pair<std::string, uint32_t>> words;
  for (const auto& [folded, i] : names) {
    if (folded.empty()) continue;
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(EncodeNameKey(folded, first_id_ + i), ""));
    for (absl::string_view word : SplitWords(folded)) {
      words.emplace_back(word, i);
    }
  }
  GOVGRAPH_RETURN_IF_ERROR(files_.Finish());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  GOVGRAPH_RETURN_IF_ERROR(Start(kWords));
  for (const auto& [word, i] : words) {
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(EncodeNameKey(word, first_id_ + i), ""));
  }
  return files_.Finish();
}

absl::Status RocksDbGraphStore::Importer::WriteEdges(
    std::vector<EdgeOrder> order) {
  GOVGRAPH_RETURN_IF_ERROR(Start(kOutEdges));
  std::string value;
  for (const EdgeOrder& e : order) {
    const ImportEdge& edge = graph_.edges[e.edge];
    EdgeRecord record;
    record.set_role(graph_.roles[edge.role]);
    SupportRecord* support = record.add_supports();
    *support = ImportSupport(graph_, edge.line);
    support->set_start_date(UnpackIsoDate(edge.start));
    support->set_end_date(UnpackIsoDate(edge.end));
    record.SerializeToString(&value);
    GOVGRAPH_RETURN_IF_ERROR(files_.Put(OutKey(first_id_, e), value));
  }
  GOVGRAPH_RETURN_IF_ERROR(files_.Finish());

  for (EdgeOrder& e : order) std::swap(e.first, e.second);
  std::sort(
      order.begin(), order.end(),
      [](const EdgeOrder& a, const EdgeOrder& b) { return a.Tie() < b.Tie(); });
  GOVGRAPH_RETURN_IF_ERROR(Start(kInEdges));
  for (const EdgeOrder& e : order) {
    // The in-edge key of (src = second, dst = first).
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(EncodeInEdgeKey({first_id_ + e.second,
                                    static_cast<RelationType>(e.type),
                                    first_id_ + e.first, e.qualifier}),
                   ""));
  }
  return files_.Finish();
}

absl::Status RocksDbGraphStore::Importer::WriteCounters() {
  int64_t entities[kMaxEntityKind + 1] = {};
  int64_t relations[kMaxRelationType + 1] = {};
  for (const ImportNode& node : graph_.nodes) {
    ++entities[static_cast<int>(node.kind)];
  }
  for (const ImportEdge& edge : graph_.edges) {
    ++relations[static_cast<int>(edge.type)];
  }
  // Meta keys in byte order: "count/e", "count/r", "next_entity_id".
  GOVGRAPH_RETURN_IF_ERROR(Start(kMeta));
  for (int kind = 1; kind <= kMaxEntityKind; ++kind) {
    if (entities[kind] == 0) continue;
    const std::string key = EntityCountKey(static_cast<EntityKind>(kind));
    GOVGRAPH_ASSIGN_OR_RETURN(uint64_t count, store_.ReadCounter(key));
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(key, EncodeU64(count + entities[kind])));
  }
  for (int type = 1; type <= kMaxRelationType; ++type) {
    if (relations[type] == 0) continue;
    const std::string key = RelationCountKey(static_cast<RelationType>(type));
    GOVGRAPH_ASSIGN_OR_RETURN(uint64_t count, store_.ReadCounter(key));
    GOVGRAPH_RETURN_IF_ERROR(
        files_.Put(key, EncodeU64(count + relations[type])));
  }
  GOVGRAPH_RETURN_IF_ERROR(
      files_.Put(kNextEntityIdKey, EncodeU64(first_id_ + graph_.nodes.size())));
  return files_.Finish();
}

}  // namespace govgraph::storage
