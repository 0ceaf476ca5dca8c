import json, re, subprocess, os, ast, hashlib
out_dir = '/work/wt/lookups/tests/netrc_corpus'
os.makedirs(out_dir, exist_ok=True)
items = []  # (name, bytes, repo, path, commit, note)
def add(name, data, repo, path, commit, note=''):
    items.append((name, data, repo, path, commit, note))
def git(repo, *a): return subprocess.run(['git','-C',repo,*a],capture_output=True).stdout

# curl
def unhex(t):
    return re.sub(rb'%hex\[(.*?)\]hex%', lambda m: bytes(int(x,16) for x in re.findall(rb'%([0-9a-fA-F]{2})', m.group(1))), t)
for t,f,c in json.load(open('/tmp/lk/curl.json')):
    b = unhex(t.encode('utf-8','surrogateescape'))
    add(f'curl-{os.path.basename(f)}-{c[:8]}', b, 'curl/curl', f, c)

# CPython, recorded from each version's test_netrc.py
for v in ['3.13.0','3.12.1','3.11.7','3.10.13','3.9.18','3.8.18','3.7.16','3.6.15']:
    for test, text in json.load(open(f'/tmp/lk/cpy-{v}.json')):
        add(f'cpython{v.rsplit(".",1)[0]}-{test}', text.encode(), 'python/cpython', 'Lib/test/test_netrc.py', f'v{v}', 'recorded from make_nrc')

# Ruby gem data files and inline strings
rb='/work/.mirror/heroku+netrc/repo'
rbc=git(rb,'rev-parse','HEAD').decode().strip()
for c in git(rb,'log','--format=%H','--','data','test').decode().split():
    for f in git(rb,'ls-tree','-r','--name-only',c).decode().split():
        if f.endswith('.netrc'):
            add('ruby-'+os.path.basename(f).replace('.netrc',''), git(rb,'show',f'{c}:{f}'), 'heroku/netrc', f, c)
def ruby_strings(src):
    # runs of "..."+ lines (a concatenated expected file)
    out=[]; cur=[]
    for line in src.splitlines():
        m = re.match(r'\s*(?:exp = )?"((?:[^"\\]|\\.)*)"\s*(\+)?\s*$', line)
        if m:
            cur.append(m.group(1))
            if not m.group(2):
                out.append(''.join(cur)); cur=[]
        else:
            cur=[]
    for m in re.finditer(r'Netrc\.lex\(\[((?:"(?:[^"\\]|\\.)*",?\s*)+)\]\)', src):
        out.append(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
    return [s.encode().decode('unicode_escape').encode('latin-1').decode('utf-8').encode() for s in out]
for c in git(rb,'log','--format=%H','--','test').decode().split():
  for f in ['test/netrc_test.rb','test/lex_test.rb','test/test_netrc.rb','test/test_lex.rb']:
    src=git(rb,'show',f'{c}:{f}').decode('utf-8','replace')
    for i,s in enumerate(ruby_strings(src)):
        add(f'ruby-{os.path.basename(f)[:-3]}-{i}', s, 'heroku/netrc', f, c)

# rust-netrc (gribouille/netrc, the parser uv uses)
rs='/work/.mirror/gribouille+netrc/repo'
rsc=git(rs,'rev-parse','HEAD').decode().strip()
for f in ['src/netrc.rs','src/lex.rs','src/lib.rs']:
    src=git(rs,'show',f'HEAD:{f}').decode()
    tests=src[src.find('#[cfg(test)]'):] if '#[cfg(test)]' in src else ''
    found=re.findall(r'r#"(.*?)"#', tests, re.S)
    for m in re.finditer(r'(?<![r#\w])"((?:[^"\\]|\\.)*)"', re.sub(r'r#".*?"#','',tests,flags=re.S)):
        s=m.group(1)
        if re.search(r'\b(machine|default|macdef)\b', s):
            found.append(bytes(s,'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8'))
    for i,s in enumerate(found):
        if re.search(r'\b(machine|default|macdef)\b', s):
            add(f'rust-netrc-{os.path.basename(f)[:-3]}-{i}', s.encode(), 'gribouille/netrc', f, rsc)

# Go cmd/go
go = open('/tmp/lk/go_netrc.txt','rb').read()
add('go-testNetrc', go, 'golang/go', 'src/cmd/go/internal/auth/netrc_test.go', '11d83d11ca2eca9d542036cf5e23559388fd323e', 'the testNetrc constant')
blocks = go.split(b'\n\n')
for i in range(1, len(blocks)):
    add(f'go-testNetrc-first{i}', b'\n\n'.join(blocks[:i]) + b'\n', 'golang/go', 'src/cmd/go/internal/auth/netrc_test.go', '11d83d11ca2eca9d542036cf5e23559388fd323e', f'the testNetrc constant, its first {i} blank-line-separated blocks')

ours = {
 'comment-after-blank': b'machine example.org login alice password p1\n\n# old tokens below\nmachine other.org login bob password p2\n',
 'account-empty': b'machine example.org login alice password p1 account ""\n',
 'account-missing': b'machine example.org login alice password p1 account\n',
 'unknown-trailing-word': b'machine example.org login alice password p1 extra\n',
 'hash-password': b'machine example.org login log password #pass account acct\n',
 'hash-password-next-line': b'machine example.org login log password #pass\nmachine other.org login bob password p2\n',
 'macdef-inside-entry': b'machine example.org login alice macdef m\nline\n\npassword p1\n',
 'missing-field-then-default': b'machine example.org login alice\ndefault login d password dp\n',
 'password-only-then-machine': b'machine example.org password p1\nmachine other.org login bob password p2\n',
 'password-only-last': b'machine other.org login bob password p2\nmachine example.org password p1\n',
 'no-credentials': b'machine example.org\nmachine other.org login bob password p2\n',
 'nul-in-line': b'machine example.org login alice password p1\x00x\nmachine other.org login bob password p2\n',
 'duplicates': b'machine example.org login old1 password p1\nmachine example.org login old2 password p2\n',
 'default-first': b'default login d password dp\nmachine example.org login alice password p1\n',
 'long-line': b'machine example.org login alice password ' + b'x'*5000 + b'\nmachine other.org login bob password p2\n',
 'bom': b'\xef\xbb\xbfmachine example.org login alice password p1\n',
 'port-keyword': b'machine example.org login alice password p1 port 443\n',
 'upper-case-machine': b'machine Example.ORG login alice password p1\n',
}
for name, data in ours.items():
    add('issue15-'+name, data, 'netrc-guard', 'issue 15', '', 'a shape named in issue 15 (ours)')
base=list(items)
for name,data,repo,path,commit,note in base:
    if repo in ('curl/curl','golang/go','heroku/netrc') and b'\n' in data and b'\r\n' not in data:
        add(name+'-crlf', data.replace(b'\n', b'\r\n'), repo, path, commit, (note+'; ' if note else '')+'derived: LF line ends written as CRLF (a file saved on Windows)')
seen={}; rows=[]
for name,data,repo,path,commit,note in items:
    if data in seen: continue
    n=name; k=2
    while n in {r[0] for r in rows}: n=f'{name}-{k}'; k+=1
    seen[data]=n
    rows.append((n,data,repo,path,commit,note))
for f in os.listdir(out_dir):
    if f.endswith('.netrc'): os.unlink(os.path.join(out_dir,f))
with open(os.path.join(out_dir,'SOURCES.tsv'),'w') as s:
    s.write('file\trepository\tpath\tcommit or version\tnote\n')
    for n,data,repo,path,commit,note in rows:
        open(os.path.join(out_dir,n+'.netrc'),'wb').write(data)
        s.write(f'{n}.netrc\t{repo}\t{path}\t{commit}\t{note}\n')
import collections
print(len(rows), collections.Counter(r[2] for r in rows))
