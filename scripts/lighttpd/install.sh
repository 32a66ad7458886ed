#!/usr/bin/env bash
# Installs the two lighttpd oracles the conformance checks compare lhconf with:
#   1.4.69  Debian 12's package, system-wide (/usr/sbin/lighttpd): the corpus verdicts were recorded with it.
#   1.4.79  Debian trixie's package, unpacked into node_modules/.cache/lhconf/lighttpd-1.4.79/ together
#           with the trixie libraries it links against, and run through that folder's own dynamic loader.
#           Nothing of the system (sources, dpkg status, /usr) is touched for it.
# Both steps are skipped when already done, so running this twice is cheap.
# Usage: scripts/lighttpd/install.sh            (needs root for the 1.4.69 step only)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="$root/node_modules/.cache/lhconf"
dest="$cache/lighttpd-1.4.79"
apt_dir="$cache/apt-trixie"
export DEBIAN_FRONTEND=noninteractive

log() { printf 'lighttpd-install: %s\n' "$*"; }

# --- 1.4.69 (system) -------------------------------------------------------------------------
if [ -x /usr/sbin/lighttpd ]; then
  log "system lighttpd present: $(/usr/sbin/lighttpd -v 2>&1 | head -n 1)"
else
  log "installing Debian's lighttpd (system)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends lighttpd >/dev/null
  log "installed: $(/usr/sbin/lighttpd -v 2>&1 | head -n 1)"
fi

# --- 1.4.79 (private, from trixie) -----------------------------------------------------------
if "$here/lighttpd-1.4.79" -v 2>/dev/null | grep -q '^lighttpd/1\.4\.79 '; then
  log "lighttpd 1.4.79 present: $dest"
  exit 0
fi

log "fetching lighttpd 1.4.79 from Debian trixie into $dest"
rm -rf "$apt_dir" "$dest.tmp"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/sources.list.d" "$apt_dir/debs" "$dest.tmp"
cat >"$apt_dir/sources.list" <<'EOF'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
EOF
# Every Dir option points into the private folder, so the system's lists, sources.list.d and
# package cache stay as they are; the dpkg status is only read.
apt_opts=(
  -o "Dir::Etc::sourcelist=$apt_dir/sources.list"
  -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir"
  -o "Dir::Cache::archives=$apt_dir/archives"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_opts[@]}" update -qq
# The binary's NEEDED libraries (ldd on trixie's lighttpd), and libc6 for a loader that matches them.
packages=(lighttpd libc6 libcrypt1 libnettle8t64 libpcre2-8-0 libxxhash0)
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}")
for deb in "$apt_dir"/debs/*.deb; do
  dpkg -x "$deb" "$dest.tmp"
done
rm -rf "$dest"
mv "$dest.tmp" "$dest"
rm -rf "$apt_dir"

version=$("$here/lighttpd-1.4.79" -v 2>&1 | head -n 1)
case "$version" in
  lighttpd/1.4.79\ *) log "installed: $version" ;;
  *) log "unpacked lighttpd does not report 1.4.79: $version" >&2; exit 1 ;;
esac
