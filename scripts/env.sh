# Sourced by the other scripts: where podlab's tools live and how they are found.
PODLAB_TOOLS=${PODLAB_TOOLS:-$HOME/.cache/podlab-tools}
export PATH="$PODLAB_TOOLS/npm/node_modules/.bin:$PODLAB_TOOLS/bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
