#!/usr/bin/env bash
# Peer comparison: `clause check` with the five-check pack of this folder against regorus
# (Rust Rego, PyPI `opa-eval`) running checks.rego, on the gen.py snapshots of 2,000 and
# 10,000 services (JSON). Both must report the expected violations (1458 and 7269).
#
#   bench/peer/run.sh [N ...]         (default: 2000 10000; run from anywhere)
#
# Needs the release binary (`swift build -c release --product clause`), python3, and
# `pip install opa-eval` (installed here if missing). Times with hyperfine when installed
# (`apt-get install hyperfine`), else best of 3 with /usr/bin/time; peak RSS from /usr/bin/time -v.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
clause="${CLAUSE:-$root/.build/release/clause}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 10000)

[ -x "$clause" ] || { echo "no release binary at $clause: swift build -c release --product clause" >&2; exit 2; }
python3 -c "import opa_eval" 2>/dev/null || pip install --quiet opa-eval

expected() { case "$1" in 2000) echo 1458 ;; 10000) echo 7269 ;; *) echo "?" ;; esac; }

# The regorus command of the workload's README (Python start and import included).
regorus_cmd() {
    echo "python3 -c \"import opa_eval;e=opa_eval.OpaEval('$here/checks.rego',query='data.iso20000.violations');print(len(e.evaluate_parsed(open('$1').read())))\""
}
clause_cmd() {
    echo "$clause check --pack $here $1 --format json --fail-on none"
}

# Seconds (best of 3) of a shell command, when hyperfine is missing.
best_of_3() {
    local best=""
    for _ in 1 2 3; do
        local s
        s=$( { /usr/bin/time -f "%e" bash -c "$1" >/dev/null; } 2>&1 | tail -1)
        if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    done
    echo "$best"
}

peak_mb() {
    { /usr/bin/time -v bash -c "exec $1" >/dev/null; } 2>&1 | awk '/Maximum resident set size/ {printf "%.0f", $6/1024}'
}

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores  clause: $clause"
for n in "${sizes[@]}"; do
    file="/tmp/peer-$n.json"
    [ -f "$file" ] || python3 "$here/gen.py" --services "$n" --out "$file"
    mb=$(python3 -c "import os;print(f'{os.path.getsize(\"$file\")/1e6:.1f}')")
    want=$(expected "$n")

    got_regorus=$(bash -c "$(regorus_cmd "$file")")
    $(clause_cmd "$file") > "/tmp/peer-$n.clause.json"
    got_clause=$(python3 -c "import json;d=json.load(open('/tmp/peer-$n.clause.json'));print(sum(len(s['findings']) for s in d['snapshots']))")
    # regorus in-process: read + parse + evaluate, without Python's start-up.
    inproc=$(python3 -c "
import opa_eval,time
e=opa_eval.OpaEval('$here/checks.rego',query='data.iso20000.violations')
best=9e9
for _ in range(3):
    t=time.perf_counter(); n=len(e.evaluate_parsed(open('$file').read())); best=min(best,time.perf_counter()-t)
print(f'{best:.3f}')")

    echo
    echo "== $n services: $file ($mb MB); expected violations $want"
    echo "   regorus: $got_regorus violations   clause: $got_clause findings"
    status=0
    [ "$got_regorus" = "$want" ] || { echo "   MISMATCH: regorus reports $got_regorus" >&2; status=1; }
    [ "$got_clause" = "$want" ] || { echo "   MISMATCH: clause reports $got_clause" >&2; status=1; }
    if command -v hyperfine >/dev/null; then
        hyperfine --warmup 1 --runs 5 --style basic --export-json "/tmp/peer-$n.hyperfine.json" \
            -n regorus "$(regorus_cmd "$file")" -n clause "$(clause_cmd "$file")" 2>&1 | sed 's/^/   /'
        read -r tr tc < <(python3 -c "
import json;r={x['command']:x for x in json.load(open('/tmp/peer-$n.hyperfine.json'))['results']}
print(f\"{r['regorus']['min']:.3f} {r['clause']['min']:.3f}\")")
    else
        tr=$(best_of_3 "$(regorus_cmd "$file")")
        tc=$(best_of_3 "$(clause_cmd "$file")")
    fi
    mr=$(peak_mb "$(regorus_cmd "$file")")
    mc=$(peak_mb "$(clause_cmd "$file")")
    echo "   | tool | best s (whole command) | peak RSS MB | violations |"
    echo "   | regorus (opa-eval) | $tr (in-process parse+eval: $inproc) | $mr | $got_regorus |"
    echo "   | clause check | $tc | $mc | $got_clause |"
    echo "   clause / regorus = $(awk "BEGIN{printf \"%.2f\", $tc/$tr}")x"
    [ $status -eq 0 ] || exit 1
done
