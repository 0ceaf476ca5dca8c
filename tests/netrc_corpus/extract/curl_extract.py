import subprocess, re, json, html
repo='/work/.mirror/curl+curl/repo'
def git(*a): return subprocess.run(['git','-C',repo,*a],capture_output=True).stdout
files=git('grep','-l','-i','<file name="[^"]*netrc','HEAD','--','tests/data').decode().split()
files=[f.split(':',1)[1] for f in files]
# also older test files that once had netrc blocks
old=git('log','--all','--format=','--name-only','-G','<file name="[^"]*netrc','--','tests/data').decode().split()
files=sorted(set(files)|set(old))
out={}
pat=re.compile(rb'<file name="[^"]*netrc[^"]*"([^>]*)>\n?(.*?)</file>', re.S)
for f in files:
    commits=git('log','--format=%H','--',f).decode().split()
    for c in commits:
        blob=git('show',f'{c}:{f}')
        for m in pat.finditer(blob):
            attrs, body = m.group(1), m.group(2)
            if b'nonewline="yes"' in attrs and body.endswith(b'\n'): body=body[:-1]
            t=body
            for k,v in [(b'%HOSTIP',b'127.0.0.1'),(b'%HTTPPORT',b'80'),(b'%FTPPORT',b'21'),(b'%TESTNUMBER',b'1'),(b'%LOGDIR',b'log')]:
                t=t.replace(k,v)
            t=html.unescape(t.decode('utf-8','surrogateescape')).encode('utf-8','surrogateescape')
            out.setdefault(t,(f,c))
print(len(files), len(out))
json.dump([[t.decode('utf-8','surrogateescape'),f,c] for t,(f,c) in out.items()], open('/tmp/lk/curl.json','w'))
