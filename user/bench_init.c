/* bench_init: the smallest init there is, for booting a kernel only to run one benchmark.
 *
 * `./keel bench linux` boots Debian's Linux kernel in QEMU with an initial RAM disk that
 * holds this program as /init, syscall_bench and true, and the kernel command line
 * "... -- /bin/syscall_bench /bin/true": Linux hands the words after "--" to init as its
 * arguments, as Keel does. bench_init gives itself the serial line as standard input and
 * output (it mounts devtmpfs on /dev first where /dev is empty, as on Linux without a
 * /dev/console in the archive), runs its arguments as a program, waits for it, and powers
 * the machine off, so that QEMU ends. Nothing here idles: a halted CPU would make the
 * guest's clock, and so rdtsc under -icount, jump.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

static void use_serial_line(void)
{
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL); /* fails where /dev is mounted already */
    int fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
    if (fd < 0)
        fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return;
    for (int standard = 0; standard < 3; standard++)
        dup2(fd, standard);
    if (fd > 2)
        close(fd);
}

int main(int argc, char **argv)
{
    use_serial_line();
    if (argc < 2) {
        fprintf(stderr, "bench_init: no program to run (give it after -- on the command line)\n");
    } else {
        pid_t child = fork();
        if (child == 0) {
            char *environment[] = { "PATH=/bin", NULL };
            execve(argv[1], argv + 1, environment);
            perror("bench_init: execve");
            _exit(127);
        }
        int status = 0;
        if (child < 0 || waitpid(child, &status, 0) != child)
            perror("bench_init: fork or wait");
        else
            printf("bench_init: %s ended with wait status %#x\n", argv[1], status);
    }
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    return 1;
}
