/* hotline-ctl's help, made from the command table: the list of commands,
 * and each command's page with its arguments, options and an example. */
#include "ctl.h"

#include <string.h>

#include "width.h"

#define HELP_COLS 79

/* Prints a token after a space, or on a new line under `indent` columns
 * when it would pass HELP_COLS; `col` is where the cursor is now.
 * Returns the column after it. */
static int put_token(FILE *f, int col, int indent, const char *tok)
{
	int w = hl_tui_width_str(tok);

	if (col > indent && col + 1 + w > HELP_COLS) {
		fprintf(f, "\n%*s", indent, "");
		col = indent;
	} else {
		fputc(' ', f);
		col++;
	}
	fputs(tok, f);
	return col + w;
}

static void usage_line(FILE *f, const hl_ctl_cmd *c)
{
	char tok[160];
	int col = fprintf(f, "usage: hotline-ctl %s", c->words), indent = col;

	/* Arguments, then required options, then the optional ones. */
	for (const hl_ctl_arg *a = c->args; a && a->name; a++) {
		snprintf(tok, sizeof tok, a->optional == 2 ? "[%s...]" : a->optional ? "[%s]" : "%s",
			 a->name);
		col = put_token(f, col, indent, tok);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (const hl_ctl_opt *o = c->opts; o && o->name; o++) {
			int req = (o->flags & HL_CTL_REQUIRED) != 0;
			if (req != (pass == 0))
				continue;
			snprintf(tok, sizeof tok, "%s--%s%s%s%s%s", req ? "" : "[", o->name,
				 o->value ? " " : "", o->value ? o->value : "", req ? "" : "]",
				 o->flags & HL_CTL_REPEAT ? "..." : "");
			col = put_token(f, col, indent, tok);
		}
	}
	fputc('\n', f);
}

/* "  LEFT                  text": the text from column 24, wrapped at
 * HELP_COLS under itself (on the next line when LEFT is too long). */
static void item_line(FILE *f, const char *left, const char *tag, const char *text)
{
	char buf[512];
	hl_tui_wrap w;
	hl_tui_span row;
	int col = fprintf(f, "  %-21s ", left);
	size_t off = 0;

	snprintf(buf, sizeof buf, "%s%s", tag, text);
	/* The first row fills what is left of this line (less after a long
	 * LEFT); the rest wrap at column 24. */
	hl_tui_width_wrap_init(&w, buf, strlen(buf), HELP_COLS - col);
	if (hl_tui_width_wrap_next(&w, &row)) {
		fprintf(f, "%.*s\n", (int)row.len, buf + row.off);
		off = row.off + row.len;
	}
	while (buf[off] == ' ')
		off++;
	if (!buf[off])
		return;
	hl_tui_width_wrap_init(&w, buf + off, strlen(buf + off), HELP_COLS - 24);
	while (hl_tui_width_wrap_next(&w, &row))
		fprintf(f, "%24s%.*s\n", "", (int)row.len, buf + off + row.off);
}

static void opt_line(FILE *f, const hl_ctl_opt *o)
{
	char left[80];
	const char *tag = (o->flags & HL_CTL_REQUIRED) ? "required; "
			  : (o->flags & HL_CTL_REPEAT) ? "repeatable; " : "";

	snprintf(left, sizeof left, "--%s%s%s", o->name, o->value ? " " : "",
		 o->value ? o->value : "");
	item_line(f, left, tag, o->help);
}

void hl_ctl_help_cmd(FILE *f, const hl_ctl_cmd *c)
{
	usage_line(f, c);
	/* The table's summaries are fragments ("add a user"): a sentence here. */
	fprintf(f, "\n%c%s.\n", c->summary[0] >= 'a' && c->summary[0] <= 'z' ?
		c->summary[0] - 'a' + 'A' : c->summary[0], c->summary + 1);
	if (c->args && c->args->name) {
		fputs("\nArguments:\n", f);
		for (const hl_ctl_arg *a = c->args; a->name; a++)
			item_line(f, a->name, a->optional ? "optional; " : "", a->help);
	}
	if (c->opts && c->opts->name) {
		fputs("\nOptions:\n", f);
		for (const hl_ctl_opt *o = c->opts; o->name; o++)
			opt_line(f, o);
	}
	fputs("\nGlobal options go before or after the command:", f);
	int col = 47;
	for (const hl_ctl_opt *o = hl_ctl_globals; o->name; o++) {
		char tok[64];
		snprintf(tok, sizeof tok, "--%s%s%s%s", o->name, o->value ? " " : "",
			 o->value ? o->value : "", o[1].name ? "," : ".");
		col = put_token(f, col, 2, tok);
	}
	fputs("\nSee 'hotline-ctl help' for what they do.\n", f);
	fprintf(f, "\nExample:\n  hotline-ctl %s\n", c->example);
}

static void list_line(const hl_ctl_cmd *c, void *arg)
{
	fprintf(arg, "  %-17s %s\n", c->words, c->summary);
}

void hl_ctl_help_all(FILE *f)
{
	fputs("usage: hotline-ctl [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]\n"
	      "       hotline-ctl help [COMMAND]   or   hotline-ctl COMMAND --help\n\n"
	      "Global options (before or after the command):\n", f);
	for (const hl_ctl_opt *o = hl_ctl_globals; o->name; o++)
		opt_line(f, o);
	fputs("\nCommands:\n", f);
	hl_ctl_each_cmd(list_line, f);
	fputs("\nExit codes: 0 done; 1 other error; 2 usage (a wrong or missing option or\n"
	      "argument); 3 cannot connect, or the broker's key does not match the pin;\n"
	      "4 login refused; 5 permission denied.\n", f);
}

struct group {
	FILE *f;
	const char *prefix;
	int n;
};

static void group_line(const hl_ctl_cmd *c, void *arg)
{
	struct group *g = arg;
	size_t len = strlen(g->prefix);

	if (strncmp(c->words, g->prefix, len) != 0 || (c->words[len] && c->words[len] != ' '))
		return;
	if (!g->f) {
		g->n++;
		return;
	}
	if (!g->n++)
		fprintf(g->f, "The %s commands:\n", g->prefix);
	list_line(c, g->f);
}

int hl_ctl_help_group(FILE *f, const char *prefix)
{
	struct group g = {f, prefix, 0};

	hl_ctl_each_cmd(group_line, &g);
	if (g.n && f)
		fputs("Add --help after one for its arguments and options.\n", f);
	return g.n;
}
