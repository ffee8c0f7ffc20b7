#!/usr/bin/env python3
"""Seed an Isso thread over real HTTP (stdlib only).

Usage: isso_seed.py --port PORT --uri URI [--title TITLE] FILE

FILE holds JSON lines {"author": "Name" or null, "text": "markdown", "parent": null or the 0-based
index of an earlier line}; optional "email" and "website" are passed through. Each line becomes one
POST /new?uri=URI on 127.0.0.1:PORT, in order, with the headers Isso's embed client sends; a parent
index is replaced by the id Isso returned for that line. The first POST carries "title" (Isso needs
one to create a thread whose page it cannot fetch). Any non-2xx response aborts with exit status 1.
A summary goes to stderr; nothing is written to stdout.
"""

import argparse
import http.client
import json
import sys
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--uri", required=True)
    ap.add_argument("--title", default="Bench thread")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("file")
    args = ap.parse_args()

    origin = f"http://127.0.0.1:{args.port}"
    path = "/new?uri=" + urllib.parse.quote(args.uri, safe="")
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Origin": origin,
        "Referer": origin + args.uri,
    }

    ids = []  # line index -> Isso id
    replies = 0
    started = time.monotonic()
    with open(args.file, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as e:
                sys.exit(f"isso_seed: {args.file}:{lineno}: not JSON: {e}")
            body = {"text": item["text"], "author": item.get("author")}
            for key in ("email", "website"):
                if item.get(key) is not None:
                    body[key] = item[key]
            parent = item.get("parent")
            if parent is not None:
                if not isinstance(parent, int) or not 0 <= parent < len(ids):
                    sys.exit(f"isso_seed: {args.file}:{lineno}: parent {parent!r} is not an earlier line")
                body["parent"] = ids[parent]
                replies += 1
            if not ids:
                body["title"] = args.title
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=args.timeout)
            try:
                conn.request("POST", path, body=json.dumps(body).encode(), headers=headers)
                resp = conn.getresponse()
                data = resp.read()
            except OSError as e:
                sys.exit(f"isso_seed: {args.file}:{lineno}: POST {path} failed: {e}")
            finally:
                conn.close()
            if not 200 <= resp.status < 300:
                text = data.decode("utf-8", "replace")[:500]
                sys.exit(f"isso_seed: {args.file}:{lineno}: POST {path} -> HTTP {resp.status}: {text}")
            ids.append(json.loads(data)["id"])

    took = time.monotonic() - started
    print(
        f"isso_seed: {len(ids)} comments ({replies} replies) posted to {args.uri} on port {args.port}"
        f" in {took:.1f} s; Isso ids {ids[0] if ids else '-'}..{ids[-1] if ids else '-'}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
