/* The web chat as a broker module: the visitors' registry it keeps, its
 * sweep, the [web] texts of broker.ini, and the customer channel it
 * carries (custchan.h) — web chat is the broker's first channel. */
#include "webchat.h"
#include "webchat_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "custchan.h"
#include "error.h"
#include "module.h"

#define SWEEP_MS 10000  /* idle rate limits and silent visitors, now and then */

/* One configuration per process, read before the broker opens. */
static struct hl_webchat_conf conf;

struct state {
	hl_webchat *w;
	int64_t next_sweep;
};

const struct hl_webchat_conf *hl_webchat_settings(void)
{
	return &conf;
}

const char *hl_webchat_closed_text(hl_broker *b, struct visitor *v)
{
	return hl_webchat_text_for(b, v, conf.closed_en, conf.closed_zh);
}

hl_webchat *hl_webchat_state(hl_broker *b)
{
	struct state *st = hl_module_state(b, &hl_mod_webchat);

	return st ? st->w : NULL;
}

static void config_defaults(void)
{
	memset(&conf, 0, sizeof conf);
	snprintf(conf.welcome_en, sizeof conf.welcome_en, "Welcome to our service. What can we "
		 "help you with?");
	snprintf(conf.welcome_zh, sizeof conf.welcome_zh, "您好，欢迎咨询！请选择您要办理的业务：");
	snprintf(conf.closed_en, sizeof conf.closed_en, "We are closed now. Leave us a message "
		 "and we will get back to you.");
	snprintf(conf.closed_zh, sizeof conf.closed_zh, "现在是非工作时间，请留言，我们会尽快与您联系。");
}

/* [web] texts: one table of key and destination. */
static int config_key(const char *name, const char *value)
{
	const struct {
		const char *key;
		char *dst;
		size_t cap;
	} keys[] = {
		{"welcome_en", conf.welcome_en, sizeof conf.welcome_en},
		{"welcome_zh", conf.welcome_zh, sizeof conf.welcome_zh},
		{"closed_en", conf.closed_en, sizeof conf.closed_en},
		{"closed_zh", conf.closed_zh, sizeof conf.closed_zh},
		{"regions", conf.regions, sizeof conf.regions},
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(name, keys[i].key) == 0) {
			snprintf(keys[i].dst, keys[i].cap, "%s", value);
			return 1;
		}
	}
	return 0;
}

static int mod_open(hl_broker *b)
{
	struct state *st = calloc(1, sizeof *st);

	if (!st || !(st->w = hl_webchat_new(b))) {
		free(st);
		return HL_E_NOMEM;
	}
	hl_module_set_state(b, &hl_mod_webchat, st);
	return 0;
}

static void mod_close(hl_broker *b)
{
	struct state *st = hl_module_state(b, &hl_mod_webchat);

	if (!st)
		return;
	hl_webchat_free(st->w);
	free(st);
	hl_module_set_state(b, &hl_mod_webchat, NULL);
}

static int64_t mod_tick(hl_broker *b, int64_t now)
{
	struct state *st = hl_module_state(b, &hl_mod_webchat);

	if (now >= st->next_sweep) {
		/* Without a web port there are no visitors to sweep. */
		if (b->web)
			hl_webchat_sweep(b);
		st->next_sweep = now + SWEEP_MS;
	}
	return st->next_sweep;
}

static void input(hl_broker *b, const void *item)
{
	hl_webchat_item(b, item);
}

static int reachable(hl_broker *b, const hl_contact *c)
{
	(void)b;
	return c->web_conn != 0;
}

static const hl_custchan_ops channel = {
	.name = "web",
	.input = input,
	.reachable = reachable,
	.line = hl_webchat_line,
	.joined = hl_webchat_agent_joined,
	.queued = hl_webchat_queued,
	.where = hl_webchat_where,
	.typing = hl_webchat_typing,
	.ended = hl_webchat_ended,
	.rejected = hl_webchat_rejected,
};

const hl_custchan_ops *hl_webchat_channel(void)
{
	return &channel;
}

const hl_module hl_mod_webchat = {
	.name = "webchat",
	.open = mod_open,
	.close = mod_close,
	.tick = mod_tick,
	.config_section = "web",
	.config_defaults = config_defaults,
	.config_key = config_key,
	.channel = &channel,
};
