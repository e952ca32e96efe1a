import glob,collections
AB={'N':'no_institution_building','V':'vague_measure','S':'selective_rectification','R':'responsibility_pushed_down','E':'self_exemption','P':'paper_only_fix','O':'verbal_only_accountability','L':'lenient_on_serious','M':'named_only','B':'blame_shifting'}
c=collections.Counter();n=0;docs=set()
for f in sorted(glob.glob('b*.txt')):
    for line in open(f,encoding='utf-8'):
        line=line.rstrip('\n')
        if not line.strip(): continue
        if line.startswith('@'): docs.add(line[1:].split('|')[0]); continue
        p=line.split('|'); assert len(p)==4,(f,line)
        labs=[] if p[0]=='-' else [AB.get(x,x) for x in p[0].split('+')]
        n+=1
        if not labs: c['[]']+=1
        for l in labs: c[l]+=1
print(n,len(docs),dict(c))
