# Sourced by bench/cpu-split and bench/floor, from the repository's root:
# what their rounds share. Each round ships to a fresh receiver on a free
# port, and a round whose receiver did not count every entry is invalid.
#
# bench_setup FORMAT FILE: a fresh state directory (a spool left by another
# run would be replayed) and the settings every run uses; sets $bin, $state
# and $want (the entries a dry run writes) and $wire (their bytes).
bench_setup() {
    bin=${AURALOG_BENCH_BIN:-target/release/auralog}
    state=$(mktemp -d)
    trap 'rm -rf "$state"' EXIT
    export AURALOG_API_KEY=aura_bench_key_0000 AURALOG_CONFIG=bench/out/no-config.toml XDG_STATE_HOME=$state
    read -r want wire < <(AURALOG_ENDPOINT=http://127.0.0.1:9 "$bin" ingest --dry-run --format "$1" "$2" 2>/dev/null | wc -lc)
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_receiver PORT [SINK]: `auralog serve --count` (or the SINK, which
# writes its count to $state/count) in the background, listening; its pid
# in $receiver.
start_receiver() {
    if [ -n "${2:-}" ]; then
        "$2" "127.0.0.1:$1" "$state/count" >/dev/null 2>&1 &
    else
        "$bin" serve --count --listen "127.0.0.1:$1" >/dev/null 2>"$state/serve.log" &
    fi
    receiver=$!
    sleep 0.3
}

# stop_receiver [SINK]: stop it, and end the run if it missed an entry.
stop_receiver() {
    local got
    kill "$receiver"; wait "$receiver" 2>/dev/null || true
    if [ -n "${1:-}" ]; then
        got=$(cat "$state/count")
    else
        got=$(grep -o 'stopped: [0-9]*' "$state/serve.log" | grep -o '[0-9]*' || true)
    fi
    if [ "$got" != "$want" ]; then
        echo "invalid run: the receiver counted ${got:-nothing} of $want entries" >&2
        exit 1
    fi
}
