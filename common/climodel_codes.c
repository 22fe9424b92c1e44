/* The configured codes the desk offers, kept from the broker's snapshot
 * and its codes_changed events; looked up by kind and id for labels. */
#include "climodel_codes.h"

#include <stdio.h>
#include <string.h>

void hl_cm_codes_set(hl_cm_codes *c, Hotline__ReasonCode *const *v, size_t n)
{
	c->n = 0;
	for (size_t i = 0; i < n && c->n < HL_CM_CODES_MAX; i++) {
		hl_cm_code *k = &c->v[c->n];
		if (!v[i] || !v[i]->id || !v[i]->id[0])
			continue;
		snprintf(k->kind, sizeof k->kind, "%s", v[i]->kind ? v[i]->kind : "");
		snprintf(k->id, sizeof k->id, "%s", v[i]->id);
		snprintf(k->label_en, sizeof k->label_en, "%s", v[i]->label_en ? v[i]->label_en : "");
		snprintf(k->label_zh, sizeof k->label_zh, "%s", v[i]->label_zh ? v[i]->label_zh : "");
		c->n++;
	}
}

const char *hl_cm_codes_label(const hl_cm_codes *c, const char *kind, const char *id,
				 bool zh)
{
	for (size_t i = 0; i < c->n; i++) {
		const hl_cm_code *k = &c->v[i];
		if (strcmp(k->kind, kind) != 0 || strcmp(k->id, id) != 0)
			continue;
		if (zh && k->label_zh[0])
			return k->label_zh;
		return k->label_en[0] ? k->label_en : k->id;
	}
	return NULL;
}

size_t hl_cm_codes_count(const hl_cm_codes *c, const char *kind)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += strcmp(c->v[i].kind, kind) == 0;
	return n;
}

const hl_cm_code *hl_cm_codes_at(const hl_cm_codes *c, const char *kind, size_t i)
{
	for (size_t k = 0; k < c->n; k++)
		if (strcmp(c->v[k].kind, kind) == 0 && i-- == 0)
			return &c->v[k];
	return NULL;
}
