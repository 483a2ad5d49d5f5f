#!/bin/bash
# Who pays for loopback TCP transmission at 1 MiB: full load (wrk -c100) vs a fixed rate (32 req/s).
# gateway + its worker on CPU 0, client on CPU 1; perf stat task-clock per process; perf record -a -g.
cd /work/main
OUT=/tmp/meas/xmit; rm -rf $OUT; mkdir -p $OUT; URL=http://127.0.0.1:18090/api/payload?size=1048576
for mode in proxy fdpass; do
  taskset -c 0 native/build/gateway --mode $mode --port 18090 --workers 1 > $OUT/gw-$mode.out 2>&1 &
  GW=$!; sleep 1
  W=$(pgrep -P $GW | paste -sd,)
  taskset -c 1 wrk -t1 -c100 -d3s $URL > /dev/null   # warm-up
  for load in full fixed; do
    if [ $load = full ]; then
      taskset -c 1 wrk -t1 -c100 -d8s $URL > $OUT/$mode-$load.client.txt & C=$!
    else
      taskset -c 1 native/build/bench-latency -R 32 -c 10 -d 8s $URL > $OUT/$mode-$load.client.txt & C=$!
    fi
    sleep 1
    perf stat -e task-clock -p $GW -o $OUT/$mode-$load.gw.stat -- sleep 5 & P1=$!
    perf stat -e task-clock -p $W -o $OUT/$mode-$load.worker.stat -- sleep 5 & P2=$!
    perf stat -e task-clock -p $C -o $OUT/$mode-$load.client.stat -- sleep 5 & P3=$!
    perf stat -a -A -e task-clock -o $OUT/$mode-$load.cpus.stat -- sleep 5 & P4=$!
    perf record -a -g -F 499 -o $OUT/$mode-$load.perf.data -- sleep 5 2> /dev/null
    wait $C $P1 $P2 $P3 $P4
  done
  kill -TERM $GW; wait $GW
done
echo done
