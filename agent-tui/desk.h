/* The agent's desk: their conversations (offers, chats, wrap-ups) with
 * transcripts, their own state, the queues they serve and their figures,
 * kept up to date from the broker's events and replies. Pure: no I/O, no
 * curses, no clock — the caller passes the time. */
#ifndef HL_AGENT_DESK_H
#define HL_AGENT_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codes.h"
#include "figures.h"
#include "hotline.pb-c.h"
#include "textview.h"

#define HL_AGENT_CONV_MAX 64       /* conversations on the desk at once */
#define HL_AGENT_QUEUE_MAX 32      /* queues shown */
#define HL_AGENT_LINES_MAX 5000    /* transcript lines kept per conversation */
#define HL_AGENT_TYPING_LAPSE_MS 8000  /* a customer typing indicator not renewed lapses */

/* What changed, for the screen: or-ed into the functions' results. */
enum {
	HL_AGENT_DIRTY_STATUS = 1 << 0,  /* the status line */
	HL_AGENT_DIRTY_LIST = 1 << 1,    /* the hotlist */
	HL_AGENT_DIRTY_VIEW = 1 << 2,    /* the selected conversation's transcript */
	HL_AGENT_DIRTY_SIDE = 1 << 3,    /* the customer panel */
	HL_AGENT_DIRTY_TYPING = 1 << 4,  /* the typing indicator row */
	HL_AGENT_DIRTY_ALL = 0x1F,
};

enum { HL_AGENT_OFFER, HL_AGENT_CHAT, HL_AGENT_WRAPUP };

/* Both clocks the desk needs: monotonic for durations, wall for stamps. */
typedef struct hl_agent_now {
	int64_t mono, wall;   /* milliseconds */
} hl_agent_now;

typedef struct hl_agent_visitor {
	bool known;
	char referrer[512], landing[512], pages[1024], keywords[256];
	char region[128], device[256];
	bool returning;
	unsigned past_contacts;
} hl_agent_visitor;

typedef struct hl_agent_conv {
	char id[24];             /* "c42" */
	char queue[68];
	char customer[32];       /* "u45" */
	int kind;                /* HL_AGENT_OFFER / CHAT / WRAPUP */
	int64_t deadline;        /* an offer's end (mono); 0 with auto-accept */
	int64_t since;           /* when it got its kind (mono) */
	int64_t waiting_since;   /* the customer's unanswered line (mono); 0 none */
	int64_t answered_wall;   /* the broker's stamp of the answer; 0 unknown */
	int64_t ended_mono;      /* when it ended (mono), for the wrap-up time */
	unsigned unread;         /* lines not seen yet */
	bool typing;             /* the customer is typing */
	int64_t typing_at;       /* mono of the last Typing on */
	char ended_by[16];
	char note[512];          /* a transfer's internal note */
	char first_text[512];    /* an offer's first message */
	char moved_text[512];    /* the last transfer line, in the desk's language */
	hl_agent_visitor visitor;
	hl_tui_textview tv;      /* the transcript, formatted */
	uint64_t last_seq;       /* last line added (lines come in order) */
	bool history;            /* the transcript was fetched */
	char *draft;             /* the input line kept while away; owned */
	bool typing_sent;        /* we told the customer we are typing */
} hl_agent_conv;

typedef struct hl_agent_queue {
	char id[68], label_en[68], label_zh[68];
	unsigned waiting;
	int64_t longest_wait_ms;
	bool served;             /* shown in the status line */
	bool figures;            /* the floor reported it */
	double sl_pct, asa_s, aht_s;
	unsigned offered, answered, sl_secs;
} hl_agent_queue;

/* Something a person should be told about, or the caller should do. */
enum {
	HL_AGENT_NEWS_NONE,
	HL_AGENT_NEWS_OFFER,        /* a new offer (ring) */
	HL_AGENT_NEWS_OFFER_GONE,   /* withdrawn: text is the reason */
	HL_AGENT_NEWS_ENDED,        /* the customer ended a chat */
	HL_AGENT_NEWS_MOVED,        /* transferred away or requeued: text says */
	HL_AGENT_NEWS_NOTICE,       /* a supervisor's broadcast: text, from */
	HL_AGENT_NEWS_FETCH,        /* fetch the transcript of contact */
	HL_AGENT_NEWS_RESYNC,       /* the event stream restarted: fetch every open transcript */
};

typedef struct hl_agent_news {
	int kind;
	char contact[24];
	char text[512];
	char from[68];
} hl_agent_news;

typedef struct hl_agent_desk {
	char me[68], display[132];
	char state[16], reason[32];      /* "" until the broker tells */
	int64_t state_since;             /* mono */
	hl_agent_conv *conv[HL_AGENT_CONV_MAX];
	size_t n;
	char selected[24];               /* id of the conversation shown, "" none */
	hl_agent_queue queues[HL_AGENT_QUEUE_MAX];
	size_t nqueues;
	char serve[512];                 /* the queues to show, comma-separated; "" all */
	int64_t floor_at;                /* mono of the last floor figures; 0 never */
	hl_agent_figures figures;        /* the agent's day, from the broker's snapshot on */
	int64_t day_start_ms;            /* the broker's start of today (wall); 0 unknown */
	hl_agent_codes codes;            /* the configured reasons and wrap-up codes */
	bool zh;                         /* queue labels in Chinese */
	int view_width;                  /* the transcript's width, for new views */
} hl_agent_desk;

/* Makes an empty desk. */
void hl_agent_desk_init(hl_agent_desk *d);

/* Frees every conversation and the figures. */
void hl_agent_desk_free(hl_agent_desk *d);

/* Sets who is logged in. */
void hl_agent_desk_set_me(hl_agent_desk *d, const char *name, const char *display);

/* Applies one event (Snapshot, Offer, ContactLine, Typing, ContactState,
 * AgentStatus, Notice, CodesChanged; others are ignored). A snapshot
 * replaces the figures with the broker's day and the codes with its list. Writes what a person should
 * hear of, or the caller do, into news (up to max entries; *nnews gets
 * how many). Returns HL_AGENT_DIRTY_* flags. */
unsigned hl_agent_desk_apply(hl_agent_desk *d, const Hotline__Event *ev, hl_agent_now now,
			     hl_agent_news *news, size_t max, size_t *nnews);

/* Replaces a conversation's transcript with the broker's (after accept,
 * or after a resync), and records a rating found in it. Returns flags. */
unsigned hl_agent_desk_transcript(hl_agent_desk *d, const Hotline__TranscriptReply *tr,
				  hl_agent_now now);

/* Takes the floor's figures: waiting counts per queue; when the broker's
 * day has moved on, the agent's own figures start again. Returns flags. */
unsigned hl_agent_desk_floor(hl_agent_desk *d, const Hotline__FloorReply *fr,
			     hl_agent_now now);

/* Takes the queue list: ids and menu labels. Returns flags. */
unsigned hl_agent_desk_queue_list(hl_agent_desk *d, const Hotline__QueueListReply *ql);

/* Which queues the status line shows: a comma-separated list, "" all. */
void hl_agent_desk_serve(hl_agent_desk *d, const char *csv);

/* A queue's label in the interface language ("" when none). */
const char *hl_agent_desk_queue_label(const hl_agent_desk *d, const char *id);

/* The label of a configured code (kind "not_ready" or "wrap_up") in the
 * interface language, or NULL when the desk does not know it. */
const char *hl_agent_desk_code_label(const hl_agent_desk *d, const char *kind, const char *id);

/* The conversation with id, or NULL. */
hl_agent_conv *hl_agent_desk_find(const hl_agent_desk *d, const char *id);

/* The conversation shown, or NULL. */
hl_agent_conv *hl_agent_desk_selected(const hl_agent_desk *d);

/* Shows conversation id (NULL or unknown: none) and marks it read.
 * Returns flags. */
unsigned hl_agent_desk_select(hl_agent_desk *d, const char *id);

/* Takes conversation id off the desk (wrap-up done, or it left). When it
 * was shown, the next one in the hotlist's order is. Returns flags. */
unsigned hl_agent_desk_remove(hl_agent_desk *d, const char *id);

/* Wrap-up of id is done at now: its time goes into the figures and it
 * leaves the desk. Returns flags. */
unsigned hl_agent_desk_wrapped(hl_agent_desk *d, const char *id, hl_agent_now now);

/* Lets customer typing indicators lapse. Returns flags. */
unsigned hl_agent_desk_tick(hl_agent_desk *d, hl_agent_now now);

/* Unread lines over all conversations. */
unsigned hl_agent_desk_unread(const hl_agent_desk *d);

/* How many conversations are of kind (HL_AGENT_OFFER…), -1 for all. */
size_t hl_agent_desk_count(const hl_agent_desk *d, int kind);

/* Formats a transcript line as the view shows it: "HH:MM name: text"
 * (local time of ts_ms), notes and whispers marked, system lines set
 * apart and translated when the broker's English is known, the
 * customer's contact details masked as in the side panel (mask.h). Writes into
 * buf, sets *role (a theme role) and *indent (continuation rows), and
 * returns the length. */
size_t hl_agent_desk_format_line(const Hotline__ChatLine *l, char *buf, size_t cap, int *role,
				 int *indent);

#endif
