"""A loopback web server that demands Basic auth, for scripts/ray-cluster-e2e.sh.

Serves the same zip at every `*.zip` path. The accepted `login:password` is read from a file
on every request, so a rotation is a rewrite of that file. Every request is logged as one JSON
line (path, and whether it carried no, wrong or right credentials), never the credentials.
Usage: server.py ZIP CREDENTIALS_FILE LOG_FILE PORT_FILE"""
import base64
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

zip_path, cred_path, log_path, port_path = sys.argv[1:5]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with open(cred_path) as f:
            expected = "Basic " + base64.b64encode(f.read().strip().encode()).decode()
        given = self.headers.get("Authorization")
        auth = "none" if given is None else ("ok" if given == expected else "bad")
        with lock, open(log_path, "a") as log:
            log.write(json.dumps({"path": self.path, "auth": auth}) + "\n")
        if auth != "ok":
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="private"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not self.path.endswith(".zip"):
            self.send_error(404)
            return
        with open(zip_path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
# The port file appears whole.
with open(port_path + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_path + ".tmp", port_path)
server.serve_forever()
