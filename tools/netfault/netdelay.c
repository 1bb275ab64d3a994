/*
 * netdelay QUEUE MS JITTER_MS: delays every packet an iptables NFQUEUE rule sends to queue QUEUE by a delay drawn
 * uniformly from [MS-JITTER_MS, MS+JITTER_MS], then accepts it. What netem's "delay MS JITTER" would do, for kernels
 * built without netem (the machines' Firecracker kernel has no qdisc but pfifo, htb and tbf, and no modules).
 *
 * Packets leave in the order they came: a packet is never released before one queued earlier (its release time is at
 * least the previous one's), so TCP sees no reordering, as netem without "reorder" keeps order for a constant rate.
 * On SIGTERM/SIGINT every held packet is accepted at once before exiting, so stopping the delayer loses nothing; the
 * iptables rule uses --queue-bypass, so once the delayer is gone packets flow undelayed.
 *
 * Built by tools/netfault/install.sh into .deps/netfault/bin; started by ./fabricish net latency, one per namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define RING 65536

static uint32_t ids[RING];
static int64_t due[RING];
static unsigned head, tail; /* packets [head, tail) wait, oldest first */
static int64_t last_due;
static long delay_us, jitter_us;
static volatile sig_atomic_t stopping;

static int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void accept_packet(struct nfq_q_handle *qh, uint32_t id) {
    if (nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL) < 0) perror("netdelay: nfq_set_verdict");
}

/* Each queued packet gets a release time; a full ring (65536 packets in flight) lets the packet through at once. */
static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg;
    (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (!ph) return 0;
    uint32_t id = ntohl(ph->packet_id);
    if (tail - head >= RING) {
        accept_packet(qh, id);
        return 0;
    }
    long d = delay_us;
    if (jitter_us > 0) d += (long)(random() % (2 * jitter_us + 1)) - jitter_us;
    if (d < 0) d = 0;
    int64_t t = now_us() + d;
    if (t < last_due) t = last_due; /* never before a packet queued earlier */
    last_due = t;
    ids[tail % RING] = id;
    due[tail % RING] = t;
    tail++;
    return 0;
}

static void on_signal(int sig) {
    (void)sig;
    stopping = 1;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: netdelay QUEUE MS JITTER_MS\n");
        return 2;
    }
    int queue = atoi(argv[1]);
    delay_us = atol(argv[2]) * 1000;
    jitter_us = atol(argv[3]) * 1000;
    if (delay_us < 0 || jitter_us < 0 || jitter_us > delay_us) {
        fprintf(stderr, "netdelay: need 0 <= JITTER_MS <= MS\n");
        return 2;
    }
    srandom((unsigned)(now_us() ^ getpid()));

    struct nfq_handle *h = nfq_open();
    if (!h) { perror("netdelay: nfq_open"); return 1; }
    struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, &on_packet, NULL);
    if (!qh) { perror("netdelay: nfq_create_queue (is another delayer bound to the queue?)"); return 1; }
    /* Only the header is needed for a verdict: copy 0 bytes of payload. */
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0 && nfq_set_mode(qh, NFQNL_COPY_PACKET, 0) < 0) {
        perror("netdelay: nfq_set_mode");
        return 1;
    }
    nfq_set_queue_maxlen(qh, RING);
    int fd = nfq_fd(h);
    /* Bursts (a block broadcast) must not overflow the socket: a large buffer, and ENOBUFS is not fatal. */
    int size = 8 << 20, one = 1;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    fprintf(stderr, "netdelay: queue %d, delay %ld ms +- %ld ms\n", queue, delay_us / 1000, jitter_us / 1000);

    static char buf[65536] __attribute__((aligned));
    while (!stopping) {
        int64_t now = now_us();
        while (head != tail && due[head % RING] <= now) {
            accept_packet(qh, ids[head % RING]);
            head++;
        }
        int timeout = -1;
        if (head != tail) timeout = (int)((due[head % RING] - now + 999) / 1000);
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int n = poll(&pfd, 1, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("netdelay: poll");
            break;
        }
        if (n > 0) {
            /* Drain what is readable now without blocking. */
            for (;;) {
                ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (r < 0) {
                    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS && errno != EINTR) perror("netdelay: recv");
                    break;
                }
                nfq_handle_packet(h, buf, (int)r);
            }
        }
    }
    while (head != tail) accept_packet(qh, ids[head++ % RING]);
    nfq_destroy_queue(qh);
    nfq_close(h);
    return 0;
}
