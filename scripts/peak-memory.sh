#!/usr/bin/env bash
# Runs a command and reports its wall time and the peak memory of its whole process tree (the
# command and every descendant, e.g. jest and its workers), sampled every 0.5 s, with the load
# average at start and end: on a shared machine a figure means little without it.
#   bash scripts/peak-memory.sh npx jest --coverage
set -uo pipefail

tree_rss_kb() {
  # Sums the resident set of $1 and its descendants (from /proc, no pstree needed).
  local pids=("$1") all=() pid children
  while ((${#pids[@]})); do
    pid=${pids[0]}; pids=("${pids[@]:1}"); all+=("$pid")
    children=$(cat /proc/"$pid"/task/*/children 2>/dev/null)
    for child in $children; do pids+=("$child"); done
  done
  local total=0 rss
  for pid in "${all[@]}"; do
    rss=$(awk '/^VmRSS:/ { print $2 }' /proc/"$pid"/status 2>/dev/null)
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start=$(date +%s.%N)
"$@" &
command_pid=$!
peak=0
while kill -0 "$command_pid" 2>/dev/null; do
  rss=$(tree_rss_kb "$command_pid")
  ((rss > peak)) && peak=$rss
  sleep 0.5
done
wait "$command_pid"
status=$?
end=$(date +%s.%N)
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
awk -v start="$start" -v end="$end" -v peak="$peak" -v status="$status" 'BEGIN {
  printf "wall %.1f s, peak tree RSS %.0f MiB, exit %d\n", end - start, peak / 1024, status
}' >&2
exit "$status"
