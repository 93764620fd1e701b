# tests/sanitize.mk - the memory checks of make check (included by the top
# Makefile after tests/fuzz/fuzz.mk).
#
#   make check-asan      builds everything again with gcc's AddressSanitizer
#                        and UndefinedBehaviorSanitizer into $(BUILD)/asan and
#                        runs the unit, contract and UI suites with it: a
#                        suite passes when its checks pass AND no sanitizer
#                        report was written (one more assertion per suite).
#   make check-valgrind  runs the unit suites (CK_FORK=no) and every UI suite
#                        (pipeboard only: PB_WRAP, see tests/ui/lib.sh) of the
#                        normal build under valgrind memcheck: each process is
#                        one more assertion, failed on any error or any
#                        definite/indirect leak (tests/valgrind.supp lists the
#                        suppressions and why).
#   make check-everything
#                        what make check is meant to run (see CHECK_KINDS):
#                        every suite of the normal build, a short fuzz run of
#                        every libFuzzer target, check-asan and check-valgrind,
#                        in one tests/run.sh call, so the last line is still
#                        the total "N passed, N failed".
#
# The kinds are run by tests/run.sh BUILD KIND...; make only builds. Needs
# valgrind, clang and libclang-rt-14-dev besides the build packages.

ASAN_BUILD    := $(BUILD)/asan
ASAN_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ASAN_CFLAGS   ?= -O1 -g
VALGRIND      ?= valgrind
# make check-everything: the builds run CHECK_JOBS compilers at a time; the
# kinds of tests/run.sh (a+b: at the same time, see there) in this order.
CHECK_JOBS    ?= 2
# The unit, contract and integration suites (timings asserted) alone; then
# one branch for what keeps a core busy (the sanitized suites, the fuzzers,
# valgrind of the unit suites) next to the three UI runs, which mostly wait.
# asan-ui and valgrind-ui, the longest (mostly waiting), run as two
# branches each.
CHECK_KINDS   ?= unit contract integration \
                 asan-unit,asan-contract,fuzz,valgrind-unit+ui+asan-ui:1/2+asan-ui:2/2+valgrind-ui:1/2+valgrind-ui:2/2

# The environment tests/run.sh reads for the fuzz, asan and valgrind kinds.
SAN_RUN_ENV = FUZZ_CHECK_SECONDS='$(FUZZ_CHECK_SECONDS)' FUZZ_ARGS='$(fuzz_args)' \
              ASAN_BUILD='$(ASAN_BUILD)' VALGRIND='$(VALGRIND)'

# Sub-makes read the top Makefile only (it has every rule they need).
TOP_MAKE = $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

# A second build of the same sources with the sanitizers: a sub-make with
# another BUILD and CC (CFLAGS through the environment, so that the
# Makefile's "CFLAGS +=" still adds the warnings and pkg-config flags).
ASAN_MAKE = CFLAGS='$(ASAN_CFLAGS)' $(TOP_MAKE) BUILD='$(ASAN_BUILD)' CC='$(CC) $(ASAN_SANITIZE)' all \
            $(patsubst tests/%.c,$(ASAN_BUILD)/tests/%,$(wildcard tests/unit/test_*.c tests/contract/test_*.c))

.PHONY: asan-build check-asan check-valgrind check-everything

asan-build:
	@$(ASAN_MAKE)

check-asan: asan-build
	@$(SAN_RUN_ENV) sh tests/run.sh $(BUILD) asan

check-valgrind: all $(UNIT_TESTS)
	@$(SAN_RUN_ENV) sh tests/run.sh $(BUILD) valgrind

check-everything:
	@$(TOP_MAKE) -j$(CHECK_JOBS) tests fuzz-build
	@$(ASAN_MAKE) -j$(CHECK_JOBS)
	@$(SAN_RUN_ENV) sh tests/run.sh $(BUILD) $(CHECK_KINDS)
