// Extraction throughput on one thread, in bytes of report text per second
// (SetBytesProcessed; Google Benchmark prints binary prefixes, M = 2^20):
//   BM_ExtractCorpus          every article of the corpus directory, in name
//                             order: $GOVGRAPH_CORPUS_DIR, else
//                             /tmp/vn-news-2017; only the first
//                             $GOVGRAPH_CORPUS_LIMIT files when set. Skipped,
//                             with the reason, when the directory is missing.
//   BM_ExtractMeetingReport   one typical meeting report (kMeetingReport).
// The articles are read before timing starts.
//
//   build-bench/bin/govgraph_extract_benchmark [--benchmark_filter=Corpus]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "bench/corpus_files.h"
#include "benchmark/benchmark.h"
#include "server/extract/extraction.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"

namespace govgraph::bench {
namespace {

using extract::Extraction;
using extract::Extractor;
using extract::ReportInput;

// A made-up meeting report in the style of the corpus (title line, then one
// long paragraph; 3 KB, near the corpus median of 2.8 KB): a chair, attendees
// with positions, organisations, and directives.
constexpr const char kMeetingReport[] =
    "UBND tỉnh Quảng Nam họp bàn giải pháp phòng, chống hạn mặn năm 2017\n"
    "Sáng 14-3, tại TP Tam Kỳ, UBND tỉnh Quảng Nam tổ chức hội nghị "
    "triển khai các giải pháp phòng, chống hạn hán và xâm nhập mặn mùa "
    "khô năm 2017. Đồng chí Trần Văn Hòa, Phó Chủ tịch UBND tỉnh, chủ "
    "trì hội nghị. Tham dự hội nghị có đồng chí Lê Thị Mai, Giám đốc Sở "
    "Nông nghiệp và Phát triển nông thôn; đồng chí Nguyễn Đức Thắng, "
    "Phó Giám đốc Sở Tài nguyên và Môi trường; lãnh đạo Công ty TNHH "
    "MTV Khai thác thủy lợi Quảng Nam cùng đại diện UBND các huyện, thị "
    "xã, thành phố trong tỉnh. Theo báo cáo của Sở Nông nghiệp và Phát "
    "triển nông thôn, từ đầu năm đến nay lượng mưa trên địa bàn tỉnh "
    "thấp hơn trung bình nhiều năm khoảng 40%, mực nước tại nhiều hồ "
    "chứa chỉ đạt 55-60% dung tích thiết kế. Dự báo trong các tháng 5, "
    "6 và 7, khoảng 3.500 ha lúa vụ hè thu tại các huyện Duy Xuyên, "
    "Điện Bàn, Thăng Bình có nguy cơ thiếu nước tưới; độ mặn trên sông "
    "Vu Gia, Thu Bồn có thể vượt ngưỡng cho phép ở nhiều điểm lấy nước. "
    "Phát biểu tại hội nghị, ông Nguyễn Đức Thắng cho biết Sở Tài "
    "nguyên và Môi trường đã phối hợp với Đài Khí tượng thủy văn tỉnh "
    "tăng tần suất quan trắc độ mặn lên 2 lần mỗi ngày và cập nhật kết "
    "quả trên cổng thông tin điện tử của tỉnh. Kết luận hội nghị, Phó "
    "Chủ tịch UBND tỉnh Trần Văn Hòa yêu cầu Sở Nông nghiệp và Phát "
    "triển nông thôn chủ trì, phối hợp với các địa phương rà soát toàn "
    "bộ diện tích có nguy cơ thiếu nước, chủ động chuyển đổi khoảng "
    "1.000 ha lúa sang cây trồng cạn sử dụng ít nước trước ngày 30-4. "
    "Ông cũng đề nghị Công ty TNHH MTV Khai thác thủy lợi Quảng Nam vận "
    "hành các hồ chứa theo quy trình liên hồ, ưu tiên nước cho sinh "
    "hoạt và sản xuất, không để xảy ra tình trạng tranh chấp nguồn nước "
    "giữa các địa phương. UBND các huyện, thị xã, thành phố được giao "
    "xây dựng phương án cấp nước sinh hoạt cho người dân vùng ven biển, "
    "chuẩn bị kinh phí để nạo vét kênh mương, lắp đặt trạm bơm dã chiến "
    "khi cần thiết. Đồng chí Trần Văn Hòa nhấn mạnh, công tác phòng, "
    "chống hạn mặn phải được triển khai quyết liệt, đồng bộ, với tinh "
    "thần chủ động từ sớm, từ xa; người đứng đầu các đơn vị, địa phương "
    "phải chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để thiệt hại "
    "xảy ra do chủ quan, thiếu trách nhiệm. Sở Tài chính được yêu cầu "
    "tham mưu bố trí nguồn kinh phí dự phòng để hỗ trợ kịp thời cho các "
    "địa phương bị ảnh hưởng. Minh Anh";

// The extractor over the built-in lexicon; aborts if that does not load.
const Extractor& GetExtractor() {
  static const Extractor* const kExtractor = [] {
    absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
        extract::Lexicon::BuiltIn();
    if (!lexicon.ok()) {
      std::fprintf(stderr, "built-in lexicon: %s\n",
                   lexicon.status().ToString().c_str());
      std::abort();
    }
    return new Extractor(*std::move(lexicon));
  }();
  return *kExtractor;
}

struct Corpus {
  std::vector<ReportInput> reports;
  int64_t bytes = 0;
  std::string error;  // Why there are no reports; empty if loaded.
};

Corpus LoadCorpus() {
  Corpus corpus;
  const std::string dir = CorpusDirFromEnv();
  absl::StatusOr<std::vector<std::string>> paths =
      ListCorpusFiles(dir, CorpusLimitFromEnv());
  if (!paths.ok()) {
    corpus.error = absl::StrCat(paths.status().message(),
                                "; set GOVGRAPH_CORPUS_DIR or unpack "
                                "shared/corpus/vn-news-2017.tar.xz into /tmp");
    return corpus;
  }
  for (const std::string& path : *paths) {
    absl::StatusOr<std::string> text = ReadCorpusFile(path);
    if (!text.ok()) {
      corpus.error = text.status().ToString();
      return corpus;
    }
    corpus.bytes += static_cast<int64_t>(text->size());
    corpus.reports.emplace_back();
    corpus.reports.back().text = *std::move(text);
  }
  if (corpus.reports.empty()) corpus.error = "no *.txt files in " + dir;
  return corpus;
}

// Loaded on first use, so that filtering it out costs nothing.
const Corpus& GetCorpus() {
  static const Corpus* const kCorpus = new Corpus(LoadCorpus());
  return *kCorpus;
}

// Extracts every report of `reports` once per iteration. Extraction errors
// are counted, not fatal: the sweep tool is where they are examined.
void ExtractAll(benchmark::State& state,
                const std::vector<ReportInput>& reports, int64_t bytes) {
  const Extractor& extractor = GetExtractor();
  int64_t errors = 0;
  for (auto _ : state) {
    for (const ReportInput& report : reports) {
      absl::StatusOr<Extraction> extraction = extractor.Extract(report);
      errors += !extraction.ok();
      benchmark::DoNotOptimize(extraction);
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(reports.size()));
  state.counters["reports"] = static_cast<double>(reports.size());
  state.counters["errors"] = benchmark::Counter(
      static_cast<double>(errors), benchmark::Counter::kAvgIterations);
}

void BM_ExtractCorpus(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  ExtractAll(state, corpus.reports, corpus.bytes);
}
BENCHMARK(BM_ExtractCorpus)->Unit(benchmark::kMillisecond);

void BM_ExtractMeetingReport(benchmark::State& state) {
  std::vector<ReportInput> reports(1);
  reports[0].text = kMeetingReport;
  reports[0].published_date = "2017-03-14";
  ExtractAll(state, reports, static_cast<int64_t>(reports[0].text.size()));
}
BENCHMARK(BM_ExtractMeetingReport)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace govgraph::bench

BENCHMARK_MAIN();
