/* The slash commands' table and parser: adding a command is one entry
 * here and one case in perform.c. */
#include "command.h"

#include <string.h>

#include "i18n.h"

const hl_agent_command hl_agent_commands[] = {
	{.name = "accept", .action = HL_AGENT_ACT_ACCEPT, .args = HL_AGENT_ARGS_OPT,
	 .usage = N_("[N]"), .help = N_("accept the offer (the one shown, or number N)")},
	{.name = "decline", .action = HL_AGENT_ACT_DECLINE, .args = HL_AGENT_ARGS_OPT,
	 .usage = N_("[N]"), .help = N_("decline the offer")},
	{.name = "end", .action = HL_AGENT_ACT_END, .args = HL_AGENT_ARGS_OPT,
	 .usage = N_("[N]"), .help = N_("end the conversation")},
	{.name = "transfer", .action = HL_AGENT_ACT_TRANSFER, .args = HL_AGENT_ARGS_WORD,
	 .usage = N_("QUEUE|@AGENT [NOTE]"),
	 .help = N_("transfer to a queue or an agent, with an internal note")},
	{.name = "state", .action = HL_AGENT_ACT_STATE, .args = HL_AGENT_ARGS_WORD,
	 .usage = N_("available|break|lunch|meeting|training|coaching|offline"),
	 .help = N_("set your state (a reason alone means Not Ready)")},
	{.name = "wrap", .action = HL_AGENT_ACT_WRAP, .args = HL_AGENT_ARGS_TEXT,
	 .usage = N_("[CODE [NOTE]]"), .help = N_("wrap-up code and note, then done")},
	{.name = "figures", .action = HL_AGENT_ACT_FIGURES, .args = HL_AGENT_ARGS_NONE,
	 .usage = "", .help = N_("your figures for today")},
	{.name = "info", .action = HL_AGENT_ACT_INFO, .args = HL_AGENT_ARGS_NONE,
	 .usage = "", .help = N_("show or hide the customer panel")},
	{.name = "help", .action = HL_AGENT_ACT_HELP, .args = HL_AGENT_ARGS_NONE,
	 .usage = "", .help = N_("keys and commands")},
	{.name = "quit", .action = HL_AGENT_ACT_QUIT, .args = HL_AGENT_ARGS_NONE,
	 .usage = "", .help = N_("leave (asks first while conversations are open)")},
	{.name = NULL},
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *skip_space(const char *s)
{
	while (*s && is_space(*s))
		s++;
	return s;
}

/* The command named by s[0..len): whole name first, then a prefix that
 * only one name has. Sets *ambiguous when several share the prefix. */
static const hl_agent_command *find(const char *s, size_t len, int *ambiguous)
{
	const hl_agent_command *hit = NULL;
	int hits = 0;

	*ambiguous = 0;
	for (const hl_agent_command *c = hl_agent_commands; c->name; c++)
		if (strlen(c->name) == len && strncmp(c->name, s, len) == 0)
			return c;
	for (const hl_agent_command *c = hl_agent_commands; c->name; c++) {
		if (strncmp(c->name, s, len) == 0) {
			hit = c;
			hits++;
		}
	}
	if (hits > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return hit;
}

static int fail(hl_agent_cmdline *out, const char *msg)
{
	out->action = HL_AGENT_ACT_NONE;
	out->error = msg;
	return out->action;
}

int hl_agent_command_parse(const char *line, hl_agent_cmdline *out)
{
	const char *s = skip_space(line), *name, *p;
	size_t nlen;
	int ambiguous;

	memset(out, 0, sizeof *out);
	out->word = out->rest = "";
	if (!*s)
		return HL_AGENT_ACT_NONE;
	if (line[0] != '/' || line[1] == '/') {
		out->action = HL_AGENT_ACT_SEND;
		out->rest = line[0] == '/' ? line + 1 : line;
		return out->action;
	}
	name = line + 1;
	for (p = name; *p && !is_space(*p); p++)
		;
	nlen = (size_t)(p - name);
	if (nlen == 0)
		return fail(out, N_("type a command after '/', e.g. /help"));
	out->cmd = find(name, nlen, &ambiguous);
	if (!out->cmd)
		return fail(out, ambiguous ? N_("more than one command starts like that; /help lists them")
					   : N_("no such command; /help lists them"));
	p = skip_space(p);
	if (out->cmd->args != HL_AGENT_ARGS_NONE) {
		out->word = p;
		while (*p && !is_space(*p))
			p++;
		out->word_len = (size_t)(p - out->word);
		out->rest = skip_space(p);
	} else if (*p) {
		out->cmd = NULL;
		return fail(out, N_("/%s takes nothing after it"));
	}
	if (out->cmd->args == HL_AGENT_ARGS_OPT && *out->rest)
		return fail(out, N_("/%s takes at most one word"));
	if (out->cmd->args == HL_AGENT_ARGS_WORD && out->word_len == 0)
		return fail(out, N_("/%s needs more: see /help"));
	out->action = out->cmd->action;
	return out->action;
}

static int reason_ok(const char *s, size_t n)
{
	if (n == 0 || n > 31)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void copy(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

int hl_agent_command_state(const char *word, size_t word_len, const char *rest,
			   char *state, char *reason, size_t cap)
{
	static const char *const alone[] = {"available", "offline"};
	const char *r;
	size_t rl;

	state[0] = reason[0] = 0;
	if (word_len == 0)
		return -1;
	for (size_t i = 0; i < sizeof alone / sizeof alone[0]; i++) {
		if (strlen(alone[i]) == word_len && strncmp(word, alone[i], word_len) == 0) {
			copy(state, cap, word, word_len);
			return 0;
		}
	}
	if (word_len == 9 && strncmp(word, "not_ready", 9) == 0) {
		r = rest ? rest : "";
		for (rl = 0; r[rl] && !is_space(r[rl]); rl++)
			;
	} else {
		r = word;
		rl = word_len;
	}
	if (!reason_ok(r, rl))
		return -1;
	copy(state, cap, "not_ready", 9);
	copy(reason, cap, r, rl);
	return 0;
}

bool hl_agent_command_target(const char *word, size_t word_len, char *out, size_t cap)
{
	bool agent = word_len > 0 && word[0] == '@';

	if (agent)
		copy(out, cap, word + 1, word_len - 1);
	else
		copy(out, cap, word, word_len);
	return agent;
}
