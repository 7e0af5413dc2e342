#!/usr/bin/env bash
# Fetches Debian's current Linux kernel for the benchmark peer, once:
#
#   tools/fetch_linux_kernel.sh DOWNLOAD_DIR
#
# asks apt which linux-image-*-amd64 package linux-image-amd64 depends on now, downloads it
# (apt-get download, checked against the archive's signed index by apt), and leaves
# DOWNLOAD_DIR/linux/vmlinuz (the kernel exactly as Debian ships it) and
# DOWNLOAD_DIR/linux/package ("NAME VERSION"). Nothing happens when they are there already
# for the current package. `./keel bench linux` boots it in QEMU (tests/bench/
# linux_peer_benchmark.cpp); the folder lives outside the source tree and is never committed.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 DOWNLOAD_DIR" >&2; exit 2; }
dir=$1/linux
current_package() {
  apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*-amd64\)$/\1/p' | head -1
}
package=$(current_package)
if [[ -z $package && $(id -u) -eq 0 ]]; then
  apt-get update -qq >/dev/null 2>&1 || true # a fresh machine may have no package lists yet
  package=$(current_package)
fi
if [[ -z $package ]]; then
  echo "keel: apt does not know linux-image-amd64 (are the package lists missing? apt-get update)" >&2
  exit 1
fi
version=$(apt-cache policy "$package" | sed -n 's/^ *Candidate: //p')
[[ -f $dir/vmlinuz && $(cat "$dir/package" 2>/dev/null) == "$package $version" ]] && exit 0
mkdir -p "$dir"
# A private folder, then a rename: two runs fetching at once do not see half a file.
work=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download -q "$package" >/dev/null 2>&1); then
  echo "keel: could not download Debian's $package (apt-get download $package)" >&2
  exit 1
fi
dpkg-deb --fsys-tarfile "$work"/"$package"_*.deb | tar -x -C "$work" --wildcards './boot/vmlinuz-*'
mv "$work"/boot/vmlinuz-* "$dir/vmlinuz"
echo "$package $version" > "$dir/package"
