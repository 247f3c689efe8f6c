# vk: see README.md. `make` builds, `make check` tests everything,
# `make demo` shows the example process, `make install` installs.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man

CC ?= cc
BUILD ?= build
OPT ?= -O2 -g
# SAN: extra flags for a sanitizer build (make check sets it)
SAN ?=
WERROR ?=
# SELF_CHECK: work only the test builds do, to catch what no test looks
# for (lib/change.c reads every record it adds back and compares it). The
# builds of make check, make test and make valgrind (build/check and
# build/asan) have it; what make, make install and make bench build has
# not: it would make an import half again as slow.
TEST_BUILDS = build/check build/asan
SELF_CHECK ?= $(if $(filter $(TEST_BUILDS),$(BUILD)),-DVK_SELF_CHECK)
WARN = -Wall -Wextra -Wshadow -Wformat=2 $(WERROR)
PKGS = jansson sqlite3 icu-uc icu-i18n
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 -pthread $(OPT) $(WARN) $(SAN) $(SELF_CHECK) $(PKG_CFLAGS) -Ilib \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MMD -MP $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lcsv -lm -pthread $(LDLIBS)

LIB_SRC := $(wildcard lib/*.c lib/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBVK = $(BUILD)/libvk.a
PROGRAMS := $(patsubst bin/%.c,%,$(wildcard bin/vk-*.c))
BINS := $(PROGRAMS:%=$(BUILD)/bin/%)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNITS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MANS := $(wildcard man/*.[1-9])

SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# keep objects between builds
.SECONDARY:

.PHONY: all deps test-deps programs units check check-build test lint-man \
	demo install uninstall clean valgrind layers

all: deps
	@$(MAKE) --no-print-directory programs

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test

programs: $(BINS)

# the iCalendar checker the ics tests run (libical)
CHECK_ICS = $(BUILD)/tests/check-ics

units: $(UNITS) $(CHECK_ICS)

$(CHECK_ICS): tests/ical/check-ics.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(WARN) $(SAN) $$(pkg-config --cflags libical) -o $@ $< $$(pkg-config --libs libical)

# the flags a build's objects were made with: other flags make them again
# (so that make install never installs objects of other flags)
FLAGS_FILE = $(BUILD)/flags
$(FLAGS_FILE): FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS_ALL)' | cmp -s - $@ || echo '$(CC) $(CFLAGS_ALL)' > $@

.PHONY: FORCE
FORCE:

$(BUILD)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(LIBVK): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/bin/%.o $(LIBVK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIBVK) $(LDLIBS_ALL)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBVK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIBVK) $(LDLIBS_ALL) $$(pkg-config --libs cmocka)

# check: the warning build and its tests, the man pages, the layers, then the whole
# suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
check: test-deps
	@rm -f build/results
	@$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror programs units
	@sh tests/run build/check plain
	@sh tests/fuzz/replay.sh build/check fuzz-replay
	@sh tests/lint-man
	@sh tests/layers build/check
	@$(MAKE) --no-print-directory BUILD=build/asan WERROR=-Werror OPT="-O1 -g" SAN="$(SANFLAGS)" programs units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run build/asan sanitizers
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/fuzz/replay.sh build/asan fuzz-replay-sanitizers
	@sh tests/summary build/results

# test: the suite on the warning build only (quicker while working)
test: test-deps
	@rm -f build/results
	@$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror programs units
	@sh tests/run build/check plain
	@sh tests/fuzz/replay.sh build/check fuzz-replay
	@sh tests/summary build/results

lint-man:
	@sh tests/lint-man

# layers: no dependency runs upward, none goes around a circle (tests/layers)
layers:
	@$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror programs
	@sh tests/layers build/check

valgrind: test-deps
	@command -v valgrind >/dev/null || sh scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory BUILD=build/check WERROR=-Werror programs units
	@rm -f build/results
	@VK_VALGRIND=1 sh tests/run build/check valgrind
	@sh tests/summary build/results

demo: all
	@sh examples/demo.sh $(BUILD)/bin

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGRAMS); do install -m 0755 $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do s=$${m##*.}; install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	for p in $(PROGRAMS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BINS:%=%.d) $(UNITS:$(BUILD)/tests/%=$(BUILD)/tests/unit/%.d)

# ---- fuzzing (tests/fuzz/README) ----
# `make fuzz` builds the libFuzzer harnesses tests/fuzz/fuzz_*.c with clang
# into build/fuzz and runs each for FUZZ_SECONDS on a corpus seeded from
# examples/ and tests/fuzz/seeds; crashes found go to tests/fuzz/regressions.
# `make check` and `make test` replay the kept inputs through
# tests/fuzz/replay.c, built with the build's own compiler and flags.
FUZZ_SECONDS ?= 60
FUZZ_NAMES = csv tsv json date ical import
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_HEADERS = tests/fuzz/fuzz.h tests/fuzz/reading.h
FUZZ_REPLAYS = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz-replay-%)

.PHONY: fuzz fuzz-build

units: $(FUZZ_REPLAYS)

$(BUILD)/tests/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HEADERS) $(LIBVK)
	@mkdir -p $(@D)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS_ALL)) -Itests/fuzz -o $@ tests/fuzz/fuzz_$*.c \
		tests/fuzz/replay.c $(LIBVK) $(LDLIBS_ALL)

fuzz: deps
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory programs
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
		SAN="$(FUZZ_SAN)" fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(BUILD)/bin $(FUZZ_NAMES)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HEADERS) $(LIBVK)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS_ALL)) -fsanitize=fuzzer -Itests/fuzz -o $@ $< \
		$(LIBVK) $(LDLIBS_ALL)

# ---- bench: the benchmark of issue 7 (bench/run.sh, results in build/bench/results.md) ----
BENCH_BUILD = build/bench

.PHONY: bench

$(BENCH_BUILD)/gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

$(BENCH_BUILD)/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 $(WARN) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS) -lcsv

bench:
	@sh scripts/deps.sh bench
	@bash bench/run.sh
