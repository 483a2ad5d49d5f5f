# native/bench/bench.mk - the C benchmark clients, included by native/Makefile (`-include bench/bench.mk`).
# Also usable alone from native/: make -f bench/bench.mk BUILD=build
# Paths are relative to native/, where make runs.

# Included before the gateway's own targets, the first rule here would become make's default
# goal; the saved value is put back at the end so `make -C native` still builds `all`.
gbb_saved_default_goal := $(.DEFAULT_GOAL)

BUILD ?= build
CC ?= gcc
CFLAGS ?= -O2 -g -Wall -Wextra -Werror -std=gnu11 -D_GNU_SOURCE

BENCH_DIR := bench
BENCH_LIB := gbb_opt gbb_target gbb_resp gbb_conn gbb_hist gbb_load gbb_proc gbb_cmd gbb_watch
BENCH_LIB_OBJS := $(BENCH_LIB:%=$(BUILD)/bench/%.o)
BENCH_TOOLS := bench-throughput bench-latency bench-memory bench-cpu
BENCH_BINS += $(BENCH_TOOLS:%=$(BUILD)/%) $(BUILD)/speed-probe

.PHONY: bench bench-clean
bench: $(BENCH_TOOLS:%=$(BUILD)/%) $(BUILD)/speed-probe

$(BUILD)/bench/%.o: $(BENCH_DIR)/%.c $(wildcard $(BENCH_DIR)/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/bench-%: $(BUILD)/bench/bench_%.o $(BENCH_LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -pthread -lm

# speed-probe: not a load/monitor client (no bench_ prefix), only the option helper
$(BUILD)/speed-probe: $(BUILD)/bench/speed_probe.o $(BUILD)/bench/gbb_opt.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

# make keeps the objects: they are inputs of four binaries
.SECONDARY: $(BENCH_LIB_OBJS) $(BENCH_TOOLS:bench-%=$(BUILD)/bench/bench_%.o) $(BUILD)/bench/speed_probe.o

bench-clean:
	rm -rf $(BUILD)/bench $(BENCH_TOOLS:%=$(BUILD)/%) $(BUILD)/speed-probe

ifeq ($(firstword $(MAKEFILE_LIST)),bench/bench.mk)
.DEFAULT_GOAL := bench
else
.DEFAULT_GOAL := $(gbb_saved_default_goal)
endif
