/* Benchmark: request round trips and pipelined throughput through the
 * broker's loop (encrypted, authenticated) against raw nng REQ/REP with the
 * same payload and no crypto. Prints the figures and the two ratios. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/protocol/reqrep0/req.h>

#include "client.h"
#include "pwfile.h"

#define RAW_CTXS 64

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(double *v, int n, double q)
{
	int i = (int)(q * n);
	return v[i >= n ? n - 1 : i];
}

/* --- the raw side: an echo server on nng contexts, no crypto --- */

struct echo {
	nng_ctx ctx;
	nng_aio *aio;
	int sending;
};

static void echo_cb(void *arg)
{
	struct echo *e = arg;

	if (nng_aio_result(e->aio) != 0) {
		if (e->sending)
			nng_msg_free(nng_aio_get_msg(e->aio));
		if (nng_aio_result(e->aio) == NNG_ECLOSED)
			return;
		e->sending = 0;
		nng_ctx_recv(e->ctx, e->aio);
		return;
	}
	if (!e->sending) {
		e->sending = 1;
		nng_aio_set_msg(e->aio, nng_aio_get_msg(e->aio));
		nng_ctx_send(e->ctx, e->aio);
	} else {
		e->sending = 0;
		nng_ctx_recv(e->ctx, e->aio);
	}
}

/* --- one measuring client --- */

struct worker {
	int raw;
	const char *url, *pin, *user, *password;
	int size, count;
	double *lat;      /* count latencies, µs */
	int done;
	pthread_barrier_t *ready;  /* connected and logged in: the clock starts */
	double t_start, t_end;
};

static void *run_worker(void *arg)
{
	struct worker *w = arg;
	uint8_t *pad = calloc(1, (size_t)w->size + 1);

	if (w->raw) {
		nng_socket s;
		nng_req0_open(&s);
		nng_socket_set_ms(s, NNG_OPT_REQ_RESENDTIME, NNG_DURATION_INFINITE);
		if (nng_dial(s, w->url, NULL, 0) != 0) {
			fprintf(stderr, "bench: cannot dial %s\n", w->url);
			exit(1);
		}
		pthread_barrier_wait(w->ready);
		w->t_start = now_us();
		for (int i = 0; i < w->count; i++) {
			nng_msg *m;
			double t0 = now_us();
			nng_msg_alloc(&m, 0);
			nng_msg_append(m, pad, (size_t)w->size);
			if (nng_sendmsg(s, m, 0) != 0 || nng_recvmsg(s, &m, 0) != 0)
				break;
			nng_msg_free(m);
			w->lat[w->done++] = now_us() - t0;
		}
		w->t_end = now_us();
		nng_close(s);
	} else {
		hl_client_opts o = {.url = w->url, .pin = w->pin, .name = "bench"};
		hl_client *c;
		char err[300];
		if (hl_client_open(&c, &o, err, sizeof err) < 0 ||
		    hl_client_login(c, w->user, w->password) < 0) {
			fprintf(stderr, "bench: cannot log in: %s\n", err);
			exit(1);
		}
		Hotline__Request rq = HOTLINE__REQUEST__INIT;
		Hotline__Ping p = HOTLINE__PING__INIT;
		p.pad.data = pad;
		p.pad.len = (size_t)w->size;
		rq.body_case = HOTLINE__REQUEST__BODY_PING;
		rq.ping = &p;
		/* Logins (Argon2id) are not what is measured. */
		pthread_barrier_wait(w->ready);
		w->t_start = now_us();
		for (int i = 0; i < w->count; i++) {
			Hotline__Reply *rp;
			double t0 = now_us();
			if (hl_client_call(c, &rq, &rp) != 0)
				break;
			hl_client_reply_free(rp);
			w->lat[w->done++] = now_us() - t0;
		}
		w->t_end = now_us();
		hl_client_close(c);
	}
	free(pad);
	return NULL;
}

struct result {
	double p50, p99, rps;
};

/* Runs `clients` workers of `count` requests each; sequential figures come
 * from clients == 1. */
static struct result measure(int raw, const char *url, const char *pin, const char *user,
			     const char *pw, int size, int clients, int count)
{
	struct worker *w = calloc((size_t)clients, sizeof *w);
	pthread_t *th = calloc((size_t)clients, sizeof *th);
	double *all = calloc((size_t)clients * (size_t)count, sizeof *all);
	struct result r = {0};
	int n = 0;
	pthread_barrier_t ready;
	double first = 0, last = 0;

	pthread_barrier_init(&ready, NULL, (unsigned)clients);
	for (int i = 0; i < clients; i++) {
		w[i] = (struct worker){raw, url, pin, user, pw, size, count,
				       calloc((size_t)count, sizeof(double)), 0, &ready, 0, 0};
		pthread_create(&th[i], NULL, run_worker, &w[i]);
	}
	for (int i = 0; i < clients; i++) {
		pthread_join(th[i], NULL);
		if (i == 0 || w[i].t_start < first)
			first = w[i].t_start;
		if (w[i].t_end > last)
			last = w[i].t_end;
	}
	pthread_barrier_destroy(&ready);
	double secs = (last - first) / 1e6;
	for (int i = 0; i < clients; i++) {
		memcpy(all + n, w[i].lat, (size_t)w[i].done * sizeof(double));
		n += w[i].done;
		free(w[i].lat);
	}
	qsort(all, (size_t)n, sizeof *all, cmp);
	if (n) {
		r.p50 = pct(all, n, 0.50);
		r.p99 = pct(all, n, 0.99);
	}
	r.rps = n / secs;
	if (n != clients * count)
		fprintf(stderr, "bench: only %d of %d requests completed\n", n, clients * count);
	free(all);
	free(w);
	free(th);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: bench_channel BROKER_URL PIN USER PASSWORD_FILE RAW_URL "
				"[SIZE] [CLIENTS] [COUNT]\n");
		return 2;
	}
	const char *url = argv[1], *pin = argv[2], *user = argv[3], *raw_url = argv[5];
	int size = argc > 6 ? atoi(argv[6]) : 256;
	int clients = argc > 7 ? atoi(argv[7]) : 16;
	int count = argc > 8 ? atoi(argv[8]) : 5000;
	char pw[HL_PASSWORD_MAX + 1];
	nng_socket rep;
	struct echo echoes[RAW_CTXS];

	if (hl_pwfile_read(argv[4], pw, sizeof pw) < 0) {
		fprintf(stderr, "bench: cannot read %s\n", argv[4]);
		return 1;
	}
	nng_rep0_open(&rep);
	if (nng_listen(rep, raw_url, NULL, 0) != 0) {
		fprintf(stderr, "bench: cannot listen on %s\n", raw_url);
		return 1;
	}
	for (int i = 0; i < RAW_CTXS; i++) {
		echoes[i].sending = 0;
		nng_ctx_open(&echoes[i].ctx, rep);
		nng_aio_alloc(&echoes[i].aio, echo_cb, &echoes[i]);
		nng_ctx_recv(echoes[i].ctx, echoes[i].aio);
	}

	printf("payload %d bytes; sequential: 1 client x %d requests; pipelined: %d clients x "
	       "%d requests\n", size, count, clients, count);
	/* Warm both paths so first-connection costs are not measured. */
	measure(1, raw_url, NULL, NULL, NULL, size, 1, 200);
	measure(0, url, pin, user, pw, size, 1, 200);
	struct result rs = measure(1, raw_url, NULL, NULL, NULL, size, 1, count);
	struct result hs = measure(0, url, pin, user, pw, size, 1, count);
	struct result rp = measure(1, raw_url, NULL, NULL, NULL, size, clients, count);
	struct result hp = measure(0, url, pin, user, pw, size, clients, count);
	printf("%-10s %12s %12s %16s %16s\n", "", "p50 (us)", "p99 (us)", "seq req/s",
	       "pipelined req/s");
	printf("%-10s %12.1f %12.1f %16.0f %16.0f\n", "raw nng", rs.p50, rs.p99, rs.rps, rp.rps);
	printf("%-10s %12.1f %12.1f %16.0f %16.0f\n", "hotline", hs.p50, hs.p99, hs.rps, hp.rps);
	printf("pipelined p50/p99 (us): raw %.1f/%.1f, hotline %.1f/%.1f\n", rp.p50, rp.p99,
	       hp.p50, hp.p99);
	printf("hotline/raw throughput ratio: %.2f\n", hp.rps / rp.rps);
	printf("hotline/raw p99 ratio: %.2f\n", hs.p99 / rs.p99);
	for (int i = 0; i < RAW_CTXS; i++)
		nng_aio_stop(echoes[i].aio);
	nng_close(rep);
	return 0;
}
