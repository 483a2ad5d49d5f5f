#!/bin/sh
# Build relay.c and run copy, splice and splice1m in turn, 5 rounds at 256 KiB and 1 MiB answers (about 2.5 GiB
# relayed per size and mode in all), the three processes' CPU per answer printed one line per run.
# Relay and worker on CPU 0, client on CPU 1, as collect pins the gateway and the load.
set -e
cc -O2 -Wall -o /tmp/relay "$(dirname "$0")/relay.c"
for round in 1 2 3 4 5; do
  for size in 262144 1048576; do
    count=$((536870912 / size))
    for mode in copy splice splice1m; do
      printf 'round=%s ' "$round"
      taskset -c 0 /tmp/relay "$mode" "$size" "$count" 1
    done
  done
done
