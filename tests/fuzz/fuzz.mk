# tests/fuzz/fuzz.mk - libFuzzer targets for every parser that reads the
# network or a file (included by the top Makefile).
#
#   make fuzz                 builds every target and runs each for FUZZ_SECONDS
#                             (default 60) on a copy of its corpus in
#                             $(BUILD)/fuzz/work/<name>; new inputs stay there.
#   make check-fuzz           a short run of each (FUZZ_CHECK_SECONDS, default 2):
#                             one line per target, then "N passed, N failed".
#   make fuzz FUZZ_ONLY=money runs the named targets only (space separated).
#
# Targets are tests/fuzz/fuzz_<name>.c (LLVMFuzzerTestOneInput); their seed
# and regression inputs are tests/fuzz/corpus/<name>/ (never written to) and
# a dictionary from tests/fuzz/dict/ (FUZZ_DICT_* below). The sources they need
# are compiled again with clang and the sanitizers into $(BUILD)/fuzz/; the
# gcc objects are never reused. Needs clang and libclang-rt-14-dev (Debian).

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_CHECK_SECONDS ?= 2
FUZZ_MAX_LEN       ?= 4096
FUZZ_ONLY          ?=
FUZZ_BUILD         := $(BUILD)/fuzz

# Longer inputs: GraphQL documents, request sequences, data files.
FUZZ_MAX_LEN_gql_parse    ?= 8192
FUZZ_MAX_LEN_gql_validate ?= 8192
FUZZ_MAX_LEN_sim_request  ?= 8192
FUZZ_MAX_LEN_sim_persist  ?= 16384

FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CPPFLAGS := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -Itests/fuzz
FUZZ_CFLAGS   := -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer -MMD -MP \
                 $(FUZZ_SANITIZE) $(PKG_CFLAGS)
FUZZ_LDLIBS   := $(MHD_LIBS) $(CJSON_LIBS) $(CURSES_LIBS) -lpthread -lm

# The pure client code (codec, model, util) and the simulator minus its main().
# The parsers of the config file, theme files and key specs live in src/app
# and src/ui; theme_file.c looks names up in theme.c, which needs curses to
# link (the fuzzer never starts a screen).
FUZZ_LIB_SRC   := $(CORE_SRC) $(SIM_SRC) src/app/config.c src/ui/theme_file.c src/ui/theme.c src/ui/theme_diag.c \
                  src/ui/keymap.c src/ui/actions.c
FUZZ_LIB_OBJ   := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(FUZZ_LIB_SRC))
FUZZ_LIB       := $(FUZZ_BUILD)/libfuzzed.a
FUZZ_ALL_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES     := $(if $(strip $(FUZZ_ONLY)),$(filter $(FUZZ_ONLY),$(FUZZ_ALL_NAMES)),$(FUZZ_ALL_NAMES))
FUZZ_BINS      := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: fuzz check-fuzz fuzz-build

# Library code: instrumented for coverage, but libFuzzer's main is linked
# only into the targets.
$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -c $< -o $@

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_SANITIZE) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LDLIBS)

fuzz-build: $(FUZZ_BINS)

# Keep the targets' objects (make would delete them as intermediates). A
# pattern in .PRECIOUS, not a .SECONDARY list: a list would turn a bare
# .SECONDARY elsewhere into "only these".
.PRECIOUS: $(FUZZ_BUILD)/tests/fuzz/%.o

# Dictionaries (tests/fuzz/dict/<dict>.dict) by target.
FUZZ_DICT_json    := opp_list opp_one deleted_id error group_totals meta_objects meta_fields \
                     meta_graphql search named_list sim_record sim_group_by sim_cursor \
                     sim_request sim_persist sim_stages
FUZZ_DICT_graphql := gql_parse gql_validate
FUZZ_DICT_rest    := sim_filter sim_order sim_urlquery sim_aggregate
fuzz_dict = $(or $(firstword $(foreach d,json graphql rest,$(if $(filter $(1),$(FUZZ_DICT_$(d))),$(d)))),-)

# tests/fuzz/run.sh BUILD SECONDS MODE NAME:MAXLEN:DICT...
fuzz_args = $(foreach n,$(FUZZ_NAMES),$(n):$(or $(FUZZ_MAX_LEN_$(n)),$(FUZZ_MAX_LEN)):$(call fuzz_dict,$(n)))

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) fuzz $(fuzz_args)

check-fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_CHECK_SECONDS) check $(fuzz_args)
