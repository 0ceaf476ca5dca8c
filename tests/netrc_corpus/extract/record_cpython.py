# Runs a CPython test_netrc.py with make_nrc (and file writes in test_security) recorded.
import sys, json, importlib.util, unittest, textwrap, builtins
path, out = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("tn", path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
seen = []
orig = mod.NetrcTestCase.make_nrc
def make_nrc(self, data):
    seen.append((self.id().split('.')[-1], textwrap.dedent(data)))
    return orig(self, data)
mod.NetrcTestCase.make_nrc = make_nrc
suite = unittest.defaultTestLoader.loadTestsFromModule(mod)
unittest.TextTestRunner(stream=open('/dev/null','w')).run(suite)
json.dump(seen, open(out, 'w'))
print(len(seen), file=sys.stderr)
