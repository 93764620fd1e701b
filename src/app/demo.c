/* demo.c - start and stop the twenty-sim child that serves the demo workspace. */
#include "app/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/paths.h"

#ifndef PIPEBOARD_PREFIX
#define PIPEBOARD_PREFIX "/usr/local"
#endif

static bool is_executable(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

bool demo_find_sim(char *out, size_t outlen)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            if ((size_t)snprintf(out, outlen, "%s/twenty-sim", self) < outlen && is_executable(out))
                return true;
        }
    }
    if ((size_t)snprintf(out, outlen, "%s/bin/twenty-sim", PIPEBOARD_PREFIX) < outlen &&
        is_executable(out))
        return true;
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char *copy = strdup(path);
    if (!copy)
        return false;
    bool found = false;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
         dir = strtok_r(NULL, ":", &save)) {
        if ((size_t)snprintf(out, outlen, "%s/twenty-sim", *dir ? dir : ".") < outlen &&
            is_executable(out))
            found = true;
    }
    free(copy);
    return found;
}

static bool random_hex(char *out, size_t nbytes)
{
    unsigned char raw[32];
    if (nbytes > sizeof raw)
        return false;
    if (getrandom(raw, nbytes, 0) != (ssize_t)nbytes)
        return false;
    for (size_t i = 0; i < nbytes; i++)
        sprintf(out + 2 * i, "%02x", raw[i]);
    return true;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads the child's stdout until the listening line or the deadline. */
static bool read_listening_line(int fd, int timeout_ms, char *url, size_t urllen, char *err,
                                size_t errlen)
{
    char buf[512];
    size_t len = 0;
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            snprintf(err, errlen, "the demo server did not start within %d s", timeout_ms / 1000);
            return false;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
        if (n <= 0) {
            snprintf(err, errlen, "the demo server exited before it was ready");
            return false;
        }
        len += (size_t)n;
        buf[len] = '\0';
        char *nl = strchr(buf, '\n');
        if (nl) {
            *nl = '\0';
            const char *prefix = "listening on ";
            if (strncmp(buf, prefix, strlen(prefix)) != 0) {
                snprintf(err, errlen, "the demo server said something unexpected");
                return false;
            }
            const char *u = buf + strlen(prefix);
            if (strlen(u) >= urllen || strncmp(u, "http://", 7) != 0) {
                snprintf(err, errlen, "the demo server said something unexpected");
                return false;
            }
            memcpy(url, u, strlen(u) + 1);
            return true;
        }
        if (len >= sizeof buf - 1) {
            snprintf(err, errlen, "the demo server said something unexpected");
            return false;
        }
    }
}

bool demo_start(demo_server *d, int seed_count, int timeout_ms, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->pid = -1;
    char sim[1024];
    if (!demo_find_sim(sim, sizeof sim)) {
        snprintf(err, errlen, "twenty-sim was not found next to pipeboard, in %s/bin or on PATH",
                 PIPEBOARD_PREFIX);
        return false;
    }
    char dir[1024];
    if (!paths_data_dir(dir, sizeof dir, err, errlen))
        return false;
    if ((size_t)snprintf(d->data_path, sizeof d->data_path, "%s/demo.json", dir) >=
        sizeof d->data_path) {
        snprintf(err, errlen, "the data directory path is too long");
        return false;
    }
    if (!random_hex(d->api_key, 24)) {
        snprintf(err, errlen, "no randomness for the demo key");
        return false;
    }
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return false;
    }
    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
    char seed[32];
    snprintf(seed, sizeof seed, "%d", seed_count);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return false;
    }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        if (pipefd[1] != STDOUT_FILENO)
            close(pipefd[1]);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, STDIN_FILENO);
            dup2(devnull, STDERR_FILENO);
        }
        setenv("TWENTY_SIM_API_KEY", d->api_key, 1);
        unsetenv("TWENTY_API_KEY");
        /* The server must outlive neither us nor a terminal hang-up signal
         * that we handle ourselves: its own process group. */
        setpgid(0, 0);
        /* ... but it must not outlive us either, however we die (a crash,
         * SIGKILL, a hang-up we re-raise): the kernel sends it SIGTERM, on
         * which it saves and exits. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(0);
        char *argv[] = {sim, "--host", "127.0.0.1", "--port", "0", "--stages", "demo",
                        "--seed", seed, "--data", d->data_path, NULL};
        execv(sim, argv);
        _exit(127);
    }
    close(pipefd[1]);
    d->pid = pid;
    bool ok = read_listening_line(pipefd[0], timeout_ms, d->url, sizeof d->url, err, errlen);
    close(pipefd[0]);
    if (!ok) {
        demo_stop(d);
        return false;
    }
    return true;
}

void demo_stop(demo_server *d)
{
    if (d->pid <= 0)
        return;
    kill(d->pid, SIGTERM);
    long long deadline = now_ms() + 5000;
    int status;
    while (waitpid(d->pid, &status, WNOHANG) == 0) {
        if (now_ms() > deadline) {
            kill(d->pid, SIGKILL);
            waitpid(d->pid, &status, 0);
            break;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    d->pid = -1;
    explicit_bzero(d->api_key, sizeof d->api_key);
}
