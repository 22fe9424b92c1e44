/* Benchmark: the round trip of the floor request (and of ping, the floor
 * under it) from one logged-in client, COUNT times each; prints p50, p99
 * and max in ms. Usage: bench_floor_rtt URL PIN USER PASSWORD_FILE COUNT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "client.h"
#include "pwfile.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Times `count` calls of rq; prints its line when `show`. Returns 0, or -1
 * when a call failed. */
static int timed(hl_client *c, const char *name, Hotline__Request *rq, int count, int show)
{
	double *v = calloc((size_t)count, sizeof *v);
	int n = 0;

	if (!v)
		return -1;
	for (int i = 0; i < count; i++) {
		Hotline__Reply *rp;
		double t0 = now_ms();
		if (hl_client_call(c, rq, &rp) != 0)
			break;
		v[n++] = now_ms() - t0;
		hl_client_reply_free(rp);
	}
	if (n < count) {
		fprintf(stderr, "bench_floor_rtt: %s failed after %d calls\n", name, n);
		free(v);
		return -1;
	}
	qsort(v, (size_t)n, sizeof *v, cmp);
	if (show)
		printf("%s %.3f %.3f %.3f\n", name, v[n / 2], v[(int)(n * 0.99) < n ? (int)(n * 0.99) : n - 1],
	       v[n - 1]);
	free(v);
	return 0;
}

int main(int argc, char **argv)
{
	hl_client_opts o = {0};
	hl_client *c;
	char err[300], pw[256];
	int count;

	if (argc != 6 || (count = atoi(argv[5])) < 1) {
		fprintf(stderr, "usage: bench_floor_rtt URL PIN USER PASSWORD_FILE COUNT\n");
		return 2;
	}
	if (hl_pwfile_read(argv[4], pw, sizeof pw) < 0) {
		fprintf(stderr, "bench_floor_rtt: cannot read %s\n", argv[4]);
		return 2;
	}
	o.url = argv[1];
	o.pin = argv[2];
	o.name = "bench";
	if (hl_client_open(&c, &o, err, sizeof err) < 0 || hl_client_login(c, argv[3], pw) < 0) {
		fprintf(stderr, "bench_floor_rtt: cannot log in: %s\n", err);
		return 1;
	}
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Floor fl = HOTLINE__FLOOR__INIT;
	Hotline__Ping p = HOTLINE__PING__INIT;
	int rc = 0;

	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR;
	rq.floor = &fl;
	rc |= timed(c, "floor", &rq, 1, 0);  /* warm: pages cached */
	rc |= timed(c, "floor", &rq, count, 1);
	rq.body_case = HOTLINE__REQUEST__BODY_PING;
	rq.ping = &p;
	rc |= timed(c, "ping", &rq, count, 1);
	hl_client_close(c);
	return rc ? 1 : 0;
}
