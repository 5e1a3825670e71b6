# Makefile — jincun, hand-written GNU make (STYLE.md §9).
#   make deps    install the Debian packages jincun needs (apt-get, as root)
#   make         build build/jincun
#   make demo    deps + build + plan the built-in demo scenario
#   make check   deps + tests + AddressSanitizer/UBSan/LeakSanitizer run of the tests
#   make bench   every benchmark script in bench/ (bench-NAME runs bench/NAME.sh)
#   make fuzz    libFuzzer (clang) on every input parser, FUZZ_TIME seconds each
# Sources are found by wildcard: a new module needs no edit here.

SHELL := /bin/bash
CC ?= cc
CXX ?= c++
WERROR ?= -Werror
BUILD ?= build
PKGS := proj inih jansson expat zlib

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wundef
CWARN := $(WARN) -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes \
         -Wold-style-definition -Wdouble-promotion -fno-common
OPT ?= -O2 -g
SAN ?=
# `=` (not `:=`) so pkg-config runs when a recipe needs it, after `make deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -I. -D_POSIX_C_SOURCE=200809L -MMD -MP
CFLAGS = -std=c11 $(OPT) $(CWARN) $(WERROR) $(SAN) $(PKG_CFLAGS)
CXXFLAGS = -std=c++17 $(OPT) $(WARN) $(WERROR) $(SAN)
LDLIBS = $(PKG_LIBS) -lglpk -lcsv -lbz2 -lz -lm
LDFLAGS += -pthread $(SAN)

LIB_C := $(filter-out io/cli/main.c,$(wildcard util/*.c maps/*.c solver/*.c io/*/*.c))
LIB_CXX := $(wildcard maps/*.cpp)
TEST_C := $(filter-out tests/fuzz/%,$(wildcard tests/*.c tests/*/*.c tests/*/*/*.c))
# Fuzz harnesses, one per input parser: tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput.
# Every build links each with tests/fuzz/replay.c into $(BUILD)/tests/fuzz/replay_NAME, which
# `make test` and `make asan` run over the stored corpus tests/fuzz/corpus/NAME; `make fuzz`
# links them with libFuzzer instead (build/fuzz, clang).
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SUPPORT_OBJ := $(BUILD)/tests/fuzz/fuzz.o $(BUILD)/tests/fuzz/check.o
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)
# Each bench/NAME.c is a benchmark driver linked against the library: build/bench/NAME.
BENCH_C := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_C:%.c=$(BUILD)/%)

LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cpp=$(BUILD)/%.o)
TEST_OBJ := $(TEST_C:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libjincun.a
BIN := $(BUILD)/jincun
TESTBIN := $(BUILD)/jincun-tests

# Criterion runs tests in parallel; ARGS passes filters (ARGS='--filter rng/*').
ARGS ?=
TEST_ENV := JINCUN_BIN=$(abspath $(BIN)) JINCUN_ROOT=$(CURDIR)

.PHONY: all deps test cases asan check demo bench format format-check clean fuzz fuzz-replay \
        fuzz-replay-bins fuzz-bins
all: $(BIN)

deps:
	@bash .ci/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cpp
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/io/cli/main.o $(LIB)
	$(CXX) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIB)
	$(CXX) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(TESTBIN): $(TEST_OBJ) $(LIB)
	$(CXX) $(LDFLAGS) $^ $(shell pkg-config --libs criterion) $(LDLIBS) -o $@

$(BUILD)/tests/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o \
                              $(FUZZ_SUPPORT_OBJ) $(LIB)
	$(CXX) $(LDFLAGS) $^ $(LDLIBS) -o $@

# End-to-end cases (tests/cases/NAME/); CASES='plan_demo bad_x' runs some of them.
CASES ?=
test: $(BIN) $(TESTBIN) $(FUZZ_REPLAY)
	$(TEST_ENV) $(TESTBIN) $(ARGS)
	@bash tests/fuzz/replay.sh $(BUILD) $(FUZZ_NAMES)
	JINCUN=$(abspath $(BIN)) bash tests/cases/run.sh $(CASES)

cases: $(BIN)
	JINCUN=$(abspath $(BIN)) bash tests/cases/run.sh $(CASES)

fuzz-replay-bins: $(FUZZ_REPLAY)

# Each harness over its stored corpus (seeds and every past finding), once.
fuzz-replay: $(FUZZ_REPLAY)
	@bash tests/fuzz/replay.sh $(BUILD) $(FUZZ_NAMES)

# The harness objects are reached only through pattern rules: keep them between builds.
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(FUZZ_SUPPORT_OBJ) \
            $(BUILD)/tests/fuzz/replay.o

# AddressSanitizer + UBSan build in build/asan. Criterion 2.4 passes a test whose process
# LeakSanitizer flags, so the log is searched as well. The cases then run with the sanitizer
# binary (the runner fails a case whose stderr holds a sanitizer report).
asan:
	$(MAKE) BUILD=build/asan OPT='-O1 -g' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	  build/asan/jincun build/asan/jincun-tests fuzz-replay-bins
	@set -o pipefail; \
	  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1; \
	  { JINCUN_BIN=$(abspath build/asan/jincun) JINCUN_ROOT=$(CURDIR) JINCUN_ASAN=1 \
	    build/asan/jincun-tests $(ARGS) && \
	    bash tests/fuzz/replay.sh build/asan $(FUZZ_NAMES); } 2>&1 | \
	    tee build/asan/test.log; \
	  status=$$?; \
	  if grep -qE 'LeakSanitizer|AddressSanitizer|runtime error:' build/asan/test.log; then \
	    echo 'asan: sanitizer report in build/asan/test.log' >&2; exit 1; fi; \
	  if [ $$status -ne 0 ]; then exit $$status; fi; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  JINCUN=$(abspath build/asan/jincun) bash tests/cases/run.sh $(CASES)

check: deps
	$(MAKE) test
	$(MAKE) asan

demo: deps
	$(MAKE) all
	bash scenarios/demo/run.sh

bench: all $(BENCH_BIN)
	@for s in bench/*.sh; do echo "== $$s"; bash "$$s" || exit 1; done

bench-%: all $(BENCH_BIN)
	bash bench/$*.sh

# libFuzzer: the library and the harnesses built with clang into build/fuzz (instrumented
# with -fsanitize=fuzzer-no-link plus ASan/UBSan), then tests/fuzz/run.sh runs each harness
# for FUZZ_TIME seconds on its corpus (grown in build/fuzz/corpus), prints the executions and
# fails on any crash, leak, timeout or sanitizer report (inputs kept in build/fuzz/artifacts).
# Warnings do not stop it: -Werror is gcc's (make check); clang warns on code gcc accepts,
# and its -Wdouble-promotion flags glibc's NAN and INFINITY (float constants), hence the -Wno.
# FUZZ_TARGETS picks harnesses: make fuzz FUZZ_TARGETS='osm planjson' FUZZ_TIME=600.
FUZZ_TIME ?= 60
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_CC ?= clang-14
FUZZ_CXX ?= clang++-14
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer

$(BUILD)/bin/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -fsanitize=fuzzer $^ $(LDLIBS) -o $@

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/bin/fuzz_%)

fuzz:
	@bash .ci/deps.sh fuzz
	$(MAKE) BUILD=build/fuzz CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) OPT='-O1 -g' SAN='$(FUZZ_SAN)' \
	  WERROR=-Wno-double-promotion fuzz-bins
	bash tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

SRC_ALL = $(wildcard util/*.[ch] maps/*.[ch] maps/*.cpp solver/*.[ch] io/*/*.[ch] bench/*.c \
          tests/*.[ch] tests/*/*.[ch] tests/*/*/*.[ch])
format:
	clang-format -i $(SRC_ALL)

format-check:
	clang-format --dry-run --Werror $(SRC_ALL)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/io/cli/main.d $(BENCH_C:%.c=$(BUILD)/%.d) \
         $(wildcard $(BUILD)/tests/fuzz/*.d)
