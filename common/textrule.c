/* The text rules for strings from outside: strict UTF-8, then a table of
 * code points each field refuses or allows by its flags. */
#include "textrule.h"

#include <stdint.h>

#include "utf8.h"

/* What a code point is to the rules; anything not in the table is text. */
enum cls {
	CLS_TEXT,
	CLS_NUL,
	CLS_CONTROL,   /* always refused */
	CLS_BREAK,     /* newline and tab: only in a multi-line field */
	CLS_LINESEP,   /* U+2028/U+2029: draw as a line break somewhere, so one-line fields refuse them */
	CLS_BIDI,      /* always refused: they reorder what follows, even out of the field */
	CLS_MARK,      /* LRM/RLM/ALM: weak, invisible; real right-to-left text uses them */
};

static const struct {
	uint32_t lo, hi;
	enum cls cls;
} classes[] = {
	{0x0000, 0x0000, CLS_NUL},
	{0x0001, 0x0008, CLS_CONTROL},
	{0x0009, 0x0009, CLS_BREAK},
	{0x000A, 0x000A, CLS_BREAK},
	{0x000B, 0x001F, CLS_CONTROL},   /* CR too: browsers send "\n" */
	{0x007F, 0x009F, CLS_CONTROL},   /* DEL and C1 (NEL, CSI, …) */
	{0x061C, 0x061C, CLS_MARK},      /* ARABIC LETTER MARK */
	{0x200E, 0x200F, CLS_MARK},      /* LRM, RLM */
	{0x2028, 0x2029, CLS_LINESEP},
	{0x202A, 0x202E, CLS_BIDI},      /* LRE RLE PDF LRO RLO */
	{0x2066, 0x2069, CLS_BIDI},      /* LRI RLI FSI PDI */
};

static enum cls classify(uint32_t cp)
{
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (cp >= classes[i].lo && cp <= classes[i].hi)
			return classes[i].cls;
	return CLS_TEXT;
}

/* What each class is refused as, unless a flag of the field allows it. */
static const struct {
	hl_textrule_reason reason;
	unsigned allowed_by;
} rules[] = {
	[CLS_TEXT] = {HL_TEXTRULE_OK, 0},
	[CLS_NUL] = {HL_TEXTRULE_NUL, 0},
	[CLS_CONTROL] = {HL_TEXTRULE_CONTROL, 0},
	[CLS_BREAK] = {HL_TEXTRULE_NEWLINE, HL_TEXTRULE_MULTILINE},
	[CLS_LINESEP] = {HL_TEXTRULE_NEWLINE, HL_TEXTRULE_MULTILINE},
	[CLS_BIDI] = {HL_TEXTRULE_BIDI, 0},
	[CLS_MARK] = {HL_TEXTRULE_BIDI, HL_TEXTRULE_MARKS},
};

static hl_textrule_reason verdict(enum cls c, unsigned flags)
{
	return flags & rules[c].allowed_by ? HL_TEXTRULE_OK : rules[c].reason;
}

hl_textrule_reason hl_textrule_check(const char *str, size_t len, unsigned flags, size_t max,
				     size_t *at)
{
	size_t i = 0, count = 0, k;
	hl_textrule_reason r;
	uint32_t cp;

	while (i < len) {
		if (!(k = hl_utf8_decode(str + i, len - i, &cp))) {
			r = HL_TEXTRULE_BAD_UTF8;
			goto out;
		}
		if ((r = verdict(classify(cp), flags)) != HL_TEXTRULE_OK)
			goto out;
		i += k;
		count++;
	}
	if (max && (flags & HL_TEXTRULE_CHARS ? count : len) > max) {
		r = HL_TEXTRULE_TOO_LONG;
		goto out;
	}
	return HL_TEXTRULE_OK;
out:
	if (at)
		*at = i;
	return r;
}

static const struct {
	const char *name, *text;
} reasons[HL_TEXTRULE_REASONS] = {
	[HL_TEXTRULE_OK] = {"ok", "is acceptable"},
	[HL_TEXTRULE_BAD_UTF8] = {"bad_utf8", "is not valid UTF-8"},
	[HL_TEXTRULE_NUL] = {"nul", "contains a NUL character"},
	[HL_TEXTRULE_CONTROL] = {"control", "contains a control character"},
	[HL_TEXTRULE_NEWLINE] = {"newline", "must be one line without tabs"},
	[HL_TEXTRULE_BIDI] = {"bidi", "contains a bidirectional control character"},
	[HL_TEXTRULE_TOO_LONG] = {"too_long", "is too long"},
};

const char *hl_textrule_reason_text(hl_textrule_reason r)
{
	return (unsigned)r < HL_TEXTRULE_REASONS ? reasons[r].text : "is not acceptable";
}

const char *hl_textrule_reason_name(hl_textrule_reason r)
{
	return (unsigned)r < HL_TEXTRULE_REASONS ? reasons[r].name : "?";
}
