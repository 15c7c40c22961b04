// A progress line on stderr for long operations (ingest, import, export,
// backup), drawn only on a terminal and at most ten times a second:
//
//   ingest [=========>           ]  45%  1234/2700 reports  120/s  ETA 0:12
//   export  345678 items  41000/s  0:08          (total unknown)
//   backup  0:05                                 (nothing to count)
//
// Off a terminal it prints nothing, so logs and pipes stay clean.
#ifndef GOVGRAPH_CLIENT_COMMANDS_PROGRESS_H_
#define GOVGRAPH_CLIENT_COMMANDS_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace govgraph::client {

// The line for `done` of `total` (0: unknown) `unit` after `elapsed`, with
// a bar `width` characters wide when the total is known. For tests.
std::string ProgressLine(const std::string& label, const std::string& unit,
                         int64_t done, int64_t total, absl::Duration elapsed,
                         int width = 20);

// Thread-safe.
class Progress {
 public:
  // `total` 0: unknown. Draws nothing unless stderr is a terminal.
  Progress(std::string label, std::string unit, int64_t total);
  // Clears the line.
  ~Progress();

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Whether the line is drawn (stderr is a terminal): callers may skip
  // work done only for it.
  bool shown() const { return enabled_; }
  void set_total(int64_t total);
  // Counts `n` more done and redraws if it is time.
  void Advance(int64_t n);
  // Redraws if it is time (for a clock that runs while nothing counts).
  void Tick() { Advance(0); }
  // Clears the line so that a message can be printed; the next redraw
  // draws it again.
  void Clear();

 private:
  void DrawLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string label_;
  const std::string unit_;
  const bool enabled_;
  const absl::Time start_;
  absl::Mutex mu_;
  int64_t total_ ABSL_GUARDED_BY(mu_);
  int64_t done_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time drawn_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_PROGRESS_H_
