import subprocess, re, random, time, math, sys, json
random.seed(2)
G='/work/main/native/build/gateway'
procs={}
for m,p in (('proxy',18080),('fdpass',18081)):
    procs[p]=subprocess.Popen(['taskset','-c','0',G,'--mode',m,'--port',str(p),'--workers','1'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
time.sleep(1)
def pids(p):
    gw=procs[p].pid
    ch=subprocess.run(['pgrep','-P',str(gw)],capture_output=True,text=True).stdout.split()
    return [str(gw)]+ch
def wrk(port,d):
    o=subprocess.run(['taskset','-c','1','wrk','-t','2','-c','100','-d',f'{d}s',f'http://127.0.0.1:{port}/api/hello'],capture_output=True,text=True).stdout
    return float(re.search(r'Requests/sec:\s+([\d.]+)',o).group(1))
def run(port,inst):
    side=[]
    if inst in('perf-tc','perf-sys'):
        ev='task-clock,context-switches' if inst=='perf-tc' else 'task-clock,context-switches,cpu-migrations,page-faults,raw_syscalls:sys_enter'
        for pid in pids(port):
            side.append(subprocess.Popen(['taskset','-c','1','perf','stat','-e',ev,'-p',pid,'--','sleep','6'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL))
    if inst=='pidstat':
        side.append(subprocess.Popen(['taskset','-c','1','pidstat','-u','-r','-w','-h','-p',','.join(pids(port)),'1','5'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL))
    r=wrk(port,5)
    for s in side: s.wait()
    return r
for p in procs: wrk(p,1)
insts=['bare','perf-tc','perf-sys','pidstat']
res={}
for rnd in range(3):
    for port in (18080,18081):
        order=insts[:]; random.shuffle(order)
        for i in order:
            r=run(port,i); res.setdefault((port,i),[]).append(r); print(rnd,port,i,int(r),flush=True)
for p in procs.values(): p.terminate()
for k,v in sorted(res.items()): print(k,[int(x) for x in v], int(sum(v)/len(v)))
