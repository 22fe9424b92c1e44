/* hotline-sim's checks: the tag every simulated chat line carries, sequence
 * tracking per direction of a conversation (lost, duplicated, out of order)
 * and latency percentiles. Pure: no I/O, no clock, no threads. */
#ifndef HL_SIM_STATS_H
#define HL_SIM_STATS_H

#include <stddef.h>
#include <stdint.h>

/* The two directions of a conversation. */
enum {
	HL_SIM_C2A = 0, /* customer → agent */
	HL_SIM_A2C = 1, /* agent → customer */
};

/* What hl_sim_seq_delivered made of a delivery. */
enum {
	HL_SIM_NEW = 0,        /* first delivery, in order */
	HL_SIM_LATE = 1,       /* first delivery, but after a later message */
	HL_SIM_DUP = 2,        /* delivered before */
	HL_SIM_UNEXPECTED = 3, /* never sent */
};

/* One direction of one conversation. Sequence numbers count from 1, are
 * given by the sender in order, and mark each message once. */
typedef struct hl_sim_seq {
	uint8_t *flags;          /* per seq: sent, acknowledged, delivered bits */
	uint32_t cap;            /* entries in flags (index = seq) */
	uint32_t sent;           /* highest seq sent */
	uint32_t max_delivered;  /* highest seq delivered so far */
	uint32_t delivered, duplicated, out_of_order, unexpected;
} hl_sim_seq;

/* Totals over any number of hl_sim_seq. */
typedef struct hl_sim_tally {
	uint64_t sent;          /* messages sent */
	uint64_t acked;         /* ... and acknowledged by the broker */
	uint64_t delivered;     /* distinct messages delivered */
	uint64_t lost;          /* acknowledged, never delivered */
	uint64_t unconfirmed;   /* neither acknowledged nor delivered */
	uint64_t duplicated;    /* deliveries of a message delivered before */
	uint64_t out_of_order;  /* first deliveries after a later message */
	uint64_t unexpected;    /* deliveries of a message never sent */
} hl_sim_tally;

/* An empty tracker; needs no allocation until the first message. */
void hl_sim_seq_init(hl_sim_seq *s);

/* Frees the tracker's memory and empties it. */
void hl_sim_seq_free(hl_sim_seq *s);

/* The sender sent message `seq` (> 0). Returns 0, HL_E_INVALID for seq 0
 * or a seq far past the last (over 1,000,000 ahead), or HL_E_NOMEM. */
int hl_sim_seq_sent(hl_sim_seq *s, uint32_t seq);

/* The broker acknowledged message `seq` (stored it). Returns 0, or
 * HL_E_INVALID for a seq never sent. Acknowledging twice is harmless. */
int hl_sim_seq_acked(hl_sim_seq *s, uint32_t seq);

/* The receiver got message `seq`. Returns HL_SIM_NEW, HL_SIM_LATE,
 * HL_SIM_DUP or HL_SIM_UNEXPECTED and counts it. */
int hl_sim_seq_delivered(hl_sim_seq *s, uint32_t seq);

/* Messages sent and not yet delivered. */
uint32_t hl_sim_seq_outstanding(const hl_sim_seq *s);

/* Adds the tracker's figures to `t`; lost and unconfirmed as of now. */
void hl_sim_seq_tally(const hl_sim_seq *s, hl_sim_tally *t);

/* Latency samples in milliseconds. */
typedef struct hl_sim_lat {
	double *v;
	size_t n, cap;
	int sorted;
} hl_sim_lat;

/* Adds a sample. Returns 0 or HL_E_NOMEM. */
int hl_sim_lat_add(hl_sim_lat *l, double ms);

/* The sample at quantile q in [0, 1] by nearest rank (0.5: p50, 0.99: p99);
 * -1 when there are none. Sorts the samples in place. */
double hl_sim_lat_quantile(hl_sim_lat *l, double q);

/* Frees the samples. */
void hl_sim_lat_free(hl_sim_lat *l);

/* The tag a simulated line opens with. */
typedef struct hl_sim_tag {
	uint32_t conv;   /* the conversation: the simulated customer's number */
	int dir;         /* HL_SIM_C2A or HL_SIM_A2C */
	uint32_t seq;    /* per conversation and direction, from 1 */
	uint64_t t_us;   /* send time, microseconds on the sender's clock */
} hl_sim_tag;

/* Writes `filler` and then the tag " [sim c17 a>c #5 t=123456789]" into buf,
 * always NUL-terminated: the words a person reads come first, the check
 * last. A filler too long for `cap` is cut at a character boundary so the
 * tag stays whole. Returns the length written (at most cap - 1). */
size_t hl_sim_tag_format(char *buf, size_t cap, const hl_sim_tag *t, const char *filler);

/* Reads the tag that ends `text` ("[sim c…]" alone, or after a space).
 * Returns 0, or HL_E_MALFORMED when the text does not end with a
 * well-formed tag (not a simulated line). */
int hl_sim_tag_parse(const char *text, hl_sim_tag *t);

#endif
