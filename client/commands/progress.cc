#include "client/commands/progress.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace govgraph::client {
namespace {

constexpr absl::Duration kRedrawEvery = absl::Milliseconds(100);

// "1:05", "12:00:03".
std::string Clock(absl::Duration duration) {
  const int64_t seconds = absl::ToInt64Seconds(duration);
  if (seconds >= 3600) {
    return absl::StrFormat("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                           seconds % 60);
  }
  return absl::StrFormat("%d:%02d", seconds / 60, seconds % 60);
}

}  // namespace

std::string ProgressLine(const std::string& label, const std::string& unit,
                         int64_t done, int64_t total, absl::Duration elapsed,
                         int width) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string line = label;
  if (total > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < width) bar += '>';
    bar.resize(static_cast<size_t>(width), ' ');
    absl::StrAppendFormat(&line, " [%s] %3d%%  %d/%d %s", bar,
                          static_cast<int>(fraction * 100), done, total, unit);
  } else if (!unit.empty()) {
    absl::StrAppend(&line, "  ", done, " ", unit);
  }
  if (!unit.empty() && seconds > 0) {
    absl::StrAppendFormat(&line, "  %.0f/s", rate);
  }
  if (total > 0 && done > 0 && done < total && rate > 0) {
    const double left = static_cast<double>(total - done) / rate;
    absl::StrAppend(&line, "  ETA ", Clock(absl::Seconds(left)));
  } else {
    absl::StrAppend(&line, "  ", Clock(elapsed));
  }
  return line;
}

Progress::Progress(std::string label, std::string unit, int64_t total)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(absl::Now()),
      total_(total) {}

Progress::~Progress() { Clear(); }

void Progress::set_total(int64_t total) {
  absl::MutexLock lock(&mu_);
  total_ = total;
}

void Progress::Advance(int64_t n) {
  absl::MutexLock lock(&mu_);
  done_ += n;
  DrawLocked();
}

void Progress::Clear() {
  if (!enabled_) return;
  absl::MutexLock lock(&mu_);
  std::cerr << "\r\033[K" << std::flush;
  drawn_ = absl::InfinitePast();
}

void Progress::DrawLocked() {
  if (!enabled_) return;
  const absl::Time now = absl::Now();
  if (now - drawn_ < kRedrawEvery) return;
  drawn_ = now;
  std::cerr << "\r\033[K"
            << ProgressLine(label_, unit_, done_, total_, now - start_)
            << std::flush;
}

}  // namespace govgraph::client
