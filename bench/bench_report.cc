#include "bench/bench_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/queries_file.h"
#include "client/commands/json_writer.h"
#include "google/protobuf/struct.pb.h"

namespace govgraph::bench {
namespace {

using client::JsonWriter;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The value after "KEY:" on the first line of `path` that starts with KEY.
std::string ProcField(const std::string& path, absl::string_view key) {
  std::istringstream lines(ReadFile(path));
  for (std::string line; std::getline(lines, line);) {
    if (!absl::StartsWith(line, key)) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    return std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  return "";
}

void WriteHost(JsonWriter& json) {
  json.Key("host");
  json.BeginObject();
  json.Key("cpus");
  json.Int(std::thread::hardware_concurrency());
  json.Field("cpu", ProcField("/proc/cpuinfo", "model name"));
  int64_t mem_kb = 0;
  (void)absl::SimpleAtoi(
      absl::StripSuffix(ProcField("/proc/meminfo", "MemTotal"), " kB"),
      &mem_kb);
  json.Key("mem_gib");
  json.Int(std::llround(mem_kb / (1024.0 * 1024.0)));
  json.Field("node", "n/a");
  json.Key("loadavg");
  json.BeginArray();
  std::vector<std::string> load =
      absl::StrSplit(ReadFile("/proc/loadavg"), ' ');
  for (size_t i = 0; i < 3 && i < load.size(); ++i) {
    double value = 0;
    (void)absl::SimpleAtod(load[i], &value);
    json.Double(value);
  }
  json.EndArray();
  json.EndObject();
}

void WriteInstance(const InstanceResult& r, JsonWriter& json) {
  json.BeginObject();
  json.Key("i");
  json.Int(r.index);
  json.Key("ms");
  json.Double(r.ms);
  if (!r.timeout.empty()) {
    json.Field("timeout", r.timeout);
  } else if (!r.error.empty()) {
    json.Field("error", r.error);
  } else {
    json.Key("rows");
    json.Int(r.rows);
    json.Field("digest", r.digest);
    json.Field("first", r.first);
  }
  json.EndObject();
}

void WriteQueryType(const QueryTypeResult& q, JsonWriter& json) {
  std::vector<double> ms;
  int timeouts = 0;
  int errors = 0;
  for (const InstanceResult& r : q.instances) {
    ms.push_back(r.ms);
    timeouts += !r.timeout.empty();
    errors += !r.error.empty();
  }
  std::sort(ms.begin(), ms.end());
  double total = 0;
  for (double m : ms) total += m;
  json.BeginObject();
  json.Key("n_planned");
  json.Int(q.planned);
  json.Key("n");
  json.Int(ms.size());
  json.Key("timeouts");
  json.Int(timeouts);
  json.Key("errors");
  json.Int(errors);
  json.Key("truncated");
  json.Bool(q.truncated);
  json.Key("warmup_s");
  json.Double(q.warmup_s);
  for (const auto& [key, p] : {std::pair{"p50_ms", 50.0}, {"p99_ms", 99.0}}) {
    json.Key(key);
    json.Double(Percentile(ms, p));
  }
  json.Key("mean_ms");
  json.Double(ms.empty() ? 0 : total / ms.size());
  json.Key("max_ms");
  json.Double(ms.empty() ? 0 : ms.back());
  json.Key("total_s");
  json.Double(total / 1000);
  json.Key("instances");
  json.BeginArray();
  for (const InstanceResult& r : q.instances) WriteInstance(r, json);
  json.EndArray();
  json.EndObject();
}

}  // namespace

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double rank = std::ceil(p / 100 * sorted.size()) - 1;
  const size_t i = static_cast<size_t>(
      std::clamp(rank, 0.0, static_cast<double>(sorted.size() - 1)));
  return sorted[i];
}

std::string ResultJson(const BenchResult& result) {
  JsonWriter json;
  json.BeginObject();
  json.Field("engine", "govgraph");
  json.Field("version", result.version);
  json.Key("scale");
  json.Double(result.scale);
  json.Field("status", "done");
  json.Field("data", result.data_dir);
  WriteHost(json);
  json.Key("load");
  json.BeginObject();
  json.Key("seconds");
  json.Double(result.load_seconds);
  json.Key("size_mb");
  json.Double(result.size_mb);
  json.Key("details");
  json.BeginObject();
  json.Key("nodes");
  json.Int(result.nodes);
  json.Key("edges");
  json.Int(result.edges);
  json.EndObject();
  json.EndObject();
  json.Key("queries");
  json.BeginObject();
  for (const auto& [type, q] : result.queries) {
    json.Key(type);
    WriteQueryType(q, json);
  }
  json.EndObject();
  json.EndObject();
  return json.str();
}

absl::StatusOr<std::vector<std::string>> CheckDigests(
    const BenchResult& result, const std::string& reference_path) {
  absl::StatusOr<google::protobuf::Struct> reference =
      ReadJsonFile(reference_path);
  if (!reference.ok()) return reference.status();
  const auto& ref_queries =
      reference->fields().at("queries").struct_value().fields();
  std::vector<std::string> mismatches;
  for (const auto& [type, q] : result.queries) {
    std::map<int, const google::protobuf::Struct*> expected;
    const auto it = ref_queries.find(type);
    if (it != ref_queries.end()) {
      const auto& list = it->second.struct_value().fields().at("instances");
      for (const auto& v : list.list_value().values()) {
        const auto& f = v.struct_value().fields();
        expected[static_cast<int>(f.at("i").number_value())] =
            &v.struct_value();
      }
    }
    for (const InstanceResult& r : q.instances) {
      const auto e = expected.find(r.index);
      if (e == expected.end() || !e->second->fields().count("digest")) continue;
      const auto& f = e->second->fields();
      const std::string& want = f.at("digest").string_value();
      if (r.digest == want) continue;
      mismatches.push_back(absl::StrCat(
          type, "[", r.index,
          "]: ", r.digest.empty() ? r.error + r.timeout : r.digest, " (",
          r.rows, " rows, first ", r.first, ") != ", want, " (",
          f.count("rows") ? f.at("rows").number_value() : -1, " rows, first ",
          f.count("first") ? f.at("first").string_value() : "", ")"));
    }
  }
  return mismatches;
}

}  // namespace govgraph::bench
