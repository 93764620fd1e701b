/* simrun.c - twenty-sim as a child process (see simrun.h). */
#include "simrun.h"

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

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool simrun_start(simrun *s, const char *const *args)
{
    memset(s, 0, sizeof *s);
    s->out_fd = -1;
    const char *build = getenv("BUILD");
    char bin[512];
    snprintf(bin, sizeof bin, "%s/twenty-sim", build && *build ? build : "build");
    const char *argv[40];
    size_t n = 0;
    argv[n++] = bin;
    for (size_t i = 0; args && args[i] && n < 36; i++)
        argv[n++] = args[i];
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n] = NULL;
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(s->err, sizeof s->err, "pipe: %s", strerror(errno));
        return false;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(s->err, sizeof s->err, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return false;
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        dup2(pipefd[1], STDOUT_FILENO);
        if (!getenv("SIMRUN_STDERR")) {   /* its diagnostics only when asked */
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, STDERR_FILENO);
        }
        close(pipefd[0]);
        close(pipefd[1]);
        setenv("TWENTY_SIM_API_KEY", SIMRUN_KEY, 1);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    s->pid = pid;
    s->out_fd = pipefd[0];
    char line[256];
    size_t len = 0;
    long deadline = now_ms() + 10000;
    while (len < sizeof line - 1) {
        long left = deadline - now_ms();
        struct pollfd p = {.fd = s->out_fd, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            break;
        ssize_t k = read(s->out_fd, line + len, 1);
        if (k <= 0)
            break;
        if (line[len] == '\n')
            break;
        len++;
    }
    line[len] = '\0';
    const char *pfx = "listening on ";
    if (strncmp(line, pfx, strlen(pfx)) != 0) {
        snprintf(s->err, sizeof s->err, "%.100s did not start: '%.120s'", bin, line);
        simrun_stop(s);
        return false;
    }
    snprintf(s->base_url, sizeof s->base_url, "%.120s", line + strlen(pfx));
    return true;
}

int simrun_stop(simrun *s)
{
    int rc = -1;
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int st;
        for (int i = 0; i < 500; i++) {
            pid_t w = waitpid(s->pid, &st, WNOHANG);
            if (w == s->pid) {
                rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
                break;
            }
            usleep(10000);
        }
        if (rc < 0) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &st, 0);
        }
        s->pid = 0;
    }
    if (s->out_fd >= 0)
        close(s->out_fd);
    s->out_fd = -1;
    return rc;
}
