# Two commands do all the set-up on a fresh Debian 12 machine (as root, or with sudo):
#   make demo   install missing packages, build (Release, build/), plan the embedded example and
#               write its HTML report (build/demo-report.html)
#   make test   install missing packages, build, run every test through ctest
# Other targets: build, debug, bench-quick, install-deps, clean.

BUILD      ?= build
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=

# Debian 12 packages the build, tests and benchmarks need; chromium runs the HTML report's
# browser test and its render benchmark.
DEPS := g++ make cmake python3 zlib1g-dev libeigen3-dev libboost-graph-dev libboost-iostreams-dev \
        libfmt-dev catch2 nlohmann-json3-dev libcli11-dev libbenchmark-dev chromium

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test build debug install-deps clean bench-quick

# The demo runs on the Porto road network when ../shared is beside the checkout.
ROADS ?= $(wildcard ../shared/roads/porto)
# The demo's plan as an HTML page; its path is printed at the end.
DEMO_REPORT ?= $(BUILD)/demo-report.html

demo: build
	./$(BUILD)/bin/fsd demo $(if $(ROADS),--roads $(ROADS)) --report $(DEMO_REPORT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: install-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

debug: install-deps
	cmake -S . -B $(BUILD)-debug -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	cmake --build $(BUILD)-debug -j $(JOBS)

# Installs only what is missing; apt-get update runs first, non-interactively.
install-deps:
	@missing=$$(for p in $(DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(BUILD) $(BUILD)-debug
