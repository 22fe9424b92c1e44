/* Role names: the wire enum Hotline__Role to words and back. */
#ifndef HL_ROLE_H
#define HL_ROLE_H

#include <stddef.h>

/* Bit for `role` in a role mask. */
#define HL_ROLE_BIT(r) (1u << (r))

/* Returns the role's English name ("agent", "team_lead", …) or "none". */
const char *hl_role_name(int role);

/* Parses a role name (also "team-lead", "tl", "sp", "csr"); returns the
 * Hotline__Role value, or HL_E_INVALID. */
int hl_role_parse(const char *name);

/* Writes the names of the roles in `mask` (HL_ROLE_BIT values) into buf,
 * in rank order, as a person reads them: "admin", "supervisor or admin",
 * "agent, team_lead or supervisor"; "no" for an empty mask. Always
 * NUL-terminates when size > 0; returns buf. */
const char *hl_role_mask_names(unsigned mask, char *buf, size_t size);

/* The accepted names, comma-separated, for usage messages. */
const char *hl_role_names(void);

#endif
