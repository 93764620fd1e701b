# bench.mk - `make bench`: the benchmarks of issue 7 (not tests). Included by
# the top Makefile. bench/run.sh runs them and writes bench/results.md; see
# bench/README.md for what is measured and how.
#
#   build/bench/reqdump    the requests pipeboard opens with, as a curl config
#   build/bench/keypress   instructions per key (run under callgrind)

BENCH_DIR  := $(BUILD)/bench
BENCH_BINS := $(BENCH_DIR)/reqdump $(BENCH_DIR)/keypress

.PHONY: bench bench-tools

bench-tools: $(BENCH_BINS)

$(BENCH_DIR)/reqdump: $(BUILD)/bench/reqdump.o $(BUILD)/src/ui/layout.o $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CJSON_LIBS) -lm

$(BENCH_DIR)/keypress: $(BUILD)/bench/keypress.o $(UI_LIB) $(APP_LIB) $(NET_LIB) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The measured program is build/pipeboard itself: src/ui/loop.c calls
# ui_bench_frame_drawn() (src/ui/bench_hook.c) after every frame.

bench: all $(BENCH_BINS)
	@BUILD=$(BUILD) sh bench/run.sh
