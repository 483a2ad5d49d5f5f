#!/usr/bin/env python3
"""Per-second CPU of the proxy's gateway and worker in every throughput trial of the committed runs of
2026-12-06 (pidstat, 1 s samples), beside the trial's req/s: shows the batching regimes of section 4 of
README.md. Reads raw-results/ only; run from the repository root."""
import glob, os, re

RUNS = ['2026-12-06T05-53-30Z-v1.0-vs-v2.0', '2026-12-06T06-06-55Z-v1.0-vs-v2.0',
        '2026-12-06T06-27-06Z-v1.0-vs-v2.0', '2026-12-06T09-34-31Z-v1.0-vs-v2.0']
for run in RUNS:
    print(run)
    for rep in sorted(glob.glob(f'raw-results/{run}/proxy/rep-*'), key=lambda p: int(p.split('-')[-1])):
        f = f'{rep}/throughput.pidstat.txt'
        if not os.path.exists(f):
            continue
        rows = [l.split() for l in open(f) if re.match(r'^\d\d:\d\d:\d\d\s+\d+\s+\d+', l)]
        pids = sorted({r[2] for r in rows}, key=int)
        gateway, worker = pids[0], pids[-1]  # the worker is the gateway's child: the larger pid
        cpu = lambda pid: ' '.join(f'{float(r[7]):4.0f}' for r in rows if r[2] == pid)
        rps = float(re.search(r'Requests/sec:\s+([\d.]+)', open(f'{rep}/throughput.wrk.txt').read()).group(1))
        print(f"  {os.path.basename(rep):7s} {rps / 1000:6.1f}k req/s  worker %CPU {cpu(worker)}  gateway %CPU {cpu(gateway)}")
