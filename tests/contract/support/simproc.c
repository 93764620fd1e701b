/* simproc.c - fork/exec/stop of twenty-sim for the contract tests (see simproc.h). */
#include "simproc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SIMPROC_MAX_ARGS 64

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

const char *simproc_binary(void)
{
    static char path[512];
    const char *build = getenv("BUILD");
    if (!build || !*build)
        build = "build";
    snprintf(path, sizeof path, "%s/twenty-sim", build);
    return path;
}

static int status_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

/* Builds argv: binary, args..., [--port 0], NULL. */
static bool build_argv(const char *argv[SIMPROC_MAX_ARGS], const char *const *args, bool add_port)
{
    int n = 0;
    argv[n++] = simproc_binary();
    for (size_t i = 0; args && args[i]; i++) {
        if (n >= SIMPROC_MAX_ARGS - 3)
            return false;
        argv[n++] = args[i];
    }
    if (add_port) {
        argv[n++] = "--port";
        argv[n++] = "0";
    }
    argv[n] = NULL;
    return true;
}

/* In the child: die with the parent, wire fds, set env, exec. Never returns. */
static void child_exec(pid_t parent, int out_w, int err_fd, const char *const *env,
                       const char *const *argv)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    if (dup2(out_w, STDOUT_FILENO) < 0)
        _exit(127);
    if (err_fd >= 0 && dup2(err_fd, STDERR_FILENO) < 0)
        _exit(127);
    for (size_t i = 0; env && env[i]; i++) {
        char name[128];
        const char *eq = strchr(env[i], '=');
        if (!eq || (size_t)(eq - env[i]) >= sizeof name)
            continue;
        memcpy(name, env[i], (size_t)(eq - env[i]));
        name[eq - env[i]] = '\0';
        setenv(name, eq + 1, 1);
    }
    execv(argv[0], (char *const *)argv);
    _exit(127);
}

static void parse_line(simproc *p)
{
    /* "listening on http://HOST:PORT" */
    const char *prefix = "listening on http://";
    p->port = 0;
    p->host[0] = '\0';
    if (strncmp(p->line, prefix, strlen(prefix)) != 0)
        return;
    const char *hp = p->line + strlen(prefix);
    const char *colon = strrchr(hp, ':');
    if (!colon || (size_t)(colon - hp) >= sizeof p->host)
        return;
    memcpy(p->host, hp, (size_t)(colon - hp));
    p->host[colon - hp] = '\0';
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (!end || *end != '\0' || port <= 0 || port > 65535)
        return;
    p->port = (int)port;
    snprintf(p->base_url, sizeof p->base_url, "http://%s:%d", p->host, p->port);
}

static void reap(simproc *p)
{
    int st;
    while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR) {
    }
    p->pid = 0;
}

bool simproc_start(simproc *p, const char *const *args)
{
    simproc_opts o = {.args = args};
    return simproc_start_opts(p, &o);
}

bool simproc_start_opts(simproc *p, const simproc_opts *o)
{
    memset(p, 0, sizeof *p);
    p->out_fd = -1;
    const char *argv[SIMPROC_MAX_ARGS];
    if (!build_argv(argv, o->args, !o->no_port)) {
        snprintf(p->err, sizeof p->err, "too many arguments");
        return false;
    }
    if (access(argv[0], X_OK) != 0) {
        snprintf(p->err, sizeof p->err, "%s is not an executable: %s", argv[0], strerror(errno));
        return false;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(p->err, sizeof p->err, "pipe: %s", strerror(errno));
        return false;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    int err_fd = -1;
    if (o->stderr_path) {
        err_fd = open(o->stderr_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (err_fd < 0) {
            snprintf(p->err, sizeof p->err, "open %s: %s", o->stderr_path, strerror(errno));
            close(fds[0]);
            close(fds[1]);
            return false;
        }
    }
    fflush(NULL);
    pid_t parent = getpid();
    long t0 = now_us();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(p->err, sizeof p->err, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        if (err_fd >= 0)
            close(err_fd);
        return false;
    }
    if (pid == 0)
        child_exec(parent, fds[1], err_fd, o->env, argv);
    close(fds[1]);
    if (err_fd >= 0)
        close(err_fd);
    p->pid = pid;
    p->out_fd = fds[0];

    int timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 10000;
    char buf[sizeof p->line + sizeof p->extra];
    size_t n = 0;
    char *nl = NULL;
    while (!nl) {
        long left_ms = timeout_ms - (now_us() - t0) / 1000;
        if (left_ms <= 0) {
            snprintf(p->err, sizeof p->err, "no listening line within %d ms (got %zu bytes)",
                     timeout_ms, n);
            break;
        }
        struct pollfd pf = {.fd = p->out_fd, .events = POLLIN};
        int pr = poll(&pf, 1, (int)left_ms);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            continue;
        ssize_t r = read(p->out_fd, buf + n, sizeof buf - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            snprintf(p->err, sizeof p->err, "stdout closed before the listening line (got %zu bytes)", n);
            break;
        }
        n += (size_t)r;
        buf[n] = '\0';
        nl = memchr(buf, '\n', n);
        if (!nl && n >= sizeof p->line - 1) {
            snprintf(p->err, sizeof p->err, "first stdout line too long");
            break;
        }
    }
    if (!nl) {
        simproc_kill(p);
        return false;
    }
    p->startup_us = now_us() - t0;
    size_t linelen = (size_t)(nl - buf);
    if (linelen >= sizeof p->line)
        linelen = sizeof p->line - 1;
    memcpy(p->line, buf, linelen);
    p->line[linelen] = '\0';
    size_t rest = n - (size_t)(nl + 1 - buf);
    if (rest > sizeof p->extra - 1)
        rest = sizeof p->extra - 1;
    memcpy(p->extra, nl + 1, rest);
    p->nextra = rest;
    p->extra[rest] = '\0';
    parse_line(p);
    if (p->port == 0) {
        snprintf(p->err, sizeof p->err, "unexpected first line: '%s'", p->line);
        simproc_kill(p);
        return false;
    }
    return true;
}

/* Reads what is left on the child's stdout (the child is gone) into extra. */
static void drain_stdout(simproc *p)
{
    if (p->out_fd < 0)
        return;
    for (;;) {
        struct pollfd pf = {.fd = p->out_fd, .events = POLLIN};
        int pr = poll(&pf, 1, 200);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            break;
        char tmp[1024];
        ssize_t r = read(p->out_fd, tmp, sizeof tmp);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        size_t room = sizeof p->extra - 1 - p->nextra;
        size_t take = (size_t)r < room ? (size_t)r : room;
        memcpy(p->extra + p->nextra, tmp, take);
        p->nextra += take;
        p->extra[p->nextra] = '\0';
    }
    close(p->out_fd);
    p->out_fd = -1;
}

int simproc_stop(simproc *p, int timeout_ms)
{
    if (p->pid <= 0) {
        drain_stdout(p);
        return -1;
    }
    if (timeout_ms <= 0)
        timeout_ms = 10000;
    kill(p->pid, SIGTERM);
    long t0 = now_us();
    int st = 0;
    int code = -1;
    for (;;) {
        pid_t w = waitpid(p->pid, &st, WNOHANG);
        if (w == p->pid) {
            code = status_code(st);
            p->pid = 0;
            break;
        }
        if (w < 0 && errno != EINTR) {
            p->pid = 0;
            break;
        }
        if ((now_us() - t0) / 1000 > timeout_ms) {
            kill(p->pid, SIGKILL);
            reap(p);
            code = -1;
            break;
        }
        sleep_ms(5);
    }
    drain_stdout(p);
    return code;
}

void simproc_kill(simproc *p)
{
    if (p->pid > 0) {
        kill(p->pid, SIGKILL);
        reap(p);
    }
    drain_stdout(p);
}

int simproc_run(const char *const *args, char *out, size_t outlen, int timeout_ms)
{
    const char *argv[SIMPROC_MAX_ARGS];
    if (outlen)
        out[0] = '\0';
    if (!build_argv(argv, args, false))
        return -1;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0)
        child_exec(parent, fds[1], fds[1], NULL, argv);
    close(fds[1]);
    if (timeout_ms <= 0)
        timeout_ms = 10000;
    long t0 = now_us();
    size_t n = 0;
    for (;;) {
        long left = timeout_ms - (now_us() - t0) / 1000;
        if (left <= 0)
            break;
        struct pollfd pf = {.fd = fds[0], .events = POLLIN};
        int pr = poll(&pf, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            break;
        char tmp[1024];
        ssize_t r = read(fds[0], tmp, sizeof tmp);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (outlen > 1) {
            size_t room = outlen - 1 - n;
            size_t take = (size_t)r < room ? (size_t)r : room;
            memcpy(out + n, tmp, take);
            n += take;
            out[n] = '\0';
        }
    }
    close(fds[0]);
    int st = 0;
    for (;;) {
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid)
            return status_code(st);
        if (w < 0 && errno != EINTR)
            return -1;
        if ((now_us() - t0) / 1000 > timeout_ms) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        sleep_ms(5);
    }
}
