# govgraph: two commands do everything on a fresh Debian 12 machine.
#   make run    install what is missing, build (Release), serve on
#               127.0.0.1:50051 with the RocksDB store under ./data
#   make test   install what is missing, build, run every test (ctest)
# Also: make build, make deps, make format, make sanitize, make clean.

BUILD_DIR ?= build
BUILD_TYPE ?= Release
LISTEN ?= 127.0.0.1:50051
DATA_DIR ?= ./data
CTEST_PARALLEL ?= 2

# Debian packages the build and the tests need.
PACKAGES := build-essential cmake ninja-build pkg-config \
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler \
  grpc-proto librocksdb-dev libabsl-dev libgtest-dev libgmock-dev \
  libicu-dev python3 python3-grpcio python3-protobuf clang-format \
  libbenchmark-dev clang libclang-rt-14-dev xz-utils libssl-dev openssl \
  prometheus-cpp-dev libxml2-utils zsh yamllint bazel-bootstrap

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build run test format docs bazel sanitize clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q \
	    --no-install-recommends $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR)

run: build
	mkdir -p $(DATA_DIR)
	$(BUILD_DIR)/bin/govgraph-server --listen=$(LISTEN) --data_dir=$(DATA_DIR)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(CTEST_PARALLEL)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

# The suite under ASan + UBSan and the concurrency test under TSan, in clang
# sub-builds $(BUILD_DIR)/asan and $(BUILD_DIR)/tsan (what ctest's label
# "sanitize" runs in CI). SANITIZE_LONG=1: the longer local mode.
SANITIZE_LONG ?= 0
sanitize: deps
	GOVGRAPH_SANITIZE_LONG=$(SANITIZE_LONG) tests/sanitize/run_sanitized_suite.sh \
	  asan . $(BUILD_DIR)/asan
	GOVGRAPH_SANITIZE_LONG=$(SANITIZE_LONG) tests/sanitize/run_sanitized_suite.sh \
	  tsan . $(BUILD_DIR)/tsan

# The same targets built and tested with Bazel, offline (bazel-alt/README.md).
bazel: deps
	cd bazel-alt && bazel build //... && bazel test //...

# docs/api.md from the proto's comments (ctest's api_docs_fresh checks it).
docs:
	/usr/bin/python3 docs/gen_api_md.py

clean:
	rm -rf $(BUILD_DIR)
