/* libFuzzer target for everything a peer's bytes reach before a login: the
 * frame parser, the handshake readers, hl_chan_open on a fixed channel, and
 * the protobuf unpackers of every wire message.
 *
 * Built with -DHL_FUZZ_FRAME_SEEDS instead, it is a small program that writes
 * the seed corpus (valid frames of every kind for the fixed channel):
 *   cc -DHL_FUZZ_FRAME_SEEDS tests/fuzz/fuzz_frame.c -I common -I <build>/common/proto \
 *      <build>/common/libhotline.a -lsodium -lprotobuf-c -lpthread -o seeds
 *   ./seeds tests/fuzz/corpus/frame
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "error.h"
#include "frame.h"
#include "hotline.pb-c.h"
#include "noise.h"
#include "replay.h"

#define FUZZ_SID 0x1122334455667788u

/* The fixed channel. Its keys come from a real NK handshake with fixed
 * static and ephemeral keys, so the seed frames open on every run. */
static struct {
	int ready;
	uint8_t s_priv[32], s_pub[32];
	hl_chan_hs cli_wait_hs2;  /* the client after sending HS1, awaiting HS2 */
	hl_chan cli, srv;
	uint8_t hs1[HL_FRAME_HS1_HDR + HL_CHAN_HELLO_MAX + HL_NOISE_HS_OVERHEAD];
	size_t hs1_len;
	uint8_t hs2[HL_FRAME_HS2_HDR + HL_CHAN_HELLO_MAX + HL_NOISE_HS_OVERHEAD];
	size_t hs2_len;
} fx;

static void fill(uint8_t *p, size_t n, uint8_t start)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(start + 7 * i);
}

/* Sets up a channel end as channel.c does after a handshake. */
static void chan_set(hl_chan *ch, const hl_noise_cipher *tx, const hl_noise_cipher *rx,
		     const uint8_t hash[HL_NOISE_HASHLEN])
{
	memset(ch, 0, sizeof *ch);
	ch->sid = FUZZ_SID;
	ch->tx = *tx;
	ch->rx = *rx;
	atomic_init(&ch->tx_nonce, 0);
	pthread_mutex_init(&ch->mu, NULL);
	hl_replay_init(&ch->win);
	memcpy(ch->hash, hash, HL_NOISE_HASHLEN);
}

static size_t pack_hello(uint8_t *out, size_t cap)
{
	Hotline__Hello h = HOTLINE__HELLO__INIT;

	h.protocol_version = HOTLINE__VERSION__PROTOCOL_VERSION;
	h.client = "fuzz_frame 0.1";
	if (hotline__hello__get_packed_size(&h) > cap)
		abort();
	return hotline__hello__pack(&h, out);
}

static size_t pack_hello_reply(uint8_t *out, size_t cap)
{
	Hotline__HelloReply h = HOTLINE__HELLO_REPLY__INIT;

	h.protocol_version = HOTLINE__VERSION__PROTOCOL_VERSION;
	h.broker = "hotline-broker 0.1";
	if (hotline__hello_reply__get_packed_size(&h) > cap)
		abort();
	return hotline__hello_reply__pack(&h, out);
}

/* Runs the deterministic handshake once; aborts if any step fails, since
 * then nothing the fuzzer finds would mean anything. */
static void setup_once(void)
{
	static const uint8_t prologue[] = HL_CHAN_PROLOGUE;
	uint8_t e_cli[32], e_srv[32], pl[HL_CHAN_HELLO_MAX], buf[HL_CHAN_HELLO_MAX];
	hl_noise_hs ini, resp;
	hl_noise_cipher c1, c2, d1, d2;
	uint8_t h1[HL_NOISE_HASHLEN], h2[HL_NOISE_HASHLEN];
	size_t n, plen;

	if (fx.ready)
		return;
	fill(fx.s_priv, 32, 0x11);
	fill(e_cli, 32, 0x22);
	fill(e_srv, 32, 0x33);
	if (hl_noise_pubkey(fx.s_priv, fx.s_pub) != 0)
		abort();

	/* HS1: the client's Hello. */
	if (hl_noise_init_initiator(&ini, prologue, sizeof prologue - 1, fx.s_pub, e_cli) != 0 ||
	    hl_frame_encode_header(fx.hs1, sizeof fx.hs1, HL_FRAME_HS1, 0, 0, 0) < 0)
		abort();
	n = pack_hello(buf, sizeof buf);
	if (hl_noise_write_message(&ini, buf, n, fx.hs1 + HL_FRAME_HS1_HDR,
				   sizeof fx.hs1 - HL_FRAME_HS1_HDR, &plen) != 0)
		abort();
	fx.hs1_len = HL_FRAME_HS1_HDR + plen;
	fx.cli_wait_hs2.hs = ini;

	/* HS2: the broker's HelloReply. */
	if (hl_noise_init_responder(&resp, prologue, sizeof prologue - 1, fx.s_priv, e_srv) != 0 ||
	    hl_noise_read_message(&resp, fx.hs1 + HL_FRAME_HS1_HDR, fx.hs1_len - HL_FRAME_HS1_HDR,
				  pl, sizeof pl, &plen) != 0 ||
	    hl_frame_encode_header(fx.hs2, sizeof fx.hs2, HL_FRAME_HS2, FUZZ_SID, 0, 0) < 0)
		abort();
	n = pack_hello_reply(buf, sizeof buf);
	if (hl_noise_write_message(&resp, buf, n, fx.hs2 + HL_FRAME_HS2_HDR,
				   sizeof fx.hs2 - HL_FRAME_HS2_HDR, &plen) != 0)
		abort();
	fx.hs2_len = HL_FRAME_HS2_HDR + plen;

	if (hl_noise_read_message(&ini, fx.hs2 + HL_FRAME_HS2_HDR, fx.hs2_len - HL_FRAME_HS2_HDR,
				  pl, sizeof pl, &plen) != 0 ||
	    hl_noise_split(&ini, &c1, &c2, h1) != 0 || hl_noise_split(&resp, &d1, &d2, h2) != 0 ||
	    memcmp(h1, h2, sizeof h1) != 0)
		abort();
	/* The initiator sends with c1; the responder receives with it. */
	chan_set(&fx.cli, &c1, &c2, h1);
	chan_set(&fx.srv, &d2, &d1, h2);
	fx.ready = 1;
}

/* Opens a DATA frame on one end with a fresh window, so that each input is
 * judged alone, and unpacks what a genuine frame carries. */
static void open_on(hl_chan *ch, const hl_frame *f, int to_broker)
{
	uint8_t *out = malloc(f->body_len - HL_NOISE_TAGLEN + 1);
	size_t n = f->body_len - HL_NOISE_TAGLEN;

	if (!out)
		return;
	hl_replay_init(&ch->win);
	if (hl_chan_open(ch, f, out) == 0) {
		if (to_broker) {
			Hotline__Request *rq = hotline__request__unpack(NULL, n, out);
			hotline__request__free_unpacked(rq, NULL);
		} else {
			Hotline__Reply *rp = hotline__reply__unpack(NULL, n, out);
			Hotline__Event *ev = hotline__event__unpack(NULL, n, out);
			hotline__reply__free_unpacked(rp, NULL);
			hotline__event__free_unpacked(ev, NULL);
		}
	}
	free(out);
}

static void unpack_all(const uint8_t *data, size_t size)
{
	Hotline__Request *rq = hotline__request__unpack(NULL, size, data);
	Hotline__Reply *rp = hotline__reply__unpack(NULL, size, data);
	Hotline__Event *ev = hotline__event__unpack(NULL, size, data);
	Hotline__Hello *h = hotline__hello__unpack(NULL, size, data);
	Hotline__HelloReply *hr = hotline__hello_reply__unpack(NULL, size, data);

	/* free_unpacked ignores NULL. */
	hotline__request__free_unpacked(rq, NULL);
	hotline__reply__free_unpacked(rp, NULL);
	hotline__event__free_unpacked(ev, NULL);
	hotline__hello__free_unpacked(h, NULL);
	hotline__hello_reply__free_unpacked(hr, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t plen;
	hl_frame f;

	setup_once();
	if (hl_frame_decode(data, size, &f) == 0) {
		if (f.kind == HL_FRAME_DATA) {
			open_on(&fx.srv, &f, 1);
			open_on(&fx.cli, &f, 0);
		} else if (f.kind == HL_FRAME_HS1) {
			hl_chan_hs hs;

			memset(&hs, 0, sizeof hs);
			if (hl_chan_server_read(&hs, fx.s_priv, &f, pl, sizeof pl, &plen) == 0)
				hotline__hello__free_unpacked(hotline__hello__unpack(NULL, plen, pl),
							      NULL);
			hl_noise_hs_wipe(&hs.hs);
		} else if (f.kind == HL_FRAME_HS2) {
			hl_chan_hs hs = fx.cli_wait_hs2;
			hl_chan ch;

			if (hl_chan_client_finish(&hs, &f, pl, sizeof pl, &plen, &ch) == 0) {
				hotline__hello_reply__free_unpacked(
					hotline__hello_reply__unpack(NULL, plen, pl), NULL);
				hl_chan_destroy(&ch);
			}
		}
	}
	unpack_all(data, size);
	return 0;
}

#ifdef HL_FUZZ_FRAME_SEEDS
/* The seed writer: one file per valid frame, plus bare messages. */
static void put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(fp = fopen(path, "wb")) || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void put_sealed(const char *dir, const char *name, hl_chan *ch, const uint8_t *pt,
		       size_t n)
{
	uint8_t *buf = malloc(HL_CHAN_SEALED_LEN(n));

	if (!buf || hl_chan_seal(ch, pt, n, buf) != 0)
		abort();
	put(dir, name, buf, HL_CHAN_SEALED_LEN(n));
	free(buf);
}

int main(int argc, char **argv)
{
	uint8_t buf[1024], hdr[32];
	const char *dir = argc > 1 ? argv[1] : ".";
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Login login = HOTLINE__LOGIN__INIT;
	Hotline__Ping ping = HOTLINE__PING__INIT;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__User user = HOTLINE__USER__INIT;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Notice notice = HOTLINE__NOTICE__INIT;
	static const char err[] = "the broker is shutting down";
	size_t n;
	int h;

	setup_once();
	put(dir, "hs1", fx.hs1, fx.hs1_len);
	put(dir, "hs2", fx.hs2, fx.hs2_len);

	rq.id = 1;
	rq.body_case = HOTLINE__REQUEST__BODY_LOGIN;
	login.user = "admin";
	login.password = "correct horse";
	rq.login = &login;
	n = hotline__request__pack(&rq, buf);
	put(dir, "msg_request_login", buf, n);
	put_sealed(dir, "data_login", &fx.cli, buf, n);

	rq.id = 2;
	rq.body_case = HOTLINE__REQUEST__BODY_PING;
	ping.pad.data = (uint8_t *)"padpadpad";
	ping.pad.len = 9;
	ping.client_time_ns = 123456789;
	rq.ping = &ping;
	n = hotline__request__pack(&rq, buf);
	put_sealed(dir, "data_ping", &fx.cli, buf, n);

	rp.id = 1;
	rp.body_case = HOTLINE__REPLY__BODY_USER;
	user.name = "admin";
	user.role = HOTLINE__ROLE__ADMIN;
	rp.user = &user;
	n = hotline__reply__pack(&rp, buf);
	put(dir, "msg_reply_user", buf, n);
	put_sealed(dir, "data_reply", &fx.srv, buf, n);

	ev.seq = 3;
	ev.body_case = HOTLINE__EVENT__BODY_NOTICE;
	notice.text = "hello";
	notice.from = "sue";
	ev.notice = &notice;
	n = hotline__event__pack(&ev, buf);
	put(dir, "msg_event_notice", buf, n);

	put_sealed(dir, "data_empty", &fx.cli, NULL, 0);

	h = hl_frame_encode_header(buf, sizeof buf, HL_FRAME_ERROR, 0, 0, (uint8_t)-HL_E_VERSION);
	memcpy(buf + h, err, sizeof err - 1);
	put(dir, "error", buf, (size_t)h + sizeof err - 1);
	h = hl_frame_encode_header(hdr, sizeof hdr, HL_FRAME_KEYREQ, 0, 0, 0);
	put(dir, "keyreq", hdr, (size_t)h);
	h = hl_frame_encode_header(buf, sizeof buf, HL_FRAME_KEY, 0, 0, 0);
	memcpy(buf + h, fx.s_pub, 32);
	put(dir, "key", buf, (size_t)h + 32);
	return 0;
}
#endif
