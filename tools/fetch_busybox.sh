#!/usr/bin/env bash
# Fetches Debian's busybox-static package into a download folder, once:
#
#   tools/fetch_busybox.sh DOWNLOAD_DIR
#
# leaves DOWNLOAD_DIR/busybox-static.deb, the package exactly as Debian ships it (apt-get
# download, checked against the archive's signed index by apt). Nothing happens when the
# file is there already. Used by ./keel deps and by the build (cmake/busybox.cmake); the
# folder lives outside the source tree and is never committed.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 DOWNLOAD_DIR" >&2; exit 2; }
dir=$1
deb=$dir/busybox-static.deb
[[ -f $deb ]] && exit 0
mkdir -p "$dir"
# A private folder, then a rename: two builds fetching at once do not see half a file.
work=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -q busybox-static >/dev/null 2>&1); }
if ! download; then
  # A fresh machine may have no package lists yet: read them once (root only), try again.
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >/dev/null 2>&1 || true
  fi
  if ! download; then
    echo "keel: could not download Debian's busybox-static (apt-get download busybox-static)." >&2
    echo "keel: it goes into the initramfs; the build needs it once, then it stays in $dir." >&2
    echo "keel: are we offline, or are the package lists missing (apt-get update)?" >&2
    exit 1
  fi
fi
mv "$work"/busybox-static_*.deb "$deb"
