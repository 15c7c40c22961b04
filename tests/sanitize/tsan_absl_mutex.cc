// Makes Debian's absl::Mutex visible to ThreadSanitizer. libabsl is built
// without -fsanitize=thread, so its Mutex takes and releases locks with
// atomics and futexes that TSan never sees, and every field guarded by an
// absl::Mutex would be reported as a race. Linked into the test binaries of
// a -fsanitize=thread build only (tests/CMakeLists.txt), this file defines
// the Mutex and CondVar members our code calls: each forwards to the
// library's own (found with dlsym(RTLD_NEXT)) and tells TSan that the mutex
// was acquired or released, as absl's ABSL_TSAN_MUTEX_* annotations would
// in an instrumented build. Definitions in the executable take precedence
// over the shared library's, for calls from the library too. The library
// evaluates Conditions (our lambdas, reading guarded fields) inside Unlock,
// Await and LockWhen, at points these wrappers cannot annotate, so TSan
// ignores the accesses made inside those calls, as absl's own annotations
// do ("divert") when it evaluates a Condition.
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"

extern "C" {
// In the TSan runtime, not declared by <sanitizer/tsan_interface.h>.
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
}

namespace {

// Memory accesses of this thread are not checked while it lives.
class IgnoreAccesses {
 public:
  IgnoreAccesses() { __tsan_ignore_thread_begin(); }
  ~IgnoreAccesses() { __tsan_ignore_thread_end(); }
};

#define GOVGRAPH_STR2(x) #x
#define GOVGRAPH_STR(x) GOVGRAPH_STR2(x)

// The library's definition of the member whose mangled name, after
// "_ZN4absl<inline namespace>", is `tail`.
template <typename Fn>
Fn Real(const char* tail) {
  const std::string ns = GOVGRAPH_STR(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  const std::string name = "_ZN4absl" + std::to_string(ns.size()) + ns + tail;
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    fprintf(stderr, "tsan_absl_mutex: %s not found\n", name.c_str());
    abort();
  }
  return reinterpret_cast<Fn>(fn);
}

using MutexFn = void (*)(absl::Mutex*);
using TryFn = bool (*)(absl::Mutex*);
using WhenFn = void (*)(absl::Mutex*, const absl::Condition&);
using WaitFn = void (*)(absl::CondVar*, absl::Mutex*);

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

void Mutex::Lock() {
  static const MutexFn real = Real<MutexFn>("5Mutex4LockEv");
  real(this);
  __tsan_acquire(this);
}

void Mutex::Unlock() {
  static const MutexFn real = Real<MutexFn>("5Mutex6UnlockEv");
  __tsan_release(this);
  IgnoreAccesses ignore;
  real(this);
}

void Mutex::ReaderLock() {
  static const MutexFn real = Real<MutexFn>("5Mutex10ReaderLockEv");
  real(this);
  __tsan_acquire(this);
}

void Mutex::ReaderUnlock() {
  static const MutexFn real = Real<MutexFn>("5Mutex12ReaderUnlockEv");
  __tsan_release(this);
  IgnoreAccesses ignore;
  real(this);
}

bool Mutex::TryLock() {
  static const TryFn real = Real<TryFn>("5Mutex7TryLockEv");
  if (!real(this)) return false;
  __tsan_acquire(this);
  return true;
}

bool Mutex::ReaderTryLock() {
  static const TryFn real = Real<TryFn>("5Mutex13ReaderTryLockEv");
  if (!real(this)) return false;
  __tsan_acquire(this);
  return true;
}

void Mutex::LockWhen(const Condition& cond) {
  static const WhenFn real = Real<WhenFn>("5Mutex8LockWhenERKNS0_9ConditionE");
  {
    IgnoreAccesses ignore;
    real(this, cond);
  }
  __tsan_acquire(this);
}

void Mutex::ReaderLockWhen(const Condition& cond) {
  static const WhenFn real =
      Real<WhenFn>("5Mutex14ReaderLockWhenERKNS0_9ConditionE");
  {
    IgnoreAccesses ignore;
    real(this, cond);
  }
  __tsan_acquire(this);
}

// Await and CondVar::Wait release the mutex while they wait.
void Mutex::Await(const Condition& cond) {
  static const WhenFn real = Real<WhenFn>("5Mutex5AwaitERKNS0_9ConditionE");
  __tsan_release(this);
  {
    IgnoreAccesses ignore;
    real(this, cond);
  }
  __tsan_acquire(this);
}

void CondVar::Wait(Mutex* mu) {
  static const WaitFn real = Real<WaitFn>("7CondVar4WaitEPNS0_5MutexE");
  __tsan_release(mu);
  {
    IgnoreAccesses ignore;
    real(this, mu);
  }
  __tsan_acquire(mu);
}

ABSL_NAMESPACE_END
}  // namespace absl
