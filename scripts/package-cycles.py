#!/usr/bin/env python3
"""Prints the package cycles among pastel.* packages, from `jdeps -verbose:package` on the
compiled classes (target/classes). Exit status 1 when there is one. Used by check-pattern.sh."""
import os, re, subprocess, sys

classes = sys.argv[1] if len(sys.argv) > 1 else "target/classes"
jdeps = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jdeps")
out = subprocess.run([jdeps, "-verbose:package", "-filter:none", classes], capture_output=True, text=True).stdout
edges = {}
for line in out.splitlines():
    m = re.match(r"\s+(pastel\S*)\s+->\s+(pastel\S*)\s", line)
    if m and m.group(1) != m.group(2):
        edges.setdefault(m.group(1), set()).add(m.group(2))

# Tarjan's strongly connected components: every component of more than one package is a cycle.
index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop(); on.discard(w); component.append(w)
            if w == v: break
        if len(component) > 1: cycles.append(sorted(component))
sys.setrecursionlimit(10000)
for v in list(edges):
    if v not in index: visit(v)
for c in cycles:
    inner = [f"{a} -> {b}" for a in c for b in sorted(edges.get(a, ())) if b in c]
    print("cycle among " + ", ".join(c) + ": " + "; ".join(inner))
print(f"{len(edges)} packages with pastel dependencies, {len(cycles)} cycle(s)")
sys.exit(1 if cycles else 0)
