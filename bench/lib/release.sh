# shellcheck shell=bash
# Where the benches build Tribune in release. Source it before `cargo build --release`.
#
# Compiled dependencies are kept between runs and between clones, as .ci/run keeps its own:
# on two cores a release build from nothing takes 9-10 minutes, one whose dependencies are
# already built about 5 (Tribune's own crates, then the link-time optimisation of the
# whole). CARGO_TARGET_DIR, when set, is used instead.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tribune-bench-target}"
release="$CARGO_TARGET_DIR/release"
