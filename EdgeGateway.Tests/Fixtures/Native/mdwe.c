/*
 * mdwe MODE COMMAND [ARG...]: runs COMMAND under one of the two forms systemd gives MemoryDenyWriteExecute=yes
 * (deploy/systemd/edgegw.service), so a test can show the daemon runs under it without systemd as PID 1:
 *   prctl    PR_SET_MDWE(PR_MDWE_REFUSE_EXEC_GAIN), kept across execve (Linux >= 6.3; systemd >= 254 uses it);
 *   seccomp  the filter of systemd's seccomp_memory_deny_write_execute() (systemd 252, as on Debian 12):
 *            mmap asking for PROT_WRITE|PROT_EXEC, and mprotect/pkey_mprotect adding PROT_EXEC, fail with EPERM.
 * Exit 2 when the restriction cannot be installed, 127 when COMMAND cannot be executed.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

#define SYSCALL_NR offsetof(struct seccomp_data, nr)
#define PROT_ARG offsetof(struct seccomp_data, args[2])

static int deny_by_seccomp(void)
{
    struct sock_filter filter[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SYSCALL_NR),
        /* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 3),                 /* mmap: 2, else 5 */
        /* 2 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, PROT_ARG),
        /* 3 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, PROT_WRITE | PROT_EXEC),
        /* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROT_WRITE | PROT_EXEC, 4, 5),   /* W|X: 9, else 10 */
        /* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mprotect, 1, 0),             /* mprotect: 7, else 6 */
        /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_pkey_mprotect, 0, 3),        /* pkey_mprotect: 7, else 10 */
        /* 7 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, PROT_ARG),
        /* 8 */ BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1),                /* adds X: 9, else 10 */
        /* 9 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        /* 10 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { sizeof filter / sizeof filter[0], filter };
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "prctl") != 0 && strcmp(argv[1], "seccomp") != 0)) {
        fprintf(stderr, "usage: mdwe prctl|seccomp COMMAND [ARG...]\n");
        return 2;
    }

    if (strcmp(argv[1], "prctl") == 0 ? prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0 : deny_by_seccomp() != 0) {
        perror(argv[1]);
        return 2;
    }

    execvp(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
