import statistics, itertools
M=0xffffffff
def imul(a,b): return (a*b)&M
def mulberry32(seed):
    st=[seed&M]
    def rng():
        st[0]=(st[0]+0x6d2b79f5)&M
        t=st[0]
        t=imul(t^(t>>15), t|1)
        t^=(t+imul(t^(t>>7), t|61))&M
        return ((t^(t>>14))&M)/4294967296
    return rng
def derive(seed,*parts):
    h=(0x811c9dc5^(seed&M))&M
    h=imul(h,0x01000193)
    for p in parts:
        for ch in p:
            h^=ord(ch); h=imul(h,0x01000193)
        h^=0xff; h=imul(h,0x01000193)
    return h
def pct7(xs,p):
    s=sorted(xs); n=len(s); h=(n-1)*p/100; lo=int(h); hi=min(lo+1,n-1); f=h-lo
    return s[lo]+(s[hi]-s[lo])*f
def boot(vals, stat, R, seed):
    rng=mulberry32(seed); n=len(vals); out=[]
    for r in range(R):
        d=[vals[int(rng()*n)] for _ in range(n)]
        out.append(statistics.fmean(d) if stat=='mean' else statistics.median(d))
    return out
r=mulberry32(42); print('mulberry32(42)', r(), r(), r())
print('derive(1,"a","b")', derive(1,'a','b'), 'derive(7,"baseline")', derive(7,'baseline'))
v=[12.1, 9.8, 11.4, 10.9, 13.2]
d=boot(v,'mean',10000,7); print('boot mean', statistics.fmean(v), pct7(d,2.5), pct7(d,97.5))
d=boot(v,'median',10000,7); print('boot median', statistics.median(v), pct7(d,2.5), pct7(d,97.5))
b=[100,104,98,101,97]; c=[90,93,88,91,92]
db=boot(b,'mean',10000,derive(3,'baseline')); dc=boot(c,'mean',10000,derive(3,'candidate'))
ratios=[y/x for x,y in zip(db,dc)]
print('ratio', statistics.fmean(c)/statistics.fmean(b), pct7(ratios,2.5), pct7(ratios,97.5))
a=[1.0,2.0,3.0,4.0]; bb=[3.0,5.0,6.0,7.0,8.0]
allv=a+bb; obs=abs(statistics.fmean(bb)-statistics.fmean(a)); hits=0; tot=0
for comb in itertools.combinations(range(9),4):
    A=[allv[i] for i in comb]; B=[allv[i] for i in range(9) if i not in comb]
    if abs(statistics.fmean(B)-statistics.fmean(A))>=obs-1e-9: hits+=1
    tot+=1
print('perm exact', hits, tot, hits/tot)
obs=abs(statistics.median(bb)-statistics.median(a)); hits=0
for comb in itertools.combinations(range(9),4):
    A=[allv[i] for i in comb]; B=[allv[i] for i in range(9) if i not in comb]
    if abs(statistics.median(B)-statistics.median(A))>=obs-1e-9: hits+=1
print('perm exact median', hits, tot, hits/tot)
x=[3.2, 1.5, 9.9, 4.4, 7.1, 2.8]
print('quantiles incl', statistics.quantiles(x, n=10, method='inclusive'), pct7(x,90), pct7(x,25))
print('cv', statistics.stdev(x)/statistics.fmean(x)*100)
