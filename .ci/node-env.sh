# Source this file: puts a Node >= 22.12 first on PATH for this shell, without touching the system's node.
# The machine's own node may be older (Node 20 crashes better-sqlite3 13); the npm registry publishes
# official Node builds as the package node-linux-<arch>, which we unpack into a cache folder.
WAYMARK_NODE_VERSION="${WAYMARK_NODE_VERSION:-24.21.0}"

waymark_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! waymark_node_ok; then
  case "$(uname -m)" in
    x86_64) _arch=x64 ;;
    aarch64 | arm64) _arch=arm64 ;;
    *) echo "node-env: no Node build for $(uname -m); install Node >= 22.12 yourself" >&2; return 1 ;;
  esac
  _dir="${WAYMARK_CACHE:-$HOME/.cache/waymark}/node-linux-${_arch}-${WAYMARK_NODE_VERSION}"
  if [ ! -x "$_dir/package/bin/node" ]; then
    echo "node-env: fetching node-linux-${_arch}@${WAYMARK_NODE_VERSION} from the npm registry into $_dir" >&2
    mkdir -p "$_dir"
    (cd "$_dir" && npm pack --silent "node-linux-${_arch}@${WAYMARK_NODE_VERSION}" >/dev/null && tar xzf node-linux-*.tgz && rm -f node-linux-*.tgz) || {
      echo "node-env: could not fetch Node from the npm registry" >&2
      return 1
    }
  fi
  export PATH="$_dir/package/bin:$PATH"
  unset _arch _dir
fi
echo "node-env: using node $(node --version) at $(command -v node), npm $(npm --version 2>/dev/null)" >&2
