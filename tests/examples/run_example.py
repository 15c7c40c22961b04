#!/usr/bin/python3
"""Runs an example client against a govgraph-server of its own.

  run_example.py --server BIN -- COMMAND [ARGS...]

Starts BIN on a free loopback port with a fresh data dir, runs COMMAND
ARGS... --addr=127.0.0.1:PORT, stops the server with SIGTERM and exits with
the example's exit code (2 if the server did not start, 1 if it did not
stop cleanly). The example's output passes through.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

START_SECONDS = 20
EXAMPLE_SECONDS = 120


def start_server(server, work_dir):
    """Returns (process, "127.0.0.1:PORT"), the address None on failure."""
    port_file = os.path.join(work_dir, "port")
    process = subprocess.Popen(
        [server, "--listen=127.0.0.1:0", "--port_file=" + port_file,
         "--data_dir=" + os.path.join(work_dir, "data"),
         "--sync_writes=false", "--log_format=text", "--log_level=warning"])
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        # The server writes the port and a newline once it is serving.
        if os.path.exists(port_file):
            with open(port_file) as f:
                text = f.read()
            if text.endswith("\n") and text.strip().isdigit():
                return process, "127.0.0.1:" + text.strip()
        time.sleep(0.02)
    return process, None


def stop_server(process):
    """SIGTERMs the server; returns its exit code, None if it hung."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    work_dir = tempfile.mkdtemp(prefix="govgraph_example_")
    process, address = start_server(args.server, work_dir)
    try:
        if address is None:
            print("FAIL: govgraph-server did not start", file=sys.stderr)
            return 2
        code = subprocess.run(args.command + ["--addr=" + address],
                              timeout=EXAMPLE_SECONDS).returncode
        stopped = stop_server(process)
        if stopped != 0:
            print("FAIL: server exited with %s on SIGTERM" % stopped,
                  file=sys.stderr)
            return 1
        print("PASS" if code == 0 else "FAIL: example exited %d" % code)
        return code
    finally:
        stop_server(process)
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
