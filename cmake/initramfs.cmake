# The initial RAM disk: boot/initramfs/ packed into ${CMAKE_BINARY_DIR}/initramfs.cpio
# (KEEL_INITRAMFS) by Debian's cpio, in the newc format the kernel reads
# (core/fs/initramfs), every entry owned by root. Every ISO carries it as a GRUB module
# (boot/grub.cfg.in) and every run of a sim image passes it with --initrd. Rules that use
# it depend on the target keel-initramfs as well as on the file.
#
# The folder is copied to a staging directory first, where the mount points git cannot
# keep (empty directories: tmp, proc, dev, var/log) are made and the permissions are
# normalised (directories 755, files 644 or 755, /tmp 1777), so the archive does not
# depend on the umask of whoever checked the tree out. Entries are sorted, and
# --reproducible numbers the inodes in that order. The user programs
# (cmake/user_programs.cmake) are copied into the staging tree's /bin, mode 755, so the
# archive is packed again whenever one of them changes. Then busybox (cmake/busybox.cmake)
# goes in as /bin/busybox with a symbolic link for each applet (tools/stage_busybox.sh),
# except where one of Keel's programs has the name already (/bin/true).
find_program(KEEL_CPIO cpio REQUIRED)
include(${CMAKE_CURRENT_LIST_DIR}/user_programs.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/busybox.cmake)

set(KEEL_INITRAMFS ${CMAKE_BINARY_DIR}/initramfs.cpio)
set(initramfs_source ${PROJECT_SOURCE_DIR}/boot/initramfs)
set(initramfs_staging ${CMAKE_BINARY_DIR}/initramfs-root)
# --force-local: a ':' in the path is not a remote host.
set(initramfs_cpio_flags "--quiet -o -H newc --reproducible -R 0:0 --force-local -O '${KEEL_INITRAMFS}.new'")
file(GLOB_RECURSE initramfs_files CONFIGURE_DEPENDS LIST_DIRECTORIES false ${initramfs_source}/*)

add_custom_command(OUTPUT ${KEEL_INITRAMFS}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${initramfs_staging}
  COMMAND cp -a ${initramfs_source} ${initramfs_staging}
  COMMAND ${CMAKE_COMMAND} -E make_directory
    ${initramfs_staging}/tmp ${initramfs_staging}/proc ${initramfs_staging}/dev ${initramfs_staging}/var/log
  COMMAND ${CMAKE_COMMAND} -E make_directory ${initramfs_staging}/bin
  COMMAND cp ${KEEL_USER_PROGRAMS} ${initramfs_staging}/bin/
  COMMAND ${PROJECT_SOURCE_DIR}/tools/stage_busybox.sh ${KEEL_BUSYBOX} ${initramfs_staging}
  COMMAND chmod -R u+rwX,go=rX ${initramfs_staging}
  COMMAND chmod -R 755 ${initramfs_staging}/bin
  COMMAND chmod 1777 ${initramfs_staging}/tmp
  COMMAND sh -c "cd '${initramfs_staging}' && find . | LC_ALL=C sort | '${KEEL_CPIO}' ${initramfs_cpio_flags}"
  COMMAND ${CMAKE_COMMAND} -E rename ${KEEL_INITRAMFS}.new ${KEEL_INITRAMFS}
  DEPENDS ${initramfs_files} ${KEEL_USER_PROGRAMS} ${KEEL_BUSYBOX} ${CMAKE_CURRENT_LIST_FILE}
    ${PROJECT_SOURCE_DIR}/tools/stage_busybox.sh
  COMMENT "Packing initramfs.cpio from boot/initramfs, the user programs and busybox"
  VERBATIM)
add_custom_target(keel-initramfs ALL DEPENDS ${KEEL_INITRAMFS})
