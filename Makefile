# Two commands do all the set-up on a fresh Debian 12 machine (as root, or with sudo):
#   make demo   install missing packages, build (Release, build/), plan the embedded example and
#               write its HTML report (build/demo-report.html)
#   make test   install missing packages, build, run every test through ctest (with the format,
#               header and fuzz checks)
# Other targets: build, debug, sanitize (ASan+UBSan test suite), fuzz (FUZZ_SECONDS per harness),
# install-deps, clean.

BUILD      ?= build
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=
FUZZ_SECONDS ?= 300

# Debian 12 packages the build, tests and benchmarks need: chromium runs the HTML report's
# browser test and its render benchmark; clang-format the format check; clang and its runtime
# libraries (libFuzzer, sanitizers) the fuzz harnesses.
DEPS := g++ make cmake ninja-build python3 zlib1g-dev libeigen3-dev libboost-graph-dev libboost-iostreams-dev \
        libfmt-dev catch2 nlohmann-json3-dev libcli11-dev libbenchmark-dev chromium \
        clang-format clang libclang-rt-14-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The sanitizer flags reach the consumer project of the installed-package test through the
# environment, so it links the instrumented library.
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZE_ENV   := CXXFLAGS="$(SANITIZE_FLAGS)" LDFLAGS="$(SANITIZE_FLAGS)" \
                  ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:exitcode=86 UBSAN_OPTIONS=print_stacktrace=1:exitcode=86

.PHONY: demo test build debug sanitize fuzz install-deps clean

# A new build directory is generated for Ninja: unlike make, it compiles a target's sources while
# the libraries it links are still being built, so the library's chain of components does not
# leave a core idle (docs/build.md). A directory already configured keeps its generator.
generator = $(if $(wildcard $(1)/CMakeCache.txt),,-G Ninja)

# The demo runs on the Porto road network when ../shared is beside the checkout.
ROADS ?= $(wildcard ../shared/roads/porto)
# The demo's plan as an HTML page; its path is printed at the end.
DEMO_REPORT ?= $(BUILD)/demo-report.html

demo: build
	./$(BUILD)/bin/fsd demo $(if $(ROADS),--roads $(ROADS)) --report $(DEMO_REPORT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: install-deps
	cmake -S . -B $(BUILD) $(call generator,$(BUILD)) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

debug: install-deps
	cmake -S . -B $(BUILD)-debug $(call generator,$(BUILD)-debug) -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	cmake --build $(BUILD)-debug -j $(JOBS)

# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer; any report
# fails the test that triggered it. The fuzz harnesses are sanitized already and not rebuilt.
sanitize: install-deps
	$(SANITIZE_ENV) cmake -S . -B $(BUILD)-sanitize $(call generator,$(BUILD)-sanitize) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFSD_BUILD_BENCH=OFF \
	  -DFSD_BUILD_FUZZ=OFF $(CMAKE_ARGS)
	cmake --build $(BUILD)-sanitize -j $(JOBS)
	cd $(BUILD)-sanitize && $(SANITIZE_ENV) ctest --output-on-failure -j $(JOBS)

# Each harness for FUZZ_SECONDS, side by side; the corpora grow in $(BUILD)/fuzz-runs.
fuzz: build
	bash fuzz/run.sh $(BUILD)/fuzz problem_reader $(FUZZ_SECONDS) $(BUILD)/fuzz-runs & p=$$!; \
	bash fuzz/run.sh $(BUILD)/fuzz plan_reader $(FUZZ_SECONDS) $(BUILD)/fuzz-runs; q=$$?; \
	wait $$p && [ $$q = 0 ]

# Installs only what is missing; apt-get update runs first, non-interactively.
install-deps:
	@missing=$$(for p in $(DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(BUILD) $(BUILD)-debug $(BUILD)-sanitize
