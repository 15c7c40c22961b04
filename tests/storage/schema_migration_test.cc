// Opening data written before schema 3 (no cf "words") builds the word
// index from the names, once, and records the new version.
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "server/storage/key_codec.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::MakeEntity;
using ::testing::ElementsAre;

class SchemaMigrationTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  // Rewinds the closed store to schema 2: version 2, cf "words" empty.
  void RewindToSchema2() {
    store_.reset();
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const char* name :
         {kMetaCf, kIdsCf, kEntitiesCf, kNamesCf, kOutEdgesCf, kInEdgesCf,
          kReportsCf, kRedirectsCf, kAuditCf, kWordsCf}) {
      cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(rocksdb::DBOptions(), path_, cfs, &handles, &raw)
            .ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::WriteOptions write;
    ASSERT_TRUE(
        db->Put(write, std::string(kSchemaVersionKey), EncodeU32(2)).ok());
    ASSERT_TRUE(db->DeleteRange(write, handles[9], "", "\xff\xff").ok());
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }

  std::vector<std::string> Words(std::vector<std::string> words) {
    absl::StatusOr<WordMatches> found = store_->FindByWords(words, 10);
    EXPECT_TRUE(found.ok()) << found.status();
    std::vector<std::string> ids;
    for (const Entity& e : found->entities) ids.push_back(e.id);
    return ids;
  }
};

TEST_F(SchemaMigrationTest, OpeningSchema2DataBuildsTheWordIndex) {
  ReportFacts facts;
  facts.report = MakeEntity("r1", EntityKind::kReport, "Báo cáo");
  facts.entities = {
      MakeEntity("o1", EntityKind::kOrganization, "Thành ủy Hà Nội"),
      MakeEntity("p1", EntityKind::kPerson, "Nguyễn Văn Hà")};
  Apply(facts);
  EXPECT_THAT(Words({"ha", "thanh"}), ElementsAre("o1"));

  RewindToSchema2();
  Reopen();
  EXPECT_THAT(Words({"ha"}), ElementsAre("o1", "p1"));
  EXPECT_THAT(Words({"nguyen", "ha"}), ElementsAre("p1"));
}

}  // namespace
}  // namespace govgraph::storage
