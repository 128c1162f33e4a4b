#!/usr/bin/env bash
# Runs the unit, integration and end-to-end suites on another Node LTS line (default: 24) beside the
# machine's Node, without a second build (dist/ is plain JavaScript for Node 20 and later):
#   bash scripts/test-on-node.sh 24        (or: npm run test:node24)
#   bash scripts/test-on-node.sh 24 test/integration/cli.test.ts      (only these vitest files or filters)
# The Node binary and its C headers come from the npm registry's node-<os>-<arch> package: the `node` package
# is only a wrapper whose preinstall installs that one. better-sqlite3 is compiled against those headers
# (npm_config_nodedir), so node-gyp downloads nothing from nodejs.org. The machine's better-sqlite3 build is
# put back afterwards, whatever happens. Cached in $PARTNERDECK_NODE_CACHE (default ~/.cache/partnerdeck).
set -euo pipefail
major="${1:-24}"
shift || true
cd "$(dirname "$0")/.."
root="$PWD"
os="$(node -p process.platform)"
arch="$(node -p process.arch)"
prefix="${PARTNERDECK_NODE_CACHE:-$HOME/.cache/partnerdeck}/node$major"
pkg="$prefix/node_modules/node-$os-$arch"
started=$(date +%s)

if ! "$pkg/bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  echo "installing node-$os-$arch@$major from the npm registry into $prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node-$os-$arch@$major"
fi
export PATH="$pkg/bin:$PATH"
echo "node $(node --version) ($pkg/bin/node), headers $pkg/include/node, npm $(npm --version)"

sqlite="$root/node_modules/better-sqlite3"
saved="$(mktemp -d)"
cp -a "$sqlite/build" "$saved/build"
restore() {
  rm -rf "$sqlite/build"
  cp -a "$saved/build" "$sqlite/build"
  rm -rf "$saved"
}
trap restore EXIT

# The build for this Node and this better-sqlite3 is kept beside the Node binary, so it is compiled once.
cached="$prefix/better-sqlite3-$(node -p "require('$sqlite/package.json').version")-node-$(node --version)"
if [ -f "$cached/Release/better_sqlite3.node" ]; then
  echo "better-sqlite3 for node $(node --version): the build in $cached"
  rm -rf "$sqlite/build"
  cp -a "$cached" "$sqlite/build"
else
  echo "building better-sqlite3 for node $(node --version) against $pkg/include/node"
  # --build-from-source: skip prebuild-install (it would ask GitHub); nodedir: the headers above, no download.
  if ! npm_config_nodedir="$pkg" npm_config_build_from_source=true npm rebuild better-sqlite3 --foreground-scripts >"$saved/build.log" 2>&1; then
    tail -40 "$saved/build.log"
    exit 1
  fi
  rm -rf "$cached"
  cp -a "$sqlite/build" "$cached"
fi
node -e "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get(); console.log('better-sqlite3 loads on node', process.version, 'ABI', process.versions.modules)"
echo "Node $major setup took $(( $(date +%s) - started )) s"

if [ $# -gt 0 ]; then
  node node_modules/vitest/vitest.mjs run "$@"
else
  node node_modules/vitest/vitest.mjs run --project unit --project integration --project e2e
fi
echo "Node $major: setup and tests took $(( $(date +%s) - started )) s in all"
