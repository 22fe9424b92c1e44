/* The client model both desks stand on: the conversations a person holds
 * (offers, chats, wrap-ups) with their transcripts, their own state, the
 * roster of agents they can see, the queues with their figures, the
 * configured codes and the day's own figures, kept up to date from the
 * broker's events (an event-apply table, one function per event type)
 * and replies. Pure: no I/O, no curses, no clock — the caller passes the
 * time — and no gettext: words in the interface language come through
 * the caller's translate hook (hl_cm_model.tr). */
#ifndef HL_CM_MODEL_H
#define HL_CM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "climodel_codes.h"
#include "climodel_figures.h"
#include "hotline.pb-c.h"

#define HL_CM_CONV_MAX 64       /* conversations on the desk at once */
#define HL_CM_QUEUE_MAX 32      /* queues shown */
#define HL_CM_LINES_MAX 5000    /* transcript lines kept per conversation */
#define HL_CM_ROSTER_MAX 256     /* agents the roster keeps */
#define HL_CM_TYPING_LAPSE_MS 8000  /* a customer typing indicator not renewed lapses */

/* What changed, for the screen: or-ed into the functions' results. */
enum {
	HL_CM_DIRTY_STATUS = 1 << 0,  /* the status line */
	HL_CM_DIRTY_LIST = 1 << 1,    /* the hotlist */
	HL_CM_DIRTY_VIEW = 1 << 2,    /* the selected conversation's transcript */
	HL_CM_DIRTY_SIDE = 1 << 3,    /* the customer panel */
	HL_CM_DIRTY_TYPING = 1 << 4,  /* the typing indicator row */
	HL_CM_DIRTY_ALL = 0x1F,
	HL_CM_DIRTY_ROSTER = 1 << 5, /* the roster (not in ALL: the agent desk shows none) */
};

enum { HL_CM_OFFER, HL_CM_CHAT, HL_CM_WRAPUP };

/* Both clocks the desk needs: monotonic for durations, wall for stamps. */
typedef struct hl_cm_now {
	int64_t mono, wall;   /* milliseconds */
} hl_cm_now;

typedef struct hl_cm_visitor {
	bool known;
	char referrer[512], landing[512], pages[1024], keywords[256];
	char region[128], device[256];
	bool returning;
	unsigned past_contacts;
} hl_cm_visitor;

/* A conversation's lines: owned copies, oldest first, at most
 * HL_CM_LINES_MAX (the oldest go). gen changes whenever the lines are
 * replaced rather than added to; added counts the lines added since, so a
 * view knows which lines are new even after old ones went. */
typedef struct hl_cm_lines {
	Hotline__ChatLine **v;
	size_t n, cap;
	unsigned gen;
	uint64_t added;
} hl_cm_lines;

typedef struct hl_cm_conv {
	char id[24];             /* "c42" */
	char queue[68];
	char customer[32];       /* "u45" */
	int kind;                /* HL_CM_OFFER / CHAT / WRAPUP */
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
	hl_cm_visitor visitor;
	hl_cm_lines lines;       /* the transcript, as the broker sent it */
	uint64_t last_seq;       /* last line added (lines come in order) */
	bool history;            /* the transcript was fetched */
	char *draft;             /* the input line kept while away; owned */
	bool typing_sent;        /* we told the customer we are typing */
	void *ui;                /* the desk's own state for it (a view); freed by ui_free */
} hl_cm_conv;

typedef struct hl_cm_queue {
	char id[68], label_en[68], label_zh[68];
	unsigned waiting;
	int64_t longest_wait_ms;
	bool served;             /* shown in the status line */
	bool figures;            /* the floor reported it */
	double sl_pct, asa_s, aht_s;
	unsigned offered, answered, sl_secs;
} hl_cm_queue;

struct hl_cm_model;

/* A desk's own apply function for an event type (hl_cm_model.extra): it
 * runs after the model's own, with the desk's arg; returns dirty flags. */
typedef struct hl_cm_applier {
	int body_case;   /* Hotline__Event__BodyCase */
	unsigned (*fn)(struct hl_cm_model *d, const Hotline__Event *ev, hl_cm_now now, void *arg);
} hl_cm_applier;

/* An agent as the roster knows them. */
typedef struct hl_cm_agent {
	char name[68], display[132];
	char state[16], reason[32];
	int64_t since_wall;              /* the broker's stamp of the state; 0 unknown */
	unsigned chats, capacity;
} hl_cm_agent;

/* Something a person should be told about, or the caller should do. */
enum {
	HL_CM_NEWS_NONE,
	HL_CM_NEWS_OFFER,        /* a new offer (ring) */
	HL_CM_NEWS_OFFER_GONE,   /* withdrawn: text is the reason */
	HL_CM_NEWS_ENDED,        /* the customer ended a chat */
	HL_CM_NEWS_MOVED,        /* transferred away or requeued: text says */
	HL_CM_NEWS_NOTICE,       /* a supervisor's broadcast: text, from */
	HL_CM_NEWS_FETCH,        /* fetch the transcript of contact */
	HL_CM_NEWS_RESYNC,       /* the event stream restarted: fetch every open transcript */
};

typedef struct hl_cm_news {
	int kind;
	char contact[24];
	char text[512];
	char from[68];
} hl_cm_news;

typedef struct hl_cm_model {
	char me[68], display[132];
	char state[16], reason[32];      /* "" until the broker tells */
	int64_t state_since;             /* mono */
	hl_cm_conv *conv[HL_CM_CONV_MAX];
	size_t n;
	char selected[24];               /* id of the conversation shown, "" none */
	hl_cm_queue queues[HL_CM_QUEUE_MAX];
	size_t nqueues;
	char serve[512];                 /* the queues to show, comma-separated; "" all */
	int64_t floor_at;                /* mono of the last floor figures; 0 never */
	hl_cm_figures figures;        /* the agent's day, from the broker's snapshot on */
	int64_t day_start_ms;            /* the broker's start of today (wall); 0 unknown */
	hl_cm_codes codes;            /* the configured reasons and wrap-up codes */
	bool zh;                         /* queue labels in Chinese */
	hl_cm_agent roster[HL_CM_ROSTER_MAX];  /* the other agents seen (AgentList, AgentStatus) */
	size_t nroster;
	const char *(*tr)(const char *msgid);  /* words in the interface language; NULL: as is */
	void (*ui_free)(void *ui);       /* frees a conversation's ui; NULL: none kept */
	const hl_cm_applier *extra;      /* the desk's own apply table (events the model
					  * leaves alone, e.g. a supervisor's); NULL none */
	size_t nextra;
	void *extra_arg;
} hl_cm_model;

/* Makes an empty desk. */
void hl_cm_init(hl_cm_model *d);

/* Frees every conversation and the figures. */
void hl_cm_free(hl_cm_model *d);

/* Sets who is logged in. */
void hl_cm_set_me(hl_cm_model *d, const char *name, const char *display);

/* Applies one event (Snapshot, Offer, ContactLine, Typing, ContactState,
 * AgentStatus, Notice, CodesChanged; others are left to the desk's extra
 * table, which also sees these after the model). A snapshot
 * replaces the figures with the broker's day and the codes with its list. Writes what a person should
 * hear of, or the caller do, into news (up to max entries; *nnews gets
 * how many). Returns HL_AGENT_DIRTY_* flags. */
unsigned hl_cm_apply(hl_cm_model *d, const Hotline__Event *ev, hl_cm_now now,
			     hl_cm_news *news, size_t max, size_t *nnews);

/* Replaces a conversation's transcript with the broker's (after accept,
 * or after a resync), and records a rating found in it. Returns flags. */
unsigned hl_cm_transcript(hl_cm_model *d, const Hotline__TranscriptReply *tr,
				  hl_cm_now now);

/* Takes the floor's figures: waiting counts per queue; when the broker's
 * day has moved on, the agent's own figures start again. Returns flags. */
unsigned hl_cm_floor(hl_cm_model *d, const Hotline__FloorReply *fr,
			     hl_cm_now now);

/* Takes the queue list: ids and menu labels. Returns flags. */
unsigned hl_cm_queue_list(hl_cm_model *d, const Hotline__QueueListReply *ql);

/* Which queues the status line shows: a comma-separated list, "" all. */
void hl_cm_serve(hl_cm_model *d, const char *csv);

/* A queue's label in the interface language ("" when none). */
const char *hl_cm_queue_label(const hl_cm_model *d, const char *id);

/* The label of a configured code (kind "not_ready" or "wrap_up") in the
 * interface language, or NULL when the desk does not know it. */
const char *hl_cm_code_label(const hl_cm_model *d, const char *kind, const char *id);

/* The conversation with id, or NULL. */
hl_cm_conv *hl_cm_find(const hl_cm_model *d, const char *id);

/* The conversation shown, or NULL. */
hl_cm_conv *hl_cm_selected(const hl_cm_model *d);

/* Shows conversation id (NULL or unknown: none) and marks it read.
 * Returns flags. */
unsigned hl_cm_select(hl_cm_model *d, const char *id);

/* Takes conversation id off the desk (wrap-up done, or it left). When it
 * was shown, the next one in the hotlist's order is. Returns flags. */
unsigned hl_cm_remove(hl_cm_model *d, const char *id);

/* Wrap-up of id is done at now: its time goes into the figures and it
 * leaves the desk. Returns flags. */
unsigned hl_cm_wrapped(hl_cm_model *d, const char *id, hl_cm_now now);

/* Lets customer typing indicators lapse. Returns flags. */
unsigned hl_cm_tick(hl_cm_model *d, hl_cm_now now);

/* Unread lines over all conversations. */
unsigned hl_cm_unread(const hl_cm_model *d);

/* How many conversations are of kind (HL_CM_OFFER…), -1 for all. */
size_t hl_cm_count(const hl_cm_model *d, int kind);

/* The conversation indices in list order — offers first, soonest deadline
 * on top; then chats, oldest first; then wrap-ups — into idx (room for
 * max); returns how many. */
size_t hl_cm_order(const hl_cm_model *d, size_t *idx, size_t max);

/* The conversation listed at position pos (0 first), or NULL. */
hl_cm_conv *hl_cm_at(const hl_cm_model *d, size_t pos);

/* The position of conversation id in the list, or -1. */
long hl_cm_pos(const hl_cm_model *d, const char *id);

/* Takes the broker's list of agents (AgentList's reply) as the roster.
 * Returns flags. */
unsigned hl_cm_roster_set(hl_cm_model *d, const Hotline__AgentListReply *al);

/* The roster's entry for agent name, or NULL. */
const hl_cm_agent *hl_cm_roster_find(const hl_cm_model *d, const char *name);

/* Writes the broker's fixed English system text (a line without a code,
 * or a reason) in the interface language through tr (NULL: as is). */
void hl_cm_system_text(const char *(*tr)(const char *), const char *text, char *out, size_t cap);

#endif
