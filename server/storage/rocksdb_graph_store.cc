// Opening the store and the read path. The write path (ApplyReport) is in
// rocksdb_apply.cc.
#include "server/storage/rocksdb_graph_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/statistics.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/storage/key_codec.h"
#include "server/storage/record_convert.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {
namespace {

const char* const kCfNames[] = {
    kMetaCf,    kIdsCf,     kEntitiesCf,  kNamesCf, kOutEdgesCf,
    kInEdgesCf, kReportsCf, kRedirectsCf, kAuditCf, kWordsCf};

rocksdb::ColumnFamilyOptions CfOptions(
    const std::shared_ptr<rocksdb::Cache>& cache, bool edge_cf) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Point reads (entities, ids) find their key in a block by hash.
  table.data_block_index_type =
      rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  rocksdb::ColumnFamilyOptions options;
  if (edge_cf) {
    options.prefix_extractor.reset(
        rocksdb::NewFixedPrefixTransform(kEntityIdSize));
    options.memtable_prefix_bloom_size_ratio = 0.05;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

absl::Status OpenError(const std::string& path, const rocksdb::Status& s) {
  if (s.IsIOError() && absl::StrContains(s.ToString(), "lock")) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data dir ", path, " is locked by another process (", s.ToString(),
        "); is another govgraph-server running on it?"));
  }
  absl::Status status = FromRocksDb(s);
  return absl::Status(status.code(), absl::StrCat("cannot open data dir ", path,
                                                  ": ", s.ToString()));
}

// Refuses a database with column families this version does not know (a
// newer schema).
absl::Status CheckColumnFamilies(const rocksdb::DBOptions& options,
                                 const std::string& path) {
  std::vector<std::string> existing;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, path, &existing);
  if (!s.ok()) return absl::OkStatus();  // A new database.
  for (const std::string& name : existing) {
    bool known = false;
    for (const char* ours : kCfNames) known = known || name == ours;
    if (!known) {
      return absl::FailedPreconditionError(absl::StrCat(
          "data dir ", path, " has column family \"", name,
          "\" from a newer govgraph schema; upgrade govgraph-server"));
    }
  }
  return absl::OkStatus();
}

// Fills cf "words" from cf "names" (data written before schema 3), in
// batches; safe to repeat if interrupted (the version is written after).
absl::Status BuildWordIndex(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* names,
                            rocksdb::ColumnFamilyHandle* words) {
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), names));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    GOVGRAPH_ASSIGN_OR_RETURN(NameKey key, DecodeNameKey(ToView(it->key())));
    for (absl::string_view word : SplitWords(key.folded_name)) {
      batch.Put(words, EncodeNameKey(word, key.entity), "");
    }
    if (batch.Count() >= 10000) {
      GOVGRAPH_RETURN_IF_ERROR(
          FromRocksDb(db->Write(rocksdb::WriteOptions(), &batch)));
      batch.Clear();
    }
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  return FromRocksDb(db->Write(rocksdb::WriteOptions(), &batch));
}

// Reads (or, on a new database, writes) the schema version, bringing older
// data up to date first.
absl::Status CheckSchema(rocksdb::DB* db, const std::string& path,
                         rocksdb::ColumnFamilyHandle* names,
                         rocksdb::ColumnFamilyHandle* words) {
  std::string value;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), std::string(kSchemaVersionKey), &value);
  uint32_t version = 0;
  if (!s.IsNotFound()) {
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
    GOVGRAPH_ASSIGN_OR_RETURN(version, DecodeU32(value));
  }
  if (version > kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", path, " has schema version ", version,
                     "; this govgraph-server reads up to ", kSchemaVersion));
  }
  if (version == kSchemaVersion) return absl::OkStatus();
  if (version != 0 && version < 3) {
    LogInfo("building the word index of ", path, " (schema ", version, " -> ",
            kSchemaVersion, ")");
    GOVGRAPH_RETURN_IF_ERROR(BuildWordIndex(db, names, words));
  }
  // New, or older data this version reads as they are.
  rocksdb::WriteOptions write;
  write.sync = true;
  return FromRocksDb(db->Put(write, std::string(kSchemaVersionKey),
                             EncodeU32(kSchemaVersion)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> RocksDbGraphStore::Open(
    const RocksDbOptions& options) {
  if (options.path.empty()) {
    return absl::InvalidArgumentError("data dir path is empty");
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  // Column families written rarely (meta, audit, redirects) would keep every
  // WAL file alive until they flush: past this size the oldest are flushed,
  // so the WAL, and the replay on the next open, stay small.
  db_options.max_total_wal_size = 256 << 20;
  // Counters only (cache hits, stalls) for Figures(); no timers.
  db_options.statistics = rocksdb::CreateDBStatistics();
  db_options.statistics->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  if (options.env != nullptr) db_options.env = options.env;
  GOVGRAPH_RETURN_IF_ERROR(CheckColumnFamilies(db_options, options.path));

  std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int i = 0; i < kNumCfs; ++i) {
    const bool edge_cf = i == kOutEdges || i == kInEdges;
    descriptors.emplace_back(kCfNames[i], CfOptions(cache, edge_cf));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, descriptors,
                                        &handles, &raw_db);
  if (!s.ok()) return OpenError(options.path, s);
  std::unique_ptr<rocksdb::DB> db(raw_db);
  auto close = [&] {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  };

  absl::Status schema =
      CheckSchema(db.get(), options.path, handles[kNames], handles[kWords]);
  std::string next_id;
  if (schema.ok()) {
    s = db->Get(rocksdb::ReadOptions(), std::string(kNextEntityIdKey),
                &next_id);
    if (!s.ok() && !s.IsNotFound()) schema = FromRocksDb(s);
  }
  absl::StatusOr<uint64_t> next = next_id.empty() ? 1 : DecodeU64(next_id);
  if (schema.ok() && !next.ok()) schema = next.status();
  if (!schema.ok()) {
    close();
    return schema;
  }
  return std::unique_ptr<RocksDbGraphStore>(new RocksDbGraphStore(
      std::move(db), std::move(handles), *next, options.sync_writes));
}

RocksDbGraphStore::RocksDbGraphStore(
    std::unique_ptr<rocksdb::DB> db,
    std::vector<rocksdb::ColumnFamilyHandle*> handles, uint64_t next_entity_id,
    bool sync_writes)
    : db_(std::move(db)),
      handles_(std::move(handles)),
      sync_writes_(sync_writes),
      next_entity_id_(next_entity_id) {}

RocksDbGraphStore::~RocksDbGraphStore() {
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDbGraphStore::SyncThrough(uint64_t ticket) {
  absl::MutexLock lock(&sync_mu_);
  while (synced_ < ticket) {
    if (syncing_) {
      const auto done = [this, ticket]() ABSL_SHARED_LOCKS_REQUIRED(sync_mu_) {
        return !syncing_ || synced_ >= ticket;
      };
      sync_mu_.Await(absl::Condition(&done));
      continue;
    }
    syncing_ = true;
    const uint64_t target = written_.load();
    sync_mu_.Unlock();
    const rocksdb::Status s = db_->SyncWAL();
    sync_mu_.Lock();
    syncing_ = false;
    if (!s.ok()) {
      write_failed_ = true;
      return absl::UnavailableError(
          absl::StrCat("the write is not durable: ", s.ToString()));
    }
    synced_ = std::max(synced_, target);
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> RocksDbGraphStore::LookupId(
    absl::string_view external_id, const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  std::string value;
  rocksdb::Status s = db_->Get(read, cf(kIds), ToSlice(external_id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("entity \"", external_id, "\" not found"));
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  return DecodeU64(value);
}

absl::StatusOr<uint64_t> RocksDbGraphStore::ResolveId(
    absl::string_view external_id, const rocksdb::Snapshot* snapshot) const {
  // Merges may chain (a into b, b into c); a cycle cannot form because a
  // merge removes its source, but a bound keeps a corrupt store finite.
  constexpr int kMaxRedirects = 64;
  std::string id(external_id);
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    absl::StatusOr<uint64_t> found = LookupId(id, snapshot);
    if (!absl::IsNotFound(found.status())) return found;
    std::string target;
    rocksdb::Status s = db_->Get(read, cf(kRedirects), id, &target);
    if (s.IsNotFound()) break;
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
    id = std::move(target);
  }
  return absl::NotFoundError(
      absl::StrCat("entity \"", external_id, "\" not found"));
}

absl::StatusOr<EntityRecord> RocksDbGraphStore::ReadRecord(
    uint64_t id, const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  std::string value;
  rocksdb::Status s =
      db_->Get(read, cf(kEntities), EncodeEntityKey(id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("entity #", id, " not found"));
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  EntityRecord record;
  if (!ParseEntityRecord(value, &record)) {
    return absl::DataLossError(absl::StrCat("entity #", id, " is corrupt"));
  }
  return record;
}

absl::StatusOr<EntityRecord> RocksDbGraphStore::LoadRecord(
    uint64_t id, const rocksdb::Snapshot* snapshot) const {
  absl::StatusOr<EntityRecord> record = ReadRecord(id, snapshot);
  if (absl::IsNotFound(record.status())) {
    return absl::DataLossError(
        absl::StrCat("entity #", id, " is indexed but missing"));
  }
  return record;
}

absl::StatusOr<Entity> RocksDbGraphStore::GetEntity(absl::string_view id) {
  const MethodSnapshot snapshot(this);
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t internal, ResolveId(id, snapshot.get()));
  GOVGRAPH_ASSIGN_OR_RETURN(EntityRecord record,
                            LoadRecord(internal, snapshot.get()));
  return ToEntity(record, /*with_evidence=*/true);
}

namespace {

// True if `record` is the relation `key` asks for.
bool Matches(const EdgeRecord& record, const RelationKeyQuery& key) {
  if (record.role() != key.role) return false;
  if (key.start_date.empty() && key.end_date.empty()) return true;
  Relation dates;
  FillRelation(record, /*with_evidence=*/false, &dates);
  return dates.start_date == key.start_date && dates.end_date == key.end_date;
}

}  // namespace

absl::StatusOr<RocksDbGraphStore::FoundEdge> RocksDbGraphStore::FindEdgeRecord(
    uint64_t src, uint64_t dst, const RelationKeyQuery& key,
    const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  std::string value;
  FoundEdge found;
  found.key = EdgeKey{src, key.type, dst, EdgeQualifier(key.role)};
  const std::string direct = EncodeOutEdgeKey(found.key);
  rocksdb::Status s = db_->Get(read, cf(kOutEdges), direct, &value);
  if (!s.IsNotFound()) GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  if (s.ok() && !found.record.ParseFromString(value)) {
    return absl::DataLossError("edge record is corrupt");
  }
  if (s.ok() && Matches(found.record, key)) return found;
  // Imported terms, and roles whose qualifier collided, sit elsewhere
  // among the edges of this type between the two nodes.
  const std::string prefix = direct.substr(0, kEdgeKeySize - 4);
  const std::string upper_key = PrefixSuccessor(prefix);
  const rocksdb::Slice upper(upper_key);
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf(kOutEdges)));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (!found.record.ParseFromArray(it->value().data(), it->value().size())) {
      return absl::DataLossError("edge record is corrupt");
    }
    if (Matches(found.record, key)) {
      GOVGRAPH_ASSIGN_OR_RETURN(found.key, DecodeOutEdgeKey(ToView(it->key())));
      return found;
    }
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  return absl::NotFoundError(absl::StrCat(
      "relation ", RelationTypeName(key.type), " \"", key.source_id, "\" -> \"",
      key.target_id, "\" role \"", key.role, "\" not found"));
}

absl::StatusOr<Relation> RocksDbGraphStore::GetRelation(
    const RelationKeyQuery& key) {
  const MethodSnapshot snapshot(this);
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t src,
                            ResolveId(key.source_id, snapshot.get()));
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t dst,
                            ResolveId(key.target_id, snapshot.get()));
  GOVGRAPH_ASSIGN_OR_RETURN(FoundEdge found,
                            FindEdgeRecord(src, dst, key, snapshot.get()));
  return NamedRelation(found.key, found.record, /*with_evidence=*/true,
                       snapshot.get());
}

absl::StatusOr<Relation> RocksDbGraphStore::NamedRelation(
    const EdgeKey& key, const EdgeRecord& record, bool with_evidence,
    const rocksdb::Snapshot* snapshot) const {
  // The ids as stored: a merged-away id resolves to another.
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord source,
                            LoadRecord(key.source, snapshot));
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord target,
                            LoadRecord(key.target, snapshot));
  Relation relation;
  relation.type = key.type;
  relation.source_id = source.id();
  relation.target_id = target.id();
  FillRelation(record, with_evidence, &relation);
  return relation;
}

absl::Status RocksDbGraphStore::ScanPrefix(Cf which, absl::string_view prefix,
                                           absl::string_view start_after,
                                           size_t limit,
                                           const rocksdb::Snapshot* snapshot,
                                           const PrefixVisitor& visit) const {
  const std::string upper_key = PrefixSuccessor(prefix);
  rocksdb::Slice upper(upper_key);
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  if (!upper_key.empty()) read.iterate_upper_bound = &upper;
  read.prefix_same_as_start = true;  // Where the column family has one.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf(which)));
  it->Seek(ToSlice(start_after.empty() ? prefix : start_after));
  if (it->Valid() && !start_after.empty() &&
      it->key() == ToSlice(start_after)) {
    it->Next();
  }
  for (size_t visited = 0; it->Valid() && visited < limit;
       it->Next(), ++visited) {
    GOVGRAPH_RETURN_IF_ERROR(visit(ToView(it->key()), ToView(it->value())));
  }
  return FromRocksDb(it->status());
}

absl::StatusOr<std::vector<NameHit>> RocksDbGraphStore::ScanNames(
    absl::string_view folded_prefix, absl::string_view start_after,
    size_t limit) {
  if (!start_after.empty() && !absl::StartsWith(start_after, folded_prefix)) {
    return absl::InvalidArgumentError("name scan position does not fit");
  }
  const MethodSnapshot snapshot(this);
  std::vector<NameHit> hits;
  GOVGRAPH_RETURN_IF_ERROR(ScanPrefix(
      kNames, folded_prefix, start_after, limit, snapshot.get(),
      [&](absl::string_view key, absl::string_view) -> absl::Status {
        GOVGRAPH_ASSIGN_OR_RETURN(NameKey name, DecodeNameKey(key));
        GOVGRAPH_ASSIGN_OR_RETURN(EntityRecord record,
                                  LoadRecord(name.entity, snapshot.get()));
        hits.push_back(NameHit{std::move(name.folded_name),
                               ToEntity(record, /*with_evidence=*/false),
                               std::string(key)});
        return absl::OkStatus();
      }));
  return hits;
}

absl::StatusOr<uint64_t> RocksDbGraphStore::ReadCounter(
    absl::string_view key) const {
  std::string value;
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(nullptr);
  rocksdb::Status s = db_->Get(read, cf(kMeta), ToSlice(key), &value);
  if (s.IsNotFound()) return 0;
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  return DecodeU64(value);
}

// A leapfrog join of the words' posting lists (entity ids in key order):
// each list in turn seeks to the highest id seen so far.
absl::StatusOr<WordMatches> RocksDbGraphStore::FindByWords(
    const std::vector<std::string>& folded_words, size_t limit) {
  const MethodSnapshot snapshot(this);
  const size_t n = folded_words.size();
  std::vector<std::string> prefixes;
  std::vector<std::string> uppers;
  for (const std::string& word : folded_words) {
    prefixes.push_back(EncodeNameKey(word, 0).substr(0, word.size() + 1));
    uppers.push_back(PrefixSuccessor(prefixes.back()));
  }
  std::vector<rocksdb::Slice> upper_slices(uppers.begin(), uppers.end());
  std::vector<std::unique_ptr<rocksdb::Iterator>> lists;
  for (size_t i = 0; i < n; ++i) {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot.get();
    read.iterate_upper_bound = &upper_slices[i];
    lists.emplace_back(db_->NewIterator(read, cf(kWords)));
  }
  WordMatches matches;
  uint64_t target = 0;
  size_t agreed = 0;
  for (size_t i = 0;; i = (i + 1) % n) {
    rocksdb::Iterator& list = *lists[i];
    list.Seek(prefixes[i] + EncodeU64(target));
    if (!list.Valid()) {
      GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(list.status()));
      break;
    }
    GOVGRAPH_ASSIGN_OR_RETURN(NameKey key, DecodeNameKey(ToView(list.key())));
    if (key.entity != target) {
      target = key.entity;
      agreed = 1;
    } else {
      ++agreed;
    }
    if (agreed < n) continue;
    if (matches.entities.size() == limit) {
      matches.more = true;
      break;
    }
    GOVGRAPH_ASSIGN_OR_RETURN(EntityRecord record,
                              LoadRecord(target, snapshot.get()));
    matches.entities.push_back(ToEntity(record, /*with_evidence=*/false));
    ++target;
    agreed = 0;
  }
  return matches;
}

absl::StatusOr<GraphStats> RocksDbGraphStore::GetStats() {
  GraphStats stats;
  for (int kind = 1; kind <= kMaxEntityKind; ++kind) {
    GOVGRAPH_ASSIGN_OR_RETURN(
        stats.entities_by_kind[kind],
        ReadCounter(EntityCountKey(static_cast<EntityKind>(kind))));
  }
  for (int type = 1; type <= kMaxRelationType; ++type) {
    GOVGRAPH_ASSIGN_OR_RETURN(
        stats.relations_by_type[type],
        ReadCounter(RelationCountKey(static_cast<RelationType>(type))));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(stats.reports, ReadCounter(kReportCountKey));
  for (auto* handle : handles_) {
    uint64_t bytes = 0;
    if (db_->GetIntProperty(handle, "rocksdb.total-sst-files-size", &bytes)) {
      stats.disk_bytes += static_cast<int64_t>(bytes);
    }
    if (db_->GetIntProperty(handle, "rocksdb.cur-size-all-mem-tables",
                            &bytes)) {
      stats.disk_bytes += static_cast<int64_t>(bytes);
    }
  }
  return stats;
}

}  // namespace govgraph::storage
