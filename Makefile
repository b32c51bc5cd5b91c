# A thin Makefile for people; the build itself is CMake (build/).
#   make          build build/tact and the libraries
#   make run      install what is missing, build, start tact serve on 127.0.0.1
#   make test     install what is missing, build, run the whole test suite
#   make eval     scenario suite and corpus figures (reads ../shared)
#   make bench    speed and memory figures
#   make asan     the test suite under AddressSanitizer + UBSan
#   make fuzz     each libFuzzer target for FUZZ_SECONDS (default 600)
#   make valgrind the spec tests under valgrind memcheck
#   make train    retrain the committed models from ../shared/corpora
#   make man      man pages from include/tact.h and docs/

BUILD ?= build
JOBS ?= 2
FUZZ_SECONDS ?= 600
CMAKE_FLAGS ?=
ADDR ?= 127.0.0.1:8080

.PHONY: all deps build run test eval bench asan fuzz fuzz-ci valgrind train man clean

all: build

deps:
	@sh tools/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@sh tools/run.sh $(BUILD)/tact $(ADDR)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

eval: build
	@sh eval/run.sh $(BUILD)/tact

bench: build
	@sh bench/run.sh $(BUILD)/tact

asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DTACT_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DTACT_FUZZ=ON -DTACT_SANITIZE=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

fuzz-ci:
	@FUZZ_JOBS=$(JOBS) $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

valgrind: build
	@VG_JOBS=$(JOBS) sh tests/valgrind.sh $(BUILD)/tact

train: build
	@sh tools/train.sh

man: build
	@cmake --build $(BUILD) --target man

clean:
	rm -rf $(BUILD) build-asan build-fuzz
