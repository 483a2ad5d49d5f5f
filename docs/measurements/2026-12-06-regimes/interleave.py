import subprocess, re, random, time, math, sys, json
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
G='/work/main/native/build/gateway'
gw=[subprocess.Popen(['taskset','-c','0',G,'--mode',m,'--port',str(p),'--workers','1'],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL) for m,p in (('proxy',18080),('fdpass',18081))]
time.sleep(1)
def wrk(port,d):
    o=subprocess.run(['taskset','-c','1','wrk','-t','2','-c','100','-d',f'{d}s',f'http://127.0.0.1:{port}/api/hello'],capture_output=True,text=True).stdout
    req=int(re.search(r'(\d+) requests in',o).group(1)); rps=float(re.search(r'Requests/sec:\s+([\d.]+)',o).group(1))
    return req,rps
for p in (18080,18081): wrk(p,1)
res={'inter':[], 'long':[]}
log=[]
for b in range(13):
    designs=['inter','long']; random.shuffle(designs)
    for d in designs:
        if d=='inter':
            s={18080:[0,0],18081:[0,0]}
            for k in range(5):
                ps=[18080,18081]; random.shuffle(ps)
                for p in ps:
                    t0=time.time(); req,rps=wrk(p,1); s[p][0]+=req; s[p][1]+=time.time()-t0
                    log.append((d,b,p,rps))
            r=(s[18081][0]/5)/(s[18080][0]/5)
        else:
            ps=[18080,18081]; random.shuffle(ps); v={}
            for p in ps:
                req,rps=wrk(p,5); v[p]=rps; log.append((d,b,p,rps))
            r=v[18081]/v[18080]
        res[d].append(math.log(r)); print(d,b,f'{(r-1)*100:+.1f}%',flush=True)
for g in gw: g.terminate()
for d,l in res.items():
    n=len(l);mu=sum(l)/n;sd=(sum((x-mu)**2 for x in l)/(n-1))**.5
    print(d,'mean %+.1f%% sd %.3f'%((math.exp(mu)-1)*100,sd))
json.dump(log,open('/tmp/meas/interleave-%s.json'%(sys.argv[1] if len(sys.argv)>1 else 1),'w'))
