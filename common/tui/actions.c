/* Looking up and running a desk's actions, and filling a key table's
 * help from them. */
#include "actions.h"

#include "error.h"

const hl_tui_action *hl_tui_action_find(const hl_tui_action *t, size_t n, int id)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

int hl_tui_action_run(const hl_tui_action *t, size_t n, int id, void *ctx,
		      const hl_tui_action_arg *arg)
{
	static const hl_tui_action_arg none = {.word = "", .rest = ""};
	const hl_tui_action *a = hl_tui_action_find(t, n, id);

	if (!a || !a->run)
		return HL_E_NOTFOUND;
	a->run(ctx, arg ? arg : &none);
	return 0;
}

size_t hl_tui_action_keys(const hl_tui_action *t, size_t nt, const hl_tui_key *k, size_t n,
			  hl_tui_key *out, size_t max)
{
	size_t w = 0;

	for (size_t i = 0; i < n && w < max; i++) {
		const hl_tui_action *a;
		out[w] = k[i];
		if (k[i].key && !k[i].help && (a = hl_tui_action_find(t, nt, k[i].action)))
			out[w].help = a->help;
		w++;
	}
	return w;
}
