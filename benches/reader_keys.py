#!/usr/bin/env python3
"""Reader timings ttff.py's steps cannot express (issue 12), in a real pty through pyte.

  gaps    -- COMMAND: press R (refresh), then j every 100 ms; for each j, the time until the
             status line shows the new position. Prints the largest, the 95th percentile and
             the median, over all runs. --no-refresh: the same without R, for a baseline.
  search  -- COMMAND: wait DELAY s after the first frame (the worker is indexing by then),
             then F QUERY Enter; the time until the hits are listed. Prints the median.

Usage: reader_keys.py gaps|search [--runs 5] [--delay 2] [--query Q] [--keys 60]
                      [--no-refresh] -- byline ...
"""
import argparse, os, statistics, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools"))
import pyte  # noqa: E402
from ttff import spawn  # noqa: E402


class Term:
    def __init__(self, cmd, cols=120, rows=40):
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.pid, self.fd = spawn(cmd, cols, rows, env)

    def pump(self, timeout):
        import select
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            data = os.read(self.fd, 1 << 16)
            self.stream.feed(data.decode("utf-8", "replace"))

    def until(self, test, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if test(self.screen.display):
                return time.perf_counter()
            self.pump(0.002)
        raise RuntimeError("timed out; screen:\n" + "\n".join(self.screen.display))

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def close(self):
        import signal
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def status(d):
    return d[-1]


def sessions(a):
    """Each run's reader, once its first frame is drawn; killed after the run."""
    for _ in range(a.runs):
        t = Term(a.cmd)
        try:
            t.until(lambda d: status(d).startswith(" 1/"))
            yield t
        finally:
            t.close()


def gaps(a):
    out = []
    for t in sessions(a):
        if not a.no_refresh:
            t.send("R")
            t.until(lambda d: "refresh" in status(d))
        done_at, run = None, []
        for k in range(2, a.keys + 2):
            sent = time.perf_counter()
            t.send("j")
            shown = t.until(lambda d, k=k: status(d).startswith(f" {k}/"))
            run.append((shown - sent) * 1000)
            while time.perf_counter() < sent + 0.1:
                t.pump(0.002)
            if done_at is None and "refreshed" in status(t.screen.display):
                done_at = k - 1
        out.extend(run)
        said = status(t.screen.display).strip()[:90]
        print(f"run: refresh done after key {done_at} of {a.keys}; worst {max(run):.1f} ms; {said}")
    out.sort()
    p95 = out[int(len(out) * 0.95) - 1]
    print(f"key_to_frame max={max(out):.1f} p95={p95:.1f} median={statistics.median(out):.1f} "
          f"n={len(out)}")


def search(a):
    out = []
    for t in sessions(a):
        end = time.perf_counter() + a.delay
        while time.perf_counter() < end:
            t.pump(0.01)
        t.send("F")
        t.until(lambda d: "search the store" in status(d))
        sent = time.perf_counter()
        t.send(a.query + "\r")
        shown = t.until(lambda d: "match" in status(d))
        out.append((shown - sent) * 1000)
        print(f"run: {out[-1]:.1f} ms: {status(t.screen.display).strip()[:100]}")
    print(f"search_hits median={statistics.median(out):.1f} min={min(out):.1f} max={max(out):.1f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("what", choices=["gaps", "search"])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--keys", type=int, default=60)
    p.add_argument("--delay", type=float, default=2.0)
    p.add_argument("--query", default="oil prices")
    p.add_argument("--no-refresh", action="store_true", help="gaps: a baseline without R")
    p.add_argument("cmd", nargs="+")
    a = p.parse_args()
    {"gaps": gaps, "search": search}[a.what](a)


if __name__ == "__main__":
    main()
