# Entry points of the README's quick start. Each installs what is missing
# (scripts/bootstrap.sh, Debian packages only), builds, then runs.
PRESET ?= release
JOBS ?= 2
BIN = build/$(PRESET)/src/cli/piiscan

.PHONY: all deps build demo test test-asan bench clean

all: build

deps:
	scripts/bootstrap.sh

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET) -j $(JOBS)

# The main job on the sample files: findings, masked.
demo: build
	$(BIN) scan --format table examples/ ; test $$? -le 1

test:
	$(MAKE) build PRESET=ci
	ctest --preset ci -j $(JOBS)

test-asan:
	$(MAKE) build PRESET=asan
	ctest --preset asan -j $(JOBS)

bench: build
	bench/run_bench.sh $(BIN)

clean:
	rm -rf build
