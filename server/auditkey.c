/* The audit chain's key and witness files: what a person who can rewrite
 * only hotline.db does not have, so a rewritten chain no longer verifies. */
#include "auditkey.h"

#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"

static int hex32(const char *hex, uint8_t out[HL_AUDIT_HASHLEN])
{
	size_t len = 0;

	return sodium_hex2bin(out, HL_AUDIT_HASHLEN, hex, strlen(hex), NULL, &len, NULL) == 0 &&
	       len == HL_AUDIT_HASHLEN ? 0 : -1;
}

/* Writes `text` to `path` through a temporary file and a rename, so a crash
 * leaves the old file or the new one, never half of one. */
static int write_file(const char *path, const char *text, int excl)
{
	char tmp[4200];
	size_t n = strlen(text);
	int fd, rc;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return HL_E_IO;
	rc = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0 ? 0 : HL_E_IO;
	close(fd);
	if (rc == 0 && excl && link(tmp, path) != 0)
		rc = HL_E_IO;  /* another process made it first: keep theirs */
	else if (rc == 0 && !excl && rename(tmp, path) != 0)
		rc = HL_E_IO;
	unlink(tmp);
	return rc;
}

static int make_key(const char *path, int64_t next_id, hl_audit_key *k)
{
	char hex[2 * HL_AUDIT_HASHLEN + 1], text[160];
	int rc;

	randombytes_buf(k->mac, sizeof k->mac);
	k->from = next_id < 1 ? 1 : next_id;
	sodium_bin2hex(hex, sizeof hex, k->mac, sizeof k->mac);
	snprintf(text, sizeof text, "key=%s\nfrom=%" PRId64 "\n", hex, k->from);
	rc = write_file(path, text, 1);
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(text, sizeof text);
	if (rc < 0)
		hl_log(HL_LOG_ERROR, "cannot create %s: %s", path, strerror(errno));
	else if (k->from > 1)
		hl_log(HL_LOG_INFO, "made %s; audit entries from %" PRId64 " on are "
			"keyed, earlier ones stay plain SHA-256\n", path, k->from);
	return rc;
}

static int read_key(const char *path, FILE *f, hl_audit_key *k)
{
	char line[256];
	int have_key = 0, have_from = 0;
	struct stat sb;

	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077))
		hl_log(HL_LOG_WARN, "%s is readable by others; "
			"chmod 600 it\n", path);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (strncmp(line, "key=", 4) == 0)
			have_key = hex32(line + 4, k->mac) == 0;
		else if (strncmp(line, "from=", 5) == 0)
			have_from = (k->from = strtoll(line + 5, NULL, 10)) >= 1;
	}
	sodium_memzero(line, sizeof line);
	if (!have_key || !have_from) {
		hl_log(HL_LOG_ERROR, "%s does not hold an audit key (key=, from=); "
			"restore it from the backup of the state directory\n", path);
		return HL_E_MALFORMED;
	}
	return 0;
}

static void read_witness(const char *dir, hl_audit_key *k)
{
	char path[4096], line[160], *colon;
	FILE *f;

	k->seen_id = 0;
	snprintf(path, sizeof path, "%s/audit.head", dir);
	if (!(f = fopen(path, "r")))
		return;
	if (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		colon = strchr(line, ':');
		if (colon && hex32(colon + 1, k->seen_hash) == 0)
			k->seen_id = strtoll(line, NULL, 10);
		else
			hl_log(HL_LOG_WARN, "%s does not parse; it is "
				"rewritten with the next audit entry\n", path);
	}
	fclose(f);
}

int hl_auditkey_open(const char *dir, int64_t next_id, hl_audit_key *k)
{
	char path[4096];
	FILE *f;
	int rc;

	memset(k, 0, sizeof *k);
	snprintf(path, sizeof path, "%s/audit.key", dir);
	if ((f = fopen(path, "r"))) {
		rc = read_key(path, f, k);
		fclose(f);
	} else if (errno == ENOENT) {
		rc = make_key(path, next_id, k);
	} else {
		hl_log(HL_LOG_ERROR, "cannot read %s: %s", path, strerror(errno));
		rc = HL_E_IO;
	}
	if (rc == 0)
		read_witness(dir, k);
	return rc;
}

int hl_auditkey_witness(const char *dir, hl_audit_key *k, int64_t id,
			const uint8_t hash[HL_AUDIT_HASHLEN])
{
	char path[4096], hex[2 * HL_AUDIT_HASHLEN + 1], text[160];

	k->seen_id = id;
	memcpy(k->seen_hash, hash, HL_AUDIT_HASHLEN);
	snprintf(path, sizeof path, "%s/audit.head", dir);
	sodium_bin2hex(hex, sizeof hex, hash, HL_AUDIT_HASHLEN);
	snprintf(text, sizeof text, "%" PRId64 ":%s\n", id, hex);
	if (write_file(path, text, 0) < 0) {
		hl_log(HL_LOG_ERROR, "cannot write %s: %s", path, strerror(errno));
		return HL_E_IO;
	}
	return 0;
}
