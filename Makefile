# Makefile — jincun, hand-written GNU make (STYLE.md §9).
#   make deps    install the Debian packages jincun needs (apt-get, as root)
#   make         build build/jincun
#   make demo    deps + build + plan the built-in demo scenario
#   make check   deps + tests + AddressSanitizer/UBSan/LeakSanitizer run of the tests
#   make bench   every benchmark script in bench/ (bench-NAME runs bench/NAME.sh)
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
TEST_C := $(wildcard tests/*.c tests/*/*.c tests/*/*/*.c)
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

.PHONY: all deps test cases asan check demo bench format format-check clean
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

# End-to-end cases (tests/cases/NAME/); CASES='plan_demo bad_x' runs some of them.
CASES ?=
test: $(BIN) $(TESTBIN)
	$(TEST_ENV) $(TESTBIN) $(ARGS)
	JINCUN=$(abspath $(BIN)) bash tests/cases/run.sh $(CASES)

cases: $(BIN)
	JINCUN=$(abspath $(BIN)) bash tests/cases/run.sh $(CASES)

# AddressSanitizer + UBSan build in build/asan. Criterion 2.4 passes a test whose process
# LeakSanitizer flags, so the log is searched as well. The cases then run with the sanitizer
# binary (the runner fails a case whose stderr holds a sanitizer report).
asan:
	$(MAKE) BUILD=build/asan OPT='-O1 -g' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	  build/asan/jincun build/asan/jincun-tests
	@set -o pipefail; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  JINCUN_BIN=$(abspath build/asan/jincun) JINCUN_ROOT=$(CURDIR) JINCUN_ASAN=1 \
	  build/asan/jincun-tests $(ARGS) 2>&1 | tee build/asan/test.log; \
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

SRC_ALL = $(wildcard util/*.[ch] maps/*.[ch] maps/*.cpp solver/*.[ch] io/*/*.[ch] bench/*.c \
          tests/*.[ch] tests/*/*.[ch] tests/*/*/*.[ch])
format:
	clang-format -i $(SRC_ALL)

format-check:
	clang-format --dry-run --Werror $(SRC_ALL)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/io/cli/main.d $(BENCH_C:%.c=$(BUILD)/%.d)
