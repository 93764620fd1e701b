/* keycmd.c - run api_key_command without a shell and read the key. */
#include "app/config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KEYCMD_MAX_ARGS 32
#define KEYCMD_MAX_OUTPUT 8192
#define KEYCMD_TIMEOUT_MS 30000

/* Splits on blanks; "…" and '…' group words (no escapes). Returns argc or -1. */
static int split_words(char *s, char **argv, int max)
{
    int argc = 0;
    char *out = s;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        if (argc >= max - 1)
            return -1;
        argv[argc++] = out;
        while (*s && *s != ' ' && *s != '\t') {
            if (*s == '"' || *s == '\'') {
                char q = *s++;
                while (*s && *s != q)
                    *out++ = *s++;
                if (*s != q)
                    return -1;
                s++;
            } else {
                *out++ = *s++;
            }
        }
        if (*s)
            s++;
        *out++ = '\0';
    }
    argv[argc] = NULL;
    return argc;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool config_run_key_command(const char *cmd, char **key, char *err, size_t errlen)
{
    *key = NULL;
    char *copy = strdup(cmd);
    char *argv[KEYCMD_MAX_ARGS];
    int argc = copy ? split_words(copy, argv, KEYCMD_MAX_ARGS) : -1;
    if (argc <= 0) {
        free(copy);
        snprintf(err, errlen, "api_key_command: cannot split it into words (unbalanced quote?)");
        return false;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        free(copy);
        snprintf(err, errlen, "api_key_command: pipe: %s", strerror(errno));
        return false;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        free(copy);
        snprintf(err, errlen, "api_key_command: fork: %s", strerror(errno));
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        if (fds[1] != STDOUT_FILENO)
            close(fds[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    char buf[KEYCMD_MAX_OUTPUT + 1];
    size_t len = 0;
    long long deadline = mono_ms() + KEYCMD_TIMEOUT_MS;
    bool timed_out = false;
    for (;;) {
        long long left = deadline - mono_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t n = read(fds[0], buf + len, KEYCMD_MAX_OUTPUT - len);
        if (n <= 0 || (len += (size_t)n) >= KEYCMD_MAX_OUTPUT)
            break;
    }
    close(fds[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    buf[len] = '\0';
    bool ok = false;
    if (timed_out)
        snprintf(err, errlen, "api_key_command: %s did not finish within %d s", argv[0],
                 KEYCMD_TIMEOUT_MS / 1000);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(err, errlen, "api_key_command: cannot run %s", argv[0]);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        snprintf(err, errlen, "api_key_command: %s failed", argv[0]);
    else {
        buf[strcspn(buf, "\r\n")] = '\0';
        char *k = buf;
        while (*k == ' ' || *k == '\t')
            k++;
        size_t n = strlen(k);
        while (n > 0 && (k[n - 1] == ' ' || k[n - 1] == '\t'))
            k[--n] = '\0';
        if (!n)
            snprintf(err, errlen, "api_key_command: %s printed no key", argv[0]);
        else if ((*key = strdup(k)))
            ok = true;
        else
            snprintf(err, errlen, "api_key_command: out of memory");
    }
    explicit_bzero(buf, sizeof buf);
    free(copy);
    return ok;
}
