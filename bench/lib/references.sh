# shellcheck shell=bash
# Reference servers for bench/run: Isso 0.14.0 under gunicorn, and nginx serving static files.
#
# Source this file; it only defines functions (no variables, no processes, no files at source
# time). Progress goes to stderr. Every start function waits (bounded) until its server answers
# and fails with a message otherwise; the matching stop function kills the server and its
# workers and reaps them. The *_PID variables are set in the calling shell, so call
# isso_start/nginx_start directly, not inside $(...) or a pipeline.
#
#   isso_install                     venv in ${BENCH_CACHE:-/var/tmp/tribune-bench-cache}/isso-0.14.0
#   isso_start WORKDIR PORT          writes WORKDIR/isso.cfg, starts gunicorn -w 2 --preload; sets ISSO_PID
#   isso_seed PORT URI FILE          posts FILE's JSON lines through POST /new?uri=URI
#   isso_wait_idle PORT [TIMEOUT]    waits until Isso has finished the requests wrk abandoned
#   isso_stop
#   nginx_start WORKDIR PORT DOCROOT [SENDFILE]
#                                    serves DOCROOT on 127.0.0.1:PORT; sets NGINX_PID. SENDFILE
#                                    is on (the default: the kernel sends the file's pages as
#                                    they are) or off (nginx reads and writes them, as an
#                                    application server writes what it holds in memory)
#   nginx_stop
#
# Knobs (environment): BENCH_CACHE, BENCH_PYTHON (interpreter for the venv, default
# /usr/bin/python3 if present), GUNICORN_WORKERS (default 2), REF_START_TIMEOUT (seconds, default 60).

_ref_log() { printf 'references: %s\n' "$*" >&2; }

_ref_isso_venv() { printf '%s/isso-0.14.0' "${BENCH_CACHE:-/var/tmp/tribune-bench-cache}"; }

# The pins, in one place; the venv's marker file holds them, so changing a pin rebuilds it.
_ref_isso_pins() { printf '%s\n' "isso==0.14.0" "gunicorn==27.0.1"; }

# _ref_alive PID: the process exists and is not a zombie.
_ref_alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ -n "$state" && "$state" != Z* ]]
}

# _ref_port_free PORT: nothing answers HTTP on 127.0.0.1:PORT.
_ref_port_free() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null) || true
    [[ "$code" == "000" || -z "$code" ]]
}

# _ref_wait_http NAME PID URL LOG: until URL answers with any HTTP status, while PID lives.
_ref_wait_http() {
    local name="$1" pid="$2" url="$3" log="$4" timeout="${REF_START_TIMEOUT:-60}" code start
    start=$SECONDS
    while ((SECONDS - start < timeout)); do
        if ! _ref_alive "$pid"; then
            _ref_log "$name exited during start-up; last lines of $log:"
            tail -n 20 "$log" >&2 2>/dev/null || true
            return 1
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || true
        if [[ -n "$code" && "$code" != "000" ]]; then
            _ref_log "$name answers on $url (HTTP $code, pid $pid, $((SECONDS - start)) s)"
            return 0
        fi
        sleep 0.2
    done
    _ref_log "$name did not answer on $url within ${timeout} s; last lines of $log:"
    tail -n 20 "$log" >&2 2>/dev/null || true
    return 1
}

# _ref_stop NAME PID SIGNAL: signal a server started by this shell, wait (bounded) for it and
# its children, then SIGKILL whatever is left and reap it.
_ref_stop() {
    local name="$1" pid="$2" sig="$3" children i
    [[ -n "$pid" ]] || return 0
    children=$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -s ' \n' ' ') || true
    kill -s "$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do # up to 15 s
        _ref_alive "$pid" || break
        sleep 0.1
    done
    if _ref_alive "$pid"; then
        _ref_log "$name (pid $pid) still running after SIG$sig; killing it"
        kill -s KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    for i in $children; do
        if _ref_alive "$i"; then
            # A worker whose master died: its parent is no longer $pid.
            kill -s KILL "$i" 2>/dev/null || true
        fi
    done
    for ((i = 0; i < 50; i++)); do
        local left=0 c
        for c in $children; do _ref_alive "$c" && left=1; done
        ((left == 0)) && break
        sleep 0.1
    done
    _ref_log "$name stopped"
}

isso_install() {
    local venv python marker lock pins
    venv=$(_ref_isso_venv)
    marker="$venv/.tribune-bench-installed"
    pins=$(_ref_isso_pins)
    if [[ -f "$marker" && "$(cat "$marker")" == "$pins" && -x "$venv/bin/gunicorn" ]]; then
        return 0
    fi
    python="${BENCH_PYTHON:-}"
    if [[ -z "$python" ]]; then
        if [[ -x /usr/bin/python3 ]]; then python=/usr/bin/python3; else python=python3; fi
    fi
    mkdir -p "$(dirname "$venv")"
    lock="$venv.lock"
    (
        # One installer at a time; the second one finds the marker and leaves.
        flock -w 900 9 || { _ref_log "isso_install: could not lock $lock"; exit 1; }
        if [[ -f "$marker" && "$(cat "$marker")" == "$pins" && -x "$venv/bin/gunicorn" ]]; then
            exit 0
        fi
        if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
            _ref_log "isso_install: $python lacks venv/ensurepip (apt-get install -y python3-venv)"
            exit 1
        fi
        _ref_log "isso_install: creating $venv with $("$python" --version 2>&1)"
        rm -rf "$venv"
        "$python" -m venv "$venv" >&2 || exit 1
        _ref_log "isso_install: pip install $(tr '\n' ' ' <<<"$pins")(isso 0.14.0 is an sdist; misaka builds with a C compiler: build-essential, python3-dev)"
        # shellcheck disable=SC2086 # the pins are one per line, without spaces
        if ! "$venv/bin/pip" install --disable-pip-version-check --no-input -q $pins >&2; then
            _ref_log "isso_install: pip failed; on Debian, apt-get install -y build-essential python3-dev libffi-dev and retry"
            rm -rf "$venv"
            exit 1
        fi
        if ! "$venv/bin/python" -c 'import isso, gunicorn, misaka' >&2; then
            _ref_log "isso_install: the venv does not import isso"
            rm -rf "$venv"
            exit 1
        fi
        "$venv/bin/pip" freeze --disable-pip-version-check >"$venv/pip-freeze.txt" 2>/dev/null || true
        printf '%s\n' "$pins" >"$marker"
        _ref_log "isso_install: done ($(grep -ciE '^(isso|gunicorn)==' "$venv/pip-freeze.txt" 2>/dev/null || echo '?') pinned packages present)"
    ) 9>"$lock"
}

isso_start() {
    if (($# != 2)); then
        _ref_log "usage: isso_start WORKDIR PORT"
        return 2
    fi
    local workdir port="$2" venv
    venv=$(_ref_isso_venv)
    if [[ -n "${ISSO_PID:-}" ]] && _ref_alive "$ISSO_PID"; then
        _ref_log "isso_start: Isso already running (pid $ISSO_PID)"
        return 1
    fi
    if [[ ! -x "$venv/bin/gunicorn" ]]; then
        _ref_log "isso_start: no venv at $venv; call isso_install first"
        return 1
    fi
    mkdir -p "$1"
    workdir=$(cd "$1" && pwd)
    if ! _ref_port_free "$port"; then
        _ref_log "isso_start: something already answers on 127.0.0.1:$port"
        return 1
    fi
    cat >"$workdir/isso.cfg" <<EOF
# Written by bench/lib/references.sh (isso_start): as in /work/shared/peers/ISSO.md.
[general]
dbpath = $workdir/comments.db
host = http://127.0.0.1:$port/
notify = stdout
reply-notifications = false
gravatar = false

[moderation]
enabled = false

[server]
listen = http://127.0.0.1:$port/

[guard]
# Enabled, so its SQL checks run on every POST, but relaxed as far as the config allows:
# all bench traffic comes from 127.0.0.0/24.
enabled = true
ratelimit = 1000000000
direct-reply = 1000000000
reply-to-self = true
require-author = false
require-email = false

[admin]
enabled = false
EOF
    _ref_log "isso_start: gunicorn -w ${GUNICORN_WORKERS:-2} --preload on 127.0.0.1:$port, logs in $workdir/isso.log"
    ISSO_SETTINGS="$workdir/isso.cfg" "$venv/bin/gunicorn" \
        -w "${GUNICORN_WORKERS:-2}" --preload -b "127.0.0.1:$port" \
        --pid "$workdir/gunicorn.pid" --error-logfile - isso.run \
        </dev/null >"$workdir/isso.log" 2>&1 &
    ISSO_PID=$!
    if ! _ref_wait_http "Isso" "$ISSO_PID" "http://127.0.0.1:$port/info" "$workdir/isso.log"; then
        isso_stop
        return 1
    fi
}

isso_stop() {
    # gunicorn: TERM is a graceful stop (workers finish their request), bounded by _ref_stop.
    _ref_stop "Isso" "${ISSO_PID:-}" TERM
    ISSO_PID=
}

# _ref_tree_ticks PID: CPU ticks (user + system) used so far by PID and its children.
_ref_tree_ticks() {
    local p total=0 rest fields
    for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null || true); do
        rest=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        rest=${rest##*) } # after the command name: state is field 1, utime 12, stime 13
        read -ra fields <<<"$rest"
        total=$((total + fields[11] + fields[12]))
    done
    printf '%s\n' "$total"
}

# isso_wait_idle PORT [TIMEOUT]: after a wrk run, gunicorn's sync workers still render every
# request wrk abandoned (64 x ~0.2 s after a GET test), which would eat into the next test.
# Waits until Isso's processes use < 5% of a core over 0.5 s and /info answers in < 50 ms,
# for at most TIMEOUT (default 60) seconds; returns 1 (with a message) if it never gets there.
isso_wait_idle() {
    local port="$1" timeout="${2:-60}" start t0 t1 took hz
    if [[ -z "${ISSO_PID:-}" ]] || ! _ref_alive "$ISSO_PID"; then
        _ref_log "isso_wait_idle: Isso is not running"
        return 1
    fi
    hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
    start=$SECONDS
    while ((SECONDS - start < timeout)); do
        t0=$(_ref_tree_ticks "$ISSO_PID")
        sleep 0.5
        t1=$(_ref_tree_ticks "$ISSO_PID")
        # 5% of one core over 0.5 s = hz / 40 ticks.
        if (((t1 - t0) * 40 <= hz)); then
            took=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "http://127.0.0.1:$port/info" 2>/dev/null) || took=9
            if awk -v t="$took" 'BEGIN { exit !(t < 0.05) }'; then
                _ref_log "isso_wait_idle: idle after $((SECONDS - start)) s"
                return 0
            fi
        fi
    done
    _ref_log "isso_wait_idle: Isso still busy after ${timeout} s"
    return 1
}

isso_seed() {
    if (($# != 3)); then
        _ref_log "usage: isso_seed PORT URI FILE"
        return 2
    fi
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    python3 "$here/isso_seed.py" --port "$1" --uri "$2" "$3"
}

nginx_start() {
    if (($# != 3 && $# != 4)) || [[ "${4:-on}" != on && "${4:-on}" != off ]]; then
        _ref_log "usage: nginx_start WORKDIR PORT DOCROOT [on|off]"
        return 2
    fi
    local workdir port="$2" docroot user_line="" sendfile="${4:-on}"
    if [[ -n "${NGINX_PID:-}" ]] && _ref_alive "$NGINX_PID"; then
        _ref_log "nginx_start: nginx already running (pid $NGINX_PID)"
        return 1
    fi
    if [[ ! -d "$3" ]]; then
        _ref_log "nginx_start: no such docroot: $3"
        return 1
    fi
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || {
        _ref_log "nginx_start: nginx not installed (apt-get install -y nginx-light)"
        return 1
    }
    mkdir -p "$1"
    workdir=$(cd "$1" && pwd)
    docroot=$(cd "$3" && pwd)
    if ! _ref_port_free "$port"; then
        _ref_log "nginx_start: something already answers on 127.0.0.1:$port"
        return 1
    fi
    # As root, workers would drop to nobody, who may not reach a mktemp -d docroot: keep root.
    if ((EUID == 0)); then user_line="user root root;"; fi
    mkdir -p "$workdir/nginx-tmp"
    cat >"$workdir/nginx.conf" <<EOF
# Written by bench/lib/references.sh (nginx_start).
$user_line
daemon off;
worker_processes auto;
pid $workdir/nginx.pid;
error_log $workdir/nginx-error.log warn;

events {
    worker_connections 4096;
}

http {
    types {
        text/html        html;
        application/json json;
    }
    default_type application/octet-stream;
    access_log off;
    sendfile $sendfile;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    gzip off;
    server_tokens off;
    client_body_temp_path $workdir/nginx-tmp/body;
    proxy_temp_path $workdir/nginx-tmp/proxy;
    fastcgi_temp_path $workdir/nginx-tmp/fastcgi;
    uwsgi_temp_path $workdir/nginx-tmp/uwsgi;
    scgi_temp_path $workdir/nginx-tmp/scgi;

    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $docroot;
        location / {
        }
    }
}
EOF
    local nginx_bin
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    _ref_log "nginx_start: $docroot on 127.0.0.1:$port, config $workdir/nginx.conf"
    "$nginx_bin" -p "$workdir/" -e "$workdir/nginx-error.log" -c "$workdir/nginx.conf" \
        </dev/null >"$workdir/nginx-stderr.log" 2>&1 &
    NGINX_PID=$!
    if ! _ref_wait_http "nginx" "$NGINX_PID" "http://127.0.0.1:$port/" "$workdir/nginx-error.log"; then
        nginx_stop
        return 1
    fi
}

nginx_stop() {
    # nginx: TERM is a fast shutdown (master stops its workers and exits).
    _ref_stop "nginx" "${NGINX_PID:-}" TERM
    NGINX_PID=
}
