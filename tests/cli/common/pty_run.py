"""Runs a program on a pseudo-terminal and answers its prompts, in order.

    python3 pty_run.py PROMPT=ANSWER... -- PROGRAM ARGS...

Each ANSWER is typed once PROMPT has appeared; an answer to a prompt ending in "(hidden)" or
containing "Password" is typed only once the terminal's echo is off, so the transcript
proves the password was not shown. Prints the transcript (CRLF as LF), exits with the
program's status. Nothing here waits on a clock: it waits for output or for the terminal's
mode to change.
"""
import fcntl
import os
import sys
import termios

sep = sys.argv.index("--")
answers = [a.split("=", 1) for a in sys.argv[1:sep]]
argv = sys.argv[sep + 1 :]

master, slave = os.openpty()
slave_name = os.ttyname(slave)
pid = os.fork()
if pid == 0:
    os.close(master)
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.execv(argv[0], argv)
os.close(slave)

out = b""


def read_more():
    global out
    try:
        chunk = os.read(master, 4096)
    except OSError:
        chunk = b""
    out += chunk
    return bool(chunk)


status, done = None, 0
for prompt, answer in answers:
    while prompt.encode() not in out:
        if not read_more():
            break
    if prompt.encode() not in out:
        break  # the program ended (or closed the terminal) without asking
    if "Password" in prompt:
        probe = os.open(slave_name, os.O_RDWR | os.O_NOCTTY)
        # Until the program turns echo off, or ends without doing so.
        while termios.tcgetattr(probe)[3] & termios.ECHO:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            os.sched_yield()
        os.close(probe)
        if done:
            break
    os.write(master, answer.encode() + b"\n")
while read_more():
    pass
if not done:
    _, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
