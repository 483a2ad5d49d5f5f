import subprocess, re, random, time, math, sys, json
random.seed(3)
G='/work/main/native/build/gateway'
def start():
    procs={}
    for m,p in (('proxy',18080),('fdpass',18081)):
        procs[p]=subprocess.Popen(['taskset','-c','0',G,'--mode',m,'--port',str(p),'--workers','1'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    return procs
def pids(procs,p):
    gw=procs[p].pid
    return [str(gw)]+subprocess.run(['pgrep','-P',str(gw)],capture_output=True,text=True).stdout.split()
def wrk(port,d):
    o=subprocess.run(['taskset','-c','1','wrk','-t','2','-c','100','-d',f'{d}s',f'http://127.0.0.1:{port}/api/hello'],capture_output=True,text=True).stdout
    return float(re.search(r'Requests/sec:\s+([\d.]+)',o).group(1))
def run(procs,port,inst):
    side=[]
    if inst=='inst':
        ev='task-clock,context-switches,cpu-migrations,page-faults,raw_syscalls:sys_enter'
        for pid in pids(procs,port):
            side.append(subprocess.Popen(['taskset','-c','1','perf','stat','-e',ev,'-p',pid,'--','sleep','6'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL))
        side.append(subprocess.Popen(['taskset','-c','1','pidstat','-u','-r','-w','-h','-p',','.join(pids(procs,port)),'1','5'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL))
    r=wrk(port,5)
    for s in side: s.wait()
    return r
res={'bare':[],'inst':[]}; raw=[]
conds=[]
for b in range(12):
    c=['bare','inst']; random.shuffle(c); conds+=c
for b,cond in enumerate(conds):
    procs=start()
    for p in procs: wrk(p,1)
    order=[18080,18081]; random.shuffle(order); v={}
    for p in order: v[p]=run(procs,p,cond)
    for p in procs.values(): p.terminate(); p.wait()
    r=v[18081]/v[18080]; res[cond].append(math.log(r)); raw.append((cond,v[18080],v[18081]))
    print(b,cond,int(v[18080]),int(v[18081]),f'{(r-1)*100:+.1f}%',flush=True)
for d,l in res.items():
    n=len(l);mu=sum(l)/n;sd=(sum((x-mu)**2 for x in l)/(n-1))**.5
    print(d,'mean %+.1f%% sd %.3f'%((math.exp(mu)-1)*100,sd))
json.dump(raw,open('/tmp/meas/restart.json','w'))
