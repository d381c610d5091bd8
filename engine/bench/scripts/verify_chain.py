#!/usr/bin/env python3
"""The baseline for `greenlight audit verify`'s speed: a plain script that recomputes every record's
hash of a Greenlight audit log (the SHA-256 of the line up to ',"hash":"' followed by '}') and checks
that each record names the one before it ("prev"), across the segments B, B.000002, ... in order.
It checks less than `verify` does (no JSON parsing, sequence numbers, record types or checkpoints).

    python3 engine/bench/scripts/verify_chain.py /tmp/big/audit.jsonl
"""
import hashlib, os, sys

base = sys.argv[1]
segments, n = [base], 2
while os.path.exists(f"{base}.{n:06d}"):
    segments.append(f"{base}.{n:06d}"); n += 1
prev, count = "0" * 64, 0
for seg in segments:
    with open(seg, "rb") as f:
        for line in f:
            cut = line.rfind(b',"hash":"')
            stated = line[cut + 9:cut + 73].decode()
            if hashlib.sha256(line[:cut] + b"}").hexdigest() != stated or f'"prev":"{prev}"'.encode() not in line:
                sys.exit(f"{seg}: record {count + 1}: bad hash or chain")
            prev, count = stated, count + 1
print(f"{count} records, chain intact")
