# pipeboard: a terminal board for the Twenty CRM pipeline, and twenty-sim,
# the local Twenty-compatible server it is tested against.
#
# Layout (every directory is picked up by wildcard, so adding a file needs no
# change here):
#   src/sim/*.c         -> build/libsim.a  (+ src/sim/main.c -> build/twenty-sim)
#   src/util|twenty|model/*.c -> build/libcore.a (pure: no curses, no curl)
#   src/net/*.c         -> build/libnet.a  (the only code that includes curl)
#   src/ui/*.c          -> build/libui.a   (the only code that includes curses)
#   src/app/*.c         -> build/libapp.a  (wiring: config, demo server child, event loop)
#   src/main.c          -> build/pipeboard
#   tests/unit/test_*.c         -> one Check executable each
#   tests/contract/test_*.c     -> one Check executable each (+ support/*.c)
#   tests/integration/test_*.c  -> one Check executable each (+ support/*.c)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS    := ncursesw libcurl libcjson check libmicrohttpd
DEBIAN_PACKAGES := build-essential pkg-config libncurses-dev libcurl4-openssl-dev \
                   libcjson-dev check libmicrohttpd-dev zlib1g-dev tmux \
                   valgrind clang libclang-rt-14-dev openssl strace
# tmux drives the UI tests; valgrind, clang and libclang-rt-14-dev (libFuzzer)
# run the memory checks and the fuzzers of make check; openssl makes the test
# CA of the TLS test; strace counts a frame's writes (tests/ui/test_frame_writes.sh). For make bench (the curl floor): make deps-dev
DEV_PACKAGES    := curl

PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
CURSES_LIBS = $(shell pkg-config --libs ncursesw 2>/dev/null)
CURL_LIBS   = $(shell pkg-config --libs libcurl 2>/dev/null)
CJSON_LIBS  = $(shell pkg-config --libs libcjson 2>/dev/null)
CHECK_LIBS  = $(shell pkg-config --libs check 2>/dev/null)
MHD_LIBS    = $(shell pkg-config --libs libmicrohttpd 2>/dev/null)

VERSION := 0.1.0
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DPIPEBOARD_VERSION='"$(VERSION)"' \
            -DPIPEBOARD_PREFIX='"$(PREFIX)"' -Isrc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -MMD -MP $(PKG_CFLAGS)
LDLIBS_ALL = $(CURSES_LIBS) $(CURL_LIBS) $(MHD_LIBS) $(CJSON_LIBS) -lpthread -lm

SIM_SRC   := $(filter-out src/sim/main.c,$(wildcard src/sim/*.c))
CORE_SRC  := $(wildcard src/util/*.c src/twenty/*.c src/model/*.c)
NET_SRC   := $(wildcard src/net/*.c)
UI_SRC    := $(wildcard src/ui/*.c)
APP_SRC   := $(wildcard src/app/*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

SIM_LIB  := $(BUILD)/libsim.a
CORE_LIB := $(BUILD)/libcore.a
NET_LIB  := $(BUILD)/libnet.a
UI_LIB   := $(BUILD)/libui.a
APP_LIB  := $(BUILD)/libapp.a
LIBS_ALL := $(UI_LIB) $(APP_LIB) $(NET_LIB) $(CORE_LIB) $(SIM_LIB)

UNIT_TESTS        := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_*.c))
CONTRACT_SUPPORT  := $(call obj,$(wildcard tests/contract/support/*.c))
CONTRACT_TESTS    := $(patsubst tests/contract/%.c,$(BUILD)/tests/contract/%,$(wildcard tests/contract/test_*.c))
INTEG_SUPPORT     := $(call obj,$(wildcard tests/integration/support/*.c))
INTEG_TESTS       := $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%,$(wildcard tests/integration/test_*.c))

BINARIES := $(BUILD)/twenty-sim $(if $(wildcard src/main.c),$(BUILD)/pipeboard)

# Keep the test objects (intermediate files to make): no rebuilds, and no
# "rm …" line after the test summary.
.PRECIOUS: $(BUILD)/%.o

.PHONY: deps-dev install uninstall all check check-unit check-contract check-integration check-ui run clean deps install uninstall tests

all: $(BINARIES)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(SIM_LIB): $(call obj,$(SIM_SRC))
$(CORE_LIB): $(call obj,$(CORE_SRC))
$(NET_LIB): $(call obj,$(NET_SRC))
$(UI_LIB): $(call obj,$(UI_SRC))
$(APP_LIB): $(call obj,$(APP_SRC))
$(BUILD)/%.a:
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/twenty-sim: $(BUILD)/src/sim/main.o $(SIM_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(MHD_LIBS) $(CJSON_LIBS) -lpthread -lm

$(BUILD)/pipeboard: $(BUILD)/src/main.o $(UI_LIB) $(APP_LIB) $(NET_LIB) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(CURSES_LIBS) $(CURL_LIBS) $(CJSON_LIBS) -lpthread -lm

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

$(BUILD)/tests/contract/%: $(BUILD)/tests/contract/%.o $(CONTRACT_SUPPORT) $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

$(BUILD)/tests/integration/%: $(BUILD)/tests/integration/%.o $(INTEG_SUPPORT) $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

tests: all $(UNIT_TESTS) $(CONTRACT_TESTS) $(INTEG_TESTS)

# The test command of the README: every suite of the normal build, a short
# run of every fuzzer, the unit, contract and UI suites under ASan+UBSan, and
# the unit and UI suites under valgrind (tests/sanitize.mk: check-everything).
# Each suite prints Check's summary or its own count; the runner adds them
# up and ends with "N passed, N failed".
check: check-everything

check-unit: all $(UNIT_TESTS)
	@sh tests/run.sh $(BUILD) unit
check-contract: all $(CONTRACT_TESTS)
	@sh tests/run.sh $(BUILD) contract
check-integration: all $(INTEG_TESTS)
	@sh tests/run.sh $(BUILD) integration
check-ui: all
	@sh tests/run.sh $(BUILD) ui

run: all
	$(if $(wildcard src/main.c),$(BUILD)/pipeboard,$(BUILD)/twenty-sim --port 0 --stages demo --seed 300)

# Installs the Debian packages needed to build, run and test (as root or via sudo).
deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	if ! dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1; then \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $(DEBIAN_PACKAGES); \
	fi

BINDIR  := $(DESTDIR)$(PREFIX)/bin
SHAREDIR := $(DESTDIR)$(PREFIX)/share/pipeboard
MANDIR  := $(DESTDIR)$(PREFIX)/share/man/man1

# pipeboard finds twenty-sim next to itself, so both go to the same bin/.
install: all
	install -d $(BINDIR) $(SHAREDIR)/themes $(MANDIR)
	install -m 0755 $(BINARIES) $(BINDIR)/
	$(if $(wildcard themes/*),install -m 0644 $(wildcard themes/*) $(SHAREDIR)/themes/)
	install -m 0644 doc/pipeboard.1 $(MANDIR)/pipeboard.1

uninstall:
	rm -f $(BINDIR)/pipeboard $(BINDIR)/twenty-sim $(MANDIR)/pipeboard.1
	rm -rf $(SHAREDIR)

deps-dev: deps
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	if ! dpkg -s $(DEV_PACKAGES) >/dev/null 2>&1; then \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $(DEV_PACKAGES); \
	fi

clean:
	rm -rf $(BUILD)

# Fuzzing targets (libFuzzer, clang): make fuzz, make check-fuzz
-include tests/fuzz/fuzz.mk
# Sanitizers and valgrind: make check-asan, make check-valgrind (and check)
-include tests/sanitize.mk
# Benchmarks (not tests): make bench writes bench/results.md
-include bench/bench.mk
# Real screenshots (xterm under Xvfb): make screenshots, make deps-shots, make readme-keys
-include screenshots/screenshots.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
