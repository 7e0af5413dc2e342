#!/usr/bin/env bash
# Puts busybox into the initramfs staging tree the way `busybox --install -s` would:
#
#   tools/stage_busybox.sh BUSYBOX STAGING
#
# copies the (unmodified) binary to STAGING/bin/busybox, mode 755, and makes each applet a
# symbolic link to /bin/busybox at the path the binary itself names (`busybox
# --list-full`: /bin/sh, /bin/ls, /sbin/init, /usr/bin/sort, ...). The binary is static, so
# it runs on the build machine. A name that is already taken in the tree is left alone:
# Keel's own programs (/bin/true, ...) keep their names. The names skipped are printed.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 BUSYBOX STAGING" >&2; exit 2; }
busybox=$1
staging=$2
install -D -m 755 "$busybox" "$staging/bin/busybox"
skipped=()
while read -r name; do
  case $name in
    bin/busybox) continue ;;
    */*) ;;
    *) continue ;; # linuxrc, at the root: Keel boots no initrd the old way
  esac
  link=$staging/$name
  if [[ -e $link || -L $link ]]; then
    skipped+=("/$name")
    continue
  fi
  mkdir -p "$(dirname "$link")"
  ln -s /bin/busybox "$link"
done < <("$busybox" --list-full)
if [[ ${#skipped[@]} -gt 0 ]]; then
  echo "busybox: not linked (the name is Keel's): ${skipped[*]}"
fi
