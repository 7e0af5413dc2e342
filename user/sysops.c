/* sysops: what the system says about itself, with output that must be the same on Linux
 * and Keel: the /proc files and system calls that ps, top, free, uptime, mount and df
 * read. For each it checks the format a parser relies on (fields, separators, decimals)
 * and the relations that hold on any system (the load in /proc/loadavg and sysinfo
 * agree, MemTotal is sysinfo's totalram, a fork counts as a process and a switch, the
 * first words of /proc/version are `uname -sr`, /proc/self/fd/N names what N is open
 * on and /proc/self/exe the program, statfs gives proc's and pipefs's magic numbers).
 *
 * Intentionally not compared: the values themselves (memory, loads, times, pids, CPU
 * model, the file systems of / and /tmp), which differ between any two systems; what
 * stdin and stdout are (a pipe on the host, the console on Keel).
 */
#define _GNU_SOURCE
#include "test_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define TMPFS_MAGIC 0x01021994

static char text[16384];

/* The whole of a /proc file into `text`; its length, or -1. */
static long read_all(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long length = 0;
    for (;;) {
        long got = read(fd, text + length, sizeof text - 1 - length);
        if (got <= 0)
            break;
        length += got;
    }
    close(fd);
    text[length] = '\0';
    return length;
}

/* The line of `text` that starts with `key`, or NULL. */
static const char *line_of(const char *key)
{
    size_t length = strlen(key);
    for (const char *line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
        if (strncmp(line, key, length) == 0)
            return line;
    }
    return NULL;
}

/* How many unsigned decimal fields follow `line`'s key, up to its end. */
static int count_numbers(const char *line)
{
    int count = 0;
    const char *at = strchr(line, ' ');
    while (at && *at == ' ') {
        while (*at == ' ')
            at++;
        if (*at < '0' || *at > '9')
            return -1;
        while (*at >= '0' && *at <= '9')
            at++;
        count++;
    }
    return at && *at == '\n' ? count : -1;
}

struct loadavg {
    double loads[3];
    unsigned long runnable, threads, last_pid;
    int fields;
    int two_decimals;
};

static struct loadavg read_loadavg(void)
{
    struct loadavg load = {{0}, 0, 0, 0, 0, 0};
    if (read_all("/proc/loadavg") < 0)
        return load;
    char end = 0;
    load.fields = sscanf(text, "%lf %lf %lf %lu/%lu %lu%c", &load.loads[0], &load.loads[1], &load.loads[2],
                         &load.runnable, &load.threads, &load.last_pid, &end);
    if (end != '\n')
        load.fields = -1;
    /* "0.05": two decimals after each point. */
    const char *at = text;
    load.two_decimals = 1;
    for (int index = 0; index < 3; index++) {
        const char *point = strchr(at, '.');
        if (!point || point[1] < '0' || point[1] > '9' || point[2] < '0' || point[2] > '9' || point[3] != ' ')
            load.two_decimals = 0;
        at = point ? point + 1 : at;
    }
    return load;
}

/* The whole seconds of /proc/uptime (0 if it cannot be read). */
static unsigned long uptime_seconds(void)
{
    unsigned long seconds = 0;
    if (read_all("/proc/uptime") > 0)
        sscanf(text, "%lu", &seconds);
    return seconds;
}

static void check_loadavg_and_sysinfo(void)
{
    unsigned long uptime_before = uptime_seconds();
    struct loadavg before = read_loadavg();
    struct sysinfo info;
    int result = sysinfo(&info);
    struct loadavg after = read_loadavg();
    check(before.fields == 7, "/proc/loadavg: five fields and a newline", "%d: %s", before.fields, text);
    check(before.two_decimals, "/proc/loadavg: loads with two decimals", "%s", text);
    check(before.runnable >= 1 && before.runnable <= before.threads,
          "/proc/loadavg: 1 <= runnable (this one) <= threads", "%lu/%lu", before.runnable, before.threads);
    check(before.last_pid >= (unsigned long)getpid(), "/proc/loadavg: the last pid is at least this one's",
          "%lu < %d", before.last_pid, getpid());
    check(result == 0, "sysinfo", "%s", errno_name(errno));
    int agree = 1;
    for (int index = 0; index < 3; index++) {
        double load = info.loads[index] / 65536.0;
        double low = before.loads[index] < after.loads[index] ? before.loads[index] : after.loads[index];
        double high = before.loads[index] < after.loads[index] ? after.loads[index] : before.loads[index];
        if (load < low - 0.011 || load > high + 0.011)
            agree = 0;
    }
    check(agree, "sysinfo: the loads are /proc/loadavg's in 1/65536", "%lu %lu %lu", info.loads[0], info.loads[1],
          info.loads[2]);
    check(info.mem_unit >= 1 && info.totalram >= info.freeram && info.freeram > 0,
          "sysinfo: totalram >= freeram > 0", "%lu %lu unit %u", info.totalram, info.freeram, info.mem_unit);
    check(info.totalswap >= info.freeswap && info.procs >= 1, "sysinfo: swap and procs", "%lu %lu %u",
          info.totalswap, info.freeswap, info.procs);

    unsigned long total_kb = 0, free_kb = 0;
    if (read_all("/proc/meminfo") > 0) {
        const char *total = line_of("MemTotal:");
        const char *free_line = line_of("MemFree:");
        if (total)
            sscanf(total, "MemTotal: %lu kB", &total_kb);
        if (free_line)
            sscanf(free_line, "MemFree: %lu kB", &free_kb);
    }
    check(total_kb > 0 && total_kb == (unsigned long)(info.totalram * info.mem_unit / 1024),
          "/proc/meminfo: MemTotal is sysinfo's totalram", "%lu kB, %lu", total_kb, info.totalram);
    check(free_kb > 0 && free_kb <= total_kb, "/proc/meminfo: 0 < MemFree <= MemTotal", "%lu %lu", free_kb,
          total_kb);
    check(read_all("/proc/meminfo") > 0 && line_of("MemAvailable:") && line_of("Buffers:") && line_of("Cached:")
              && line_of("SwapTotal:") && line_of("SwapFree:"),
          "/proc/meminfo: the lines free and top read", "%s", text);

    unsigned long seconds = 0, hundredths = 0, idle_seconds = 0, idle_hundredths = 0;
    char end = 0;
    int fields = read_all("/proc/uptime") > 0
        ? sscanf(text, "%lu.%2lu %lu.%2lu%c", &seconds, &hundredths, &idle_seconds, &idle_hundredths, &end)
        : 0;
    check(fields == 5 && end == '\n' && strlen(text) >= 10 && text[strcspn(text, ".") + 3] == ' ',
          "/proc/uptime: two fields with two decimals", "%d: %s", fields, text);
    /* sysinfo rounds up, /proc/uptime down: read before and after sysinfo, it bounds it
     * however long this process waited for a CPU in between (a loaded machine). */
    check((long)uptime_before <= (long)info.uptime && (long)info.uptime <= (long)seconds + 1,
          "sysinfo: the uptime is /proc/uptime's, in whole seconds", "%lu <= %ld <= %s + 1",
          uptime_before, (long)info.uptime, text);
}

static const char *STAT_KEYS[] = {"cpu  ", "cpu0 ", "intr ", "ctxt ", "btime ", "processes ", "procs_running ",
                                  "procs_blocked "};

static unsigned long stat_value(const char *key)
{
    unsigned long value = 0;
    if (read_all("/proc/stat") > 0 && line_of(key))
        sscanf(line_of(key) + strlen(key), "%lu", &value);
    return value;
}

static void check_stat(void)
{
    int have = read_all("/proc/stat") > 0;
    for (size_t index = 0; index < sizeof STAT_KEYS / sizeof STAT_KEYS[0]; index++) {
        const char *line = have ? line_of(STAT_KEYS[index]) : NULL;
        int numbers = line ? count_numbers(line + strlen(STAT_KEYS[index]) - 1) : -1;
        int expected = index < 2 ? 10 : index == 2 ? -2 : 1;
        check(line && (expected == -2 ? numbers >= 2 : numbers == expected), "/proc/stat: a line with its fields",
              "%s: %d numbers", STAT_KEYS[index], numbers);
    }
    unsigned long ticks = 0;
    const char *cpu = have ? line_of("cpu  ") : NULL;
    if (cpu) {
        unsigned long field[10] = {0};
        sscanf(cpu, "cpu  %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu", &field[0], &field[1], &field[2], &field[3],
               &field[4], &field[5], &field[6], &field[7], &field[8], &field[9]);
        for (int index = 0; index < 8; index++) /* guest time is in user time already */
            ticks += field[index];
    }
    check(ticks > 0, "/proc/stat: the CPU has spent some ticks", "%lu", ticks);
    check(stat_value("procs_running ") >= 1, "/proc/stat: procs_running counts this one", "%lu",
          stat_value("procs_running "));

    unsigned long forks = stat_value("processes "), switches = stat_value("ctxt ");
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status;
    waitpid(child, &status, 0);
    check(stat_value("processes ") > forks, "/proc/stat: a fork counts in processes", "%lu then %lu", forks,
          stat_value("processes "));
    check(stat_value("ctxt ") > switches, "/proc/stat: a fork and wait switch contexts", "%lu then %lu", switches,
          stat_value("ctxt "));
}

static void check_version_and_cpuinfo(void)
{
    struct utsname name;
    uname(&name);
    char expected[200];
    snprintf(expected, sizeof expected, "%s version %s (", name.sysname, name.release);
    check(read_all("/proc/version") > 0 && strncmp(text, expected, strlen(expected)) == 0
              && text[strlen(text) - 1] == '\n',
          "/proc/version: starts with uname -sr", "%s", text);
    check(read_all("/proc/cpuinfo") > 0 && strncmp(text, "processor\t: 0\n", 14) == 0,
          "/proc/cpuinfo: processor 0 first", "%.40s", text);
    const char *keys[] = {"vendor_id\t: ", "cpu family\t: ", "model\t\t: ", "model name\t: ", "flags\t\t: fpu ",
                          "address sizes\t: "};
    for (size_t index = 0; index < sizeof keys / sizeof keys[0]; index++)
        check(line_of(keys[index]) != NULL, "/proc/cpuinfo: a key in Linux's layout", "%s", keys[index]);
    check(read_all("/proc/filesystems") > 0 && strstr(text, "nodev\tproc\n") && strstr(text, "nodev\tramfs\n"),
          "/proc/filesystems: proc and ramfs, without devices", "%s", text);
    int lines_ok = 1;
    for (const char *line = text; *line; line = strchr(line, '\n') + 1) {
        if (strncmp(line, "nodev\t", 6) != 0 && line[0] != '\t')
            lines_ok = 0;
        if (!strchr(line, '\n'))
            break;
    }
    check(lines_ok, "/proc/filesystems: each line \"nodev\\tNAME\" or \"\\tNAME\"", "%s", text);
}

static void check_statfs(void)
{
    struct statfs figures;
    int result = statfs("/proc", &figures);
    check(result == 0 && figures.f_type == PROC_SUPER_MAGIC, "statfs /proc: PROC_SUPER_MAGIC", "%d %lx", result,
          (unsigned long)figures.f_type);
    result = statfs("/dev", &figures);
    check(result == 0 && figures.f_type == TMPFS_MAGIC, "statfs /dev: TMPFS_MAGIC (devtmpfs)", "%d %lx", result,
          (unsigned long)figures.f_type);
    result = statfs("/", &figures);
    check(result == 0 && figures.f_bsize > 0 && figures.f_blocks >= figures.f_bfree
              && figures.f_bfree >= figures.f_bavail && figures.f_namelen == 255,
          "statfs /: block counts in order, names up to 255", "%d %ld %lu %lu %lu %ld", result,
          (long)figures.f_bsize, (unsigned long)figures.f_blocks, (unsigned long)figures.f_bfree,
          (unsigned long)figures.f_bavail, (long)figures.f_namelen);
    int fds[2];
    pipe(fds);
    result = fstatfs(fds[0], &figures);
    check(result == 0 && figures.f_type == PIPEFS_MAGIC, "fstatfs of a pipe: PIPEFS_MAGIC", "%d %lx", result,
          (unsigned long)figures.f_type);
    close(fds[0]);
    close(fds[1]);
    errno = 0;
    result = statfs("/no/such/file", &figures);
    check(result == -1 && errno == ENOENT, "statfs of nothing: ENOENT", "%s", errno_name(errno));
    errno = 0;
    result = fstatfs(-1, &figures);
    check(result == -1 && errno == EBADF, "fstatfs -1: EBADF", "%s", errno_name(errno));
    errno = 0;
    result = (int)syscall(SYS_statfs, "/", (void *)8);
    check(result == -1 && errno == EFAULT, "statfs to a bad pointer: EFAULT", "%s", errno_name(errno));
}

static int listed(const char *directory, const char *name)
{
    DIR *dir = opendir(directory);
    if (!dir)
        return 0;
    int found = 0;
    for (struct dirent *entry; (entry = readdir(dir));)
        found |= strcmp(entry->d_name, name) == 0 && entry->d_type == DT_LNK;
    closedir(dir);
    return found;
}

static void check_fd_links(void)
{
    char directory[] = "/tmp/sysops.XXXXXX";
    if (!check(mkdtemp(directory) != NULL, "mkdtemp", "%s", errno_name(errno)))
        return;
    char path[64], link[256];
    snprintf(path, sizeof path, "%s/file", directory);
    int file = open(path, O_RDONLY | O_CREAT, 0600);
    int moved = dup2(file, 20);
    close(file);
    ssize_t length = readlink("/proc/self/fd/20", link, sizeof link - 1);
    link[length > 0 ? length : 0] = '\0';
    check(moved == 20 && strcmp(link, path) == 0, "/proc/self/fd/20 names the file", "%s", link);
    struct stat status;
    check(lstat("/proc/self/fd/20", &status) == 0 && S_ISLNK(status.st_mode) && (status.st_mode & 0777) == 0500,
          "/proc/self/fd/20: lr-x------ for reading", "%o", status.st_mode);
    check(listed("/proc/self/fd", "20"), "/proc/self/fd lists 20 as a link", "no");
    int fds[2];
    pipe(fds);
    struct stat pipe_status;
    fstat(fds[1], &pipe_status);
    char expected[64], name[64];
    snprintf(expected, sizeof expected, "pipe:[%lu]", (unsigned long)pipe_status.st_ino);
    snprintf(name, sizeof name, "/proc/%d/fd/%d", getpid(), fds[1]);
    length = readlink(name, link, sizeof link - 1);
    link[length > 0 ? length : 0] = '\0';
    check(strcmp(link, expected) == 0, "/proc/PID/fd/N of a pipe: pipe:[INODE]", "%s, not %s", link, expected);
    check(lstat(name, &status) == 0 && (status.st_mode & 0777) == 0300, "the pipe's writing end: l-wx------", "%o",
          status.st_mode);
    close(fds[0]);
    close(fds[1]);
    close(20);
    errno = 0;
    check(readlink("/proc/self/fd/20", link, sizeof link) == -1 && errno == ENOENT,
          "/proc/self/fd/20 is gone once closed", "%s", errno_name(errno));
    check(!listed("/proc/self/fd", "20"), "/proc/self/fd lists it no more", "still listed");
    unlink(path);
    rmdir(directory);
}

static void check_own_stat(void)
{
    int length = (int)read_all("/proc/self/stat");
    int fields = 0;
    const char *close_paren = strrchr(text, ')');
    if (length > 0 && close_paren) {
        fields = 2;
        for (const char *at = close_paren + 1; *at; at++)
            fields += *at == ' ';
    }
    check(fields == 52, "/proc/self/stat: 52 fields", "%d", fields);
    char state = 0;
    int ppid = 0, group = 0, session = 0;
    if (close_paren)
        sscanf(close_paren + 2, "%c %d %d %d", &state, &ppid, &group, &session);
    check(state == 'R', "/proc/self/stat: running", "%c", state);
    check(ppid == getppid() && group == getpgrp() && session == getsid(0), "/proc/self/stat: ppid, pgrp, session",
          "%d %d %d", ppid, group, session);
}

static void check_exe(const char *program)
{
    char link[512];
    ssize_t length = readlink("/proc/self/exe", link, sizeof link - 1);
    link[length > 0 ? length : 0] = '\0';
    const char *base = strrchr(program, '/') ? strrchr(program, '/') + 1 : program;
    const char *link_base = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
    check(link[0] == '/' && strcmp(base, link_base) == 0, "/proc/self/exe: the absolute path of this program",
          "%s for %s", link, program);
    struct stat by_link, by_path;
    check(stat("/proc/self/exe", &by_link) == 0 && stat(link, &by_path) == 0 && by_link.st_ino == by_path.st_ino,
          "/proc/self/exe leads to the program's file", "%s", errno_name(errno));
}

int main(int argc, char **argv)
{
    (void)argc;
    check_loadavg_and_sysinfo();
    check_stat();
    check_version_and_cpuinfo();
    check_statfs();
    check_fd_links();
    check_own_stat();
    check_exe(argv[0]);
    return test_done();
}
